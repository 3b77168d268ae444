using Campaigns.Abstractions.Campaigns;
using Campaigns.Abstractions.Common;

namespace Campaigns.Grains.Domain;

/// <summary>What a lifecycle command does to a campaign in a given status.</summary>
public enum LifecycleVerdict
{
    Transition,
    AlreadyThere,
    Refused,
}

public readonly record struct LifecycleDecision(LifecycleVerdict Verdict, CampaignStatus Target);

/// <summary>The lifecycle table of the product specification, and nothing else.</summary>
public static class CampaignLifecycle
{
    public static CampaignStatus TargetOf(CampaignCommand command) => command switch
    {
        CampaignCommand.Start or CampaignCommand.Resume => CampaignStatus.Started,
        CampaignCommand.Pause => CampaignStatus.Paused,
        CampaignCommand.End => CampaignStatus.Ended,
        CampaignCommand.Complete => CampaignStatus.Complete,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    /// <summary>The commands that move a campaign out of <paramref name="status"/>.</summary>
    public static IReadOnlyList<CampaignCommand> AllowedFrom(CampaignStatus status) => status switch
    {
        CampaignStatus.NotStarted => [CampaignCommand.Start, CampaignCommand.End],
        CampaignStatus.Started => [CampaignCommand.Pause, CampaignCommand.End, CampaignCommand.Complete],
        CampaignStatus.Paused =>
            [CampaignCommand.Resume, CampaignCommand.End, CampaignCommand.Complete],
        _ => [],
    };

    /// <summary>Outcomes flow while a campaign is running or paused (calls in flight finish).</summary>
    public static bool IsRunning(CampaignStatus status) =>
        status is CampaignStatus.Started or CampaignStatus.Paused;

    public static LifecycleDecision Decide(CampaignStatus current, CampaignCommand command)
    {
        var target = TargetOf(command);
        if (target == current)
        {
            return new(LifecycleVerdict.AlreadyThere, target);
        }

        return AllowedFrom(current).Contains(command)
            ? new(LifecycleVerdict.Transition, target)
            : new(LifecycleVerdict.Refused, target);
    }

    public static DomainError Refusal(CampaignStatus current, CampaignCommand command)
    {
        var allowed = AllowedFrom(current);
        var list = allowed.Count == 0
            ? "none: it is final"
            : string.Join(", ", allowed.Select(c => c.ToString().ToLowerInvariant()));

        return DomainError.Conflict(
            "lifecycle-conflict",
            $"Cannot {command.ToString().ToLowerInvariant()} a campaign that is "
            + $"{StatusNames.Label(current)}. Allowed commands: {list}.");
    }
}
