namespace Campaigns.Abstractions.Calls;

/// <summary>A page request over a campaign's call history, newest first.</summary>
/// <param name="Statuses">Only these outcome statuses; empty means all.</param>
/// <param name="Cursor">Opaque position returned as <see cref="CallPage.NextCursor"/>.</param>
[GenerateSerializer, Immutable, Alias("campaigns.CallQuery")]
public sealed record CallQuery(
    [property: Id(0)] IReadOnlyList<OutcomeStatus> Statuses,
    [property: Id(1)] DateTimeOffset? From,
    [property: Id(2)] DateTimeOffset? To,
    [property: Id(3)] int Limit,
    [property: Id(4)] string? Cursor);

[GenerateSerializer, Immutable, Alias("campaigns.CallPage")]
public sealed record CallPage(
    [property: Id(0)] IReadOnlyList<CallRecord> Items,
    [property: Id(1)] string? NextCursor);
