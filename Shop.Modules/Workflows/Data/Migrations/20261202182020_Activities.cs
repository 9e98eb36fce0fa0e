using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Workflows.Data.Migrations
{
    /// <inheritdoc />
    public partial class Activities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "wf_activities",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_activities", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "wf_activity_tasks",
                columns: table => new
                {
                    TokenHash = table.Column<string>(type: "TEXT", nullable: false),
                    Activity = table.Column<string>(type: "TEXT", nullable: false),
                    Token = table.Column<string>(type: "TEXT", nullable: true),
                    ExecutionId = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    Input = table.Column<string>(type: "TEXT", nullable: false),
                    ScheduledAt = table.Column<string>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<string>(type: "TEXT", nullable: true),
                    WorkerName = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_activity_tasks", x => x.TokenHash);
                });

            migrationBuilder.CreateIndex(
                name: "IX_wf_activity_tasks_Activity_StartedAt_ScheduledAt",
                table: "wf_activity_tasks",
                columns: new[] { "Activity", "StartedAt", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_activity_tasks_ExecutionId",
                table: "wf_activity_tasks",
                column: "ExecutionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "wf_activities");

            migrationBuilder.DropTable(
                name: "wf_activity_tasks");
        }
    }
}
