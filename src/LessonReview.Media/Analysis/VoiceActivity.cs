using System.Diagnostics;

namespace LessonReview.Media.Analysis;

/// <summary>A stretch of speech, in seconds from the start.</summary>
public readonly record struct SpeechSegment(double Start, double End)
{
    public double Duration => End - Start;
}

/// <summary>
/// Finds speech in a recording: ffmpeg streams its audio as 16 kHz mono PCM (bounded memory: one
/// frame at a time), Silero VAD rates each 32 ms frame, and frames are joined into segments with
/// hysteresis (speech starts above <see cref="Threshold"/>, ends below it minus 0.15) and smoothing
/// (gaps shorter than <see cref="MinSilenceSeconds"/> are bridged, segments shorter than
/// <see cref="MinSpeechSeconds"/> dropped), as Silero's own reference code does.
/// </summary>
public sealed class VoiceActivity(string modelPath, string ffmpeg = "ffmpeg")
{
    public float Threshold { get; init; } = 0.5f;
    public double MinSilenceSeconds { get; init; } = 0.3;
    public double MinSpeechSeconds { get; init; } = 0.25;

    /// <summary>Every frame's speech probability, in order (the frame length is <see cref="SileroVad.FrameSeconds"/>).</summary>
    public async Task<List<float>> ProbabilitiesAsync(string path, CancellationToken cancellationToken)
    {
        using var vad = new SileroVad(modelPath);
        var info = new ProcessStartInfo(ffmpeg) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-i", path, "-vn", "-ac", "1", "-ar", "16000", "-f", "s16le", "pipe:1" })
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var probabilities = new List<float>();
        var bytes = new byte[SileroVad.FrameSamples * 2];
        var frame = new float[SileroVad.FrameSamples];
        var stdout = process.StandardOutput.BaseStream;
        try
        {
            while (true)
            {
                var filled = await stdout.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken);
                if (filled == 0) break;
                for (var i = 0; i < SileroVad.FrameSamples; i++)
                    frame[i] = i * 2 + 1 < filled ? BitConverter.ToInt16(bytes, i * 2) / 32768f : 0f; // the last frame is padded with silence
                probabilities.Add(vad.Next(frame));
                if (filled < bytes.Length) break;
            }
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 && probabilities.Count == 0)
            throw new InvalidOperationException($"ffmpeg could not read the audio: {(await errors).Trim()}");
        return probabilities;
    }

    public async Task<List<SpeechSegment>> SegmentsAsync(string path, CancellationToken cancellationToken) =>
        Segments(await ProbabilitiesAsync(path, cancellationToken));

    /// <summary>Joins frame probabilities into speech segments.</summary>
    public List<SpeechSegment> Segments(IReadOnlyList<float> probabilities)
    {
        var frame = SileroVad.FrameSeconds;
        var raw = new List<SpeechSegment>();
        int? start = null;
        for (var i = 0; i < probabilities.Count; i++)
        {
            if (start is null && probabilities[i] >= Threshold) start = i;
            else if (start is not null && probabilities[i] < Threshold - 0.15f)
            {
                raw.Add(new SpeechSegment(start.Value * frame, i * frame));
                start = null;
            }
        }
        if (start is not null) raw.Add(new SpeechSegment(start.Value * frame, probabilities.Count * frame));

        var joined = new List<SpeechSegment>();
        foreach (var segment in raw)
        {
            if (joined.Count > 0 && segment.Start - joined[^1].End < MinSilenceSeconds) joined[^1] = joined[^1] with { End = segment.End };
            else joined.Add(segment);
        }
        return joined.Where(s => s.Duration >= MinSpeechSeconds).ToList();
    }
}
