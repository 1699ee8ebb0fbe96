using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LessonReview.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class GrowthFramework : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AreaId",
                table: "comments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "growth_areas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameJa = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    ArchivedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_growth_areas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "area_ratings",
                columns: table => new
                {
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    RatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    RatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_area_ratings", x => new { x.ReviewId, x.AreaId });
                    table.ForeignKey(
                        name: "FK_area_ratings_growth_areas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "growth_areas",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_area_ratings_reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "growth_levels",
                columns: table => new
                {
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Descriptor = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DescriptorJa = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_growth_levels", x => new { x.AreaId, x.Level });
                    table.ForeignKey(
                        name: "FK_growth_levels_growth_areas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "growth_areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_comments_AreaId",
                table: "comments",
                column: "AreaId");

            migrationBuilder.CreateIndex(
                name: "IX_area_ratings_AreaId",
                table: "area_ratings",
                column: "AreaId");

            migrationBuilder.AddForeignKey(
                name: "FK_comments_growth_areas_AreaId",
                table: "comments",
                column: "AreaId",
                principalTable: "growth_areas",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_comments_growth_areas_AreaId",
                table: "comments");

            migrationBuilder.DropTable(
                name: "area_ratings");

            migrationBuilder.DropTable(
                name: "growth_levels");

            migrationBuilder.DropTable(
                name: "growth_areas");

            migrationBuilder.DropIndex(
                name: "IX_comments_AreaId",
                table: "comments");

            migrationBuilder.DropColumn(
                name: "AreaId",
                table: "comments");
        }
    }
}
