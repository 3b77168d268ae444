using System.Text.Json;
using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Common;
using Campaigns.Gateway.Contracts;

namespace Campaigns.Gateway.Outcomes;

/// <summary>Turns a reported outcome into the grain's type, refusing anything the spec does not allow.</summary>
public static class OutcomeInput
{
    public static (CallOutcome? Outcome, DomainError? Error) Convert(OutcomeRequest? request, DateTimeOffset now)
    {
        if (request is null)
        {
            return (null, DomainError.Invalid("invalid-outcome", "An outcome must be a JSON object."));
        }

        if (request is not { CallId: { } callId, Status: { } status, DurationSeconds: { } seconds })
        {
            var missing = request.CallId is null ? "callId" : request.Status is null ? "status" : "durationSeconds";
            return (null, DomainError.Invalid("missing-field", $"'{missing}' is required.", missing));
        }

        if (seconds is < 0 or > OutcomeLimits.MaxDurationMs / 1000)
        {
            return (null, DomainError.Invalid(
                "invalid-duration", "'durationSeconds' must be between 0 and 86400 (one day).", "durationSeconds"));
        }

        if (request.Interaction is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            return (null, DomainError.Invalid(
                "invalid-interaction", "'interaction' must be a JSON object.", "interaction"));
        }

        if (!TryCompact(request.Interaction, out var interaction))
        {
            return (null, DomainError.Invalid(
                "invalid-interaction", "'interaction' holds text that is not valid Unicode.", "interaction"));
        }

        var outcome = new CallOutcome(
            callId,
            status,
            Seconds.ToMilliseconds(seconds),
            request.StartedAt?.ToUniversalTime(),
            request.ContactId,
            interaction);
        return OutcomeLimits.Check(outcome, now) is { } error ? (null, error) : (outcome, null);
    }

    /// <summary>Re-encodes interaction data without whitespace; fails on strings such as lone surrogates.</summary>
    private static bool TryCompact(JsonElement? interaction, out string? compact)
    {
        compact = null;
        if (interaction is not { ValueKind: JsonValueKind.Object } data)
        {
            return true;
        }

        try
        {
            compact = JsonSerializer.Serialize(data);
            return true;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
