using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using LessonReview.TestSupport;

namespace LessonReview.Bench;

/// <summary>
/// A large upload through the real server process (tus PATCH over loopback): throughput against
/// writing the same number of bytes to the same disk with `dd conv=fsync`, and the server's
/// resident memory growth while it receives the file.
/// </summary>
internal static class UploadBenchmark
{
    public static async Task RunAsync(int runs, long bytes, string webDll)
    {
        Console.WriteLine($"== upload: {bytes / (1 << 20)} MiB, median of {runs}");
        using var data = new TempFolder();
        var ddTarget = data.File("dd.bin");
        Task Dd() => Measure.RunAsync("dd", "if=/dev/zero", $"of={ddTarget}", "bs=1M", $"count={bytes >> 20}", "conv=fsync");

        using var server = await AppProcess.StartAsync(webDll, data.File("app"), new Dictionary<string, string>
        {
            ["Worker__Enabled"] = "false", // measure receiving, not transcoding
        });
        var (client, _) = await server.SignInAsync("trainee@example.org");
        using (client)
        {
            await using var memory = new MemorySampler(server);

            // Interleaved pairs, so both sides see the same moment of a shared, noisy disk.
            var pairs = new List<(double Dd, double Upload)>();
            for (var i = 0; i < runs; i++)
            {
                // Only the writing is timed; removing each 2 GiB file afterwards is not.
                var ddSeconds = await Measure.MedianSecondsAsync(1, Dd);
                File.Delete(ddTarget);
                string? location = null;
                var uploadSeconds = await Measure.MedianSecondsAsync(1, async () => location = await UploadAsync(client, bytes));
                await client.DeleteAsync(location!.Replace("/api/uploads/", "/api/lessons/"));
                pairs.Add((ddSeconds, uploadSeconds));
            }
            var dd = pairs.Select(p => p.Dd).Order().ElementAt(runs / 2);
            var upload = pairs.Select(p => p.Upload).Order().ElementAt(runs / 2);
            Measure.Report("tus upload through the server / dd fsync", upload, dd, "", true);
            var throughputRatio = pairs.Select(p => p.Dd / p.Upload).Order().ElementAt(runs / 2);
            Console.WriteLine($"{"upload throughput / dd (median of pairs)",-44} {throughputRatio,9:0.000}  goal >= 0.50  {(throughputRatio >= 0.5 ? "MET" : "NOT MET")}");
            await memory.ReportAsync("server memory growth while receiving");
        }
    }

    /// <returns>The upload's location.</returns>
    internal static Task<string> UploadAsync(HttpClient client, long bytes) => UploadAsync(client, new PatternStream(bytes), bytes, "bench.bin");

    /// <summary>One tus upload of <paramref name="body"/> in a single streamed PATCH; returns once the server has the last byte.</summary>
    /// <returns>The upload's location.</returns>
    internal static async Task<string> UploadAsync(HttpClient client, Stream body, long bytes, string filename)
    {
        var create = new HttpRequestMessage(HttpMethod.Post, "/api/uploads");
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", bytes.ToString(CultureInfo.InvariantCulture));
        create.Headers.Add("Upload-Metadata", "filename " + Convert.ToBase64String(Encoding.UTF8.GetBytes(filename)) + ",consent " + Convert.ToBase64String(Encoding.UTF8.GetBytes("confirmed")));
        var created = await client.SendAsync(create);
        created.EnsureSuccessStatusCode();
        var location = created.Headers.Location!.ToString();

        var patch = new HttpRequestMessage(HttpMethod.Patch, location);
        patch.Headers.Add("Tus-Resumable", "1.0.0");
        patch.Headers.Add("Upload-Offset", "0");
        patch.Content = new StreamContent(body, 1 << 20);
        patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        patch.Content.Headers.ContentLength = bytes;
        var response = await client.SendAsync(patch);
        if (response.StatusCode != HttpStatusCode.NoContent) throw new InvalidOperationException($"PATCH answered {response.StatusCode}");
        return location;
    }





    /// <summary>Generates bytes without holding them: memory stays flat on the client side too.</summary>
    internal sealed class PatternStream(long length) : Stream
    {
        private static readonly byte[] Block = Enumerable.Range(0, 1 << 20).Select(i => (byte)(i * 31 + 7)).ToArray();
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var done = 0; done < n;)
            {
                var from = (int)((_position + done) % Block.Length);
                var chunk = Math.Min(n - done, Block.Length - from);
                Array.Copy(Block, from, buffer, offset + done, chunk);
                done += chunk;
            }
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
