namespace Campaigns.Dialer.Synthetic;

/// <summary>What one campaign should now hold: every acknowledged outcome, and no more than was sent.</summary>
public sealed class CampaignExpectation
{
    private long _acknowledged;
    private long _timeSpentMs;
    private long _unacknowledged;

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long TimeSpentMs => Interlocked.Read(ref _timeSpentMs);

    /// <summary>Outcomes whose request never got an answer: each may or may not have been stored.</summary>
    public long Unacknowledged => Interlocked.Read(ref _unacknowledged);

    public void Acknowledge(long durationMs)
    {
        Interlocked.Increment(ref _acknowledged);
        Interlocked.Add(ref _timeSpentMs, durationMs);
    }

    public void Lose(int count) => Interlocked.Add(ref _unacknowledged, count);
}

/// <summary>The figures of one synthetic run.</summary>
public sealed class LoadResult(
    TimeSpan elapsed,
    long requests,
    long acknowledged,
    long refused,
    long failedRequests,
    long retries,
    double[] latenciesMs,
    double[] sendLagsMs,
    IReadOnlyDictionary<string, CampaignExpectation> campaigns)
{
    private readonly double[] _sortedLatencies = latenciesMs.Order().ToArray();
    private readonly double[] _sortedLags = sendLagsMs.Order().ToArray();

    public TimeSpan Elapsed { get; } = elapsed;
    public long Requests { get; } = requests;

    /// <summary>Outcomes answered "accepted" or "duplicate".</summary>
    public long Acknowledged { get; } = acknowledged;

    public long Refused { get; } = refused;

    /// <summary>Requests that got no answer below 500 after every attempt.</summary>
    public long FailedRequests { get; } = failedRequests;

    public long Retries { get; } = retries;
    public IReadOnlyDictionary<string, CampaignExpectation> Campaigns { get; } = campaigns;

    public double OutcomesPerSecond => Acknowledged / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public double MaxLatencyMs => _sortedLatencies.Length == 0 ? 0 : _sortedLatencies[^1];

    /// <summary>The latency that this fraction of requests stayed within, from their scheduled send time.</summary>
    public double LatencyMs(double fraction) => Percentile(_sortedLatencies, fraction);

    /// <summary>
    /// With a rate, how late requests left against their schedule: time the load
    /// generator itself lost, which the latency includes. Zero without a rate.
    /// </summary>
    public double SendLagMs(double fraction) => Percentile(_sortedLags, fraction);

    private static double Percentile(double[] sorted, double fraction)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(fraction * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
