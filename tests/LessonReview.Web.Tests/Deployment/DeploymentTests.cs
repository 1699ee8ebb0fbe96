using System.Text.Json;
using System.Text.RegularExpressions;
using LessonReview.TestSupport;

namespace LessonReview.Web.Tests.Deployment;

/// <summary>
/// No Bicep compiler or Docker engine runs here, so the deployment files are checked for
/// consistency with the code instead: azure.yaml points at real projects with Dockerfiles that
/// install ffmpeg, and every app setting in infra/ is a configuration key the README documents and
/// the app reads (and the keys production needs are set for both apps).
/// </summary>
public sealed partial class DeploymentTests
{
    private static readonly string Root = Repository.Root;

    [Fact]
    public void Azure_yaml_services_point_at_real_projects_and_dockerfiles()
    {
        var yaml = File.ReadAllText(Path.Combine(Root, "azure.yaml"));
        var services = ServiceBlock().Matches(yaml).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["body"].Value);

        Assert.Equal(["web", "worker"], services.Keys.Order());
        foreach (var (name, body) in services)
        {
            var project = Path.GetFullPath(Path.Combine(Root, Field(body, "project")));
            Assert.Equal("csharp", Field(body, "language"));
            Assert.Equal("containerapp", Field(body, "host"));
            var csproj = Assert.Single(Directory.GetFiles(project, "*.csproj"));
            var dockerfile = File.ReadAllText(Path.Combine(project, Field(body, "path")));
            Assert.Matches(@"apt-get install[^\n]*\bffmpeg\b", dockerfile);
            Assert.Contains($"{Path.GetFileNameWithoutExtension(csproj)}.dll", dockerfile);
            Assert.Contains($"'azd-service-name': '{name}'", Bicep);
        }
    }

    [Fact]
    public void Every_app_setting_in_infra_is_a_documented_configuration_key()
    {
        var documented = DocumentedKeys();
        var settings = AppSettingNames().ToList();

        Assert.NotEmpty(settings);
        Assert.All(settings, key => Assert.True(documented.Contains(key), $"infra sets {key}, which README does not document"));
    }

    [Fact]
    public void Both_apps_get_what_production_requires()
    {
        string[] required = ["Database:Provider", "ConnectionStrings:Database", "Storage:Provider", "Storage:Azure:ServiceUri", "Events:Provider"];
        var shared = SharedSettings().Match(Bicep).Groups["body"].Value;

        Assert.All(required, key => Assert.Contains($"name: '{key.Replace(":", "__")}'", shared));
        Assert.Equal(2, Regex.Matches(Bicep, @"env: concat\(sharedSettings,").Count);
        Assert.Contains("name: 'Worker__Enabled', value: 'false'", Bicep); // the web app leaves encoding to the workers
        Assert.Contains("stickySessions: { affinity: 'sticky' }", Bicep); // SignalR's negotiate and connection on one replica
    }

    [Fact]
    public void A_named_key_vault_certificate_reaches_the_web_app_as_its_data_protection_certificate()
    {
        var parameters = File.ReadAllText(Path.Combine(Root, "infra", "main.parameters.json"));
        var main = File.ReadAllText(Path.Combine(Root, "infra", "main.bicep"));

        Assert.Contains("\"dataProtectionCertificateName\": { \"value\": \"${DATA_PROTECTION_CERTIFICATE=}\" }", parameters);
        Assert.Contains("dataProtectionCertificateName: dataProtectionCertificateName", main);
        // A Key Vault secret reference through the web app's identity, mapped to the key the app reads.
        Assert.Matches(@"name: 'dataprotection-certificate', keyVaultUrl: '\$\{vault\.properties\.vaultUri\}secrets/\$\{dataProtectionCertificateName\}', identity: webIdentity\.id", Bicep);
        Assert.Contains("{ name: 'DataProtection__Certificate', secretRef: 'dataprotection-certificate' }", Bicep);
        Assert.Contains("env: concat(sharedSettings, dataProtectionSettings, [", Bicep);
        Assert.Contains("], dataProtectionSecrets)", Bicep);
    }

    [Fact]
    public void Storage_is_reached_with_managed_identities_and_no_account_key()
    {
        var bicep = Bicep;
        Assert.Contains("allowSharedKeyAccess: false", bicep);
        Assert.DoesNotContain("storage.listKeys(", bicep);
        Assert.DoesNotContain("Storage__Azure__ConnectionString", bicep);
        // Each app names its own user-assigned identity; both may read and write blobs; web signs read URLs.
        Assert.Contains("{ name: 'Storage__Azure__ClientId', value: webIdentity.properties.clientId }", bicep);
        Assert.Contains("{ name: 'Storage__Azure__ClientId', value: workerIdentity.properties.clientId }", bicep);
        const string contributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe", delegator = "db58b8e5-c6ad-4a2a-8342-4190687cbf4a";
        Assert.Matches($@"blobDataContributorRole = [^\n]*'{contributor}'", bicep);
        Assert.Matches($@"blobDelegatorRole = [^\n]*'{delegator}'", bicep);
        Assert.Matches(@"(?s)resource webBlobData[^}]*scope: storage[^}]*roleDefinitionId: blobDataContributorRole, principalId: webIdentity", bicep);
        Assert.Matches(@"(?s)resource workerBlobData[^}]*scope: storage[^}]*roleDefinitionId: blobDataContributorRole, principalId: workerIdentity", bicep);
        Assert.Matches(@"(?s)resource webBlobDelegator[^}]*scope: storage[^}]*roleDefinitionId: blobDelegatorRole, principalId: webIdentity", bicep);
    }

    [Fact]
    public void Every_documented_key_is_read_by_the_app()
    {
        var source = string.Join('\n', Directory.GetFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
        var appsettings = File.ReadAllText(Path.Combine(Root, "src", "LessonReview.Web", "appsettings.json"));

        foreach (var key in DocumentedKeys())
        {
            var last = key.Split(':')[^1];
            Assert.True(source.Contains(last, StringComparison.Ordinal) || appsettings.Contains($"\"{last}\""), $"README documents {key} but nothing reads it");
        }
    }

    [Fact]
    public void Every_file_the_readme_links_to_exists()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var targets = ReadmeLink().Matches(readme).Select(m => m.Groups["path"].Value).Distinct().ToList();
        Assert.Contains(targets, t => t.StartsWith("docs/screenshots/", StringComparison.Ordinal)); // the pictures are linked
        Assert.All(targets, path => Assert.True(File.Exists(Path.Combine(Root, path)), $"README links to {path}, which does not exist (run scripts/screenshots.sh?)"));
    }

    private static string Bicep => File.ReadAllText(Path.Combine(Root, "infra", "resources.bicep"));

    private static IEnumerable<string> AppSettingNames() =>
        SettingName().Matches(Bicep).Select(m => m.Groups["name"].Value.Replace("__", ":")).Distinct();

    private static HashSet<string> DocumentedKeys()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var section = readme[readme.IndexOf("## Configure it", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        return ConfigRow().Matches(section).Select(m => m.Groups["key"].Value).ToHashSet();
    }

    private static string Field(string body, string name) =>
        Regex.Match(body, $@"^\s+{name}:\s*(?<value>\S+)", RegexOptions.Multiline).Groups["value"].Value;

    [GeneratedRegex(@"^  (?<name>\w+):\n(?<body>(?:    .*\n?)+)", RegexOptions.Multiline)]
    private static partial Regex ServiceBlock();

    [GeneratedRegex(@"\{ name: '(?<name>[A-Za-z][A-Za-z0-9_]*)', (?:value|secretRef):")]
    private static partial Regex SettingName();

    [GeneratedRegex(@"var sharedSettings = \[(?<body>[^\]]*)\]")]
    private static partial Regex SharedSettings();

    [GeneratedRegex(@"\]\((?<path>(?:docs|scripts|infra|src|tests)/[^)#\s]+)\)")]
    private static partial Regex ReadmeLink();

    [GeneratedRegex(@"^\| `(?<key>[A-Za-z][A-Za-z0-9_]*(?::[A-Za-z0-9_]+)*)` \|", RegexOptions.Multiline)]
    private static partial Regex ConfigRow();
}
