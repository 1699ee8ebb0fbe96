using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LessonReview.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class ChunkedEncoding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Output",
                table: "processing_jobs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Part",
                table: "processing_jobs",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Output",
                table: "processing_jobs");

            migrationBuilder.DropColumn(
                name: "Part",
                table: "processing_jobs");
        }
    }
}
