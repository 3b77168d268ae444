using Campaigns.Abstractions.Common;

namespace Campaigns.Abstractions.Calls;

public enum OutcomeDisposition
{
    Accepted = 0,
    Duplicate = 1,
    Refused = 2,
}

/// <summary>What became of one reported outcome.</summary>
[GenerateSerializer, Immutable, Alias("campaigns.OutcomeResult")]
public sealed record OutcomeResult(
    [property: Id(0)] string CallId,
    [property: Id(1)] OutcomeDisposition Disposition,
    [property: Id(2)] DomainError? Problem = null);
