using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Campaigns;

namespace Campaigns.Abstractions.Projects;

/// <summary>Totals across a project's campaigns, over calls started in a time range.</summary>
[GenerateSerializer, Immutable, Alias("campaigns.ProjectAnalytics")]
public sealed record ProjectAnalytics(
    [property: Id(0)] IReadOnlyDictionary<OutcomeStatus, long> Outcomes,
    [property: Id(1)] IReadOnlyDictionary<CampaignStatus, int> Campaigns,
    [property: Id(2)] long TotalTimeSpentMs,
    [property: Id(3)] IReadOnlyList<DailyTimeSpent> TimeSpentPerDay);

[GenerateSerializer, Immutable, Alias("campaigns.DailyTimeSpent")]
public sealed record DailyTimeSpent(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] long Calls,
    [property: Id(2)] long TimeSpentMs);
