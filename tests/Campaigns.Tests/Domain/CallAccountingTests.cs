using Campaigns.Abstractions.Calls;
using Campaigns.Grains.Domain;

namespace Campaigns.Tests.Domain;

public sealed class CallAccountingTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Theory]
    [InlineData(OutcomeStatus.Completed, true)]
    [InlineData(OutcomeStatus.NoAnswer, true)]
    [InlineData(OutcomeStatus.NoMessage, true)]
    [InlineData(OutcomeStatus.LeftMessage, true)]
    [InlineData(OutcomeStatus.UserHungUp, true)]
    [InlineData(OutcomeStatus.Callback, true)]
    [InlineData(OutcomeStatus.MeetingBooked, true)]
    [InlineData(OutcomeStatus.CallTransferred, true)]
    [InlineData(OutcomeStatus.Busy, false)]
    [InlineData(OutcomeStatus.IssueDialing, false)]
    [InlineData(OutcomeStatus.Failed, false)]
    public void EachOutcomeStatusAddsToTimeSpentOnlyWhenConnected(OutcomeStatus status, bool connected)
    {
        var counters = new CampaignCounters();

        counters.Add(status, 90_500, Now);

        Assert.Equal(1, counters.Attempts);
        Assert.Equal(1, counters.Calls[status]);
        Assert.Equal(connected ? 1 : 0, counters.Connected);
        Assert.Equal(connected ? 90_500 : 0, counters.TotalTimeSpentMs);
    }

    [Fact]
    public void AMillionOutcomesAddUpToTheMillisecond()
    {
        var counters = new CampaignCounters();

        for (var i = 0; i < 1_000_000; i++)
        {
            counters.Add(OutcomeStatus.Completed, 1, Now);
        }

        Assert.Equal(1_000_000, counters.TotalTimeSpentMs);
    }

    [Fact]
    public void CountsListEveryStatusWithZerosIncluded()
    {
        var counters = new CampaignCounters();
        counters.Add(OutcomeStatus.Callback, 0, Now);

        var counts = counters.CountsWithZeros();

        Assert.Equal(Enum.GetValues<OutcomeStatus>().Length, counts.Count);
        Assert.Equal(1, counts[OutcomeStatus.Callback]);
        Assert.Equal(0, counts[OutcomeStatus.Failed]);
    }

    [Fact]
    public void TheLastOutcomeTimeIsTheLatestReceipt()
    {
        var counters = new CampaignCounters();

        counters.Add(OutcomeStatus.Busy, 0, Now);
        counters.Add(OutcomeStatus.Busy, 0, Now.AddMinutes(-5));

        Assert.Equal(Now, counters.LastOutcomeAt);
    }
}
