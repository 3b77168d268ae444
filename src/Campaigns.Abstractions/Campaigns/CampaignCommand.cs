namespace Campaigns.Abstractions.Campaigns;

/// <summary>An operator's request to move a campaign through its lifecycle.</summary>
public enum CampaignCommand
{
    Start = 0,
    Pause = 1,
    Resume = 2,
    End = 3,
    Complete = 4,
}
