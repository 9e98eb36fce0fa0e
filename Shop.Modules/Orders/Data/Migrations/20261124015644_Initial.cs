using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Orders.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ord_orders",
                columns: table => new
                {
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OrderId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ItemPrice = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveryPrice = table.Column<long>(type: "INTEGER", nullable: true),
                    Total = table.Column<long>(type: "INTEGER", nullable: true),
                    PaymentId = table.Column<string>(type: "TEXT", nullable: true),
                    DeliveryAddress = table.Column<string>(type: "TEXT", nullable: true),
                    ExecutionId = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ord_orders", x => new { x.CustomerId, x.OrderId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ord_orders_CreatedAt",
                table: "ord_orders",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ord_orders_Status",
                table: "ord_orders",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ord_orders");
        }
    }
}
