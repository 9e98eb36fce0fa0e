using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Choreography.Data.Migrations
{
    /// <summary>Simulations are executions of the WorkflowSimulation workflow now: their table goes.</summary>
    public partial class SimulationsAreWorkflows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chor_simulations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_chor_simulations_CreatedAt",
                table: "chor_simulations",
                column: "CreatedAt");
        }
    }
}
