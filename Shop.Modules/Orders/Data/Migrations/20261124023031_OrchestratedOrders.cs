using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Orders.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrchestratedOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ord_delivery_waits",
                columns: table => new
                {
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OrderId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ExecutionId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TaskToken = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OpenedAt = table.Column<string>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<string>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ord_delivery_waits", x => new { x.CustomerId, x.OrderId });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ord_delivery_waits");
        }
    }
}
