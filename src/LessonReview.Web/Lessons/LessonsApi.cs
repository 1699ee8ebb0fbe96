using LessonReview.Web.Localization;
using Microsoft.Extensions.Localization;
using System.Text.RegularExpressions;
using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Core.Storage;
using LessonReview.Media.Playback;
using LessonReview.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Lessons;

/// <summary>Lessons and their media (video with HTTP Range, poster, storyboard).</summary>
public static partial class LessonsApi
{
    public static IEndpointRouteBuilder MapLessonsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/lessons").WithTags("Lessons").RequireAuthorization();
        api.MapGet("/", List).WithName("ListLessons").WithSummary("Lessons the caller may see, newest first.");
        api.MapGet("/{id:guid}", Get).WithName("GetLesson").WithSummary("One lesson with status, progress and media URLs.");
        api.MapGet("/{id:guid}/views", Views).WithName("LessonViews").WithSummary("Who watched the lesson and when (its trainee and coordinators).");
        api.MapDelete("/{id:guid}", Delete).WithName("DeleteLesson").WithSummary("Delete a lesson and its media (owner or coordinator).");
        api.MapGet("/{id:guid}/media/{file}", Media).WithName("GetLessonMedia")
            .WithSummary("The lesson's HLS playlists and segments (from the moment it is playable, while it still encodes), poster or storyboard; video.mp4 (Range requests) for lessons made before HLS.");
        return app;
    }

    private static async Task<Ok<List<LessonDto>>> List(LessonAccess access, IStringLocalizer<SharedText> text, HttpContext http, CancellationToken cancellationToken)
    {
        var lessons = await access.Visible(Caller.Of(http.User)).OrderByDescending(l => l.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(lessons.Select(l => LessonDto.From(l, text)).ToList());
    }

    private static async Task<Results<Ok<LessonDto>, ProblemHttpResult>> Get(
        Guid id, LessonAccess access, Reviews.ReviewAccess reviews, IStringLocalizer<SharedText> text, HttpContext http, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(http.User);
        var lesson = await access.FindVisibleAsync(caller, id, cancellationToken);
        if (lesson is null) return NotFound();
        var reviewIds = await reviews.Visible(caller).Where(r => r.LessonId == id).OrderBy(r => r.CreatedAt).Select(r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(LessonDto.From(lesson, text, reviewIds));
    }

    private static async Task<Results<Ok<List<Privacy.LessonViewDto>>, ProblemHttpResult>> Views(
        Guid id, LessonAccess access, Privacy.ViewLog log, HttpContext http, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(http.User);
        var lesson = await access.FindVisibleAsync(caller, id, cancellationToken);
        if (lesson is null) return NotFound();
        if (!Privacy.ViewLog.MayRead(lesson, caller))
            return TypedResults.Problem("Only the lesson's trainee and coordinators see who watched it.", statusCode: StatusCodes.Status403Forbidden);
        return TypedResults.Ok(await log.ReadAsync(id, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, LessonAccess access, LessonLifecycle lifecycle, HttpContext http, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(http.User);
        var lesson = await access.FindVisibleAsync(caller, id, cancellationToken);
        if (lesson is null) return NotFound();
        if (!LessonAccess.CanDelete(caller, lesson))
            return TypedResults.Problem("Only the trainee who uploaded this lesson, or a coordinator, can delete it.", statusCode: StatusCodes.Status403Forbidden);
        await lifecycle.DeleteAsync(lesson, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>How long a direct media URL stays valid: a 45-minute lesson can be watched several times over.</summary>
    internal static readonly TimeSpan ReadUrlLifetime = TimeSpan.FromHours(6);

    private static async Task<Results<FileStreamHttpResult, RedirectHttpResult, ProblemHttpResult>> Media(
        Guid id, string file, LessonAccess access, IMediaStorage storage, HttpContext http, CancellationToken cancellationToken)
    {
        var lesson = await access.FindVisibleAsync(Caller.Of(http.User), id, cancellationToken);
        if (lesson is null) return NotFound();
        var contentType = ContentTypeOf(file);
        if (contentType is null) return new Message("A lesson has no file called '{0}'.", file).Problem(StatusCodes.Status404NotFound);
        if (!lesson.IsPlayable())
            return new Message("This lesson is still {0}; its video appears when processing is done.", lesson.Status).Problem(StatusCodes.Status404NotFound);

        // Blob storage serves the bytes itself (Range requests included) through a read-only SAS URL,
        // one per segment. Playlists and the storyboard VTT stay with the app so their relative links
        // resolve to these URLs (and a growing playlist is never cached).
        var servedByApp = HlsNames.IsPlaylist(file) || file == PlaybackPipeline.StoryboardVttFileName;
        if (!servedByApp && await storage.GetReadUrlAsync(MediaKeys.Output(id, file), ReadUrlLifetime, cancellationToken) is { } direct)
        {
            http.Response.Headers.CacheControl = "private, no-store";
            return TypedResults.Redirect(direct.ToString());
        }
        var stream = await storage.OpenReadAsync(MediaKeys.Output(id, file), cancellationToken);
        if (stream is null) return new Message("This lesson has no file called '{0}'.", file).Problem(StatusCodes.Status404NotFound);
        if (HlsNames.IsPlaylist(file))
        {
            // Grows while the lesson encodes: the player reloads it, so no caching and no Last-Modified.
            http.Response.Headers.CacheControl = "private, no-cache";
            return TypedResults.Stream(stream, contentType);
        }
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return TypedResults.Stream(stream, contentType, lastModified: lesson.UpdatedAt, enableRangeProcessing: true);
    }

    private static string? ContentTypeOf(string file) => file switch
    {
        _ when HlsNames.IsHlsFile(file) => HlsNames.ContentType(file),
        PlaybackPipeline.LegacyVideoFileName => "video/mp4",
        PlaybackPipeline.PosterFileName => "image/jpeg",
        PlaybackPipeline.StoryboardVttFileName => "text/vtt; charset=utf-8",
        _ when StoryboardSheet().IsMatch(file) => "image/jpeg",
        _ => null,
    };

    internal static ProblemHttpResult NotFound() =>
        TypedResults.Problem("There is no such lesson, or it is not shared with you. Check the link, or ask the trainee who uploaded it.",
            statusCode: StatusCodes.Status404NotFound);

    [GeneratedRegex(@"^storyboard-[1-9][0-9]{0,3}\.jpg$")]
    private static partial Regex StoryboardSheet();
}
