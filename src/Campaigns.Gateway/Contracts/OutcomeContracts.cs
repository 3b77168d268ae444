using System.Text.Json;
using Campaigns.Abstractions.Calls;

namespace Campaigns.Gateway.Contracts;

public sealed record OutcomeRequest(
    string? CallId,
    OutcomeStatus? Status,
    decimal? DurationSeconds,
    DateTimeOffset? StartedAt,
    string? ContactId,
    JsonElement? Interaction);

/// <summary>Items stay raw until each is read on its own, so one malformed item refuses only itself.</summary>
public sealed record OutcomeBatchRequest(IReadOnlyList<JsonElement>? Outcomes);

public sealed record OutcomeResponse(string Result);

public sealed record OutcomeItemResponse(string? CallId, string Result, ProblemBody? Problem);

public sealed record OutcomeBatchResponse(IReadOnlyList<OutcomeItemResponse> Results);

/// <summary>The problem of one refused batch item, shaped like an RFC 9457 problem.</summary>
public sealed record ProblemBody(string Type, string Title, int Status, string Detail, string Code, string? Field);

public sealed record CallResponse(
    string CallId,
    OutcomeStatus Status,
    decimal DurationSeconds,
    DateTimeOffset StartedAt,
    string? ContactId,
    JsonElement? Interaction,
    bool CountsTowardTimeSpent,
    DateTimeOffset ReceivedAt)
{
    public static CallResponse From(CallRecord call) => new(
        call.CallId,
        call.Status,
        Seconds.FromMilliseconds(call.DurationMs),
        call.StartedAt,
        call.ContactId,
        call.Interaction is null ? null : JsonDocument.Parse(call.Interaction).RootElement.Clone(),
        call.CountsTowardTimeSpent,
        call.ReceivedAt);
}

public sealed record CallPageResponse(IReadOnlyList<CallResponse> Items, string? NextCursor);
