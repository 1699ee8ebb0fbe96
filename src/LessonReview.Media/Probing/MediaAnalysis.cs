using System.Globalization;
using System.Text.Json;

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

    /// <summary>Parses ffprobe's JSON output.</summary>
    public static MediaAnalysis Parse(string json)
    {
        var raw = JsonSerializer.Deserialize<FFProbeOutput>(json)
            ?? throw new MediaException("ffprobe printed no analysis.");
        var streams = raw.Streams ?? [];

        // Cover art in MP4/MOV shows up as a one-frame "video" stream: it is not the recording.
        var video = streams
            .Where(s => s.CodecType == "video" && s.Width > 0 && s.Height > 0
                        && s.Disposition?.GetValueOrDefault("attached_pic") != 1)
            .Select(s => new VideoStream(
                s.Index, s.CodecName ?? "unknown", s.Profile, s.PixelFormat,
                s.Width!.Value, s.Height!.Value, Rotation(s), FrameRate(s), Long(s.BitRate)))
            .ToList();
        var audio = streams
            .Where(s => s.CodecType == "audio")
            .Select(s => new AudioStream(s.Index, s.CodecName ?? "unknown", s.Profile,
                s.Channels ?? 0, (int)(Long(s.SampleRate) ?? 0)))
            .ToList();

        var duration = Double(raw.Format?.Duration)
            ?? streams.Select(s => Double(s.Duration)).Where(d => d is not null).Max()
            ?? 0;
        return new MediaAnalysis(raw.Format?.FormatName ?? "unknown", TimeSpan.FromSeconds(duration),
            Long(raw.Format?.BitRate), video, audio);
    }

    // ffprobe ≥ 5 reports a display matrix; older files and muxers carry a "rotate" tag.
    // Display-matrix rotation is counter-clockwise; players turn the picture the other way.
    private static int Rotation(FFProbeStream stream)
    {
        double? degrees = null;
        foreach (var side in stream.SideData ?? [])
        {
            if (side.TryGetProperty("rotation", out var value) && value.TryGetDouble(out var d))
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

    private static double FrameRate(FFProbeStream stream) =>
        Ratio(stream.AvgFrameRate) is > 0 and var avg ? avg : Ratio(stream.RFrameRate) ?? 0;

    private static double? Ratio(string? value)
    {
        if (value is null) return null;
        var parts = value.Split('/');
        if (parts.Length != 2) return Double(value);
        var (num, den) = (Double(parts[0]), Double(parts[1]));
        return num is null || den is null or 0 ? null : num / den;
    }

    private static double? Double(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static long? Long(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null;
}
