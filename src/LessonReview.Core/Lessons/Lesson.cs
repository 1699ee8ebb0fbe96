namespace LessonReview.Core.Lessons;

/// <summary>
/// One recorded class. Its id is also the tus upload's id. The original upload stays in storage
/// under <see cref="MediaKeys.Original"/>; processing only adds the playable outputs beside it.
/// </summary>
public sealed class Lesson
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OwnerId { get; set; }
    public required string Title { get; set; }
    public required string Filename { get; set; }
    public DateOnly? LessonDate { get; set; }
    public DateOnly? NextLessonDate { get; set; }
    /// <summary>When the trainee confirmed, at upload, that the school's consent rule allows this class to be filmed.</summary>
    public DateTime? ConsentConfirmedAt { get; set; }
    /// <summary>When it became playable: the original is deleted Privacy:OriginalRetentionDays later.</summary>
    public DateTime? ReadyAt { get; set; }
    /// <summary>When the uploaded original was deleted (the playable rendition stays).</summary>
    public DateTime? OriginalDeletedAt { get; set; }

    /// <summary>One of <see cref="LessonStatus"/>.</summary>
    public string Status { get; set; } = LessonStatus.Uploading;
    /// <summary>0–1: bytes received while uploading, then processing progress.</summary>
    public double Progress { get; set; }
    /// <summary>Why processing failed, in words a trainee understands.</summary>
    public string? Error { get; set; }

    public long UploadLength { get; set; }
    public long UploadOffset { get; set; }
    /// <summary>An unfinished upload untouched until then is removed with its bytes.</summary>
    public DateTime? UploadExpiresAt { get; set; }

    /// <summary>
    /// When playback could start: the first HLS segments were published, usually seconds into
    /// processing (the status stays processing until poster and storyboard are there too).
    /// </summary>
    public DateTime? PlayableAt { get; set; }
    /// <summary>The file the player loads: index.m3u8 (HLS); null for lessons made before HLS, which have video.mp4.</summary>
    public string? VideoFile { get; set; }

    public double? DurationSeconds { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public bool? FastPath { get; set; }
    /// <summary>Number of storyboard sprite sheets; 0 when the video is too short for one.</summary>
    public int StoryboardSheets { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Can be watched: ready, or still processing with its first segments out.</summary>
    public bool IsPlayable() => Status == LessonStatus.Ready || (Status == LessonStatus.Processing && PlayableAt is not null);
}

/// <summary>Lesson states, as the API spells them.</summary>
public static class LessonStatus
{
    public const string Uploading = "uploading";
    public const string Processing = "processing";
    public const string Ready = "ready";
    public const string Failed = "failed";
}

/// <summary>Where a lesson's files live in media storage.</summary>
public static class MediaKeys
{
    public static string Folder(Guid lessonId) => $"lessons/{lessonId:N}/";
    public static string Original(Guid lessonId) => Folder(lessonId) + "original";
    public static string Output(Guid lessonId, string fileName) => Folder(lessonId) + fileName;
}
