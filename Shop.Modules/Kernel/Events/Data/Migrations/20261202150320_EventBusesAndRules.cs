using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Kernel.Events.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventBusesAndRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Bus",
                table: "evt_events",
                type: "TEXT",
                nullable: false,
                defaultValue: "default");

            migrationBuilder.CreateTable(
                name: "evt_buses",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evt_buses", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "evt_rule_targets",
                columns: table => new
                {
                    Bus = table.Column<string>(type: "TEXT", nullable: false),
                    Rule = table.Column<string>(type: "TEXT", nullable: false),
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Arn = table.Column<string>(type: "TEXT", nullable: false),
                    RoleArn = table.Column<string>(type: "TEXT", nullable: true),
                    InputJson = table.Column<string>(type: "TEXT", nullable: true),
                    Position = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evt_rule_targets", x => new { x.Bus, x.Rule, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "evt_rules",
                columns: table => new
                {
                    Bus = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Pattern = table.Column<string>(type: "TEXT", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    RoleArn = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evt_rules", x => new { x.Bus, x.Name });
                });

            migrationBuilder.CreateIndex(
                name: "IX_evt_events_Bus_Sequence",
                table: "evt_events",
                columns: new[] { "Bus", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evt_buses");

            migrationBuilder.DropTable(
                name: "evt_rule_targets");

            migrationBuilder.DropTable(
                name: "evt_rules");

            migrationBuilder.DropIndex(
                name: "IX_evt_events_Bus_Sequence",
                table: "evt_events");

            migrationBuilder.DropColumn(
                name: "Bus",
                table: "evt_events");
        }
    }
}
