using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LessonReview.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class TalkAnalysis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "processing_jobs",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "playback");

            migrationBuilder.CreateTable(
                name: "talk_analyses",
                columns: table => new
                {
                    LessonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DurationSeconds = table.Column<double>(type: "double precision", nullable: true),
                    SpeechSeconds = table.Column<double>(type: "double precision", nullable: true),
                    TeacherSeconds = table.Column<double>(type: "double precision", nullable: true),
                    StudentSeconds = table.Column<double>(type: "double precision", nullable: true),
                    TeacherShare = table.Column<double>(type: "double precision", nullable: true),
                    StudentTurns = table.Column<int>(type: "integer", nullable: true),
                    LongestTeacherTurnSeconds = table.Column<double>(type: "double precision", nullable: true),
                    MedianWaitSeconds = table.Column<double>(type: "double precision", nullable: true),
                    SegmentsJson = table.Column<string>(type: "text", nullable: true),
                    MinutesJson = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_talk_analyses", x => x.LessonId);
                    table.ForeignKey(
                        name: "FK_talk_analyses_lessons_LessonId",
                        column: x => x.LessonId,
                        principalTable: "lessons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "talk_analyses");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "processing_jobs");
        }
    }
}
