namespace LessonReview.Web.Uploads;

/// <summary>Configuration section <c>Upload</c>.</summary>
public sealed class UploadOptions
{
    public const string Section = "Upload";

    /// <summary>Largest accepted recording, in bytes (default 8 GiB).</summary>
    public long MaxBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>An unfinished upload untouched this long is removed with its bytes.</summary>
    public double ExpiryHours { get; set; } = 24;
}
