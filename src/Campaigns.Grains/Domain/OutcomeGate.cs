using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Campaigns;
using Campaigns.Abstractions.Common;

namespace Campaigns.Grains.Domain;

/// <summary>Whether a campaign in a given status takes an outcome of a call that began at a given time.</summary>
public static class OutcomeGate
{
    /// <param name="startedAt">When the campaign first started, if it ever did.</param>
    /// <param name="finishedAt">When the campaign left Started or Paused, if it has.</param>
    public static DomainError? Admit(
        CampaignStatus status, DateTimeOffset? startedAt, DateTimeOffset? finishedAt, DateTimeOffset callStartedAt)
    {
        if (status == CampaignStatus.NotStarted)
        {
            return DomainError.Conflict(
                "campaign-not-started",
                "The campaign is Not Started; start it before reporting outcomes.");
        }

        if (CampaignLifecycle.IsRunning(status) || WasInFlight(startedAt, finishedAt, callStartedAt))
        {
            return null;
        }

        return DomainError.Conflict(
            "campaign-finished",
            $"The campaign is {StatusNames.Label(status)}; only calls that began while it ran "
            + $"(before {finishedAt:yyyy-MM-ddTHH:mm:ss.fffZ}) can still be reported.");
    }

    /// <summary>
    /// A late report is of a call that began while the campaign ran. A dialer's
    /// clock may lag the service's a little, so the window opens that much early.
    /// </summary>
    private static bool WasInFlight(DateTimeOffset? startedAt, DateTimeOffset? finishedAt, DateTimeOffset call) =>
        startedAt is { } start && finishedAt is { } end
        && call >= start - OutcomeLimits.MaxClockSkew && call < end;
}
