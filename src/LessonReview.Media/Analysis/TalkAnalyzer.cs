namespace LessonReview.Media.Analysis;

/// <summary>
/// Talk analytics of one recording, on this machine: one streaming pass of its audio gives each
/// frame's speech probability (Silero VAD) and voice features (MFCC); speech is then grouped into
/// the teacher's and the students' voices (<see cref="Voices"/>) and measured (<see cref="TalkReport"/>).
/// Memory grows by ~60 bytes per 32 ms frame (about 5 MB for 45 minutes), never with the audio itself.
/// </summary>
public sealed class TalkAnalyzer(string modelPath, TalkSettings settings, string ffmpeg = "ffmpeg")
{
    /// <exception cref="VoiceActivityModelException">The model is missing or broken.</exception>
    public async Task<TalkReport> AnalyzeAsync(string path, CancellationToken cancellationToken)
    {
        using var vad = new SileroVad(modelPath);
        var mfcc = new Mfcc();
        var probabilities = new List<float>();
        var features = new List<float>();
        var values = new float[Voices.FrameValues];
        await foreach (var frame in AudioFrames.ReadAsync(path, ffmpeg, cancellationToken))
        {
            probabilities.Add(vad.Next(frame));
            mfcc.Compute(frame, values);
            values[^1] = Pitch.Estimate(frame);
            features.AddRange(values);
        }
        var speech = VoiceActivity.Segments(probabilities, settings);
        var labelled = new Voices(settings).Label(speech, features);
        return TalkReport.From(labelled, probabilities.Count * SileroVad.FrameSeconds, settings);
    }
}
