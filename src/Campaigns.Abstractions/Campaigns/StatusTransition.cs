namespace Campaigns.Abstractions.Campaigns;

/// <summary>One entry of a campaign's status history.</summary>
[GenerateSerializer, Immutable, Alias("campaigns.StatusTransition")]
public sealed record StatusTransition(
    [property: Id(0)] CampaignStatus From,
    [property: Id(1)] CampaignStatus To,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? Reason,
    [property: Id(4)] string Actor);
