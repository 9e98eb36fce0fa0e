using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Workflows.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExecutionRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EnteredAt",
                table: "wf_executions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RedriveCount",
                table: "wf_executions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "RedrivenAt",
                table: "wf_executions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "wf_executions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EnteredAt",
                table: "wf_executions");

            migrationBuilder.DropColumn(
                name: "RedriveCount",
                table: "wf_executions");

            migrationBuilder.DropColumn(
                name: "RedrivenAt",
                table: "wf_executions");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "wf_executions");
        }
    }
}
