using System.Globalization;
using FFMpegCore;

namespace LessonReview.Media.Probing;

/// <summary>A video stream as the application needs to see it.</summary>
/// <param name="Rotation">Clockwise degrees the player turns the picture (0, 90, 180, 270).</param>
public sealed record VideoStream(
    int Index, string CodecName, string? Profile, string? PixelFormat,
    int Width, int Height, int Rotation, double FrameRate, long? BitRate)
{
    /// <summary>Width as shown to a viewer, after rotation.</summary>
    public int DisplayWidth => Rotation is 90 or 270 ? Height : Width;

    /// <summary>Height as shown to a viewer, after rotation.</summary>
    public int DisplayHeight => Rotation is 90 or 270 ? Width : Height;
}

/// <summary>An audio stream as the application needs to see it.</summary>
public sealed record AudioStream(int Index, string CodecName, string? Profile, int Channels, int SampleRate);

/// <summary>What ffprobe found in a file (mirrors FFMpegCore's IMediaAnalysis).</summary>
public sealed record MediaAnalysis(
    string FormatName, TimeSpan Duration, long? BitRate,
    IReadOnlyList<VideoStream> VideoStreams, IReadOnlyList<AudioStream> AudioStreams)
{
    public VideoStream? PrimaryVideoStream => VideoStreams.Count > 0 ? VideoStreams[0] : null;
    public AudioStream? PrimaryAudioStream => AudioStreams.Count > 0 ? AudioStreams[0] : null;

    /// <summary>The parts of FFMpegCore's analysis the application decides on.</summary>
    public static MediaAnalysis From(IMediaAnalysis raw)
    {
        // Cover art in MP4/MOV shows up as a one-frame "video" stream: it is not the recording.
        var video = raw.VideoStreams
            .Where(s => s.Width > 0 && s.Height > 0 && !(s.Disposition?.GetValueOrDefault("attached_pic") ?? false))
            .Select(s => new VideoStream(
                s.Index, s.CodecName ?? "unknown", s.Profile, s.PixelFormat,
                s.Width!.Value, s.Height!.Value, Rotation(s), FrameRate(s), s.BitRate is > 0 ? s.BitRate : null))
            .ToList();
        var audio = raw.AudioStreams
            .Select(s => new AudioStream(s.Index, s.CodecName ?? "unknown", s.Profile, s.Channels ?? 0, s.SampleRateHz ?? 0))
            .ToList();

        var streamDurations = raw.VideoStreams.Select(s => s.Duration).Concat(raw.AudioStreams.Select(s => s.Duration));
        var duration = raw.Format.Duration > TimeSpan.Zero ? raw.Format.Duration : streamDurations.DefaultIfEmpty().Max();
        return new MediaAnalysis(raw.Format.FormatName ?? "unknown", duration,
            raw.Format.BitRate is > 0 ? raw.Format.BitRate : null, video, audio);
    }

    // FFMpegCore reads a display matrix and a "rotate" tag into one number, but they turn opposite
    // ways: a display matrix rotates counter-clockwise, the tag (older muxers) clockwise, as players do.
    private static int Rotation(FFMpegCore.VideoStream stream)
    {
        double? degrees = null;
        foreach (var side in stream.SideData ?? [])
        {
            if (side.TryGetValue("rotation", out var value) && value.TryGetValue<double>(out var d))
            {
                degrees = -d;
                break;
            }
        }
        if (degrees is null && stream.Tags?.TryGetValue("rotate", out var tag) == true)
            degrees = Double(tag);
        var normalised = (int)Math.Round((degrees ?? 0) / 90.0) * 90 % 360;
        return normalised < 0 ? normalised + 360 : normalised;
    }

    private static double FrameRate(FFMpegCore.VideoStream stream) =>
        stream.AverageFrameRate is > 0 and var avg && !double.IsNaN(avg) ? avg
        : stream.RealFrameRate is > 0 and var real && !double.IsNaN(real) ? real : 0;

    private static double? Double(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

}
