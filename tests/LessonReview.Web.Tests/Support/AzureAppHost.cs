using LessonReview.TestSupport;

namespace LessonReview.Web.Tests.Support;

/// <summary>The app with Storage:Provider=Azure against its own real Azurite.</summary>
public sealed class AzureAppHost : AppHost
{
    public AzureAppHost() : this(Azurite.StartAsync().GetAwaiter().GetResult()) { }

    private AzureAppHost(Azurite azurite) : base(Settings(azurite)) => Azurite = azurite;

    public Azurite Azurite { get; }

    public static Dictionary<string, string?> Settings(Azurite azurite) => new()
    {
        ["Storage:Provider"] = "Azure",
        ["Storage:Azure:ConnectionString"] = azurite.ConnectionString,
        ["Storage:Azure:Container"] = "media",
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Azurite.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
