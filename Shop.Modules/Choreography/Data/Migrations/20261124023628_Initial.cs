using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Choreography.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chor_inbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Choreography = table.Column<string>(type: "TEXT", nullable: false),
                    EntityId = table.Column<string>(type: "TEXT", nullable: false),
                    EventId = table.Column<string>(type: "TEXT", nullable: false),
                    Event = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chor_inbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "chor_runs",
                columns: table => new
                {
                    Choreography = table.Column<string>(type: "TEXT", nullable: false),
                    EntityId = table.Column<string>(type: "TEXT", nullable: false),
                    ExecutionId = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    Remaining = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    Events = table.Column<int>(type: "INTEGER", nullable: false),
                    DivergedState = table.Column<string>(type: "TEXT", nullable: true),
                    DivergedEventId = table.Column<string>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chor_runs", x => new { x.Choreography, x.EntityId });
                });

            migrationBuilder.CreateTable(
                name: "chor_simulations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Published = table.Column<int>(type: "INTEGER", nullable: false),
                    Events = table.Column<string>(type: "TEXT", nullable: false),
                    Error = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chor_simulations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "chor_tokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Choreography = table.Column<string>(type: "TEXT", nullable: false),
                    EntityId = table.Column<string>(type: "TEXT", nullable: false),
                    EventName = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    Token = table.Column<string>(type: "TEXT", nullable: false),
                    ExecutionId = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chor_tokens", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_chor_inbox_Choreography_EntityId_Id",
                table: "chor_inbox",
                columns: new[] { "Choreography", "EntityId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_chor_runs_ExecutionId",
                table: "chor_runs",
                column: "ExecutionId");

            migrationBuilder.CreateIndex(
                name: "IX_chor_simulations_CreatedAt",
                table: "chor_simulations",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_chor_tokens_Choreography_EntityId_EventName",
                table: "chor_tokens",
                columns: new[] { "Choreography", "EntityId", "EventName" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chor_inbox");

            migrationBuilder.DropTable(
                name: "chor_runs");

            migrationBuilder.DropTable(
                name: "chor_simulations");

            migrationBuilder.DropTable(
                name: "chor_tokens");
        }
    }
}
