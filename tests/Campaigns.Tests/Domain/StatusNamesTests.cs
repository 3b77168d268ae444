using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Campaigns;
using Campaigns.Abstractions.Common;

namespace Campaigns.Tests.Domain;

public sealed class StatusNamesTests
{
    [Theory]
    [InlineData("No Answer", OutcomeStatus.NoAnswer)]
    [InlineData("NoAnswer", OutcomeStatus.NoAnswer)]
    [InlineData("no_answer", OutcomeStatus.NoAnswer)]
    [InlineData("no-answer", OutcomeStatus.NoAnswer)]
    [InlineData("NO ANSWER", OutcomeStatus.NoAnswer)]
    [InlineData("Voicemail - Left Message", OutcomeStatus.LeftMessage)]
    [InlineData("Voicemail - No Message", OutcomeStatus.NoMessage)]
    [InlineData("Client Callback Requested", OutcomeStatus.Callback)]
    [InlineData("Issue dialling", OutcomeStatus.IssueDialing)]
    [InlineData("Issue Dialing", OutcomeStatus.IssueDialing)]
    [InlineData("user hung up", OutcomeStatus.UserHungUp)]
    [InlineData("call_transferred", OutcomeStatus.CallTransferred)]
    public void OutcomeStatusesAreReadLeniently(string text, OutcomeStatus expected)
    {
        Assert.True(StatusNames.TryParseOutcome(text, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    [InlineData("Answered")]
    [InlineData("NoAnswerNoAnswerNoAnswerNoAnswerNoAnswerNoAnswerNoAnswerNoAnswerNoAnswer")]
    public void NumbersAndUnknownNamesAreNotOutcomeStatuses(string? text)
    {
        Assert.False(StatusNames.TryParseOutcome(text, out _));
    }

    [Theory]
    [InlineData("Not Started", CampaignStatus.NotStarted)]
    [InlineData("not_started", CampaignStatus.NotStarted)]
    [InlineData("Executed", CampaignStatus.Complete)]
    [InlineData("complete", CampaignStatus.Complete)]
    [InlineData("ENDED", CampaignStatus.Ended)]
    public void CampaignStatusesAreReadLenientlyWithExecutedMeaningComplete(string text, CampaignStatus expected)
    {
        Assert.True(StatusNames.TryParseCampaign(text, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("Running")]
    public void NumbersAndUnknownNamesAreNotCampaignStatuses(string text)
    {
        Assert.False(StatusNames.TryParseCampaign(text, out _));
    }

    [Fact]
    public void LabelsAreTheWordsOperatorsRead()
    {
        Assert.Equal("Not Started", StatusNames.Label(CampaignStatus.NotStarted));
        Assert.Equal("Meeting Booked", StatusNames.Label(OutcomeStatus.MeetingBooked));
    }
}
