using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Coffee.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "coffee_drinks",
                columns: table => new
                {
                    OrderId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Drink = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TaskToken = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    BaristaId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ExecutionId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    WaitingSince = table.Column<string>(type: "TEXT", nullable: true),
                    LastHeartbeatAt = table.Column<string>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coffee_drinks", x => x.OrderId);
                });

            migrationBuilder.CreateTable(
                name: "coffee_store",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    StoreOpen = table.Column<bool>(type: "INTEGER", nullable: true),
                    BaristaCapacity = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coffee_store", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_coffee_drinks_FinishedAt",
                table: "coffee_drinks",
                column: "FinishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_coffee_drinks_Status_CreatedAt",
                table: "coffee_drinks",
                columns: new[] { "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coffee_drinks");

            migrationBuilder.DropTable(
                name: "coffee_store");
        }
    }
}
