namespace LessonReview.Web.Uploads;

/// <summary>Configuration section <c>Upload</c>.</summary>
public sealed class UploadOptions
{
    public const string Section = "Upload";

    /// <summary>Largest accepted recording, in bytes (default 8 GiB).</summary>
    public long MaxBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>An unfinished upload untouched this long is removed with its bytes.</summary>
    public double ExpiryHours { get; set; } = 24;

    /// <summary>
    /// Space kept free on the media volume (local storage): an upload is refused up front when, after
    /// the bytes other unfinished uploads are still owed, it would leave less than this, so the
    /// database and processing always have room.
    /// </summary>
    public long FreeSpaceReserveBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Most bytes of recordings one trainee may keep (all their lessons, unfinished uploads included).</summary>
    public long QuotaBytesPerUser { get; set; } = 100L * 1024 * 1024 * 1024;
}
