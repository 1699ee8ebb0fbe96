using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LessonReview.TestSupport;

/// <summary>
/// A real Azurite blob service (npm package in tests/tools) on a free loopback port with a
/// temporary data folder, stopped on dispose. Started with a raised open-file limit (DESIGN.md), and without
/// --skipApiVersionCheck: the app pins a service version Azurite 3.37 knows (AzureBlobServiceFactory).
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempFolder _location;

    private Azurite(Process process, TempFolder location, int port, X509Certificate2? certificate) =>
        (_process, _location, Port, Certificate) = (process, location, port, certificate);

    public int Port { get; }

    /// <summary>The self-signed certificate of an OAuth Azurite (HTTPS); null for plain HTTP.</summary>
    public X509Certificate2? Certificate { get; }

    public string BlobEndpoint => $"{(Certificate is null ? "http" : "https")}://127.0.0.1:{Port}/devstoreaccount1";

    /// <summary>An HTTP handler that trusts exactly this Azurite's certificate (for browsers' SAS reads in tests).</summary>
    public HttpMessageHandler CreateHandler() => new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, errors) =>
            errors == System.Net.Security.SslPolicyErrors.None
            || (Certificate is not null && presented is not null && presented.RawData.AsSpan().SequenceEqual(Certificate.RawData)),
    };

    /// <summary>The standard connection string for Azurite's development account on this port.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint={BlobEndpoint};";

    /// <param name="oauth">
    /// Azurite's OAuth mode (<c>--oauth basic</c>, which requires HTTPS): bearer tokens are checked
    /// for issuer, audience and lifetime (not signature), and user-delegation keys are issued.
    /// </param>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<Azurite> StartAsync(bool oauth = false)
    {
        var binary = Path.Combine(Repository.Root, "tests", "tools", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(binary)) throw new InvalidOperationException($"Azurite is not installed ({binary}). Run scripts/setup.sh.");
        var location = new TempFolder();
        var port = Ports.Free();
        var certificate = oauth ? WriteSelfSignedCertificate(location) : null;
        var https = oauth ? $" --oauth basic --cert '{location.File("cert.pem")}' --key '{location.File("key.pem")}'" : "";
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"ulimit -n 65536 2>/dev/null || ulimit -n 4096; exec '{binary}' --blobHost 127.0.0.1 --blobPort {port} " +
                              $"--location '{location.Path}' --silent --loose{https}");
        var process = Process.Start(info)!;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new Azurite(process, location, port, certificate);
        // Node's start-up takes well under a second on a quiet machine but several seconds on a
        // loaded CI runner that is also running the other test classes (CI once timed out at 10 s).
        if (await Ports.ListeningAsync(port, process, StartTimeout)) return azurite;
        var exited = process.HasExited;
        await azurite.DisposeAsync();
        var said = string.Join(Environment.NewLine, errors.TakeLast(20));
        throw new TimeoutException(exited
            ? $"Azurite exited before listening on port {port}: {said}"
            : $"Azurite did not listen on port {port} within {StartTimeout.TotalSeconds:0} seconds. {said}");
    }

    private static X509Certificate2 WriteSelfSignedCertificate(TempFolder folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        File.WriteAllText(folder.File("cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(folder.File("key.pem"), key.ExportPkcs8PrivateKeyPem());
        return X509CertificateLoader.LoadCertificate(certificate.RawData);
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _location.Dispose();
    }
}
