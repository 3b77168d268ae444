using System.Globalization;
using Campaigns.Dialer.Csv;
using Campaigns.Dialer.Replay;

namespace Campaigns.Dialer.Bank;

/// <summary>
/// Turns the UCI Bank Marketing data set into calls to replay.
///
/// Data: S. Moro, R. Laureano and P. Cortez. Using Data Mining for Bank Direct
/// Marketing: An Application of the CRISP-DM Methodology. Proceedings of the
/// European Simulation and Modelling Conference (ESM'2011), pp. 117-121,
/// Guimarães, Portugal, October 2011. (UCI Machine Learning Repository, CC BY 4.0.)
///
/// Rows are in date order from May 2008; each calendar month is one campaign and
/// the year rolls over when the month goes back. Row n is contact client-n, who
/// got <c>campaign</c> calls: all but the last rang out (No Answer, 0 s); the last
/// lasted <c>duration</c> seconds and booked a meeting when <c>y</c> is yes.
/// </summary>
public static class BankConverter
{
    public const int FirstYear = 2008;

    private static readonly string[] Months =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static IEnumerable<CallRow> Convert(TextReader bankCsv)
    {
        var header = CsvLine.Split(bankCsv.ReadLine() ?? "", ';');
        int Column(string name) => header.IndexOf(name) is >= 0 and var i
            ? i
            : throw new FormatException($"The bank file has no '{name}' column.");
        var (month, day, duration, campaign, subscribed) =
            (Column("month"), Column("day"), Column("duration"), Column("campaign"), Column("y"));

        var year = FirstYear;
        var previousMonth = 0;
        var n = 0;
        while (bankCsv.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            n++;
            var f = CsvLine.Split(line, ';');
            var monthNumber = Array.IndexOf(Months, f[month]) + 1;
            if (monthNumber < previousMonth)
            {
                year++;
            }

            previousMonth = monthNumber;
            var date = new DateTimeOffset(year, monthNumber, int.Parse(f[day], CultureInfo.InvariantCulture), 9, 0, 0,
                TimeSpan.Zero);
            var campaignId = $"bank-{year:D4}-{monthNumber:D2}";
            var calls = int.Parse(f[campaign], CultureInfo.InvariantCulture);
            var seconds = int.Parse(f[duration], CultureInfo.InvariantCulture);
            var contact = $"client-{n}";

            for (var k = 1; k <= calls; k++)
            {
                var last = k == calls;
                var status = !last ? "NoAnswer"
                    : f[subscribed] == "yes" ? "MeetingBooked"
                    : seconds > 0 ? "Completed"
                    : "NoAnswer";
                yield return new CallRow(
                    campaignId, $"{contact}-{k}", status, last ? seconds : 0, date.AddMinutes(k - 1), contact);
            }
        }
    }
}
