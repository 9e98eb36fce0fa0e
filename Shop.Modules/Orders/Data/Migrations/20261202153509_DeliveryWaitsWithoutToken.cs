using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Orders.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryWaitsWithoutToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TaskToken",
                table: "ord_delivery_waits");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TaskToken",
                table: "ord_delivery_waits",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");
        }
    }
}
