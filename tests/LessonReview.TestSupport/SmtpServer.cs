using System.Diagnostics;

namespace LessonReview.TestSupport;

/// <summary>
/// A real SMTP server (Debian's aiosmtpd, installed by scripts/setup.sh) on a loopback port, storing
/// what it receives in a Maildir. It can be stopped and started again on the same port, to play a
/// mail server that is down for a while.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3"; // Debian's, which has the aiosmtpd package (not a pyenv one)
    private readonly TempFolder _maildir = new();
    private Process? _process;

    public int Port { get; } = Ports.Free();

    // A folder that does not exist yet: the handler creates the Maildir (new/, cur/, tmp/) only then.
    private string Maildir => Path.Combine(_maildir.Path, "maildir");

    public static async Task<SmtpServer> StartAsync()
    {
        var server = new SmtpServer();
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on <see cref="Port"/>; mail received before is kept.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is { HasExited: false }) return;
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-u", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir })
            info.ArgumentList.Add(argument);
        _process = Process.Start(info) ?? throw new InvalidOperationException("aiosmtpd did not start. Run scripts/setup.sh (it installs python3-aiosmtpd).");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (await Ports.ListeningAsync(Port, _process, TimeSpan.FromSeconds(30))) return;
        if (_process.HasExited) throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode}. Is python3-aiosmtpd installed (scripts/setup.sh)?");
        throw new TimeoutException($"aiosmtpd did not listen on port {Port} within 30 s.");
    }

    /// <summary>The server goes away: connections are refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>The raw messages received so far (RFC 5322), oldest first.</summary>
    public IReadOnlyList<byte[]> Received()
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder)) return [];
        return new DirectoryInfo(folder).GetFiles().OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name)
            .Select(f => File.ReadAllBytes(f.FullName)).ToList();
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived; all of them.</summary>
    public async Task<IReadOnlyList<byte[]>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)))
        {
            var received = Received();
            if (received.Count >= count) return received;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Expected {count} mail(s) within the time; the server received {Received().Count}.");
    }

    /// <summary>The app's settings that send mail here (plain SMTP, no login).</summary>
    public Dictionary<string, string?> AppSettings(string siteUrl = "http://lessonreview.test") => new()
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Port.ToString(),
        ["Email:Smtp:UseTls"] = "false",
        ["Email:From"] = "LessonReview <lessonreview@example.org>",
        ["Email:SiteUrl"] = siteUrl,
        ["Email:RetrySeconds"] = "1",
    };

    private bool _disposed;

    // Twice is fine: a host that owns one may be disposed both synchronously and asynchronously.
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await StopAsync();
        _process?.Dispose();
        _maildir.Dispose();
    }
}
