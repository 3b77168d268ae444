namespace Campaigns.Abstractions.Calls;

/// <summary>A dialer's report of one finished call.</summary>
/// <param name="DurationMs">Connected time in whole milliseconds.</param>
/// <param name="StartedAt">When dialing began, if the dialer said so.</param>
/// <param name="Interaction">AI interaction data as compact JSON text.</param>
[GenerateSerializer, Immutable, Alias("campaigns.CallOutcome")]
public sealed record CallOutcome(
    [property: Id(0)] string CallId,
    [property: Id(1)] OutcomeStatus Status,
    [property: Id(2)] long DurationMs,
    [property: Id(3)] DateTimeOffset? StartedAt = null,
    [property: Id(4)] string? ContactId = null,
    [property: Id(5)] string? Interaction = null);
