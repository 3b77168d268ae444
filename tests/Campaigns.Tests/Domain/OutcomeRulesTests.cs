using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Campaigns;
using Campaigns.Grains.Domain;
using Campaigns.Grains.Persistence;

namespace Campaigns.Tests.Domain;

public sealed class OutcomeRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OutcomesAreRefusedWhileTheCampaignIsNotStarted()
    {
        var error = OutcomeGate.Admit(CampaignStatus.NotStarted, null, null, Now);

        Assert.Equal("campaign-not-started", error?.Code);
    }

    [Theory]
    [InlineData(CampaignStatus.Started)]
    [InlineData(CampaignStatus.Paused)]
    public void OutcomesAreAcceptedWhileRunningOrPaused(CampaignStatus status)
    {
        Assert.Null(OutcomeGate.Admit(status, Now.AddHours(-1), null, Now));
    }

    [Theory]
    [InlineData(CampaignStatus.Complete)]
    [InlineData(CampaignStatus.Ended)]
    public void AfterFinishingOnlyCallsThatBeganWhileTheCampaignRanAreAccepted(CampaignStatus status)
    {
        var started = Now.AddHours(-2);

        Assert.Null(OutcomeGate.Admit(status, started, Now, Now.AddSeconds(-1)));
        Assert.Null(OutcomeGate.Admit(status, started, Now, started));
        Assert.Equal("campaign-finished", OutcomeGate.Admit(status, started, Now, Now)?.Code);
        Assert.Equal("campaign-finished", OutcomeGate.Admit(status, started, Now, Now.AddSeconds(1))?.Code);
        Assert.Equal("campaign-finished", OutcomeGate.Admit(status, started, Now, started.AddHours(-1))?.Code);
    }

    [Fact]
    public void ACampaignEndedBeforeItEverStartedTakesNoOutcome()
    {
        var error = OutcomeGate.Admit(CampaignStatus.Ended, null, Now, Now.AddDays(-1));

        Assert.Equal("campaign-finished", error?.Code);
    }

    [Fact]
    public void StartedAtDefaultsToReceiptMinusDuration()
    {
        var row = StoredCall.From(new CallOutcome("c", OutcomeStatus.Completed, 30_000), Now);

        Assert.Equal(Now.AddSeconds(-30), row.StartedAt);
        Assert.False(row.StartedAtGiven);
    }

    [Fact]
    public void SameContentComparesDurationToTheMillisecondAndInteractionAsJson()
    {
        var first = Row(1_500, """{"summary":"ok","tags":["a"]}""");

        Assert.True(first.SameContentAs(Row(1_500, """{ "tags": ["a"], "summary": "ok" }""")));
        Assert.False(first.SameContentAs(Row(1_501, """{"summary":"ok","tags":["a"]}""")));
        Assert.False(first.SameContentAs(Row(1_500, """{"summary":"no","tags":["a"]}""")));
        Assert.False(first.SameContentAs(Row(1_500, null)));
    }

    [Fact]
    public void StartedAtCountsOnlyWhenBothCopiesCarryOne()
    {
        var given = StoredCall.From(new CallOutcome("c", OutcomeStatus.Busy, 0, Now.AddMinutes(-3)), Now);
        var derived = StoredCall.From(new CallOutcome("c", OutcomeStatus.Busy, 0), Now.AddMinutes(1));
        var otherGiven = StoredCall.From(new CallOutcome("c", OutcomeStatus.Busy, 0, Now.AddMinutes(-4)), Now);

        Assert.True(given.SameContentAs(derived));
        Assert.False(given.SameContentAs(otherGiven));
    }

    [Theory]
    [InlineData(-1, "invalid-duration")]
    [InlineData(86_400_001, "invalid-duration")]
    public void DurationsOutsideOneDayAreRefused(long durationMs, string code)
    {
        var error = OutcomeLimits.Check(new CallOutcome("c", OutcomeStatus.Completed, durationMs), Now);

        Assert.Equal(code, error?.Code);
    }

    private static StoredCall Row(long durationMs, string? interaction) =>
        StoredCall.From(new CallOutcome("c", OutcomeStatus.Completed, durationMs, null, "p1", interaction), Now);
}
