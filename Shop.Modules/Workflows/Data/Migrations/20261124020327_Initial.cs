using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Workflows.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "wf_deadlines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExecutionId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", nullable: true),
                    DueAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_deadlines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "wf_demo_effects",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExecutionId = table.Column<string>(type: "TEXT", nullable: false),
                    Step = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_demo_effects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "wf_executions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Workflow = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    CurrentState = table.Column<string>(type: "TEXT", nullable: false),
                    StateInput = table.Column<string>(type: "TEXT", nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    Waiting = table.Column<string>(type: "TEXT", nullable: true),
                    Input = table.Column<string>(type: "TEXT", nullable: false),
                    Output = table.Column<string>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", nullable: true),
                    Cause = table.Column<string>(type: "TEXT", nullable: true),
                    FailedState = table.Column<string>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<string>(type: "TEXT", nullable: false),
                    StoppedAt = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    ParentId = table.Column<string>(type: "TEXT", nullable: true),
                    ParentRound = table.Column<string>(type: "TEXT", nullable: true),
                    BranchIndex = table.Column<int>(type: "INTEGER", nullable: true),
                    HistoryCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_executions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "wf_history",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExecutionId = table.Column<string>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: true),
                    Time = table.Column<string>(type: "TEXT", nullable: false),
                    Details = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_history", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "wf_task_tokens",
                columns: table => new
                {
                    Hash = table.Column<string>(type: "TEXT", nullable: false),
                    ExecutionId = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_task_tokens", x => x.Hash);
                });

            migrationBuilder.CreateIndex(
                name: "IX_wf_deadlines_DueAt",
                table: "wf_deadlines",
                column: "DueAt");

            migrationBuilder.CreateIndex(
                name: "IX_wf_deadlines_ExecutionId",
                table: "wf_deadlines",
                column: "ExecutionId");

            migrationBuilder.CreateIndex(
                name: "IX_wf_demo_effects_ExecutionId_Step",
                table: "wf_demo_effects",
                columns: new[] { "ExecutionId", "Step" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_executions_ParentId_ParentRound",
                table: "wf_executions",
                columns: new[] { "ParentId", "ParentRound" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_executions_StartedAt",
                table: "wf_executions",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_wf_executions_Status_Waiting",
                table: "wf_executions",
                columns: new[] { "Status", "Waiting" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_executions_Workflow_Name",
                table: "wf_executions",
                columns: new[] { "Workflow", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_wf_executions_Workflow_StartedAt",
                table: "wf_executions",
                columns: new[] { "Workflow", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_executions_Workflow_Status",
                table: "wf_executions",
                columns: new[] { "Workflow", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_history_ExecutionId_Sequence",
                table: "wf_history",
                columns: new[] { "ExecutionId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_wf_task_tokens_ExecutionId_Status",
                table: "wf_task_tokens",
                columns: new[] { "ExecutionId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "wf_deadlines");

            migrationBuilder.DropTable(
                name: "wf_demo_effects");

            migrationBuilder.DropTable(
                name: "wf_executions");

            migrationBuilder.DropTable(
                name: "wf_history");

            migrationBuilder.DropTable(
                name: "wf_task_tokens");
        }
    }
}
