using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LessonReview.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ProgressivePlayback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PlayableAt",
                table: "lessons",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VideoFile",
                table: "lessons",
                type: "nvarchar(max)",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PlayableAt",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "VideoFile",
                table: "lessons");
        }
    }
}
