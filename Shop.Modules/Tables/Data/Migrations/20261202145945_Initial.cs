using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Tables.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tbl_items",
                columns: table => new
                {
                    TableName = table.Column<string>(type: "TEXT", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", nullable: false),
                    Range = table.Column<string>(type: "TEXT", nullable: false),
                    Item = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tbl_items", x => new { x.TableName, x.Hash, x.Range });
                });

            migrationBuilder.CreateTable(
                name: "tbl_tables",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    HashName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    HashType = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    RangeName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    RangeType = table.Column<string>(type: "TEXT", maxLength: 1, nullable: true),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tbl_tables", x => x.Name);
                });

            migrationBuilder.InsertData(
                table: "tbl_tables",
                columns: new[] { "Name", "CreatedAt", "HashName", "HashType", "RangeName", "RangeType" },
                values: new object[] { "orders", "2026-01-01T00:00:00.0000000Z", "customerId", "S", "orderId", "S" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tbl_items");

            migrationBuilder.DropTable(
                name: "tbl_tables");
        }
    }
}
