using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LessonReview.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SelfReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "reviews",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "mentored");

            migrationBuilder.AddColumn<DateTime>(
                name: "SharedAt",
                table: "reviews",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SelfReviewNote",
                table: "comments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Kind",
                table: "reviews");

            migrationBuilder.DropColumn(
                name: "SharedAt",
                table: "reviews");

            migrationBuilder.DropColumn(
                name: "SelfReviewNote",
                table: "comments");
        }
    }
}
