using Azure.Core.Pipeline;
using LessonReview.Core.Storage;
using LessonReview.Core.Storage.Azure;
using LessonReview.TestSupport;

namespace LessonReview.Web.Tests.Storage;

/// <summary>
/// The storage contract again, with no account key anywhere: the app's production credential
/// (DefaultAzureCredential → managed identity) gets its tokens from a managed-identity endpoint on
/// loopback, and Azurite in OAuth mode (HTTPS) checks them. Browser URLs are user-delegation SAS.
/// </summary>
public sealed class AzureIdentityStorageTests(IdentityAzuriteFixture fixture) : MediaStorageContract, IClassFixture<IdentityAzuriteFixture>
{
    protected override HttpClient Http => fixture.Browser;

    protected override async Task<IMediaStorage> OpenAsync()
    {
        var storage = fixture.CreateStorage();
        await storage.InitializeAsync();
        return storage;
    }

    [Fact]
    public async Task Tokens_come_from_the_managed_identity_endpoint_for_Azure_Storage()
    {
        var storage = await OpenAsync();
        await storage.CheckHealthAsync();

        Assert.True(fixture.Identity.Requests > 0, "the credential asked the identity endpoint for a token");
        Assert.StartsWith("https://storage.azure.com", fixture.Identity.LastResource);
    }

    [Fact]
    public async Task Read_urls_are_user_delegation_sas_that_are_read_only_and_expire()
    {
        var url = await AssertReadUrlIsReadOnlyAndExpiresAsync(await OpenAsync());

        Assert.Contains("skoid=", url.Query); // signed with a key lent to the identity, not an account key
    }

    [Fact]
    public async Task Without_a_connection_string_or_service_uri_start_up_names_both_settings()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AzureBlobServiceFactory.Create(new AzureStorageOptions()));
        Assert.Contains("Storage:Azure:ServiceUri", error.Message);
        Assert.Contains("Storage:Azure:ConnectionString", error.Message);
        await Task.CompletedTask;
    }
}

/// <summary>An OAuth (HTTPS) Azurite and a managed-identity endpoint, for one test class.</summary>
public sealed class IdentityAzuriteFixture : IAsyncLifetime
{
    public Azurite Server { get; private set; } = null!;
    public FakeManagedIdentity Identity { get; } = new();
    public HttpClient Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await Azurite.StartAsync(oauth: true);
        Identity.UseForThisProcess();
        Browser = new HttpClient(Server.CreateHandler());
    }

    public AzureMediaStorage CreateStorage()
    {
        var options = new AzureStorageOptions { ServiceUri = Server.BlobEndpoint, Container = "contract" };
        var client = AzureBlobServiceFactory.Create(options, AzureBlobServiceFactory.Credential(options),
            new HttpClientTransport(Server.CreateHandler()));
        return new AzureMediaStorage(client, options, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        Browser.Dispose();
        Identity.Dispose();
        await Server.DisposeAsync();
    }
}
