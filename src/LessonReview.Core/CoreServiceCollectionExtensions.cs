using LessonReview.Core.Data;
using LessonReview.Core.Events;
using LessonReview.Core.Processing;
using LessonReview.Core.Storage;
using LessonReview.Core.Storage.Azure;
using LessonReview.Media;
using LessonReview.Media.Tools;
using LessonReview.Media.Playback;
using LessonReview.Media.Probing;
using LessonReview.Media.Processing;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LessonReview.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Data, storage, media and processing: everything the web app and the worker share.</summary>
    public static IServiceCollection AddLessonReviewCore(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddLessonReviewData(configuration, dataDirectory);

        services.AddMediaStorage(configuration, dataDirectory);

        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section)
            .Validate(o => o.MaxHeight >= 144, "Media:MaxHeight must be at least 144.")
            .Validate(o => o.Threads >= 0, "Media:Threads must be 0 (ffmpeg decides) or more.")
            .Validate(o => o.FastPathMaxHeight >= o.MaxHeight, "Media:FastPathMaxHeight must be at least Media:MaxHeight.")
            .Validate(o => o.LowRungHeight == 0 || (o.LowRungHeight >= 144 && o.LowRungHeight < o.MaxHeight),
                "Media:LowRungHeight must be 0 (no low rung) or from 144 up to below Media:MaxHeight.")
            .Validate(o => o.MaxPixels >= 144L * 144 && o.MaxDurationMinutes >= 1 && o.MinBitsPerSecond >= 0,
                "Media:MaxPixels, MaxDurationMinutes and MinBitsPerSecond must be positive.")
            .Validate(o => o.MemoryLimitMiB == 0 || o.MemoryLimitMiB >= 256, "Media:MemoryLimitMiB must be 0 (no limit) or at least 256.")
            .Validate(o => o.TimeBudgetFactor > 0, "Media:TimeBudgetFactor must be more than 0.")
            .Validate(o => o.ChunkSeconds == 0 || (o.ChunkSeconds >= 8 && o.ChunkSeconds % new PlaybackSettings().SegmentSeconds == 0),
                "Media:ChunkSeconds must be 0 (never in parts) or a multiple of 4 from 8 up (parts end where HLS segments do).")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var media = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            return new FFMpegSettings { BinaryFolder = media.BinaryFolder, Threads = media.Threads, MemoryLimitMiB = media.MemoryLimitMiB };
        });
        services.AddSingleton(sp =>
        {
            var media = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            return new PlaybackSettings
            {
                MaxHeight = media.MaxHeight, LowRungHeight = media.LowRungHeight, FastPathMaxHeight = media.FastPathMaxHeight, MaxPixels = media.MaxPixels,
                MaxDuration = TimeSpan.FromMinutes(media.MaxDurationMinutes), MinBitsPerSecond = media.MinBitsPerSecond,
                TimeBudgetFactor = media.TimeBudgetFactor, ChunkSeconds = media.ChunkSeconds,
            };
        });
        services.AddSingleton<MediaProbe>();
        services.AddSingleton<FFMpegRunner>();
        services.AddSingleton<MediaToolsCheck>();
        services.AddSingleton<PlaybackPipeline>();

        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section)
            .Validate(o => o.MaxAttempts >= 1, "Worker:MaxAttempts must be at least 1.")
            .Validate(o => o.LeaseSeconds >= 10, "Worker:LeaseSeconds must be at least 10.");
        services.AddSingleton<WorkSignal>();
        services.AddScoped<JobQueue>();
        services.AddScoped<Notifications.MailQueue>();
        services.AddScoped<Lessons.LessonLifecycle>();
        services.AddScoped<LessonProcessor>();
        services.AddScoped<ChunkJob>();
        services.AddOptions<Analysis.TalkOptions>().BindConfiguration(Analysis.TalkOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Analysis.TalkOptions>, Analysis.TalkOptionsValidation>();
        services.AddScoped<Analysis.TalkQueue>();
        services.AddScoped<Analysis.TalkJob>();
        if (configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>()?.Enabled ?? true)
            services.AddHostedService<ProcessingWorker>();
        return services;
    }

    /// <summary>
    /// Registers the PostgreSQL event publisher when <c>Events:Provider=PostgreSQL</c>; returns false
    /// when events stay in-process (the host then registers its own publishers).
    /// </summary>
    public static bool AddDistributedEvents(this IServiceCollection services, IConfiguration configuration)
    {
        var events = configuration.GetSection(EventsOptions.Section).Get<EventsOptions>() ?? new EventsOptions();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (events.Effective(database.Provider) != EventsOptions.PostgreSql) return false;
        if (!string.Equals(database.Provider, DatabaseOptions.PostgreSql, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("Events:Provider=PostgreSQL needs Database:Provider=PostgreSQL (events travel through the same server).");
        if (events.PresenceTimeoutSeconds < 3)
            throw new InvalidOperationException("Events:PresenceTimeoutSeconds must be at least 3.");
        services.Configure<EventsOptions>(configuration.GetSection(EventsOptions.Section));
        // Made by the container (not registered as an instance) so it is disposed, closing its pool, when the host stops.
        services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(configuration.GetConnectionString("Database")!));
        services.AddSingleton<PostgresNotifyPublisher>();
        services.AddSingleton<Events.ILessonEventPublisher>(sp => sp.GetRequiredService<PostgresNotifyPublisher>());
        services.AddSingleton<Events.IReviewEventPublisher>(sp => sp.GetRequiredService<PostgresNotifyPublisher>());
        return true;
    }

    /// <summary>
    /// <c>Storage:Provider</c> Local (a folder under the data directory) or Azure: Blob Storage through
    /// the Azure SDK, registered with Microsoft.Extensions.Azure, with a connection string or an identity.
    /// </summary>
    private static void AddMediaStorage(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (string.Equals(storage.Provider, StorageOptions.Local, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IMediaStorage>(new LocalMediaStorage(Path.Combine(dataDirectory, "media")));
            return;
        }
        if (!string.Equals(storage.Provider, StorageOptions.Azure, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Storage:Provider '{storage.Provider}' is not known. Use Local or Azure.");

        var azure = configuration.GetSection(AzureStorageOptions.Section).Get<AzureStorageOptions>() ?? new AzureStorageOptions();
        services.AddSingleton(azure);
        services.AddAzureClients(clients =>
        {
            AzureBlobServiceFactory.Register(clients, azure);
        });
        services.AddSingleton<IMediaStorage>(sp => new AzureMediaStorage(
            sp.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>(), azure, sp.GetRequiredService<TimeProvider>()));
    }
}
