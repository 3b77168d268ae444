using System.Text.Json;
using Campaigns.Abstractions.Calls;
using Campaigns.Grains.Domain;

namespace Campaigns.Grains.Persistence;

/// <summary>A row of the call history table.</summary>
/// <param name="Seq">Assigned by the store on insert; 0 before.</param>
/// <param name="StartedAtGiven">Whether the dialer sent startedAt, rather than it being derived.</param>
/// <param name="RequestId">The gateway request that stored the row; see <see cref="RequestIds"/>.</param>
public sealed record StoredCall(
    long Seq,
    string CallId,
    OutcomeStatus Status,
    long DurationMs,
    DateTimeOffset StartedAt,
    bool StartedAtGiven,
    string? ContactId,
    string? Interaction,
    DateTimeOffset ReceivedAt,
    string? RequestId = null)
{
    /// <summary>
    /// The row to store for a new report; startedAt defaults to receipt minus
    /// duration. Times are kept to the millisecond, as the store keeps them, so a
    /// retry compares equal to the stored copy.
    /// </summary>
    public static StoredCall From(CallOutcome outcome, DateTimeOffset receivedAt, string? requestId = null)
    {
        var received = ToMilliseconds(receivedAt);
        return new(
            0,
            outcome.CallId,
            outcome.Status,
            outcome.DurationMs,
            ToMilliseconds(outcome.StartedAt ?? received.AddMilliseconds(-outcome.DurationMs)),
            outcome.StartedAt is not null,
            outcome.ContactId,
            outcome.Interaction,
            received,
            requestId);
    }

    private static DateTimeOffset ToMilliseconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    /// <summary>
    /// Two reports of one call carry the same content: status, duration to the
    /// millisecond, contact and interaction data, and startedAt where both have one.
    /// </summary>
    public bool SameContentAs(StoredCall other) =>
        Status == other.Status
        && DurationMs == other.DurationMs
        && ContactId == other.ContactId
        && SameJson(Interaction, other.Interaction)
        && (!StartedAtGiven || !other.StartedAtGiven || StartedAt == other.StartedAt);

    public CallRecord ToRecord() => new(
        CallId,
        Status,
        DurationMs,
        StartedAt,
        ContactId,
        Interaction,
        CallAccounting.IsConnected(Status),
        ReceivedAt);

    private static bool SameJson(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return left == right;
        }

        if (left == right)
        {
            return true;
        }

        using var a = JsonDocument.Parse(left);
        using var b = JsonDocument.Parse(right);
        return JsonElement.DeepEquals(a.RootElement, b.RootElement);
    }
}

/// <summary>What the store did with one row: inserted it, or found the call already there.</summary>
public sealed record AppendResult(StoredCall Call, bool Inserted);
