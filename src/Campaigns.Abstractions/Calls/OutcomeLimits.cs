using Campaigns.Abstractions.Common;

namespace Campaigns.Abstractions.Calls;

/// <summary>The bounds every reported outcome must respect, checked at the gateway and again in the grain.</summary>
public static class OutcomeLimits
{
    public const long MaxDurationMs = 24L * 60 * 60 * 1000;

    /// <summary>Interaction data is a summary and a few tags, not a transcript.</summary>
    public const int MaxInteractionChars = 16 * 1024;

    public const int MaxBatchSize = 1000;

    /// <summary>How far ahead of the service's clock a dialer's clock may run.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The first rule the outcome breaks, or null when it is well formed.</summary>
    public static DomainError? Check(CallOutcome outcome, DateTimeOffset now)
    {
        if (Identifiers.Check(outcome.CallId, "callId") is { } badId)
        {
            return badId;
        }

        if (outcome.DurationMs is < 0 or > MaxDurationMs)
        {
            return DomainError.Invalid(
                "invalid-duration",
                "'durationSeconds' must be between 0 and 86400 (one day).",
                "durationSeconds");
        }

        if (outcome.ContactId is not null && !Identifiers.IsValid(outcome.ContactId))
        {
            return Identifiers.Check(outcome.ContactId, "contactId");
        }

        if (outcome.Interaction is { Length: > MaxInteractionChars })
        {
            return DomainError.Invalid(
                "interaction-too-large",
                $"'interaction' must serialize to at most {MaxInteractionChars} characters.",
                "interaction");
        }

        if (outcome.StartedAt > now + MaxClockSkew)
        {
            return DomainError.Invalid(
                "started-in-future", "'startedAt' is in the future.", "startedAt");
        }

        return null;
    }
}
