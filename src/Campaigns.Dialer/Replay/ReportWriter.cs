using System.Globalization;

namespace Campaigns.Dialer.Replay;

/// <summary>Prints what the gateway reports after a replay: one line per campaign, then the totals.</summary>
public static class ReportWriter
{
    private static readonly string[] Shown = ["NoAnswer", "Completed", "MeetingBooked", "Callback", "Busy", "Failed"];

    public static void Write(ReplayReport report, TextWriter output)
    {
        var statuses = string.Join(" ", Shown.Select(s => $"{s,13}"));
        output.WriteLine($"{"campaign",-16} {"status",-12} {"calls",9} {statuses} {"time spent s",14}");
        foreach (var c in report.Campaigns)
        {
            var line = Line(c.CampaignId, c.Status, c.Attempts, s => c.Outcomes.GetValueOrDefault(s), c.TimeSpent);
            output.WriteLine(line);
        }

        var campaigns = $"{report.Campaigns.Count} campaigns";
        output.WriteLine(Line("total", campaigns, report.Calls, report.Count, report.TimeSpent));

        var tally = report.Tally;
        var complete = report.Campaigns.Count(c => c.Status == "Complete");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Sent {tally.Sent:N0} outcomes in {report.Elapsed.TotalSeconds:N1} s: accepted {tally.Accepted:N0}, "
            + $"duplicate {tally.Duplicates:N0}, refused {tally.Refused:N0}, retries {tally.Retries:N0}; "
            + $"{complete} of {report.Campaigns.Count} campaigns Complete."));
    }

    private static string Line(string name, string status, long calls, Func<string, long> count, decimal seconds)
    {
        var culture = CultureInfo.InvariantCulture;
        var counts = string.Join(" ", Shown.Select(s => string.Create(culture, $"{count(s),13:N0}")));
        return string.Create(culture, $"{name,-16} {status,-12} {calls,9:N0} {counts} {seconds,14:N3}");
    }
}
