using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LessonReview.Migrations.PostgreSQL.Migrations
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VideoFile",
                table: "lessons",
                type: "text",
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
