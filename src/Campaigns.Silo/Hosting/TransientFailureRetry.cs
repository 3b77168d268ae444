using Microsoft.Extensions.Logging;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Campaigns.Silo.Hosting;

/// <summary>
/// Retries grain calls that failed because a silo died, left or was not yet
/// known to be dead, for a bounded time. Every grain method of this product is
/// safe to repeat (outcomes are exactly-once by call id, commands and creates are
/// idempotent), so a caller sees a slower answer instead of an error while the
/// cluster heals. Failures that are answers, such as a refused command, are
/// replies, not exceptions, and are never retried.
/// </summary>
public sealed partial class TransientFailureRetry(TimeProvider clock, ILogger<TransientFailureRetry> logger)
    : IOutgoingGrainCallFilter
{
    /// <summary>Long enough for the cluster to declare a killed silo dead and move its grains.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (!context.InterfaceName.StartsWith("Campaigns.", StringComparison.OrdinalIgnoreCase))
        {
            // Orleans' own system calls have their own recovery.
            await context.Invoke();
            return;
        }

        var started = clock.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (Exception e) when (IsTransient(e) && clock.GetElapsedTime(started) < Budget)
            {
                LogRetry(context.InterfaceName, context.MethodName, attempt, e.GetType().Name);
                await Task.Delay(Backoff(attempt));
            }
        }
    }

    private static bool IsTransient(Exception e) => e is TimeoutException
        or OrleansMessageRejectionException
        or ConnectionFailedException
        or GatewayTooBusyException
        or InconsistentStateException;

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(2000, 50 * Math.Pow(2, attempt)) * (0.5 + Random.Shared.NextDouble()));

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Retrying {Interface}.{Method} (attempt {Attempt}) after a transient {Failure}")]
    private partial void LogRetry(string @interface, string method, int attempt, string failure);
}
