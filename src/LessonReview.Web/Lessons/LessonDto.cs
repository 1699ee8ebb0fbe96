using LessonReview.Core.Lessons;
using LessonReview.Media.Playback;
using LessonReview.Web.Localization;
using Microsoft.Extensions.Localization;

namespace LessonReview.Web.Lessons;

/// <summary>A lesson as the API shows it (DESIGN.md: GET /api/lessons/{id}).</summary>
/// <param name="Playable">Playback can start: true once the first HLS segments are out, usually while <paramref name="Status"/> is still processing.</param>
/// <param name="VideoUrl">An HLS playlist (index.m3u8) that may still grow while processing; video.mp4 for lessons made before HLS.</param>
public sealed record LessonDto(
    Guid Id, string Title, string Filename, DateOnly? LessonDate, DateOnly? NextLessonDate, Guid OwnerId,
    string Status, bool Playable, double Progress, string? Error, double? DurationSeconds,
    string? VideoUrl, string? PosterUrl, string? StoryboardUrl, IReadOnlyList<Guid> ReviewIds,
    long UploadOffset, long UploadLength, int? Width, int? Height, DateTime CreatedAt)
{
    /// <param name="text">
    /// Writes a failure reason in the reader's language: processing stores it as an English
    /// template and its values (<see cref="FailureReason"/>), the template being the resource key.
    /// </param>
    public static LessonDto From(Lesson lesson, IStringLocalizer<SharedText> text, IReadOnlyList<Guid>? reviewIds = null)
    {
        var ready = lesson.Status == LessonStatus.Ready;
        var playable = lesson.IsPlayable();
        return new LessonDto(lesson.Id, lesson.Title, lesson.Filename, lesson.LessonDate, lesson.NextLessonDate, lesson.OwnerId,
            lesson.Status, playable, Math.Round(lesson.Progress, 4), lesson.Error is { } error ? text.Sentence(error) : null, lesson.DurationSeconds,
            playable ? MediaUrl(lesson.Id, lesson.VideoFile ?? PlaybackPipeline.LegacyVideoFileName) : null,
            ready ? MediaUrl(lesson.Id, PlaybackPipeline.PosterFileName) : null,
            playable && lesson.StoryboardSheets > 0 ? MediaUrl(lesson.Id, PlaybackPipeline.StoryboardVttFileName) : null, // grows while it encodes
            reviewIds ?? [], lesson.UploadOffset, lesson.UploadLength, lesson.Width, lesson.Height, lesson.CreatedAt);
    }

    public static string MediaUrl(Guid lessonId, string file) => $"/api/lessons/{lessonId}/media/{file}";
}
