using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Workflows.Data.Migrations
{
    /// <inheritdoc />
    public partial class PerfListAndTokenHashIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_wf_executions_Workflow_Status_StartedAt_Id",
                table: "wf_executions",
                columns: new[] { "Workflow", "Status", "StartedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_deadlines_TokenHash",
                table: "wf_deadlines",
                column: "TokenHash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wf_executions_Workflow_Status_StartedAt_Id",
                table: "wf_executions");

            migrationBuilder.DropIndex(
                name: "IX_wf_deadlines_TokenHash",
                table: "wf_deadlines");
        }
    }
}
