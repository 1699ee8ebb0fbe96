namespace LessonReview.Media.Playback;

/// <summary>
/// Where a lesson's playable files go while the pipeline writes them (storage, for the app).
/// The pipeline calls <see cref="PublishAsync"/> for each file in an order that never lets a
/// published playlist name a segment not yet published, then <see cref="PlayableAsync"/> once.
/// </summary>
public interface IPlaybackSink
{
    /// <summary>
    /// Stores <paramref name="localPath"/> as <paramref name="name"/>, replacing an earlier copy
    /// (playlists grow). The pipeline no longer needs the file afterwards: the sink may take it.
    /// </summary>
    Task PublishAsync(string name, string localPath, string contentType, CancellationToken cancellationToken);

    /// <summary>The first segments of every rendition and index.m3u8 are published: playback can start.</summary>
    Task PlayableAsync(PlayableLesson lesson, CancellationToken cancellationToken);

    /// <summary>
    /// A storyboard of <paramref name="sheets"/> sheets and its VTT are published while the lesson
    /// still encodes (it grows; the finished one comes with the pipeline's result).
    /// </summary>
    Task StoryboardAsync(int sheets, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>What the player needs to know at once: the whole length (the playlists only hold what is written) and size.</summary>
public sealed record PlayableLesson(bool FastPath, TimeSpan Duration, int Width, int Height, string Playlist);
