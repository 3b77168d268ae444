using System.Globalization;

namespace Campaigns.Dialer.Replay;

public static class ReportWriter
{
    private static readonly string[] Shown = ["NoAnswer", "Completed", "MeetingBooked", "Callback", "Busy", "Failed"];

    public static void Write(ReplayReport report, TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(culture,
            $"{"campaign",-16} {"status",-10} {"calls",9} {string.Join(" ", Shown.Select(s => $"{s,13}"))} {"time spent s",14}"));
        foreach (var c in report.Campaigns)
        {
            var counts = string.Join(" ", Shown.Select(s => string.Create(culture, $"{c.Outcomes.GetValueOrDefault(s),13:N0}")));
            output.WriteLine(string.Create(culture,
                $"{c.CampaignId,-16} {c.Status,-10} {c.Attempts,9:N0} {counts} {c.TimeSpent,14:N3}"));
        }

        var totals = string.Join(" ", Shown.Select(s => string.Create(culture, $"{report.Count(s),13:N0}")));
        output.WriteLine(string.Create(culture,
            $"{"total",-16} {report.Campaigns.Count + " campaigns",-10} {report.Calls,9:N0} {totals} {report.TimeSpent,14:N3}"));
        output.WriteLine(string.Create(culture,
            $"Sent {report.Tally.Sent:N0} outcomes in {report.Elapsed.TotalSeconds:N1} s: accepted {report.Tally.Accepted:N0}, "
            + $"duplicate {report.Tally.Duplicates:N0}, refused {report.Tally.Refused:N0}, retries {report.Tally.Retries:N0}; "
            + $"{report.Campaigns.Count(c => c.Status == "Complete")} of {report.Campaigns.Count} campaigns Complete."));
    }
}
