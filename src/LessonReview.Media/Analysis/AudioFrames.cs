using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace LessonReview.Media.Analysis;

/// <summary>
/// A recording's audio as consecutive 32 ms frames of 16 kHz mono samples (−1…1): ffmpeg decodes
/// to PCM on its standard output and one frame is read at a time, so memory stays flat however long
/// the lesson. The same array is reused for every frame: copy what must outlive the next one.
/// </summary>
public static class AudioFrames
{
    public static async IAsyncEnumerable<float[]> ReadAsync(string path, string ffmpeg, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(ffmpeg) { RedirectStandardOutput = true, RedirectStandardError = true };
        // The trainee's original upload: read as a local container only (an uploaded "playlist" may not open URLs or other files).
        foreach (var argument in new[] { "-nostdin", "-hide_banner", "-loglevel", "error",
                     "-protocol_whitelist", "file", "-format_whitelist", InputPolicy.ContainerFormats + ",wav", "-i", path, "-map", "0:a:0", "-ac", "1", "-ar", "16000", "-f", "s16le", "pipe:1" })
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var bytes = new byte[SileroVad.FrameSamples * 2];
        var frame = new float[SileroVad.FrameSamples];
        var stdout = process.StandardOutput.BaseStream;
        var frames = 0;
        try
        {
            while (true)
            {
                var filled = await stdout.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken);
                if (filled == 0) break;
                for (var i = 0; i < SileroVad.FrameSamples; i++)
                    frame[i] = i * 2 + 1 < filled ? BitConverter.ToInt16(bytes, i * 2) / 32768f : 0f; // the last frame is padded with silence
                frames++;
                yield return frame;
                if (filled < bytes.Length) break;
            }
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 && frames == 0)
        {
            var said = (await errors).Trim();
            if (said.Contains("matches no streams", StringComparison.Ordinal)) throw new NoSoundException();
            throw new InvalidOperationException($"ffmpeg could not read the audio: {said}");
        }
    }
}

/// <summary>The recording has no sound track: there is no talk to measure (retrying cannot change that).</summary>
public sealed class NoSoundException() : Exception("The recording has no sound track.");
