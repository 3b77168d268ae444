using Campaigns.Abstractions.Projects;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Campaigns.Gateway.Http;

/// <summary>Ready means a grain call reaches a silo and its storage answers.</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IProjectDirectoryGrain>(IProjectDirectoryGrain.Key).List()
                .WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            return HealthCheckResult.Unhealthy("The cluster did not answer.", e);
        }
    }
}
