using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Modules.Choreography.Data.Migrations
{
    /// <inheritdoc />
    public partial class TokensWithoutRawToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Raw task tokens leave the table: the shop answers its own callbacks by execution id.
            migrationBuilder.Sql("UPDATE chor_tokens SET Token = ExecutionId || '#' || State;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Raw tokens cannot come back; the keys stay.
        }
    }
}
