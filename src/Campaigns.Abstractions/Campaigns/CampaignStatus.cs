namespace Campaigns.Abstractions.Campaigns;

/// <summary>Where a campaign is in its lifecycle. Stored by value: never renumber.</summary>
public enum CampaignStatus
{
    NotStarted = 0,
    Started = 1,
    Paused = 2,
    Complete = 3,
    Ended = 4,
}
