using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LessonReview.Core.Data.Migrations;

/// <summary>
/// Users, lessons and processing jobs. Written by hand (EF Core Design is not in this registry):
/// columns are typed by CLR type only, so each provider picks its own SQL type.
/// </summary>
[DbContext(typeof(LessonReviewDb))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("users", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Email = t.Column<string>(maxLength: 320, nullable: false),
            NormalizedEmail = t.Column<string>(maxLength: 320, nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Role = t.Column<string>(maxLength: 20, nullable: false),
            PasswordHash = t.Column<string>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_users", x => x.Id));
        migration.CreateIndex("IX_users_NormalizedEmail", "users", "NormalizedEmail", unique: true);

        migration.CreateTable("lessons", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OwnerId = t.Column<Guid>(nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            Filename = t.Column<string>(maxLength: 255, nullable: false),
            LessonDate = t.Column<DateOnly>(nullable: true),
            NextLessonDate = t.Column<DateOnly>(nullable: true),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            Progress = t.Column<double>(nullable: false),
            Error = t.Column<string>(maxLength: 1000, nullable: true),
            UploadLength = t.Column<long>(nullable: false),
            UploadOffset = t.Column<long>(nullable: false),
            UploadExpiresAt = t.Column<DateTime>(nullable: true),
            DurationSeconds = t.Column<double>(nullable: true),
            Width = t.Column<int>(nullable: true),
            Height = t.Column<int>(nullable: true),
            FastPath = t.Column<bool>(nullable: true),
            StoryboardSheets = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_lessons", x => x.Id);
            t.ForeignKey("FK_lessons_users_OwnerId", x => x.OwnerId, "users", "Id", onDelete: ReferentialAction.Cascade);
        });
        migration.CreateIndex("IX_lessons_OwnerId", "lessons", "OwnerId");
        migration.CreateIndex("IX_lessons_Status_UploadExpiresAt", "lessons", ["Status", "UploadExpiresAt"]);

        migration.CreateTable("processing_jobs", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            LessonId = t.Column<Guid>(nullable: false),
            State = t.Column<string>(maxLength: 20, nullable: false),
            Attempts = t.Column<int>(nullable: false),
            AvailableAt = t.Column<DateTime>(nullable: false),
            LeaseOwner = t.Column<string>(maxLength: 200, nullable: true),
            LeaseExpiresAt = t.Column<DateTime>(nullable: true),
            LastError = t.Column<string>(maxLength: 4000, nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            FinishedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_processing_jobs", x => x.Id);
            t.ForeignKey("FK_processing_jobs_lessons_LessonId", x => x.LessonId, "lessons", "Id", onDelete: ReferentialAction.Cascade);
        });
        migration.CreateIndex("IX_processing_jobs_State_AvailableAt", "processing_jobs", ["State", "AvailableAt"]);
        migration.CreateIndex("IX_processing_jobs_LessonId", "processing_jobs", "LessonId");
    }

    protected override void Down(MigrationBuilder migration)
    {
        migration.DropTable("processing_jobs");
        migration.DropTable("lessons");
        migration.DropTable("users");
    }
}
