using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.SkipTheLine.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stl_invoices",
                columns: table => new
                {
                    InvoiceId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    OrderId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    VendorId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    File = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    PickedUpAt = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stl_invoices", x => x.InvoiceId);
                });

            migrationBuilder.CreateTable(
                name: "stl_orders",
                columns: table => new
                {
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    VendorId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OrderId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Items = table.Column<string>(type: "TEXT", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    InvoiceId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    ExecutionId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stl_orders", x => new { x.AccountId, x.VendorId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_stl_invoices_AccountId_VendorId",
                table: "stl_invoices",
                columns: new[] { "AccountId", "VendorId" });

            migrationBuilder.CreateIndex(
                name: "IX_stl_invoices_OrderId",
                table: "stl_invoices",
                column: "OrderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_stl_orders_OrderId",
                table: "stl_orders",
                column: "OrderId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stl_invoices");

            migrationBuilder.DropTable(
                name: "stl_orders");
        }
    }
}
