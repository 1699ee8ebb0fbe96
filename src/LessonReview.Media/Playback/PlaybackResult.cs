namespace LessonReview.Media.Playback;

/// <summary>What the pipeline wrote into its output folder.</summary>
/// <param name="StoryboardSheets">Sprite file names; empty when the video is too short to need one.</param>
public sealed record PlaybackResult(
    bool FastPath, TimeSpan Duration, int Width, int Height, string VideoCodec, bool HasAudio,
    string VideoFile, string PosterFile, string? StoryboardVttFile, IReadOnlyList<string> StoryboardSheets);
