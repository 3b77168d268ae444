using Campaigns.Abstractions.Campaigns;
using Campaigns.Abstractions.Common;

namespace Campaigns.Abstractions.Projects;

/// <summary>A project and its index of campaigns. Calls flow campaign to project, never back.</summary>
[Alias("campaigns.IProjectGrain")]
public interface IProjectGrain : IGrainWithStringKey
{
    /// <summary>Creates the project; repeating the same request returns the existing one.</summary>
    [Alias("Create")]
    Task<Reply<ProjectView>> Create(string name);

    [Alias("Get"), ReadOnly]
    Task<Reply<ProjectView>> Get();

    /// <summary>The project's campaigns, filtered by status when any are given.</summary>
    [Alias("ListCampaigns"), ReadOnly]
    Task<Reply<IReadOnlyList<CampaignIndexEntry>>> ListCampaigns(IReadOnlyList<CampaignStatus> statuses);

    /// <summary>Called by a campaign after it persisted a creation or a transition.</summary>
    [Alias("CampaignChanged")]
    Task CampaignChanged(CampaignIndexEntry entry);
}
