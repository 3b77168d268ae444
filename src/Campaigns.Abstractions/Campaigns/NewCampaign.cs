using Campaigns.Abstractions.Calls;

namespace Campaigns.Abstractions.Campaigns;

/// <summary>What an operator asks for when creating a campaign.</summary>
/// <param name="ScheduledStart">When the campaign starts by itself, if it should.</param>
[GenerateSerializer, Immutable, Alias("campaigns.NewCampaign")]
public sealed record NewCampaign(
    [property: Id(0)] string Name,
    [property: Id(1)] int? PlannedCalls,
    [property: Id(2)] string Actor,
    [property: Id(3)] FollowUpSource? FollowUp = null,
    [property: Id(4)] DateTimeOffset? ScheduledStart = null);

/// <summary>The parent campaign a follow-up was seeded from, and by which outcome statuses.</summary>
[GenerateSerializer, Immutable, Alias("campaigns.FollowUpSource")]
public sealed record FollowUpSource(
    [property: Id(0)] string ParentCampaignId,
    [property: Id(1)] IReadOnlyList<OutcomeStatus> Statuses,
    [property: Id(2)] int ContactCount);
