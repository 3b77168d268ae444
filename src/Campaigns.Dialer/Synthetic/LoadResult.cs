namespace Campaigns.Dialer.Synthetic;

/// <summary>What one campaign should now hold: every acknowledged outcome, and no more than was sent.</summary>
public sealed class CampaignExpectation
{
    private readonly Dictionary<string, long> _statuses = [];
    private long _acknowledged;
    private long _timeSpentMs;
    private long _unacknowledged;
    private long _unacknowledgedMs;

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long TimeSpentMs => Interlocked.Read(ref _timeSpentMs);

    /// <summary>Outcomes whose request never got an answer: each may or may not have been stored.</summary>
    public long Unacknowledged => Interlocked.Read(ref _unacknowledged);

    /// <summary>The most time the unanswered outcomes may have added.</summary>
    public long UnacknowledgedMs => Interlocked.Read(ref _unacknowledgedMs);

    /// <summary>Acknowledged outcomes per status name.</summary>
    public IReadOnlyDictionary<string, long> Statuses
    {
        get
        {
            lock (_statuses)
            {
                return new Dictionary<string, long>(_statuses);
            }
        }
    }

    public void Acknowledge(string status, long durationMs)
    {
        Interlocked.Increment(ref _acknowledged);
        Interlocked.Add(ref _timeSpentMs, durationMs);
        lock (_statuses)
        {
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
        }
    }

    public void Lose(int count, long durationMs)
    {
        Interlocked.Add(ref _unacknowledged, count);
        Interlocked.Add(ref _unacknowledgedMs, durationMs);
    }
}

/// <summary>The figures of one synthetic run.</summary>
public sealed class LoadResult(
    TimeSpan elapsed,
    long requests,
    long acknowledged,
    long refused,
    long failedRequests,
    long retries,
    long unexpectedDuplicates,
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

    /// <summary>
    /// Outcomes answered "duplicate" on a request's first attempt. Every call id
    /// is sent once, so each of these is a call the service counted as seen
    /// before it ever was.
    /// </summary>
    public long UnexpectedDuplicates { get; } = unexpectedDuplicates;
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
