using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Workflows.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExecutionTraceParent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "wf_executions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "wf_executions");
        }
    }
}
