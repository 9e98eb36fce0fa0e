using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Coffee.Data.Migrations
{
    /// <inheritdoc />
    public partial class DrinkAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EarlierAttempts",
                table: "coffee_drinks",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EarlierAttempts",
                table: "coffee_drinks");
        }
    }
}
