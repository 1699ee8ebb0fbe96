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
        var probabilities = new List<float>();
        await foreach (var frame in AudioFrames.ReadAsync(path, ffmpeg, cancellationToken))
            probabilities.Add(vad.Next(frame));
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
