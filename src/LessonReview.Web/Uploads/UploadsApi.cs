using Microsoft.EntityFrameworkCore;
using System.Globalization;
using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Core.Storage;
using LessonReview.Web.Accounts;
using LessonReview.Web.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using LessonReview.Web.Localization;

namespace LessonReview.Web.Uploads;

/// <summary>
/// tus 1.0 resumable uploads at /api/uploads (core, creation, termination, expiration). tusdotnet
/// is not in this registry, so the protocol is implemented here. The upload's id is the lesson's id;
/// bytes stream straight to media storage with a fixed-size buffer whatever the file's size.
/// </summary>
public static class UploadsApi
{
    public const string TusVersion = "1.0.0";
    private const string OffsetContentType = "application/offset+octet-stream";
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    /// <summary>Everything the tus handlers need, as one parameter.</summary>
    public sealed record Services(
        LessonReviewDb Db, IMediaStorage Storage, LessonLifecycle Lifecycle,
        UploadLocks Locks, IOptions<UploadOptions> Options, TimeProvider Clock);

    public static IServiceCollection AddUploads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section)
            .Validate(o => o.MaxBytes > 0, "Upload:MaxBytes must be a positive number of bytes.")
            .Validate(o => o.ExpiryHours > 0, "Upload:ExpiryHours must be positive.")
            .Validate(o => o.FreeSpaceReserveBytes >= 0 && o.QuotaBytesPerUser > 0, "Upload:FreeSpaceReserveBytes must be 0 or more and Upload:QuotaBytesPerUser positive.")
            .ValidateOnStart();
        services.AddSingleton<UploadLocks>();
        services.AddHostedService<UploadExpiryService>();
        return services;
    }

    public static IEndpointRouteBuilder MapUploadsApi(this IEndpointRouteBuilder app)
    {
        var tus = app.MapGroup("/api/uploads").WithTags("Uploads").AddEndpointFilter(RequireTusResumable);
        tus.MapMethods("/", ["OPTIONS"], Options).AllowAnonymous().WithName("TusOptions").WithSummary("tus capabilities.");
        tus.MapPost("/", Create).RequireAuthorization(Policies.Trainee).RequireRateLimiting(RateLimits.UploadCreates).WithName("CreateUpload")
            .WithSummary("Start a resumable upload (tus creation); trainees only.");
        tus.MapMethods("/{id:guid}", ["HEAD"], Head).RequireAuthorization().WithName("UploadOffset").WithSummary("How many bytes have arrived.");
        tus.MapMethods("/{id:guid}", ["PATCH"], Patch).RequireAuthorization().RequireRateLimiting(RateLimits.UploadStreams).WithName("AppendUpload")
            .WithSummary("Append bytes at Upload-Offset.").WithMetadata(new DisableRequestSizeLimitAttribute());
        tus.MapDelete("/{id:guid}", Terminate).RequireAuthorization().WithName("TerminateUpload").WithSummary("Abandon an upload and remove its bytes.");
        return app;
    }

    private static IResult Options(HttpContext http, IOptions<UploadOptions> options)
    {
        http.Response.Headers["Tus-Version"] = TusVersion;
        http.Response.Headers["Tus-Extension"] = "creation,termination,expiration";
        http.Response.Headers["Tus-Max-Size"] = options.Value.MaxBytes.ToString(CultureInfo.InvariantCulture);
        return Results.NoContent();
    }

    private static async Task<IResult> Create(HttpContext http, [AsParameters] Services s)
    {
        var headers = http.Request.Headers;
        if (headers.ContainsKey("Upload-Defer-Length"))
            return Problem(400, "This server needs the file's size up front: send Upload-Length instead of Upload-Defer-Length.");
        if (!long.TryParse(headers["Upload-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            return Problem(400, "Send the file's size in bytes in the Upload-Length header.");
        // An empty file is no recording: refused before a lesson exists, not failed after it.
        if (length == 0)
            return Problem(400, "This file is empty (0 bytes): it may not have finished copying from the phone or camera. Choose the recording again.");
        var max = s.Options.Value.MaxBytes;
        if (length > max)
            return Problem(413, new Message("This file is {0}; the largest recording LessonReview accepts is {1}. " +
                "Trim the video or record at a lower quality, then upload again.", Size(length), Size(max)), "File too large");
        var (metadata, problem) = TusMetadata.Parse(headers["Upload-Metadata"]);
        if (metadata is null) return Problem(400, problem!);
        var ownerId = Caller.Of(http.User).Id;
        if (await RoomProblemAsync(ownerId, length, s, http.RequestAborted) is { } noRoom) return noRoom;

        var now = s.Clock.GetUtcNow().UtcDateTime;
        var lesson = new Lesson
        {
            OwnerId = ownerId,
            Title = metadata.Title,
            Filename = metadata.Filename,
            LessonDate = metadata.LessonDate,
            NextLessonDate = metadata.NextLessonDate,
            ConsentConfirmedAt = now,
            UploadLength = length,
            UploadExpiresAt = now.AddHours(s.Options.Value.ExpiryHours),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await s.Lifecycle.CreateUploadAsync(lesson, http.RequestAborted);
        if (length == 0)
        {
            // Nothing will be sent: store the empty original and let processing explain the problem.
            await s.Storage.AppendAsync(MediaKeys.Original(lesson.Id), 0, Stream.Null, http.RequestAborted);
            await s.Lifecycle.UploadCompletedAsync(lesson);
        }

        http.Response.Headers.Location = $"/api/uploads/{lesson.Id}";
        SetExpires(http, lesson);
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    /// <summary>
    /// 507 before any byte arrives when the recording would pass the trainee's quota, or would leave
    /// the media volume with less than the reserve once every unfinished upload has its bytes.
    /// </summary>
    private static async Task<IResult?> RoomProblemAsync(Guid ownerId, long length, Services s, CancellationToken cancellationToken)
    {
        var options = s.Options.Value;
        var used = await s.Db.Lessons.Where(l => l.OwnerId == ownerId).SumAsync(l => (long?)l.UploadLength, cancellationToken) ?? 0;
        if (used + length > options.QuotaBytesPerUser)
            return Problem(507, new Message("Your lessons already take {0} of the {1} each trainee may keep, and this recording " +
                "needs {2}. Delete lessons you no longer need (on each lesson's page), or ask your coordinator.", Size(used), Size(options.QuotaBytesPerUser), Size(length)),
                "Your space is full");
        if (s.Storage.AvailableBytes is not { } free) return null;
        var owed = await s.Db.Lessons.Where(l => l.Status == LessonStatus.Uploading)
            .SumAsync(l => (long?)(l.UploadLength - l.UploadOffset), cancellationToken) ?? 0;
        var room = Math.Max(0, free - owed - options.FreeSpaceReserveBytes);
        return length > room
            ? Problem(507, new Message("The server has no room for this recording just now: it needs {0} and {1} is free. Nothing was uploaded. " +
                "Try again later, and tell your coordinator so they can free space.", Size(length), Size(room)), "Server storage full")
            : null;
    }

    private static async Task<IResult> Head(Guid id, HttpContext http, [AsParameters] Services s)
    {
        var lesson = await FindOwnUploadAsync(id, http, s);
        if (lesson is null) return UploadNotFound();
        if (IsExpired(lesson, s.Clock)) return UploadExpired();
        // A PATCH that lost its client may still be writing its last block: report the offset once it settles.
        using var held = await s.Locks.TryAcquireAsync(id, LockWait, http.RequestAborted);
        if (held is null) return Problem(423, "This upload is still being written. Ask again in a moment.", "Upload busy");
        var stored = lesson.Status == LessonStatus.Uploading
            ? await s.Storage.GetLengthAsync(MediaKeys.Original(id), http.RequestAborted) ?? 0
            : lesson.UploadLength;
        http.Response.Headers["Upload-Offset"] = stored.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["Upload-Length"] = lesson.UploadLength.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        SetExpires(http, lesson);
        return Results.Ok();
    }

    private static async Task<IResult> Patch(Guid id, HttpContext http, [AsParameters] Services s)
    {
        var request = http.Request;
        if (!string.Equals(request.ContentType, OffsetContentType, StringComparison.OrdinalIgnoreCase))
            return Problem(415, new Message("Send the bytes with Content-Type: {0}.", OffsetContentType));
        if (!long.TryParse(request.Headers["Upload-Offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            return Problem(400, "Send the position of these bytes in the Upload-Offset header.");

        // Nothing in a PATCH is cancelled with the request: if the client drops, what it already sent
        // must still be stored (reading the body fails by itself then).
        var lesson = await FindOwnUploadAsync(id, http, s, CancellationToken.None);
        if (lesson is null) return UploadNotFound();
        if (IsExpired(lesson, s.Clock)) return UploadExpired();
        if (lesson.Status != LessonStatus.Uploading)
            return offset == lesson.UploadLength ? Accepted(http, lesson, lesson.UploadLength)
                : Problem(409, "This upload is already complete; there is nothing more to send.");
        if (offset + (request.ContentLength ?? 0) > lesson.UploadLength)
            return Problem(400, new Message("These bytes would go past the declared size of {0} bytes.", lesson.UploadLength));

        using var held = await s.Locks.TryAcquireAsync(id, LockWait, CancellationToken.None);
        if (held is null) return Problem(423, "Another request is still sending this upload. Wait a moment and try again.", "Upload busy");

        // Multi-gigabyte lessons arrive in one long PATCH: no request-size cap, and a fixed copy buffer.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
        long stored;
        try
        {
            // Kestrel's minimum data rate ends clients that stall without disconnecting.
            stored = await s.Storage.AppendAsync(MediaKeys.Original(id), offset,
                new UploadBodyStream(request.BodyReader, lesson.UploadLength - offset), CancellationToken.None);
        }
        catch (UploadOffsetMismatchException e)
        {
            http.Response.Headers["Upload-Offset"] = e.StoredLength.ToString(CultureInfo.InvariantCulture);
            return Problem(409, new Message("The upload is at byte {0}, not {1}. Ask for the offset with HEAD and continue from there.", e.StoredLength, offset));
        }

        // The client may already be gone: record what arrived regardless.
        var now = s.Clock.GetUtcNow().UtcDateTime;
        lesson.UploadOffset = stored;
        lesson.Progress = lesson.UploadLength == 0 ? 1 : (double)stored / lesson.UploadLength;
        lesson.UploadExpiresAt = now.AddHours(s.Options.Value.ExpiryHours);
        lesson.UpdatedAt = now;
        await s.Db.SaveChangesAsync(CancellationToken.None);
        if (stored == lesson.UploadLength) await s.Lifecycle.UploadCompletedAsync(lesson);
        return Accepted(http, lesson, stored);
    }

    private static async Task<IResult> Terminate(Guid id, HttpContext http, [AsParameters] Services s)
    {
        var lesson = await FindOwnUploadAsync(id, http, s);
        if (lesson is null) return UploadNotFound();
        await s.Lifecycle.AbandonUploadAsync(lesson, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<Lesson?> FindOwnUploadAsync(Guid id, HttpContext http, Services s, CancellationToken? cancellationToken = null)
    {
        var lesson = await s.Db.Lessons.FindAsync([id], cancellationToken ?? http.RequestAborted);
        return lesson is not null && lesson.OwnerId == Caller.Of(http.User).Id ? lesson : null;
    }

    private static bool IsExpired(Lesson lesson, TimeProvider clock) =>
        lesson.Status == LessonStatus.Uploading && lesson.UploadExpiresAt < clock.GetUtcNow().UtcDateTime;

    private static IResult Accepted(HttpContext http, Lesson lesson, long offset)
    {
        http.Response.Headers["Upload-Offset"] = offset.ToString(CultureInfo.InvariantCulture);
        SetExpires(http, lesson);
        return Results.NoContent();
    }

    private static void SetExpires(HttpContext http, Lesson lesson)
    {
        if (lesson.UploadExpiresAt is { } expires)
            http.Response.Headers["Upload-Expires"] = expires.ToString("R", CultureInfo.InvariantCulture);
    }

    // Every tus response except OPTIONS carries Tus-Resumable; requests without it are refused (412).
    private static async ValueTask<object?> RequireTusResumable(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsOptions(http.Request.Method)) return await next(context);
        http.Response.Headers["Tus-Resumable"] = TusVersion;
        if (http.Request.Headers["Tus-Resumable"] != TusVersion)
        {
            http.Response.Headers["Tus-Version"] = TusVersion;
            return Problem(412, new Message("This server speaks tus {0}: send the header Tus-Resumable: {0}.", TusVersion));
        }
        return await next(context);
    }

    private static IResult UploadNotFound() =>
        Problem(404, "There is no such upload (it may have expired or been removed). Start the upload again.");

    private static IResult UploadExpired() =>
        Problem(410, "This upload was left unfinished too long and has been removed. Start the upload again.", "Upload expired");

    private static IResult Problem(int status, Message detail, string? title = null) => detail.Problem(status, title);

    internal static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.#} KB",
        _ => $"{bytes} bytes",
    };
}
