using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LessonReview.Migrations.PostgreSQL.Migrations
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
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "mentored");

            migrationBuilder.AddColumn<DateTime>(
                name: "SharedAt",
                table: "reviews",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SelfReviewNote",
                table: "comments",
                type: "boolean",
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
