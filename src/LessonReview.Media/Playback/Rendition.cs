namespace LessonReview.Media.Playback;

/// <summary>One picture size of the lesson's HLS presentation.</summary>
/// <param name="Name">The file-name stem (<see cref="HlsNames.Main"/> or <see cref="HlsNames.Low"/>).</param>
/// <param name="MaxRate">x264's bitrate cap in bits/s (also what the multivariant playlist advertises); 0 for a remux.</param>
/// <param name="AudioBitrate">AAC bitrate of its audio, e.g. "128k"; null for a remux.</param>
public sealed record Rendition(string Name, int Width, int Height, long MaxRate, string? AudioBitrate);
