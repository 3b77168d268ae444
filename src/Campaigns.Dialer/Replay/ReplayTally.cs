namespace Campaigns.Dialer.Replay;

/// <summary>What the gateway answered, summed over every request; safe for concurrent workers.</summary>
public sealed class ReplayTally
{
    private long _sent;
    private long _accepted;
    private long _duplicates;
    private long _refused;
    private long _retries;

    public long Sent => Interlocked.Read(ref _sent);
    public long Accepted => Interlocked.Read(ref _accepted);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Refused => Interlocked.Read(ref _refused);
    public long Retries => Interlocked.Read(ref _retries);

    public void AddSent(int count) => Interlocked.Add(ref _sent, count);

    public void AddRetry() => Interlocked.Increment(ref _retries);

    public void AddResult(string result)
    {
        switch (result)
        {
            case "accepted":
                Interlocked.Increment(ref _accepted);
                break;
            case "duplicate":
                Interlocked.Increment(ref _duplicates);
                break;
            default:
                Interlocked.Increment(ref _refused);
                break;
        }
    }
}
