using Campaigns.Abstractions.Campaigns;
using Campaigns.Grains.Domain;
using static Campaigns.Abstractions.Campaigns.CampaignCommand;
using static Campaigns.Abstractions.Campaigns.CampaignStatus;
using static Campaigns.Grains.Domain.LifecycleVerdict;

namespace Campaigns.Tests.Domain;

public sealed class CampaignLifecycleTests
{
    /// <summary>Every status against every command, as the product specification's table reads.</summary>
    public static TheoryData<CampaignStatus, CampaignCommand, LifecycleVerdict, CampaignStatus> Table => new()
    {
        { NotStarted, Start, Transition, Started },
        { NotStarted, Pause, Refused, Paused },
        { NotStarted, Resume, Refused, Started },
        { NotStarted, End, Transition, Ended },
        { NotStarted, CampaignCommand.Complete, Refused, CampaignStatus.Complete },
        { Started, Start, AlreadyThere, Started },
        { Started, Pause, Transition, Paused },
        { Started, Resume, AlreadyThere, Started },
        { Started, End, Transition, Ended },
        { Started, CampaignCommand.Complete, Transition, CampaignStatus.Complete },
        { Paused, Start, Refused, Started },
        { Paused, Pause, AlreadyThere, Paused },
        { Paused, Resume, Transition, Started },
        { Paused, End, Transition, Ended },
        { Paused, CampaignCommand.Complete, Transition, CampaignStatus.Complete },
        { CampaignStatus.Complete, Start, Refused, Started },
        { CampaignStatus.Complete, Pause, Refused, Paused },
        { CampaignStatus.Complete, Resume, Refused, Started },
        { CampaignStatus.Complete, End, Refused, Ended },
        { CampaignStatus.Complete, CampaignCommand.Complete, AlreadyThere, CampaignStatus.Complete },
        { Ended, Start, Refused, Started },
        { Ended, Pause, Refused, Paused },
        { Ended, Resume, Refused, Started },
        { Ended, End, AlreadyThere, Ended },
        { Ended, CampaignCommand.Complete, Refused, CampaignStatus.Complete },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void EveryCommandFromEveryStatusFollowsTheTable(
        CampaignStatus from, CampaignCommand command, LifecycleVerdict verdict, CampaignStatus target)
    {
        var decision = CampaignLifecycle.Decide(from, command);

        Assert.Equal(verdict, decision.Verdict);
        Assert.Equal(target, decision.Target);
    }

    [Fact]
    public void ARefusalNamesTheCurrentStatusAndTheCommandsAllowedFromIt()
    {
        var error = CampaignLifecycle.Refusal(Paused, Start);

        Assert.Equal("lifecycle-conflict", error.Code);
        Assert.Contains("Paused", error.Detail);
        Assert.Contains("resume, end, complete", error.Detail);
    }

    [Theory]
    [InlineData(CampaignStatus.Complete)]
    [InlineData(Ended)]
    public void FinishedCampaignsAllowNoCommand(CampaignStatus status)
    {
        Assert.Empty(CampaignLifecycle.AllowedFrom(status));
        Assert.Contains("none", CampaignLifecycle.Refusal(status, Start).Detail);
    }
}
