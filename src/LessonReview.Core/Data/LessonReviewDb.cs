using LessonReview.Core.Accounts;
using LessonReview.Core.Lessons;
using LessonReview.Core.Processing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LessonReview.Core.Data;

/// <summary>The application's database: SQLite by default, PostgreSQL in production.</summary>
public sealed class LessonReviewDb(DbContextOptions<LessonReviewDb> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<ProcessingJob> ProcessingJobs => Set<ProcessingJob>();

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
