using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using LessonReview.Core.Storage;
using LessonReview.Core.Storage.Azure;
using LessonReview.TestSupport;

namespace LessonReview.Bench;

/// <summary>
/// A large tus upload through the app into Azurite (blocks staged straight into the blob, committed
/// at the end) against the same bytes put into Azurite directly with Put Block + Put Block List
/// from this program, same block size, runs interleaved in pairs; and the app's memory growth.
/// </summary>
internal static class AzureUploadBenchmark
{
    public static async Task RunAsync(int runs, long bytes, string webDll)
    {
        Console.WriteLine($"== upload into Azurite: {bytes / (1 << 20)} MiB, median of {runs} interleaved pairs");
        await using var azurite = await Azurite.StartAsync();
        using var data = new TempFolder();
        using var app = await AppProcess.StartAsync(webDll, data.File("app"), new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Azure",
            ["Storage__Azure__ConnectionString"] = azurite.ConnectionString,
            ["Worker__Enabled"] = "false", // measure receiving, not transcoding
        });
        var blobs = AzureBlobServiceFactory.Create(new AzureStorageOptions { ConnectionString = azurite.ConnectionString })
            .GetBlobContainerClient("media");
        var (client, _) = await app.SignInAsync("trainee@example.org");

        await using var memory = new MemorySampler(app);
        var pairs = new List<(double Direct, double App)>();
        for (var i = 0; i < runs; i++)
        {
            var blob = $"bench/{Guid.NewGuid():N}";
            var direct = await Measure.MedianSecondsAsync(1, () => PutDirectAsync(blobs, blob, bytes));
            await blobs.DeleteBlobIfExistsAsync(blob);
            string? location = null;
            var viaApp = await Measure.MedianSecondsAsync(1, async () => location = await UploadBenchmark.UploadAsync(client, bytes));
            await client.DeleteAsync(location!.Replace("/api/uploads/", "/api/lessons/"));
            pairs.Add((direct, viaApp));
        }

        var ratio = pairs.Select(p => p.Direct / p.App).Order().ElementAt(runs / 2);
        Measure.Report("tus upload via app / direct Put Block", pairs.Select(p => p.App).Order().ElementAt(runs / 2),
            pairs.Select(p => p.Direct).Order().ElementAt(runs / 2), "", true);
        Console.WriteLine($"{"app throughput / direct (median of pairs)",-44} {ratio,9:0.000}  goal >= 0.70  {(ratio >= 0.7 ? "MET" : "NOT MET")}");
        await memory.ReportAsync("app memory growth while receiving");
    }

    /// <summary>The baseline: the same bytes in the same block size, one Put Block after another, then the list.</summary>
    private static async Task PutDirectAsync(BlobContainerClient blobs, string name, long bytes)
    {
        var blob = blobs.GetBlockBlobClient(name);
        var ids = new List<string>();
        long position = 0;
        await FullBlockCopy.CopyAsync(new UploadBenchmark.PatternStream(bytes), async (block, token) =>
        {
            var id = AzureMediaStorage.BlockId(position);
            using var content = BinaryData.FromBytes(block).ToStream();
            await blob.StageBlockAsync(id, content, cancellationToken: token);
            ids.Add(id);
            position += block.Length;
        }, AzureMediaStorage.BlockBytes, CancellationToken.None);
        await blob.CommitBlockListAsync(ids);
    }
}
