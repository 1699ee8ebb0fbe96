using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LessonReview.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class StandingMentors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "standing_mentors",
                columns: table => new
                {
                    TraineeId = table.Column<Guid>(type: "uuid", nullable: false),
                    MentorId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_standing_mentors", x => new { x.TraineeId, x.MentorId });
                    table.ForeignKey(
                        name: "FK_standing_mentors_users_MentorId",
                        column: x => x.MentorId,
                        principalTable: "users",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_standing_mentors_users_TraineeId",
                        column: x => x.TraineeId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_standing_mentors_MentorId",
                table: "standing_mentors",
                column: "MentorId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "standing_mentors");
        }
    }
}
