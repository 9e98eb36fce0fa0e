using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Kernel.Events.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evt_events",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<string>(type: "TEXT", nullable: false),
                    Who = table.Column<string>(type: "TEXT", nullable: false),
                    TimeWhat = table.Column<string>(type: "TEXT", nullable: false),
                    Time = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    DetailType = table.Column<string>(type: "TEXT", nullable: false),
                    Envelope = table.Column<string>(type: "TEXT", nullable: false),
                    OrderId = table.Column<string>(type: "TEXT", nullable: true),
                    DispatchedAt = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evt_events", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "evt_handled",
                columns: table => new
                {
                    EventId = table.Column<string>(type: "TEXT", nullable: false),
                    Handler = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evt_handled", x => new { x.EventId, x.Handler });
                });

            migrationBuilder.CreateIndex(
                name: "IX_evt_events_DetailType",
                table: "evt_events",
                column: "DetailType");

            migrationBuilder.CreateIndex(
                name: "IX_evt_events_DispatchedAt",
                table: "evt_events",
                column: "DispatchedAt",
                filter: "DispatchedAt IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_evt_events_EventId",
                table: "evt_events",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evt_events_OrderId",
                table: "evt_events",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_evt_events_Time",
                table: "evt_events",
                column: "Time");

            migrationBuilder.CreateIndex(
                name: "IX_evt_events_Who_TimeWhat",
                table: "evt_events",
                columns: new[] { "Who", "TimeWhat" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evt_events");

            migrationBuilder.DropTable(
                name: "evt_handled");
        }
    }
}
