using Campaigns.Abstractions.Campaigns;
using Campaigns.Abstractions.Common;

namespace Campaigns.Grains.Domain;

/// <summary>Whether a campaign in a given status takes an outcome of a call that began at a given time.</summary>
public static class OutcomeGate
{
    /// <param name="finishedAt">When the campaign left Started or Paused, if it has.</param>
    public static DomainError? Admit(
        CampaignStatus status, DateTimeOffset? finishedAt, DateTimeOffset callStartedAt)
    {
        if (status == CampaignStatus.NotStarted)
        {
            return DomainError.Conflict(
                "campaign-not-started",
                "The campaign is Not Started; start it before reporting outcomes.");
        }

        if (CampaignLifecycle.IsRunning(status) || callStartedAt < finishedAt)
        {
            return null;
        }

        return DomainError.Conflict(
            "campaign-finished",
            $"The campaign is {StatusNames.Label(status)} and the call began after it finished "
            + $"at {finishedAt:O}.",
            "startedAt");
    }
}
