using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Campaigns;
using Campaigns.Abstractions.Projects;

namespace Campaigns.Gateway.Contracts;

public sealed record DailyTimeSpentResponse(DateOnly Day, long Calls, decimal TimeSpentSeconds);

public sealed record AnalyticsResponse(
    string ProjectId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    IReadOnlyDictionary<OutcomeStatus, long> Outcomes,
    IReadOnlyDictionary<CampaignStatus, int> Campaigns,
    decimal TotalTimeSpentSeconds,
    IReadOnlyList<DailyTimeSpentResponse> TimeSpentPerDay)
{
    public static AnalyticsResponse Create(
        string projectId, DateTimeOffset? from, DateTimeOffset? to, ProjectAnalytics analytics) => new(
        projectId,
        from,
        to,
        analytics.Outcomes,
        analytics.Campaigns,
        Seconds.FromMilliseconds(analytics.TotalTimeSpentMs),
        analytics.TimeSpentPerDay
            .Select(d => new DailyTimeSpentResponse(d.Day, d.Calls, Seconds.FromMilliseconds(d.TimeSpentMs)))
            .ToList());
}
