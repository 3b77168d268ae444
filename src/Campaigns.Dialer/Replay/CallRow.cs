using System.Globalization;
using Campaigns.Dialer.Csv;

namespace Campaigns.Dialer.Replay;

/// <summary>One line of the generic calls CSV the simulator replays.</summary>
public sealed record CallRow(
    string CampaignId,
    string CallId,
    string Status,
    decimal DurationSeconds,
    DateTimeOffset? StartedAt,
    string? ContactId)
{
    public const string Header = "campaignId,callId,status,durationSeconds,startedAt,contactId";

    public string ToCsv() => string.Join(',',
        CsvLine.Quote(CampaignId),
        CsvLine.Quote(CallId),
        CsvLine.Quote(Status),
        DurationSeconds.ToString(CultureInfo.InvariantCulture),
        StartedAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "",
        CsvLine.Quote(ContactId));

    public static IEnumerable<CallRow> ReadAll(TextReader reader)
    {
        var header = reader.ReadLine();
        if (header?.Trim() != Header)
        {
            throw new FormatException($"A calls CSV starts with the header '{Header}'.");
        }

        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var f = CsvLine.Split(line, ',');
            if (f.Count != 6)
            {
                throw new FormatException($"Line {number} has {f.Count} fields, not 6.");
            }

            yield return new CallRow(
                f[0],
                f[1],
                f[2],
                decimal.Parse(f[3], NumberStyles.Number, CultureInfo.InvariantCulture),
                f[4].Length == 0 ? null : DateTimeOffset.Parse(f[4], CultureInfo.InvariantCulture),
                f[5].Length == 0 ? null : f[5]);
        }
    }
}
