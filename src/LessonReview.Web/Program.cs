using LessonReview.Web.Commands;
using LessonReview.Web.Hosting;

if (AdminCommands.Wants(args))
{
    Environment.ExitCode = await AdminCommands.RunAsync(args, CommandConsole.Process());
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddLessonReview();

var app = builder.Build();

await app.PrepareAsync();
app.MapLessonReview();
await app.RunAsync();

/// <summary>Entry point; public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
