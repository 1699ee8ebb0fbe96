using LessonReview.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLessonReview();

var app = builder.Build();
if (await app.RunCommandAsync(args)) return;

await app.PrepareAsync();
app.MapLessonReview();
await app.RunAsync();

/// <summary>Entry point; public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
