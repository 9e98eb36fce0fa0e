using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Coffee.Data.Migrations
{
    /// <inheritdoc />
    public partial class DrinkTokenHashed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Raw task tokens leave the table (SQLite cannot hash them here): the board answers by execution id,
            // and drinks that wait from now on keep the token's SHA-256.
            migrationBuilder.Sql("UPDATE coffee_drinks SET TaskToken = NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Raw tokens cannot come back.
        }
    }
}
