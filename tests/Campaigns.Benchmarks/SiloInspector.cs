using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Campaigns.Benchmarks;

/// <summary>An Orleans client of the service's silo, for what only the silo knows: its activations.</summary>
public sealed class SiloInspector : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly IManagementGrain _management;

    private SiloInspector(IHost host)
    {
        _host = host;
        _management = host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
    }

    public static async Task<SiloInspector> ConnectAsync(int gatewayPort)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, "campaigns", "campaigns"))
            .Build();
        await host.StartAsync();
        return new SiloInspector(host);
    }

    /// <summary>Campaign grains in memory right now.</summary>
    public async Task<int> ActiveCampaignsAsync()
    {
        var statistics = await _management.GetSimpleGrainStatistics();
        return statistics
            .Where(s => s.GrainType.Contains("CampaignGrain", StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);
    }

    /// <summary>Deactivates every idle grain now, as the idle sweep would after their collection age.</summary>
    public Task DeactivateIdleAsync() => _management.ForceActivationCollection(TimeSpan.Zero);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
