using System.Diagnostics;
using System.Globalization;
using LessonReview.Media.Analysis;

namespace LessonReview.TestSupport;

/// <summary>
/// A classroom recording the tests write themselves, so every timing is known exactly: espeak-ng
/// voices say the lines (each trimmed of its own leading and trailing silence), placed sample by
/// sample at known instants, with pink noise (a room, a projector fan) under everything.
/// </summary>
public sealed class SynthesisedClassroom(TempFolder folder)
{
    private const int Rate = 16000;
    private readonly List<(float[] Samples, double Start, Speaker Speaker)> _lines = [];

    /// <summary>Where the next line would start.</summary>
    public double End { get; private set; }

    /// <summary>The true speech, in order.</summary>
    public IReadOnlyList<SpeakerSegment> Truth => _lines.Select(l => new SpeakerSegment(l.Start, l.Start + (double)l.Samples.Length / Rate, l.Speaker)).ToList();

    /// <summary>Adds <paramref name="text"/> said by <paramref name="voice"/> after <paramref name="pauseSeconds"/> of silence.</summary>
    public async Task SayAsync(Speaker speaker, string voice, string text, double pauseSeconds, float gain = 1f)
    {
        var name = $"line{_lines.Count}";
        var raw = folder.File($"{name}-raw.wav");
        using (var espeak = Process.Start(new ProcessStartInfo("espeak-ng") { ArgumentList = { "-v", voice, "-w", raw, text }, RedirectStandardError = true })!)
        {
            await espeak.WaitForExitAsync();
            if (espeak.ExitCode != 0) throw new InvalidOperationException("espeak-ng failed: run scripts/setup.sh (it installs espeak-ng)");
        }
        var trimmed = folder.File($"{name}.raw");
        await TestClips.FFmpegAsync("-i", raw, "-af", "silenceremove=start_periods=1:start_threshold=-45dB,areverse,silenceremove=start_periods=1:start_threshold=-45dB,areverse",
            "-ar", Rate.ToString(CultureInfo.InvariantCulture), "-ac", "1", "-f", "s16le", trimmed);
        var bytes = await File.ReadAllBytesAsync(trimmed);
        var samples = new float[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++) samples[i] = BitConverter.ToInt16(bytes, i * 2) / 32768f * gain;
        var start = End + pauseSeconds;
        _lines.Add((samples, start, speaker));
        End = start + (double)samples.Length / Rate;
    }

    /// <summary>Writes the lesson (the lines, <paramref name="tailSeconds"/> of silence, noise under all) as a WAV file.</summary>
    public async Task<string> WriteAsync(double tailSeconds = 2, double noise = 0.02)
    {
        var total = new float[(int)Math.Ceiling((End + tailSeconds) * Rate)];
        foreach (var (samples, start, _) in _lines)
        {
            var offset = (int)Math.Round(start * Rate);
            for (var i = 0; i < samples.Length; i++) total[offset + i] += samples[i];
        }
        var speech = folder.File("speech.raw");
        await File.WriteAllBytesAsync(speech, total.SelectMany(s => BitConverter.GetBytes((short)Math.Clamp(s * 32767, -32768, 32767))).ToArray());
        var clip = folder.File("lesson.wav");
        await TestClips.FFmpegAsync("-f", "s16le", "-ar", "16000", "-ac", "1", "-i", speech,
            "-f", "lavfi", "-i", $"anoisesrc=color=pink:amplitude={N(noise)}:sample_rate=16000:d={N(End + tailSeconds + 1)}",
            "-filter_complex", "[0][1]amix=inputs=2:duration=first:normalize=0[out]", "-map", "[out]", "-ar", "16000", "-ac", "1", clip);
        return clip;
    }

    /// <summary>A teacher's questions and students' answers (eight exchanges, about 75 s).</summary>
    public static readonly (string Question, string Answer)[] Exchanges =
    [
        ("Good morning everyone. Today we are going to talk about our weekends. What did you do on Saturday?", "I played baseball with my brother."),
        ("That sounds like fun. Who did you play with, and where did you play?", "In the park near my house."),
        ("Great. Now please look at the picture on page twelve. What can you see in the picture?", "I can see a dog."),
        ("Yes, a big brown dog. And what is the dog doing next to the tree?", "It is sleeping."),
        ("Very good. Let's practise the sentence together. Listen carefully and repeat after me.", "I went to the station."),
        ("Excellent pronunciation. Next question. How many brothers and sisters do you have?", "I have two sisters."),
        ("Wonderful. Please work with your partner and ask the same question in English.", "Do you like music?"),
        ("Remember to answer in a full sentence. What kind of music do you like best?", "I like rock music."),
    ];

    /// <summary>Children's voices (espeak-ng's higher variants) for the answers, in turn.</summary>
    public static readonly string[] StudentVoices = ["en-us+f3", "en-us+f2", "en-us+f4", "en-us+f5"];

    /// <summary>How long the class waits before each answer, in seconds.</summary>
    public static readonly double[] Waits = [1.2, 2.5, 0.9, 3.1, 1.8, 2.2, 1.5, 2.8];

    /// <summary>The eight exchanges: the teacher (espeak-ng en-us, full volume) asks, a student (softer, further from the camera) answers after the known wait.</summary>
    public async Task SayLessonAsync()
    {
        for (var i = 0; i < Exchanges.Length; i++)
        {
            await SayAsync(Speaker.Teacher, "en-us", Exchanges[i].Question, pauseSeconds: i == 0 ? 2 : 1.6);
            await SayAsync(Speaker.Student, StudentVoices[i % StudentVoices.Length], Exchanges[i].Answer, Waits[i], gain: 0.6f);
        }
    }

    public static string N(double value) => value.ToString(CultureInfo.InvariantCulture);
}
