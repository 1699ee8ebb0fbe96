using LessonReview.Core.Data;
using LessonReview.Core.Events;
using LessonReview.Core.Processing;
using LessonReview.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LessonReview.Core.Lessons;

/// <summary>
/// The one place a lesson changes state outside processing: created by an upload, handed to
/// processing when its last byte arrives, abandoned (tus DELETE), expired, deleted. Each step keeps
/// the rules that make it safe with several instances and a full disk:
/// <list type="bullet">
/// <item>"processing" and its job are one save: a lesson is never processing without a job.</item>
/// <item>Deleting writes the row first (a worker still encoding sees it gone and stops), then frees
/// the bytes; when the database cannot write because the disk is full, the bytes go anyway (that
/// is what makes room) and the row follows on the next try.</item>
/// </list>
/// Processing's own transitions (processing → ready | failed) are <see cref="LessonProcessor"/>'s,
/// conditional updates that lose to a delete.
/// </summary>
public sealed class LessonLifecycle(
    LessonReviewDb db, IMediaStorage storage, JobQueue jobs, WorkSignal signal, ILessonEventPublisher events, ILogger<LessonLifecycle> log)
{
    /// <summary>A new upload (status uploading) is recorded.</summary>
    public async Task CreateUploadAsync(Lesson lesson, CancellationToken cancellationToken)
    {
        db.Lessons.Add(lesson);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The last byte arrived: the original is sealed and the lesson goes to processing with its job, in one save.</summary>
    public async Task UploadCompletedAsync(Lesson lesson)
    {
        // Not cancellable: the bytes are all here, and the trainee's request ending must not strand them.
        await storage.CompleteUploadAsync(MediaKeys.Original(lesson.Id), CancellationToken.None);
        lesson.Status = LessonStatus.Processing;
        lesson.Progress = 0;
        lesson.UploadExpiresAt = null;
        jobs.Add(lesson.Id);
        await db.SaveChangesAsync(CancellationToken.None);
        signal.Notify();
        await events.PublishAsync(new LessonProgress(lesson.Id, lesson.Status, 0, null), CancellationToken.None);
    }

    /// <summary>The trainee abandons an unfinished upload: bytes first (on a full disk the database may not be able to write), then the row.</summary>
    public async Task AbandonUploadAsync(Lesson lesson, CancellationToken cancellationToken)
    {
        await storage.DeletePrefixAsync(MediaKeys.Folder(lesson.Id), CancellationToken.None);
        db.Lessons.Remove(lesson);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Deletes a lesson, its reviews (cascade) and its media.</summary>
    public async Task DeleteAsync(Lesson lesson, CancellationToken cancellationToken)
    {
        db.Lessons.Remove(lesson);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.Classify(e) == FailureKind.OutOfSpace)
        {
            // The row cannot go yet, but the bytes can (the caller answers 507; deleting again removes the row).
            await storage.DeletePrefixAsync(MediaKeys.Folder(lesson.Id), CancellationToken.None);
            throw;
        }
        await storage.DeletePrefixAsync(MediaKeys.Folder(lesson.Id), CancellationToken.None);
    }

    /// <summary>Removes an upload still unfinished at <paramref name="now"/> past its expiry; false when it finished or went meanwhile.</summary>
    public async Task<bool> ExpireAsync(Guid lessonId, DateTime now, CancellationToken cancellationToken)
    {
        int removed;
        try
        {
            // Only if still unfinished: the trainee may have sent the last byte a moment ago.
            removed = await db.Lessons.Where(l => l.Id == lessonId && l.Status == LessonStatus.Uploading && l.UploadExpiresAt < now)
                .ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.Classify(e) == FailureKind.OutOfSpace)
        {
            await storage.DeletePrefixAsync(MediaKeys.Folder(lessonId), cancellationToken);
            log.LogWarning("Freed the bytes of expired upload {LessonId}; its row stays until the database can write", lessonId);
            return false;
        }
        if (removed == 1) await storage.DeletePrefixAsync(MediaKeys.Folder(lessonId), cancellationToken);
        return removed == 1;
    }
}
