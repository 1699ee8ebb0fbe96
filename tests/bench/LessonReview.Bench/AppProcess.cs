using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using LessonReview.TestSupport;

namespace LessonReview.Bench;

/// <summary>The real web app as its own process (Release build), on a free loopback port with its own data folder.</summary>
internal sealed class AppProcess : IDisposable
{
    public const string Password = "bench-password";
    private readonly Process _process;

    private AppProcess(Process process, int port) => (_process, Port) = (process, port);

    public int Port { get; }
    public int Pid => _process.Id;
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public static async Task<AppProcess> StartAsync(string webDll, string dataDirectory, IDictionary<string, string> settings)
    {
        var port = Ports.Free();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { webDll, "--urls", $"http://127.0.0.1:{port}" }) info.ArgumentList.Add(argument);
        info.WorkingDirectory = Path.GetDirectoryName(webDll)!;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DataDirectory"] = dataDirectory;
        info.Environment["Seed__Password"] = Password;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) info.Environment[key] = value;
        var process = Process.Start(info)!;
        // The console logger writes a level line, then the message indented: show both for warnings and failures.
        var showing = false;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            if (!line.StartsWith(' ')) showing = line.StartsWith("warn") || line.StartsWith("fail");
            if (showing) Console.Error.WriteLine($"[server {port}] {line}");
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[server] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, port);
        await app.WaitUntilUpAsync();
        return app;
    }

    /// <summary>A client signed in as one of the Development accounts (or any account with the bench password).</summary>
    public async Task<(HttpClient Client, string Cookie)> SignInAsync(string email)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(30) };
        (await client.PostAsJsonAsync("/api/session", new { email, password = Password })).EnsureSuccessStatusCode();
        return (client, cookies.GetCookieHeader(BaseAddress));
    }

    public long ResidentBytes() => ResidentBytesOf(_process.Id);

    /// <summary>A process's resident memory (VmRSS), in bytes.</summary>
    public static long ResidentBytesOf(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private async Task WaitUntilUpAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if ((await client.GetAsync("/alive")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("The web server did not start.");
    }
}
