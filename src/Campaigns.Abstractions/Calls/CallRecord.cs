namespace Campaigns.Abstractions.Calls;

/// <summary>One stored outcome, as the call history shows it.</summary>
[GenerateSerializer, Immutable, Alias("campaigns.CallRecord")]
public sealed record CallRecord(
    [property: Id(0)] string CallId,
    [property: Id(1)] OutcomeStatus Status,
    [property: Id(2)] long DurationMs,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] string? ContactId,
    [property: Id(5)] string? Interaction,
    [property: Id(6)] bool CountsTowardTimeSpent,
    [property: Id(7)] DateTimeOffset ReceivedAt);
