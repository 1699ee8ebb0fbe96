using LessonReview.Core.Data;
using LessonReview.Core.Processing;
using LessonReview.Core.Storage;
using LessonReview.Media;
using LessonReview.Media.Playback;
using LessonReview.Media.Probing;
using LessonReview.Media.Processing;
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

        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (!string.Equals(storage.Provider, StorageOptions.Local, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Storage:Provider '{storage.Provider}' is not available in this build. Use Local.");
        services.AddSingleton<IMediaStorage>(new LocalMediaStorage(Path.Combine(dataDirectory, "media")));

        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section)
            .Validate(o => o.MaxHeight >= 144, "Media:MaxHeight must be at least 144.")
            .Validate(o => o.Threads >= 0, "Media:Threads must be 0 (ffmpeg decides) or more.");
        services.AddSingleton(sp =>
        {
            var media = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            return new FFOptions { BinaryFolder = media.BinaryFolder, Threads = media.Threads };
        });
        services.AddSingleton(sp => new PlaybackSettings { MaxHeight = sp.GetRequiredService<IOptions<MediaOptions>>().Value.MaxHeight });
        services.AddSingleton<FFProbe>();
        services.AddSingleton<FFMpeg>();
        services.AddSingleton<PlaybackPipeline>();

        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section)
            .Validate(o => o.MaxAttempts >= 1, "Worker:MaxAttempts must be at least 1.")
            .Validate(o => o.LeaseSeconds >= 10, "Worker:LeaseSeconds must be at least 10.");
        services.AddSingleton<WorkSignal>();
        services.AddScoped<JobQueue>();
        services.AddScoped<LessonProcessor>();
        if (configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>()?.Enabled ?? true)
            services.AddHostedService<ProcessingWorker>();
        return services;
    }
}
