using System.Globalization;
using FFMpegCore;
using LessonReview.Media.Tools;

namespace LessonReview.Media.Processing;

/// <summary>
/// One ffmpeg command: an input read under an <see cref="InputPolicy"/> and one output file.
/// <see cref="ToProcessor"/> turns it into FFMpegCore's arguments, adding what every run here
/// needs: the whitelists, quiet logging, machine-readable progress and the thread budget.
/// </summary>
public sealed record FFMpegJob(
    string Input, InputPolicy Policy, IReadOnlyList<string> InputOptions,
    string Output, IReadOnlyList<string> OutputOptions)
{
    /// <summary>What the telemetry span calls the run ("ffmpeg hls"); the output's extension when empty.</summary>
    public string Label { get; init; } = "";

    /// <summary>Reads <paramref name="input"/> (a file, or a SAS URL when the policy allows http(s)).</summary>
    public static FFMpegJob From(string input, InputPolicy policy, params string[] inputOptions) =>
        new(input, policy, inputOptions, "", []);

    /// <summary>Writes <paramref name="output"/> with <paramref name="outputOptions"/>.</summary>
    public FFMpegJob To(string output, params string[] outputOptions) =>
        this with { Output = output, OutputOptions = outputOptions };

    /// <summary>
    /// FFMpegCore's processor for this job. <paramref name="threads"/> &gt; 0 caps the whole job
    /// (decoder, filters, encoder) so N workers on N cores each get one.
    /// </summary>
    public FFMpegArgumentProcessor ToProcessor(int threads = 0) =>
        FFMpegArguments
            .FromFileInput(Input, verifyExists: false, o => o.WithCustomArgument(ArgumentText.Join(InputArguments(threads))))
            .OutputToFile(Output, overwrite: true, o => o.WithCustomArgument(ArgumentText.Join(OutputArguments(threads))));

    /// <summary>The argument list FFMpegCore passes to ffmpeg (for logs and tests).</summary>
    public string CommandLine(int threads = 0) => ToProcessor(threads).Arguments;

    // Global options may stand anywhere in ffmpeg's command line; they ride with the input here
    // because FFMpegCore builds "input options -i input output options output".
    // No -nostdin: FFMpegCore cancels by writing "q" to ffmpeg's stdin, which -nostdin would ignore.
    // -progress pipe:1 prints key=value lines on stdout: steadier than parsing `time=` on stderr.
    // `-threads` before -i limits the decoder; after it, the encoder.
    private IEnumerable<string> InputArguments(int threads) =>
    [
        "-hide_banner", "-nostats", "-loglevel", "error", "-progress", "pipe:1",
        .. threads > 0 ? new[] { "-filter_threads", Invariant(threads), "-filter_complex_threads", Invariant(threads), "-threads", Invariant(threads) } : [],
        .. Policy.ToArguments(), .. InputOptions,
    ];

    private IEnumerable<string> OutputArguments(int threads) =>
        [.. threads > 0 ? new[] { "-threads", Invariant(threads) } : [], .. OutputOptions];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
