using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Kernel.Events.Data.Migrations
{
    /// <inheritdoc />
    public partial class SchedulesArchivesRetries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ScheduleExpression",
                table: "evt_rules",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScheduleLastSlot",
                table: "evt_rules",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScheduleSince",
                table: "evt_rules",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeadLetterArn",
                table: "evt_rule_targets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MaxEventAgeSeconds",
                table: "evt_rule_targets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MaxRetryAttempts",
                table: "evt_rule_targets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplayName",
                table: "evt_events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeadLetter",
                table: "evt_deliveries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FirstFailedAt",
                table: "evt_deliveries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "evt_archives",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Bus = table.Column<string>(type: "TEXT", nullable: false),
                    Pattern = table.Column<string>(type: "TEXT", nullable: true),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    RetentionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    FromSequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evt_archives", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "evt_replays",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Archive = table.Column<string>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    EventStartTime = table.Column<string>(type: "TEXT", nullable: false),
                    EventEndTime = table.Column<string>(type: "TEXT", nullable: false),
                    Destination = table.Column<string>(type: "TEXT", nullable: false),
                    FilterArns = table.Column<string>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    StateReason = table.Column<string>(type: "TEXT", nullable: true),
                    ReplayStartTime = table.Column<string>(type: "TEXT", nullable: false),
                    ReplayEndTime = table.Column<string>(type: "TEXT", nullable: true),
                    LastSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    UpToSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    EventLastReplayedTime = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evt_replays", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_evt_replays_State",
                table: "evt_replays",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evt_archives");

            migrationBuilder.DropTable(
                name: "evt_replays");

            migrationBuilder.DropColumn(
                name: "ScheduleExpression",
                table: "evt_rules");

            migrationBuilder.DropColumn(
                name: "ScheduleLastSlot",
                table: "evt_rules");

            migrationBuilder.DropColumn(
                name: "ScheduleSince",
                table: "evt_rules");

            migrationBuilder.DropColumn(
                name: "DeadLetterArn",
                table: "evt_rule_targets");

            migrationBuilder.DropColumn(
                name: "MaxEventAgeSeconds",
                table: "evt_rule_targets");

            migrationBuilder.DropColumn(
                name: "MaxRetryAttempts",
                table: "evt_rule_targets");

            migrationBuilder.DropColumn(
                name: "ReplayName",
                table: "evt_events");

            migrationBuilder.DropColumn(
                name: "DeadLetter",
                table: "evt_deliveries");

            migrationBuilder.DropColumn(
                name: "FirstFailedAt",
                table: "evt_deliveries");
        }
    }
}
