namespace LessonReview.Media.Playback;

/// <summary>One picture size of the lesson's HLS presentation.</summary>
/// <param name="Name">The file-name stem (<see cref="HlsNames.Main"/> or <see cref="HlsNames.Low"/>).</param>
/// <param name="MaxRate">x264's bitrate cap in bits/s (also what the multivariant playlist advertises); 0 for a remux.</param>
/// <param name="AudioBitrate">AAC bitrate of its audio, e.g. "128k"; null for a remux.</param>
/// <param name="Rotation">
/// Clockwise degrees players must turn its picture: the recording's own turn when the picture is
/// copied as recorded (a remux), written into its init segment by <see cref="DisplayRotation"/>; 0
/// when encoded (ffmpeg turns the pixels while decoding). Width and Height are as shown, after it.
/// </param>
public sealed record Rendition(string Name, int Width, int Height, long MaxRate, string? AudioBitrate, int Rotation = 0);
