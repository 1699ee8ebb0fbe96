using LessonReview.Core.Accounts;
using LessonReview.Core.Lessons;
using LessonReview.Core.Processing;
using LessonReview.Core.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LessonReview.Core.Data;

/// <summary>The application's database: SQLite by default, PostgreSQL in production.</summary>
public sealed class LessonReviewDb(DbContextOptions<LessonReviewDb> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<ProcessingJob> ProcessingJobs => Set<ProcessingJob>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<ReviewMentor> ReviewMentors => Set<ReviewMentor>();
    public DbSet<StageChange> StageChanges => Set<StageChange>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<ActionItem> ActionItems => Set<ActionItem>();
    public DbSet<ReviewEvent> ReviewEvents => Set<ReviewEvent>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<User>(user =>
        {
            user.ToTable("users");
            user.HasIndex(u => u.NormalizedEmail).IsUnique();
            user.Property(u => u.Email).HasMaxLength(320);
            user.Property(u => u.NormalizedEmail).HasMaxLength(320);
            user.Property(u => u.Name).HasMaxLength(200);
            user.Property(u => u.Role).HasMaxLength(20);
        });
        model.Entity<Lesson>(lesson =>
        {
            lesson.ToTable("lessons");
            lesson.HasIndex(l => l.OwnerId);
            lesson.HasIndex(l => new { l.Status, l.UploadExpiresAt });
            lesson.Property(l => l.Title).HasMaxLength(200);
            lesson.Property(l => l.Filename).HasMaxLength(255);
            lesson.Property(l => l.Status).HasMaxLength(20);
            lesson.Property(l => l.Error).HasMaxLength(1000);
            lesson.HasOne<User>().WithMany().HasForeignKey(l => l.OwnerId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ProcessingJob>(job =>
        {
            job.ToTable("processing_jobs");
            job.HasIndex(j => new { j.State, j.AvailableAt });
            job.HasIndex(j => j.LessonId);
            job.Property(j => j.State).HasMaxLength(20);
            job.Property(j => j.LeaseOwner).HasMaxLength(200);
            job.Property(j => j.LastError).HasMaxLength(4000);
            job.HasOne<Lesson>().WithMany().HasForeignKey(j => j.LessonId).OnDelete(DeleteBehavior.Cascade);
        });
        OnReviewsCreating(model);
    }

    private static void OnReviewsCreating(ModelBuilder model)
    {
        model.Entity<Review>(review =>
        {
            review.ToTable("reviews");
            review.HasIndex(r => r.LessonId);
            review.Property(r => r.Stage).HasMaxLength(20);
            review.HasOne<Lesson>().WithMany().HasForeignKey(r => r.LessonId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ReviewMentor>(mentor =>
        {
            mentor.ToTable("review_mentors");
            mentor.HasKey(m => new { m.ReviewId, m.UserId });
            mentor.HasIndex(m => m.UserId);
            mentor.HasOne<Review>().WithMany().HasForeignKey(m => m.ReviewId).OnDelete(DeleteBehavior.Cascade);
            mentor.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<StageChange>(change =>
        {
            change.ToTable("stage_changes");
            change.HasIndex(c => c.ReviewId);
            change.Property(c => c.Stage).HasMaxLength(20);
            change.HasOne<Review>().WithMany().HasForeignKey(c => c.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Comment>(comment =>
        {
            comment.ToTable("comments");
            comment.Property(c => c.Id).ValueGeneratedNever();
            comment.HasIndex(c => c.ReviewId);
            comment.Property(c => c.Kind).HasMaxLength(20);
            comment.Property(c => c.Text).HasMaxLength(4000);
            comment.HasOne<Review>().WithMany().HasForeignKey(c => c.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ActionItem>(item =>
        {
            item.ToTable("action_items");
            item.HasIndex(i => i.ReviewId);
            item.Property(i => i.Text).HasMaxLength(1000);
            item.Property(i => i.Status).HasMaxLength(20);
            item.Property(i => i.CommentIds).HasMaxLength(2000);
            item.HasOne<Review>().WithMany().HasForeignKey(i => i.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ReviewEvent>(e =>
        {
            e.ToTable("review_events");
            e.HasKey(x => new { x.ReviewId, x.Seq });
            e.Property(x => x.Type).HasMaxLength(40);
            e.HasOne<Review>().WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    // Instants are stored as UTC on both providers (SQLite loses the Kind, Npgsql insists on UTC).
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        conventions.Properties<DateTime>().HaveConversion<UtcConverter>();
        conventions.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
