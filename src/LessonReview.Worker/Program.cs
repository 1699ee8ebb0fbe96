using LessonReview.Core;
using LessonReview.Core.Data;
using LessonReview.Core.Events;
using LessonReview.Core.Storage;
using LessonReview.Core.Telemetry;

// LessonReview.Worker: claims processing jobs from the shared database and makes lessons playable.
// Run as many as the encoding load needs; each takes one job at a time (ffmpeg uses every core).
// Configuration keys are the web app's (README): Database, ConnectionStrings:Database, Storage,
// Media, Worker, Events. With Events:Provider=PostgreSQL its progress reaches every web instance.
var builder = Host.CreateApplicationBuilder(args);
// Worker:Enabled switches the worker inside the web app; in this process the worker is the point.
builder.Configuration["Worker:Enabled"] = "true";
var configured = builder.Configuration["DataDirectory"];
var dataDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(builder.Environment.ContentRootPath, "data") : configured);
builder.Services.AddLessonReviewCore(builder.Configuration, dataDirectory);
builder.Services.AddLessonReviewTelemetry(builder.Configuration, "lessonreview-worker");
if (!builder.Services.AddDistributedEvents(builder.Configuration))
{
    builder.Services.AddSingleton<ILessonEventPublisher, NoViewersPublisher>();
    builder.Services.AddSingleton<IReviewEventPublisher, NoViewersPublisher>();
}

var host = builder.Build();
await using (var scope = host.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<LessonReviewDb>().MigrateAsync();
    await scope.ServiceProvider.GetRequiredService<IMediaStorage>().InitializeAsync();
}
await host.RunAsync();
