using LessonReview.Core.Lessons;
using LessonReview.Core.Storage;
using LessonReview.Media.Playback;

namespace LessonReview.Core.Processing;

/// <summary>
/// Puts a lesson's HLS files into media storage as the pipeline writes them (local folder or Azure
/// Blob alike), and tells the processor when playback can start.
/// </summary>
internal sealed class StoragePlaybackSink(
    IMediaStorage storage, Guid lessonId, Func<PlayableLesson, CancellationToken, Task> onPlayable,
    Func<int, CancellationToken, Task>? onStoryboard = null) : IPlaybackSink
{
    // The pipeline is done with each file it publishes: moved into local storage, not copied.
    public Task PublishAsync(string name, string localPath, string contentType, CancellationToken cancellationToken) =>
        storage.MoveFileAsync(MediaKeys.Output(lessonId, name), localPath, contentType, cancellationToken);

    public Task PlayableAsync(PlayableLesson lesson, CancellationToken cancellationToken) => onPlayable(lesson, cancellationToken);

    public Task StoryboardAsync(int sheets, CancellationToken cancellationToken) =>
        onStoryboard?.Invoke(sheets, cancellationToken) ?? Task.CompletedTask;
}
