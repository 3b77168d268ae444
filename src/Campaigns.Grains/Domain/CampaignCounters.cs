using Campaigns.Abstractions.Calls;

namespace Campaigns.Grains.Domain;

/// <summary>
/// A campaign's running totals. Time is kept in whole milliseconds so a million
/// outcomes add up exactly.
/// </summary>
[GenerateSerializer, Alias("campaigns.CampaignCounters")]
public sealed class CampaignCounters
{
    [Id(0)] public Dictionary<OutcomeStatus, long> Calls { get; init; } = [];
    [Id(1)] public long Attempts { get; set; }
    [Id(2)] public long Connected { get; set; }
    [Id(3)] public long TotalTimeSpentMs { get; set; }
    [Id(4)] public DateTimeOffset? LastOutcomeAt { get; set; }

    public void Add(OutcomeStatus status, long durationMs, DateTimeOffset receivedAt)
    {
        Calls[status] = Calls.GetValueOrDefault(status) + 1;
        Attempts++;
        if (CallAccounting.IsConnected(status))
        {
            Connected++;
        }

        TotalTimeSpentMs += CallAccounting.TimeSpentMs(status, durationMs);
        if (LastOutcomeAt is null || receivedAt > LastOutcomeAt)
        {
            LastOutcomeAt = receivedAt;
        }
    }

    /// <summary>Counters rebuilt from per-status totals, by the same rules as <see cref="Add"/>.</summary>
    public static CampaignCounters FromTotals(
        IEnumerable<(OutcomeStatus Status, long Calls, long DurationMs)> totals, DateTimeOffset? lastOutcomeAt)
    {
        var counters = new CampaignCounters { LastOutcomeAt = lastOutcomeAt };
        foreach (var (status, calls, durationMs) in totals)
        {
            counters.Calls[status] = calls;
            counters.Attempts += calls;
            counters.Connected += CallAccounting.IsConnected(status) ? calls : 0;
            counters.TotalTimeSpentMs += CallAccounting.TimeSpentMs(status, durationMs);
        }

        return counters;
    }

    /// <summary>Every outcome status with its count, zeros included.</summary>
    public Dictionary<OutcomeStatus, long> CountsWithZeros() =>
        Enum.GetValues<OutcomeStatus>().ToDictionary(s => s, s => Calls.GetValueOrDefault(s));
}
