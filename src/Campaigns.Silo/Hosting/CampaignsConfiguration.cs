using Campaigns.Grains.Persistence;
using Microsoft.Extensions.Configuration;

namespace Campaigns.Silo.Hosting;

/// <summary>How this deployment runs: one process on SQLite, or a cluster on PostgreSQL.</summary>
public enum DeploymentMode
{
    /// <summary>The gateway co-hosts the only silo; state in a SQLite file.</summary>
    Embedded,

    /// <summary>Silos in their own processes, gateways as clients, state and membership in PostgreSQL.</summary>
    Cluster,
}

/// <summary>The product's settings, read once from the usual .NET configuration.</summary>
/// <param name="AdvertisedHost">
/// The host name other silos and clients reach this silo by; without it a cluster silo
/// listens on and advertises loopback, which suits processes on one machine.
/// </param>
public sealed record CampaignsConfiguration(
    DeploymentMode Mode,
    StorageProvider Provider,
    string ConnectionString,
    string ClusterId,
    string ServiceId,
    int SiloPort,
    int GatewayPort,
    string? AdvertisedHost)
{
    public const string ModeKey = "Campaigns:Mode";

    public static CampaignsConfiguration Read(IConfiguration configuration)
    {
        var mode = configuration.GetValue(ModeKey, DeploymentMode.Embedded);
        var storage = configuration.GetSection(StorageOptions.Section);
        var provider = storage.GetValue(
            nameof(StorageOptions.Provider),
            mode == DeploymentMode.Cluster ? StorageProvider.PostgreSql : StorageProvider.Sqlite);
        var connectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName)
            ?? storage[nameof(StorageOptions.ConnectionString)]
            ?? new StorageOptions().ConnectionString;
        var silo = configuration.GetSection("Campaigns:Silo");

        return new CampaignsConfiguration(
            mode,
            provider,
            connectionString,
            configuration["Campaigns:ClusterId"] ?? "campaigns",
            configuration["Campaigns:ServiceId"] ?? "campaigns",
            silo.GetValue("SiloPort", 11111),
            silo.GetValue("GatewayPort", 30000),
            silo["AdvertisedHost"]);
    }
}
