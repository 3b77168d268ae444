using Campaigns.Dialer.Bank;
using Campaigns.Dialer.Replay;
using Campaigns.Tests.Support;

namespace Campaigns.Tests.Replay;

/// <summary>
/// Replays a slice of the UCI Bank Marketing data set (Moro, Laureano and Cortez,
/// ESM'2011; see samples/bank-marketing) through the real gateway and checks the
/// totals against ones computed here straight from the CSV.
/// </summary>
[Collection(SqliteGatewayCollection.Name)]
public sealed class BankReplayTests(SqliteGatewayFixture fixture)
{
    /// <summary>The last 300 clients of May 2008 and the first 300 of June 2008.</summary>
    private const int FirstRow = 7658;
    private const int RowCount = 600;

    [Fact]
    public async Task ReplayingASliceOfTheBankDataGivesTheTotalsOfTheCsvDespiteResentBatches()
    {
        var lines = File.ReadLines(RepositoryFiles.PathOf("samples/bank-marketing/bank-full.csv")).ToList();
        var slice = lines.Take(1).Concat(lines.Skip(FirstRow).Take(RowCount)).ToList();
        var expected = ExpectedTotals(slice);
        var rows = BankConverter.Convert(new StringReader(string.Join('\n', slice))).ToList();
        var options = new ReplayOptions
        {
            ProjectId = "bank-slice", Workers = 4, BatchSize = 25, Resend = 0.3, Quiet = true,
        };
        var replayer = new Replayer(fixture.Client, options, TextWriter.Null);

        var report = await replayer.RunAsync(rows, CancellationToken.None);

        Assert.True(report.Tally.Duplicates > 0, "resent batches should have produced duplicates");
        Assert.Equal(0, report.Tally.Refused);
        Assert.Equal(expected.Keys.Order(), report.Campaigns.Select(c => c.CampaignId).Order());
        foreach (var campaign in report.Campaigns)
        {
            var (calls, noAnswer, completed, booked, seconds) = expected[campaign.CampaignId];
            Assert.Equal("Complete", campaign.Status);
            Assert.Equal(calls, campaign.Attempts);
            Assert.Equal(noAnswer, campaign.Outcomes["NoAnswer"]);
            Assert.Equal(completed, campaign.Outcomes["Completed"]);
            Assert.Equal(booked, campaign.Outcomes["MeetingBooked"]);
            Assert.Equal(seconds, campaign.TimeSpent);
        }
    }

    /// <summary>Per month: calls, No Answer, Completed, Meeting Booked and connected seconds.</summary>
    private static Dictionary<string, (long, long, long, long, decimal)> ExpectedTotals(List<string> csv)
    {
        var header = csv[0].Replace("\"", "").Split(';').ToList();
        var totals =
            new Dictionary<string, (long Calls, long NoAnswer, long Completed, long Booked, decimal Seconds)>();
        foreach (var line in csv.Skip(1))
        {
            var f = line.Replace("\"", "").Split(';');
            var month = f[header.IndexOf("month")] == "may" ? "bank-2008-05" : "bank-2008-06";
            var calls = int.Parse(f[header.IndexOf("campaign")]);
            var duration = int.Parse(f[header.IndexOf("duration")]);
            var yes = f[header.IndexOf("y")] == "yes";
            var t = totals.GetValueOrDefault(month);
            totals[month] = (
                t.Calls + calls,
                t.NoAnswer + calls - 1 + (!yes && duration == 0 ? 1 : 0),
                t.Completed + (!yes && duration > 0 ? 1 : 0),
                t.Booked + (yes ? 1 : 0),
                t.Seconds + duration);
        }

        return totals;
    }
}
