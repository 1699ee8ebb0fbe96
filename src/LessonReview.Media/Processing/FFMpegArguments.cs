namespace LessonReview.Media.Processing;

/// <summary>
/// Builds one ffmpeg command line (mirrors FFMpegCore's FFMpegArguments):
/// <c>FFMpegArguments.FromFileInput(path, policy).OutputToFile(out, o => o.WithArguments(...))</c>.
/// </summary>
public sealed class FFMpegArguments
{
    private readonly List<string> _global = ["-nostdin", "-hide_banner", "-nostats", "-loglevel", "error", "-y"];
    private readonly List<string> _input = [];
    private readonly List<string> _output = [];

    private FFMpegArguments() { }

    /// <summary>Reads one input under an <see cref="InputPolicy"/>; <paramref name="inputOptions"/> go before <c>-i</c>.</summary>
    public static FFMpegArguments FromFileInput(string path, InputPolicy policy, params string[] inputOptions)
    {
        var arguments = new FFMpegArguments();
        arguments._input.AddRange(policy.ToArguments());
        arguments._input.AddRange(inputOptions);
        arguments._input.AddRange(["-i", path]);
        return arguments;
    }

    /// <summary>Adds one output file with its options.</summary>
    public FFMpegArguments OutputToFile(string path, params string[] outputOptions)
    {
        _output.AddRange(outputOptions);
        _output.Add(path);
        return this;
    }

    /// <summary>
    /// The full argument list. <paramref name="threads"/> &gt; 0 caps the whole job at that many
    /// threads (decoder, filters and encoder), so N workers on N cores each get one.
    /// </summary>
    public IReadOnlyList<string> Build(int threads = 0)
    {
        var n = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] global = threads > 0 ? ["-filter_threads", n] : [];
        string[] perStream = threads > 0 ? ["-threads", n] : [];
        // -progress pipe:1 prints machine-readable key=value lines on stdout: steadier than parsing `time=`.
        // `-threads` before `-i` limits the decoder; after it, the encoder.
        return [.. _global, .. global, "-progress", "pipe:1", .. perStream, .. _input, .. perStream, .. _output];
    }

    public override string ToString() => string.Join(' ', Build());
}
