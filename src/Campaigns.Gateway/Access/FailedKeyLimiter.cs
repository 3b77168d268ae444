using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Campaigns.Gateway.Access;

/// <summary>
/// Counts the keys each remote address presents that turn out unknown or revoked. Past its
/// budget the address is answered 429 before any lookup, so guessing keys costs the cluster
/// nothing. A valid key sent from a blocked address waits too: the gateway cannot tell it is
/// valid without the lookup it refuses to make.
/// </summary>
public sealed class FailedKeyLimiter : IDisposable
{
    /// <summary>Where the handler leaves, for the refusal, how long the address must wait.</summary>
    public const string RetryAfterItem = "campaigns.failed-keys.retry-after";

    private const int MaxBlockedAddresses = 10_000;

    private readonly PartitionedRateLimiter<string>? _limiter;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _blockedUntil = new(StringComparer.Ordinal);

    public FailedKeyLimiter(RateLimitOptions settings)
    {
        if (settings.FailedKeysPerSecond > 0)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(address =>
                RateLimitPartition.GetTokenBucketLimiter(
                    address, _ => RateLimits.PerSecond(settings.FailedKeysPerSecond, settings.FailedKeyBurst)));
        }
    }

    /// <summary>How long the address must wait, or null when it may present a key now.</summary>
    public TimeSpan? Blocked(string address)
    {
        if (!_blockedUntil.TryGetValue(address, out var until))
        {
            return null;
        }

        var wait = until - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            return wait;
        }

        _blockedUntil.TryRemove(new KeyValuePair<string, DateTimeOffset>(address, until));
        return null;
    }

    /// <summary>Counts a failed key; the address that has spent its budget is blocked until it refills.</summary>
    public void Failed(string address)
    {
        if (_limiter is null)
        {
            return;
        }

        using var lease = _limiter.AttemptAcquire(address);
        if (!lease.IsAcquired)
        {
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero
                ? retryAfter
                : TimeSpan.FromSeconds(1);
            _blockedUntil[address] = DateTimeOffset.UtcNow + wait;
            if (_blockedUntil.Count > MaxBlockedAddresses)
            {
                Forget(DateTimeOffset.UtcNow);
            }
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (address, until) in _blockedUntil)
        {
            if (until <= now)
            {
                _blockedUntil.TryRemove(new KeyValuePair<string, DateTimeOffset>(address, until));
            }
        }
    }

    public void Dispose() => _limiter?.Dispose();
}
