namespace LessonReview.Media.Playback;

/// <summary>What the pipeline wrote into its output folder.</summary>
/// <param name="Playlist">The multivariant playlist (<see cref="HlsNames.MasterPlaylist"/>) beside its renditions' files.</param>
/// <param name="Renditions">The picture sizes in the playlist, largest first.</param>
/// <param name="StoryboardSheets">Sprite file names; empty when the video is too short to need one.</param>
public sealed record PlaybackResult(
    bool FastPath, TimeSpan Duration, int Width, int Height, bool HasAudio, string Playlist, IReadOnlyList<Rendition> Renditions,
    string PosterFile, string? StoryboardVttFile, IReadOnlyList<string> StoryboardSheets);
