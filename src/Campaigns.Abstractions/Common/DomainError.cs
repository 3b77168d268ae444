namespace Campaigns.Abstractions.Common;

/// <summary>Which family of refusal an error is; the gateway maps each to one HTTP status.</summary>
public enum ErrorKind
{
    Invalid = 0,
    NotFound = 1,
    Conflict = 2,
    TooLarge = 3,
    Forbidden = 4,
}

/// <summary>
/// A refusal that crosses the grain boundary as data rather than as an exception:
/// refusals are expected traffic (retries, late reports), not failures.
/// </summary>
/// <param name="Code">A stable machine-readable code, e.g. <c>lifecycle-conflict</c>.</param>
/// <param name="Detail">A sentence for a person.</param>
/// <param name="Field">The offending input field, where there is one.</param>
[GenerateSerializer, Immutable, Alias("campaigns.DomainError")]
public sealed record DomainError(
    [property: Id(0)] ErrorKind Kind,
    [property: Id(1)] string Code,
    [property: Id(2)] string Detail,
    [property: Id(3)] string? Field = null)
{
    public static DomainError Invalid(string code, string detail, string? field = null) =>
        new(ErrorKind.Invalid, code, detail, field);

    public static DomainError NotFound(string code, string detail) =>
        new(ErrorKind.NotFound, code, detail);

    public static DomainError Conflict(string code, string detail, string? field = null) =>
        new(ErrorKind.Conflict, code, detail, field);
}
