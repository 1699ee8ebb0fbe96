using LessonReview.Core;
using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using LessonReview.Core.Events;
using LessonReview.Core.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using LessonReview.Web.Accounts;
using LessonReview.Web.Health;
using LessonReview.Web.Analysis;
using LessonReview.Web.Lessons;
using LessonReview.Web.Localization;
using LessonReview.Web.Notifications;
using LessonReview.Web.Programme;
using LessonReview.Web.Framework;
using LessonReview.Web.Realtime;
using LessonReview.Web.Security;
using LessonReview.Web.Reviews;
using LessonReview.Web.Uploads;

namespace LessonReview.Web.Hosting;

/// <summary>All of the web app's wiring, so Program.cs stays a handful of lines.</summary>
public static class LessonReviewHosting
{
    public static WebApplicationBuilder AddLessonReview(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var dataDirectory = DataDirectory(builder.Configuration, builder.Environment);
        services.AddSingleton(new AppPaths(dataDirectory));
        services.AddLessonReviewCore(builder.Configuration, dataDirectory);

        services.AddReceiveBlockPool(builder.Configuration);
        // Let Kestrel keep receiving a long upload while the previous block is written to storage
        // (the 1 MB default pauses the socket on every write). Kestrel:Limits:MaxRequestBufferSize overrides it.
        if (builder.Configuration["Kestrel:Limits:MaxRequestBufferSize"] is null)
            services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
                kestrel.Limits.MaxRequestBufferSize = 4 * 1024 * 1024);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Detail ??= DefaultDetail(context.ProblemDetails.Status);
            ProblemTranslation.Translate(context);
        });
        services.AddOpenApi();
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Lessons");
            o.Conventions.AuthorizeFolder("/Reviews");
            // The sign-in and password forms have the same per-address limit as POST /api/session (accounts also lock, per account).
            foreach (var page in new[] { "/SignIn", "/ForgotPassword", "/Password" })
                o.Conventions.AddPageApplicationModelConvention(page,
                    model => model.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(RateLimits.SignIn)));
        });
        services.AddProxySupport(builder.Configuration);
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.AddSignalR();
        services.AddSingleton<HubLessonEventPublisher>();
        services.AddSingleton<HubReviewEventPublisher>();
        if (services.AddDistributedEvents(builder.Configuration))
        {
            // Several instances: publish with NOTIFY, and deliver everyone's events to our own hub clients.
            services.AddSingleton<PostgresEventListener>();
            services.AddSingleton<IPresenceAnnouncer, PostgresPresenceAnnouncer>();
            services.AddHostedService(sp => sp.GetRequiredService<PostgresEventListener>());
            services.AddHostedService<PresenceHeartbeat>();
            services.AddSingleton<IAccountChanges, PostgresAccountChanges>();
            services.AddSingleton<INotificationSignals, PostgresNotificationSignals>();
        }
        else
        {
            services.AddSingleton<ILessonEventPublisher>(sp => sp.GetRequiredService<HubLessonEventPublisher>());
            services.AddSingleton<IReviewEventPublisher>(sp => sp.GetRequiredService<HubReviewEventPublisher>());
            services.AddSingleton<IPresenceAnnouncer, LocalPresenceAnnouncer>();
            services.AddSingleton<IAccountChanges, LocalAccountChanges>();
            services.AddSingleton<INotificationSignals>(sp => sp.GetRequiredService<HubNotificationSignals>());
        }
        services.AddSingleton<HubNotificationSignals>();
        services.AddLessonReviewNotifications(builder.Configuration);
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<OpenHubConnections>();
        services.AddSingleton<HubSessionCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<HubSessionCheck>());
        services.AddExceptionHandler<FailureExceptionHandler>();
        services.AddLessonReviewRateLimits(builder.Configuration);
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<StorageHealthCheck>("storage")
            .AddCheck<FFmpegHealthCheck>("ffmpeg");

        services.AddLessonReviewIdentity(builder.Configuration);
        services.AddLessonReviewLocalization(builder.Configuration);
        services.AddLessonReviewTelemetry(builder.Configuration, "lessonreview-web",
            tracing: t => t
                // Probes every few seconds would drown the traces people look at.
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/alive") && !http.Request.Path.StartsWithSegments("/health"))
                .AddSource("Microsoft.AspNetCore.SignalR.Server"),
            metrics: m => m.AddAspNetCoreInstrumentation().AddMeter("Microsoft.AspNetCore.Http.Connections"));
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Trainee, p => p.RequireRole(Roles.Trainee))
            .AddPolicy(Policies.CoordinatorOrTrainee, p => p.RequireRole(Roles.Coordinator, Roles.Trainee))
            .AddPolicy(Policies.Coordinator, p => p.RequireRole(Roles.Coordinator));

        services.AddScoped<LessonAccess>();
        services.AddScoped<ReviewAccess>();
        services.AddScoped<StandingMentors>();
        services.AddScoped<AccountAdmin>();
        services.AddScoped<AccountImport>();
        services.AddScoped<Framework.GrowthFramework>();
        services.AddScoped<Framework.GrowthHistory>();
        services.AddScoped<Analysis.TalkHistory>();
        services.AddScoped<Privacy.ViewLog>();
        services.AddOptions<Privacy.PrivacyOptions>().Bind(builder.Configuration.GetSection(Privacy.PrivacyOptions.Section))
            .Validate(o => o.OriginalRetentionDays >= 0 && o.LessonRetentionDays >= 0 && o.SweepMinutes >= 0, "Privacy:OriginalRetentionDays, LessonRetentionDays and SweepMinutes must each be 0 or more.")
            .ValidateOnStart();
        services.AddSingleton<Privacy.RetentionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<Privacy.RetentionSweeper>());
        services.AddScoped<Programme.ProgrammeSummary>();
        services.AddOptions<Programme.ProgrammeOptions>().Bind(builder.Configuration.GetSection(Programme.ProgrammeOptions.Section))
            .Validate(o => o.QuietDays >= 1, "Programme:QuietDays must be 1 or more.").ValidateOnStart();
        services.AddScoped<ReviewReader>();
        services.AddScoped<ReviewChanges>();
        services.AddUploads(builder.Configuration);
        return builder;
    }

    /// <summary>Checks media storage, migrates the database and, in Development, resets the demo accounts (and seeds the demo programme once).</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<Core.Storage.IMediaStorage>().InitializeAsync();
        }
        catch (Exception e)
        {
            // Fail at start-up, with the reason, rather than on the first upload.
            throw new InvalidOperationException($"Media storage is not usable: {e.Message}", e);
        }
        await scope.ServiceProvider.GetRequiredService<LessonReviewDb>().MigrateAsync();
        if (app.Environment.IsDevelopment())
        {
            await DevelopmentSeed.RunAsync(scope.ServiceProvider.GetRequiredService<AccountService>(), app.Configuration, app.Logger);
            await DemoProgramme.RunAsync(scope.ServiceProvider, app.Configuration, app.Logger);
        }
    }

    public static WebApplication MapLessonReview(this WebApplication app)
    {
        app.UseForwardedHeaders(); // first: everything after sees the client's address and scheme
        if (!app.Environment.IsDevelopment()) app.UseHsts(); // sent on HTTPS requests only
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler();
        // A bodiless error answers the API with problem details, and a person in a browser with a page.
        app.UseWhen(http => IsApi(http.Request), api => api.UseStatusCodePages());
        app.UseWhen(http => !IsApi(http.Request), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseMiddleware<HubOriginCheck>();
        app.UseStaticFiles();
        app.UseRouting(); // here, after the status-code pages, so a re-executed /status/404 is routed again
        app.UseAuthentication();
        app.UseRequestLocalization(); // after authentication: a signed-in person's saved language comes first
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapSessionApi();
        app.MapStandingMentorsApi();
        app.MapAccountsApi();
        app.MapUploadsApi();
        app.MapLessonsApi();
        app.MapTalkApi();
        app.MapReviewsApi();
        app.MapCommentsApi();
        app.MapActionItemsApi();
        app.MapExportsApi();
        app.MapNotificationsApi();
        app.MapProgrammeApi();
        app.MapFrameworkApi();
        app.MapHub<ReviewHub>("/hubs/review");
        app.MapRazorPages();
        return app;
    }

    private static string DataDirectory(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var configured = configuration["DataDirectory"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, "data")
            : Path.Combine(environment.ContentRootPath, configured));
    }

    // Responses with no body of their own (the cookie handler's 401/403, unmatched routes) still say what to do.
    private static string? DefaultDetail(int? status) => status switch
    {
        StatusCodes.Status401Unauthorized => "You are not signed in. Sign in (POST /api/session or the sign-in page) and try again.",
        StatusCodes.Status403Forbidden => "Your account's role does not allow this. Ask your coordinator if you need it.",
        StatusCodes.Status404NotFound => "Nothing is at this address. Check the link.",
        StatusCodes.Status405MethodNotAllowed => "This address does not accept that kind of request.",
        // Outside Development the framework does not say what was wrong with a body it could not read.
        StatusCodes.Status400BadRequest => "The request could not be read: send valid JSON with the fields this endpoint takes (see /openapi/v1.json).",
        StatusCodes.Status409Conflict => "Someone else changed this at the same moment. Reload and try again.",
        StatusCodes.Status411LengthRequired => "Say how long the body is (Content-Length).",
        StatusCodes.Status413PayloadTooLarge => "The request is larger than the server accepts.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json (uploads: application/offset+octet-stream).",
        StatusCodes.Status429TooManyRequests => "Too many requests in a short time. Wait a little and try again.",
        >= 400 and < 500 => "The request was refused. Check it and try again.",
        _ => null,
    };

    internal static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs");
}

/// <summary>Folders the app writes to.</summary>
public sealed record AppPaths(string DataDirectory);

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    public const string Trainee = "trainee";
    public const string CoordinatorOrTrainee = "coordinator-or-trainee";
    public const string Coordinator = "coordinator";
}
