using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace LessonReview.Web.Security;

/// <summary>
/// Configuration section <c>ForwardedHeaders</c>: which reverse proxies' X-Forwarded-For and
/// X-Forwarded-Proto to believe, so rate limits see each client's address (not the proxy's) and
/// cookies get <c>Secure</c> and HSTS applies behind TLS termination. Loopback is always trusted.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, comma-separated (e.g. <c>10.0.0.4,10.0.0.5</c>).</summary>
    public string KnownProxies { get; set; } = "";

    /// <summary>Proxy networks in CIDR form, comma-separated (e.g. <c>10.0.0.0/16</c>).</summary>
    public string KnownNetworks { get; set; } = "";

    /// <summary>
    /// Believe any sender: only where nothing but the proxy can reach the app (Azure Container Apps'
    /// ingress, whose addresses are not fixed; infra/ sets it).
    /// </summary>
    public bool TrustAllProxies { get; set; }

}

/// <summary>Registers forwarded-header handling from <see cref="ProxyOptions"/>.</summary>
public static class ProxySupport
{
    public static IServiceCollection AddProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        var proxy = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxy.TrustAllProxies)
            {
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
                o.ForwardLimit = 1; // the proxy's own entry, not whatever the client wrote before it
                return;
            }
            foreach (var address in Split(proxy.KnownProxies))
                o.KnownProxies.Add(IPAddress.TryParse(address, out var ip) ? ip
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies has '{address}', which is not an IP address."));
            foreach (var network in Split(proxy.KnownNetworks))
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks has '{network}', which is not a network such as 10.0.0.0/16."));
        });
        return services;
    }

    private static IEnumerable<string> Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
