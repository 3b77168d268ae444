using Campaigns.Abstractions.Common;

namespace Campaigns.Abstractions.Projects;

/// <summary>Read-side queries across a project's calls; stateless, runs wherever it is called.</summary>
[Alias("campaigns.IAnalyticsGrain")]
public interface IAnalyticsGrain : IGrainWithIntegerKey
{
    [Alias("GetProjectAnalytics")]
    Task<Reply<ProjectAnalytics>> GetProjectAnalytics(
        string projectId, DateTimeOffset? from, DateTimeOffset? to);
}
