using System.Globalization;
using System.Diagnostics;
using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using LessonReview.Core.Framework;
using LessonReview.Core.Lessons;
using LessonReview.Core.Processing;
using LessonReview.Core.Reviews;
using LessonReview.Core.Storage;
using LessonReview.Web.Notifications;
using LessonReview.Web.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LessonReview.Web.Accounts;

/// <summary>
/// Development only (<c>Seed:DemoProgramme</c>, on by default there): on a first start with no
/// lessons, a small living programme so a newcomer sees every page at work: three trainees at two
/// schools (one quiet), a JTE beside Mia, standing mentors, and lessons whose reviews are in every
/// stage (one waiting for a mentor, one with an overdue action item). The lessons are one generated
/// minute of video, uploaded as a trainee would and made playable by the worker as usual.
/// </summary>
public static class DemoProgramme
{
    public static async Task RunAsync(IServiceProvider services, IConfiguration configuration, ILogger logger, CancellationToken cancellationToken = default)
    {
        if (!configuration.GetValue("Seed:DemoProgramme", true)) return;
        var db = services.GetRequiredService<LessonReviewDb>();
        if (await db.Lessons.AnyAsync(cancellationToken)) return; // only a fresh programme
        var accounts = services.GetRequiredService<AccountService>();
        var password = configuration["Seed:Password"] is { Length: > 0 } configured ? configured : DevelopmentSeed.DefaultPassword;

        async Task<User> Person(string email, string role, string name, string school)
        {
            var user = await accounts.UpsertAsync(email, password, role, name, cancellationToken);
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.School, school), cancellationToken);
            return user;
        }
        const string minami = "南中学校", kita = "北小学校";
        var tomoko = await Person("trainee@example.org", Roles.Trainee, "Tomoko Trainee", minami);
        var liam = await Person("liam@example.org", Roles.Trainee, "Liam Park", kita);
        await Person("sofia@example.org", Roles.Trainee, "Sofia Reyes", minami); // quiet: no lesson yet
        var mia = await Person("mentor@example.org", Roles.Mentor, "Mia Mentor", minami);
        var sato = await Person("sato@example.org", Roles.Mentor, "佐藤 健 (JTE)", minami);
        db.StandingMentors.AddRange(
            new StandingMentor { TraineeId = tomoko.Id, MentorId = mia.Id }, new StandingMentor { TraineeId = tomoko.Id, MentorId = sato.Id },
            new StandingMentor { TraineeId = liam.Id, MentorId = mia.Id });
        await db.SaveChangesAsync(cancellationToken);

        var (english, team, structure, engagement) = Framework(db);
        await db.SaveChangesAsync(cancellationToken);

        var clip = await ClipAsync(services.GetRequiredService<IOptions<MediaOptions>>().Value, cancellationToken);
        try
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var now = DateTime.UtcNow;
            var weather = await LessonAsync(services, clip, tomoko, "南中学校 2年 Unit 4 · weather", today.AddDays(-21), today.AddDays(-14), cancellationToken);
            var shopping = await LessonAsync(services, clip, tomoko, "南中学校 2年 Unit 5 · shopping", today.AddDays(-9), today.AddDays(-2), cancellationToken);
            var travel = await LessonAsync(services, clip, tomoko, "南中学校 2年 Unit 6 · travel", today.AddDays(-3), today.AddDays(4), cancellationToken);
            var colours = await LessonAsync(services, clip, liam, "北小学校 5年 · colours", today.AddDays(-5), today.AddDays(2), cancellationToken);

            var done = Review(db, weather, tomoko, [mia, sato], now.AddDays(-20), [ReviewStages.Educate, ReviewStages.FollowUp, ReviewStages.Done], mia);
            Comment(db, done, mia, 6, "strength", "Great greeting: every student answered in English.", now.AddDays(-19), engagement);
            Rate(db, done, mia, now.AddDays(-18), (english, 1), (team, 1), (structure, 2), (engagement, 1));
            Item(db, done, mia, "Use students' names when you praise them.", weather.NextLessonDate, ActionItemStatus.Done, now.AddDays(-18));

            var followUp = Review(db, shopping, tomoko, [mia, sato], now.AddDays(-8), [ReviewStages.Educate, ReviewStages.FollowUp], sato);
            var rolePlay = Comment(db, followUp, sato, 14, "suggestion", "The shopping role-play needs a model dialogue with me first.", now.AddDays(-7), team);
            Comment(db, followUp, mia, 31, "question", "Why did you switch to Japanese here?", now.AddDays(-7), english);
            Item(db, followUp, sato, "Model the role-play with the JTE before pairs start.", shopping.NextLessonDate, ActionItemStatus.Open, now.AddDays(-6), rolePlay); // overdue now
            Rate(db, followUp, sato, now.AddDays(-6), (english, 2), (team, 1), (structure, 2), (engagement, 2));

            Review(db, travel, tomoko, [mia, sato], now.AddDays(-3), [], tomoko); // waiting for a mentor
            var educate = Review(db, colours, liam, [mia], now.AddDays(-4), [ReviewStages.Educate], mia);
            Comment(db, educate, mia, 9, "observation", "The colour chant kept everyone moving.", now.AddDays(-3), engagement);
            await db.SaveChangesAsync(cancellationToken);

            var notifier = services.GetRequiredService<Notifier>();
            await notifier.NotifyAsync([mia.Id, sato.Id], ReviewNotices.Requested(tomoko.Name, travel.Title, db.Reviews.Local.Single(r => r.LessonId == travel.Id).Id), cancellationToken);
            logger.LogInformation("Development demo programme ready: 4 lessons (processing now), reviews in every stage; also liam@, sofia@ and sato@example.org");
        }
        finally
        {
            File.Delete(clip);
        }
    }

    private static async Task<Lesson> LessonAsync(IServiceProvider services, string clip, User owner, string title, DateOnly date, DateOnly next, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<IMediaStorage>();
        var lesson = new Lesson
        {
            OwnerId = owner.Id, Title = title, Filename = "demo.mp4", LessonDate = date, NextLessonDate = next,
            UploadLength = new FileInfo(clip).Length, CreatedAt = date.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
        };
        var lifecycle = services.GetRequiredService<LessonLifecycle>();
        await lifecycle.CreateUploadAsync(lesson, cancellationToken);
        await using (var bytes = File.OpenRead(clip))
            lesson.UploadOffset = await storage.AppendAsync(MediaKeys.Original(lesson.Id), 0, bytes, cancellationToken);
        await lifecycle.UploadCompletedAsync(lesson);
        return lesson;
    }

    private static Review Review(LessonReviewDb db, Lesson lesson, User trainee, User[] mentors, DateTime at, string[] stages, User mover)
    {
        var review = new Review { LessonId = lesson.Id, SharedAt = at, CreatedById = trainee.Id, CreatedAt = at, UpdatedAt = at, Stage = stages.LastOrDefault() ?? ReviewStages.Observe };
        db.Reviews.Add(review);
        db.ReviewMentors.AddRange(mentors.Select(m => new ReviewMentor { ReviewId = review.Id, UserId = m.Id }));
        db.StageChanges.Add(new StageChange { ReviewId = review.Id, Stage = ReviewStages.Observe, ByUserId = trainee.Id, At = at });
        for (var i = 0; i < stages.Length; i++)
            db.StageChanges.Add(new StageChange { ReviewId = review.Id, Stage = stages[i], ByUserId = mover.Id, At = at.AddDays(i + 1) });
        return review;
    }

    private static Comment Comment(LessonReviewDb db, Review review, User author, double at, string kind, string text, DateTime when, GrowthArea area)
    {
        var comment = new Comment { Id = Guid.NewGuid(), ReviewId = review.Id, AtSeconds = at, Kind = kind, Text = text, AuthorId = author.Id, CreatedAt = when, UpdatedAt = when, AreaId = area.Id };
        db.Comments.Add(comment);
        return comment;
    }

    private static void Item(LessonReviewDb db, Review review, User author, string text, DateOnly? due, string status, DateTime when, Comment? from = null) =>
        db.ActionItems.Add(new ActionItem
        {
            ReviewId = review.Id, Text = text, DueDate = due, Status = status, CreatedById = author.Id, CreatedAt = when, UpdatedAt = when,
            CommentIds = from?.Id.ToString() ?? "",
        });

    private static void Rate(LessonReviewDb db, Review review, User mentor, DateTime when, params (GrowthArea Area, int Level)[] ratings) =>
        db.AreaRatings.AddRange(ratings.Select(r => new AreaRating { ReviewId = review.Id, AreaId = r.Area.Id, Level = r.Level, RatedById = mentor.Id, RatedAt = when }));

    /// <summary>An example framework: the four areas the issue names, three levels each, in both languages.</summary>
    private static (GrowthArea English, GrowthArea Team, GrowthArea Structure, GrowthArea Engagement) Framework(LessonReviewDb db)
    {
        GrowthArea Area(int position, string name, string nameJa, params (string En, string Ja)[] levels)
        {
            var area = new GrowthArea { Name = name, NameJa = nameJa, Position = position };
            area.Levels = levels.Select((l, i) => new GrowthLevel { AreaId = area.Id, Level = i + 1, Descriptor = l.En, DescriptorJa = l.Ja }).ToList();
            db.GrowthAreas.Add(area);
            return area;
        }
        return (
            Area(1, "Classroom English", "教室英語",
                ("Speaks mostly Japanese or reads from notes", "主に日本語で話すか、原稿を読む"),
                ("Gives instructions in English with gestures and models", "身振りと手本を使って英語で指示する"),
                ("Keeps the class in English, adjusting to the students", "生徒に合わせながら授業を英語で進める")),
            Area(2, "Team teaching with the JTE", "JTE とのティーム・ティーチング",
                ("Works separately from the JTE", "JTE と別々に動く"),
                ("Shares the plan and roles with the JTE before class", "授業前に JTE と計画と役割を共有する"),
                ("Models dialogues and hands over smoothly with the JTE", "JTE と対話の手本を示し、円滑に役割を交代する")),
            Area(3, "Lesson structure", "授業の構成",
                ("Activities follow one another without a clear aim", "目標が曖昧なまま活動が続く"),
                ("Warm-up, presentation, practice and production are clear", "ウォームアップ・導入・練習・発表が明確"),
                ("Every step builds towards the lesson's goal, on time", "各段階が時間内に授業の目標へ積み上がる")),
            Area(4, "Student engagement", "生徒の参加",
                ("A few students answer; most listen", "一部の生徒だけが答え、多くは聞いている"),
                ("Pairs and groups give most students a turn", "ペアやグループで多くの生徒が発言する"),
                ("Students speak to each other in English without prompting", "促されなくても生徒同士が英語で話す")));
    }

    /// <summary>
    /// One minute of a test picture with a class talking, H.264/AAC (so the worker's fast path makes it
    /// playable in seconds): ffmpeg's own speech synthesiser (the flite filter, in Debian's ffmpeg) says a
    /// teacher's questions in a man's voice and the answers in a woman's, so the talk analysis has
    /// something to find. An ffmpeg without flite gets a tone instead (no talk to show, nothing broken).
    /// </summary>
    private static async Task<string> ClipAsync(MediaOptions media, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"lessonreview-demo-{Guid.NewGuid():N}.mp4");
        var ffmpeg = string.IsNullOrEmpty(media.BinaryFolder) ? "ffmpeg" : Path.Combine(media.BinaryFolder, "ffmpeg");
        string[] picture = ["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=60"];
        string[] encode = ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", "50", "-c:a", "aac", "-movflags", "+faststart", path];
        var (ok, errors) = await FfmpegAsync(ffmpeg, [.. picture, "-filter_complex", TalkGraph, "-map", "0:v", "-map", "[talk]", .. encode], cancellationToken);
        if (!ok)
            (ok, errors) = await FfmpegAsync(ffmpeg, [.. picture, "-f", "lavfi", "-i", "sine=frequency=440:duration=60", "-shortest", .. encode], cancellationToken);
        if (!ok) throw new InvalidOperationException($"The demo programme's clip could not be made with ffmpeg: {errors}");
        return path;
    }

    // Questions and answers with the pauses a class leaves (no commas or colons: they would end the filter's text).
    private static readonly (string Teacher, string Student, double Wait)[] Talk =
    [
        ("Good morning everyone. Today we talk about our weekends. What did you do on Saturday?", "I played baseball with my brother.", 1.4),
        ("That sounds fun. Where did you play?", "In the park near my house.", 2.2),
        ("Great. Please look at the picture on page twelve. What can you see?", "I can see a big dog.", 1.0),
        ("Good. What is the dog doing?", "It is sleeping under the tree.", 2.8),
        ("Very good. Now ask your partner the same question in English. Remember to use full sentences.", "What did you do on Sunday?", 1.8),
    ];

    private static string TalkGraph
    {
        get
        {
            static string Line(string text, string voice, double volume, double pause) =>
                $"flite=text='{text}':voice={voice},aresample=48000,aformat=sample_fmts=fltp:channel_layouts=mono,volume={volume.ToString(CultureInfo.InvariantCulture)}," +
                $"apad=pad_dur={pause.ToString(CultureInfo.InvariantCulture)}";
            var lines = Talk.SelectMany(t => new[] { Line(t.Teacher, "kal", 1, t.Wait), Line(t.Student, "slt", 0.7, 1.6) }).ToList();
            return string.Join(";", lines.Select((line, i) => $"{line}[l{i}]"))
                + ";" + string.Concat(lines.Select((_, i) => $"[l{i}]")) + $"concat=n={lines.Count}:v=0:a=1,adelay=2s:all=1,apad,atrim=0:60[talk]";
        }
    }

    private static async Task<(bool Ok, string Errors)> FfmpegAsync(string ffmpeg, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(ffmpeg) { RedirectStandardError = true };
        foreach (var argument in new[] { "-hide_banner", "-loglevel", "error", "-y" }.Concat(arguments)) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode == 0, errors);
    }
}
