namespace LessonReview.Media.Analysis;

/// <summary>A stretch of speech, in seconds from the start.</summary>
public readonly record struct SpeechSegment(double Start, double End)
{
    public double Duration => End - Start;
}

/// <summary>
/// Finds speech in a recording: ffmpeg streams its audio as 16 kHz mono PCM (bounded memory: one
/// frame at a time), Silero VAD rates each 32 ms frame, and frames are joined into segments with
/// hysteresis (speech starts above <see cref="TalkSettings.SpeechThreshold"/>, ends below it minus 0.15)
/// and smoothing (gaps shorter than <see cref="TalkSettings.MinSilenceSeconds"/> are bridged, segments
/// shorter than <see cref="TalkSettings.MinSpeechSeconds"/> dropped), as Silero's own reference code does.
/// </summary>
public sealed class VoiceActivity(string modelPath, string ffmpeg = "ffmpeg")
{
    /// <summary>Every frame's speech probability, in order (the frame length is <see cref="SileroVad.FrameSeconds"/>).</summary>
    public async Task<List<float>> ProbabilitiesAsync(string path, CancellationToken cancellationToken)
    {
        using var vad = new SileroVad(modelPath);
        var probabilities = new List<float>();
        await foreach (var frame in AudioFrames.ReadAsync(path, ffmpeg, cancellationToken))
            probabilities.Add(vad.Next(frame));
        return probabilities;
    }

    /// <summary>Joins frame probabilities into speech segments.</summary>
    public static List<SpeechSegment> Segments(IReadOnlyList<float> probabilities, TalkSettings settings)
    {
        var frame = SileroVad.FrameSeconds;
        var raw = new List<SpeechSegment>();
        int? start = null;
        for (var i = 0; i < probabilities.Count; i++)
        {
            if (start is null && probabilities[i] >= settings.SpeechThreshold) start = i;
            else if (start is not null && probabilities[i] < settings.SpeechThreshold - 0.15f)
            {
                raw.Add(new SpeechSegment(start.Value * frame, i * frame));
                start = null;
            }
        }
        if (start is not null) raw.Add(new SpeechSegment(start.Value * frame, probabilities.Count * frame));

        var joined = new List<SpeechSegment>();
        foreach (var segment in raw)
        {
            if (joined.Count > 0 && segment.Start - joined[^1].End < settings.MinSilenceSeconds) joined[^1] = joined[^1] with { End = segment.End };
            else joined.Add(segment);
        }
        return joined.Where(s => s.Duration >= settings.MinSpeechSeconds).ToList();
    }
}
