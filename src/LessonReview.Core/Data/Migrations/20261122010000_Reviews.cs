using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LessonReview.Core.Data.Migrations;

/// <summary>Reviews, mentors, stage history, comments, action items and the catch-up event log.</summary>
[DbContext(typeof(LessonReviewDb))]
[Migration("20261122010000_Reviews")]
public sealed class Reviews : Migration
{
    protected override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("reviews", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            LessonId = t.Column<Guid>(nullable: false),
            Stage = t.Column<string>(maxLength: 20, nullable: false),
            Seq = t.Column<long>(nullable: false),
            CreatedById = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_reviews", x => x.Id);
            t.ForeignKey("FK_reviews_lessons_LessonId", x => x.LessonId, "lessons", "Id", onDelete: ReferentialAction.Cascade);
        });
        migration.CreateIndex("IX_reviews_LessonId", "reviews", "LessonId");

        migration.CreateTable("review_mentors", t => new
        {
            ReviewId = t.Column<Guid>(nullable: false),
            UserId = t.Column<Guid>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_review_mentors", x => new { x.ReviewId, x.UserId });
            t.ForeignKey("FK_review_mentors_reviews_ReviewId", x => x.ReviewId, "reviews", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_review_mentors_users_UserId", x => x.UserId, "users", "Id", onDelete: ReferentialAction.Cascade);
        });
        migration.CreateIndex("IX_review_mentors_UserId", "review_mentors", "UserId");

        migration.CreateTable("stage_changes", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ReviewId = t.Column<Guid>(nullable: false),
            Stage = t.Column<string>(maxLength: 20, nullable: false),
            ByUserId = t.Column<Guid>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
            Seq = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_stage_changes", x => x.Id);
            t.ForeignKey("FK_stage_changes_reviews_ReviewId", x => x.ReviewId, "reviews", "Id", onDelete: ReferentialAction.Cascade);
        });
        migration.CreateIndex("IX_stage_changes_ReviewId", "stage_changes", "ReviewId");

        migration.CreateTable("comments", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ReviewId = t.Column<Guid>(nullable: false),
            ParentId = t.Column<Guid>(nullable: true),
            AtSeconds = t.Column<double>(nullable: false),
            EndSeconds = t.Column<double>(nullable: true),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            Text = t.Column<string>(maxLength: 4000, nullable: false),
            AuthorId = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            AcknowledgedAt = t.Column<DateTime>(nullable: true),
            DeletedAt = t.Column<DateTime>(nullable: true),
            Seq = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_comments", x => x.Id);
            t.ForeignKey("FK_comments_reviews_ReviewId", x => x.ReviewId, "reviews", "Id", onDelete: ReferentialAction.Cascade);
        });
        migration.CreateIndex("IX_comments_ReviewId", "comments", "ReviewId");

        migration.CreateTable("action_items", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ReviewId = t.Column<Guid>(nullable: false),
            Text = t.Column<string>(maxLength: 1000, nullable: false),
            DueDate = t.Column<DateOnly>(nullable: true),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            AcknowledgedAt = t.Column<DateTime>(nullable: true),
            CreatedById = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            Seq = t.Column<long>(nullable: false),
            CommentIds = t.Column<string>(maxLength: 2000, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_action_items", x => x.Id);
            t.ForeignKey("FK_action_items_reviews_ReviewId", x => x.ReviewId, "reviews", "Id", onDelete: ReferentialAction.Cascade);
        });
        migration.CreateIndex("IX_action_items_ReviewId", "action_items", "ReviewId");

        migration.CreateTable("review_events", t => new
        {
            ReviewId = t.Column<Guid>(nullable: false),
            Seq = t.Column<long>(nullable: false),
            Type = t.Column<string>(maxLength: 40, nullable: false),
            Payload = t.Column<string>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_review_events", x => new { x.ReviewId, x.Seq });
            t.ForeignKey("FK_review_events_reviews_ReviewId", x => x.ReviewId, "reviews", "Id", onDelete: ReferentialAction.Cascade);
        });
    }

    protected override void Down(MigrationBuilder migration)
    {
        foreach (var table in new[] { "review_events", "action_items", "comments", "stage_changes", "review_mentors", "reviews" })
            migration.DropTable(table);
    }
}
