using Campaigns.Abstractions.Campaigns;

namespace Campaigns.Abstractions.Projects;

/// <summary>A project's record of one of its campaigns, kept current on every transition.</summary>
[GenerateSerializer, Immutable, Alias("campaigns.CampaignIndexEntry")]
public sealed record CampaignIndexEntry(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] string Name,
    [property: Id(2)] CampaignStatus Status,
    [property: Id(3)] DateTimeOffset CreatedAt);
