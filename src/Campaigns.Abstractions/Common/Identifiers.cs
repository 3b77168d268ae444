namespace Campaigns.Abstractions.Common;

/// <summary>Ids are opaque, URL-safe strings: letters, digits, '-', '_', '.' and '~'.</summary>
public static class Identifiers
{
    public const int MaxLength = 128;

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id)
        && id.Length <= MaxLength
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
        && id is not "." and not "..";

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static DomainError? Check(string? id, string field) =>
        IsValid(id)
            ? null
            : DomainError.Invalid(
                "invalid-id",
                $"'{field}' must be 1 to {MaxLength} characters of letters, digits, '-', '_', '.' or '~'.",
                field);
}
