using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Kernel.Events.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evt_deliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    EventId = table.Column<string>(type: "TEXT", nullable: false),
                    Subscriber = table.Column<string>(type: "TEXT", nullable: false),
                    Who = table.Column<string>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<string>(type: "TEXT", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    FailedAt = table.Column<string>(type: "TEXT", nullable: true),
                    Dead = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evt_deliveries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_evt_deliveries_Dead_Sequence",
                table: "evt_deliveries",
                columns: new[] { "Dead", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_evt_deliveries_EventId_Subscriber",
                table: "evt_deliveries",
                columns: new[] { "EventId", "Subscriber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evt_deliveries");
        }
    }
}
