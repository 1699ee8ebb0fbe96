using LessonReview.Core.Accounts;
using LessonReview.Core.Analysis;
using LessonReview.Core.Framework;
using LessonReview.Core.Lessons;
using LessonReview.Core.Notifications;
using LessonReview.Core.Processing;
using LessonReview.Core.Reviews;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LessonReview.Core.Data;

/// <summary>
/// The application's database: SQLite by default, PostgreSQL or SQL Server in production. Holds
/// ASP.NET Core Identity's users and roles, the server-side sign-in sessions and the data-protection
/// keys that every instance shares, next to lessons and reviews.
/// </summary>
public sealed class LessonReviewDb(DbContextOptions<LessonReviewDb> options)
    : IdentityDbContext<User, Role, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;
    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<ProcessingJob> ProcessingJobs => Set<ProcessingJob>();
    public DbSet<LessonView> LessonViews => Set<LessonView>();
    public DbSet<TalkAnalysis> TalkAnalyses => Set<TalkAnalysis>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<StandingMentor> StandingMentors => Set<StandingMentor>();
    public DbSet<ReviewMentor> ReviewMentors => Set<ReviewMentor>();
    public DbSet<StageChange> StageChanges => Set<StageChange>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<ActionItem> ActionItems => Set<ActionItem>();
    public DbSet<ReviewEvent> ReviewEvents => Set<ReviewEvent>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<GrowthArea> GrowthAreas => Set<GrowthArea>();
    public DbSet<GrowthLevel> GrowthLevels => Set<GrowthLevel>();
    public DbSet<AreaRating> AreaRatings => Set<AreaRating>();
    public DbSet<OutgoingMail> OutgoingMail => Set<OutgoingMail>();

    /// <summary>The users who have <paramref name="role"/>.</summary>
    public IQueryable<User> UsersInRole(string role)
    {
        var roleId = Accounts.Roles.IdOf(role);
        return Users.Where(u => UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model); // Identity's tables, keys and indexes
        OnAccountsCreating(model);
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
        model.Entity<LessonView>(view =>
        {
            view.ToTable("lesson_views");
            view.HasIndex(v => new { v.LessonId, v.At });
            view.HasOne<Lesson>().WithMany().HasForeignKey(v => v.LessonId).OnDelete(DeleteBehavior.Cascade);
            // Not cascading from users too: SQL Server refuses two cascade paths (users → lessons → views). Accounts are switched off, not deleted.
            view.HasOne<User>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.NoAction);
        });
        model.Entity<ProcessingJob>(job =>
        {
            job.ToTable("processing_jobs");
            job.HasIndex(j => new { j.State, j.AvailableAt });
            job.HasIndex(j => j.LessonId);
            job.Property(j => j.State).HasMaxLength(20);
            job.Property(j => j.Kind).HasMaxLength(20);
            job.Property(j => j.LeaseOwner).HasMaxLength(200);
            job.Property(j => j.LastError).HasMaxLength(4000);
            job.Property(j => j.Part).HasMaxLength(200);
            job.HasOne<Lesson>().WithMany().HasForeignKey(j => j.LessonId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TalkAnalysis>(talk =>
        {
            talk.ToTable("talk_analyses");
            talk.HasKey(t => t.LessonId);
            talk.Property(t => t.Status).HasMaxLength(20);
            talk.Property(t => t.Error).HasMaxLength(1000);
            talk.HasOne<Lesson>().WithOne().HasForeignKey<TalkAnalysis>(t => t.LessonId).OnDelete(DeleteBehavior.Cascade);
        });
        OnReviewsCreating(model);
        OnNotificationsCreating(model);
        OnFrameworkCreating(model);
    }

    private static void OnFrameworkCreating(ModelBuilder model)
    {
        model.Entity<GrowthArea>(area =>
        {
            area.ToTable("growth_areas");
            area.Property(a => a.Name).HasMaxLength(100);
            area.Property(a => a.NameJa).HasMaxLength(100);
            area.HasMany(a => a.Levels).WithOne().HasForeignKey(l => l.AreaId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<GrowthLevel>(level =>
        {
            level.ToTable("growth_levels");
            level.HasKey(l => new { l.AreaId, l.Level });
            level.Property(l => l.Descriptor).HasMaxLength(500);
            level.Property(l => l.DescriptorJa).HasMaxLength(500);
        });
        model.Entity<AreaRating>(rating =>
        {
            rating.ToTable("area_ratings");
            rating.HasKey(r => new { r.ReviewId, r.AreaId });
            rating.HasIndex(r => r.AreaId);
            rating.HasOne<Review>().WithMany().HasForeignKey(r => r.ReviewId).OnDelete(DeleteBehavior.Cascade);
            // Areas are archived, never deleted, so ratings (a trainee's history) stay.
            rating.HasOne<GrowthArea>().WithMany().HasForeignKey(r => r.AreaId).OnDelete(DeleteBehavior.NoAction);
        });
    }

    private static void OnNotificationsCreating(ModelBuilder model)
    {
        model.Entity<Notification>(n =>
        {
            n.ToTable("notifications");
            n.HasIndex(x => new { x.UserId, x.CreatedAt });
            // Once per person and key (a day's reminder, a week's digest), whoever scans.
            n.HasIndex(x => new { x.UserId, x.Key }).IsUnique();
            n.Property(x => x.Kind).HasMaxLength(40);
            n.Property(x => x.Text).HasMaxLength(2000);
            n.Property(x => x.Link).HasMaxLength(400);
            n.Property(x => x.Key).HasMaxLength(100);
            n.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<OutgoingMail>(m =>
        {
            m.ToTable("outgoing_mail");
            m.HasIndex(x => new { x.State, x.AvailableAt });
            m.Property(x => x.To).HasMaxLength(320);
            m.Property(x => x.Subject).HasMaxLength(300);
            m.Property(x => x.Body).HasMaxLength(20000);
            m.Property(x => x.State).HasMaxLength(20);
            m.Property(x => x.LeaseOwner).HasMaxLength(200);
            m.Property(x => x.LastError).HasMaxLength(2000);
            // Kept when the person or notification goes: the outbox is also the record of what was sent.
            m.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
        });
    }

    private static void OnAccountsCreating(ModelBuilder model)
    {
        model.Entity<User>(user =>
        {
            user.ToTable("users");
            // E-mail is the sign-in name; 320 is the longest address RFC 5321 allows.
            user.Property(u => u.Email).HasMaxLength(320);
            user.Property(u => u.NormalizedEmail).HasMaxLength(320);
            user.Property(u => u.UserName).HasMaxLength(320);
            user.Property(u => u.NormalizedUserName).HasMaxLength(320);
            user.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
            user.Property(u => u.Name).HasMaxLength(200);
            user.Property(u => u.School).HasMaxLength(200);
            user.Property(u => u.Language).HasMaxLength(8);
            user.Property(u => u.TimeZone).HasMaxLength(64);
            user.Property(u => u.EmailOptOuts).HasMaxLength(200).HasDefaultValue("");
        });
        model.Entity<Role>(role =>
        {
            role.ToTable("roles");
            role.HasData(Accounts.Roles.Seed());
        });
        model.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        model.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        model.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        model.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        model.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
        model.Entity<UserSession>(session =>
        {
            session.ToTable("user_sessions");
            session.Property(s => s.Id).HasMaxLength(64);
            session.HasIndex(s => s.UserId);
            session.HasIndex(s => s.ExpiresAt);
            session.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }

    private static void OnReviewsCreating(ModelBuilder model)
    {
        model.Entity<Review>(review =>
        {
            review.ToTable("reviews");
            review.HasIndex(r => r.LessonId);
            review.Property(r => r.Stage).HasMaxLength(20);
            review.Property(r => r.Kind).HasMaxLength(20).HasDefaultValue(ReviewKinds.Mentored);
            review.Ignore(r => r.IsPrivate);
            review.HasOne<Lesson>().WithMany().HasForeignKey(r => r.LessonId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<StandingMentor>(standing =>
        {
            standing.ToTable("standing_mentors");
            standing.HasKey(m => new { m.TraineeId, m.MentorId });
            standing.HasIndex(m => m.MentorId);
            standing.HasOne<User>().WithMany().HasForeignKey(m => m.TraineeId).OnDelete(DeleteBehavior.Cascade);
            // Not cascading from both users: SQL Server refuses two cascade paths into one table. Accounts are switched off, not deleted.
            standing.HasOne<User>().WithMany().HasForeignKey(m => m.MentorId).OnDelete(DeleteBehavior.NoAction);
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
            comment.HasIndex(c => c.AreaId);
            comment.HasOne<GrowthArea>().WithMany().HasForeignKey(c => c.AreaId).OnDelete(DeleteBehavior.NoAction);
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
