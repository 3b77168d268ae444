using System.Collections.Frozen;
using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Campaigns;

namespace Campaigns.Abstractions.Common;

/// <summary>
/// Reads status names the way dialers and operators write them: case, spaces,
/// hyphens and underscores do not matter, and the labels older integrations send
/// are accepted. Numbers are never statuses, so a stray enum ordinal is refused.
/// </summary>
public static class StatusNames
{
    private static readonly FrozenDictionary<string, OutcomeStatus> Outcomes =
        BuildOutcomes().ToFrozenDictionary();

    private static readonly FrozenDictionary<string, CampaignStatus> CampaignStatuses =
        BuildCampaignStatuses().ToFrozenDictionary();

    public static bool TryParseOutcome(string? text, out OutcomeStatus status) =>
        Outcomes.TryGetValue(Normalize(text), out status);

    public static bool TryParseCampaign(string? text, out CampaignStatus status) =>
        CampaignStatuses.TryGetValue(Normalize(text), out status);

    /// <summary>The human label operators see, e.g. "Not Started".</summary>
    public static string Label(CampaignStatus status) => status switch
    {
        CampaignStatus.NotStarted => "Not Started",
        _ => status.ToString(),
    };

    /// <summary>The human label of an outcome status, e.g. "No Answer".</summary>
    public static string Label(OutcomeStatus status) => status switch
    {
        OutcomeStatus.NoAnswer => "No Answer",
        OutcomeStatus.NoMessage => "No Message",
        OutcomeStatus.LeftMessage => "Left Message",
        OutcomeStatus.UserHungUp => "User Hung Up",
        OutcomeStatus.MeetingBooked => "Meeting Booked",
        OutcomeStatus.CallTransferred => "Call Transferred",
        OutcomeStatus.IssueDialing => "Issue Dialing",
        _ => status.ToString(),
    };

    private static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        Span<char> buffer = stackalloc char[Math.Min(text.Length, 64)];
        var length = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-' or '_' or '\t')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                return "";
            }

            buffer[length++] = char.ToLowerInvariant(c);
        }

        return new string(buffer[..length]);
    }

    private static Dictionary<string, OutcomeStatus> BuildOutcomes()
    {
        var names = Enum.GetValues<OutcomeStatus>().ToDictionary(s => Normalize(s.ToString()));
        names[Normalize("Voicemail - Left Message")] = OutcomeStatus.LeftMessage;
        names[Normalize("Voicemail - No Message")] = OutcomeStatus.NoMessage;
        names[Normalize("Client Callback Requested")] = OutcomeStatus.Callback;
        names[Normalize("Issue dialling")] = OutcomeStatus.IssueDialing;
        return names;
    }

    private static Dictionary<string, CampaignStatus> BuildCampaignStatuses()
    {
        var names = Enum.GetValues<CampaignStatus>().ToDictionary(s => Normalize(s.ToString()));
        names[Normalize("Executed")] = CampaignStatus.Complete;
        return names;
    }
}
