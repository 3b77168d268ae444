using System.Globalization;
using Campaigns.Abstractions.Common;

namespace Campaigns.Gateway.Http;

/// <summary>A parsed query-string value, or why it could not be parsed.</summary>
public readonly record struct Parsed<T>(T Value, DomainError? Error);

/// <summary>Parses query-string values with the same rules and errors as bodies.</summary>
public static class QueryValues
{
    public static Parsed<List<TStatus>> Statuses<TStatus>(string? text, TryParse<TStatus> parse, string field)
    {
        var statuses = new List<TStatus>();
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            if (!parse(part, out var status))
            {
                return new([], DomainError.Invalid("unknown-status", $"'{part}' is not a known status.", field));
            }

            statuses.Add(status);
        }

        return new(statuses, null);
    }

    /// <summary>A time, kept to the millisecond like every stored time.</summary>
    public static Parsed<DateTimeOffset?> Time(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(null, null);
        }

        var culture = CultureInfo.InvariantCulture;
        return DateTimeOffset.TryParse(text, culture, DateTimeStyles.AssumeUniversal, out var time)
            ? new(DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds()), null)
            : new(null, DomainError.Invalid("invalid-time", $"'{field}' must be an ISO-8601 time.", field));
    }

    public static DomainError? CheckOrder(DateTimeOffset? from, DateTimeOffset? to) =>
        from is null || to is null || from < to
            ? null
            : DomainError.Invalid("invalid-time-range", "'from' must be before 'to'.", "from");

    public static Parsed<int> Limit(string? text, int fallback, int max)
    {
        if (text is null)
        {
            return new(fallback, null);
        }

        var valid = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            && size >= 1 && size <= max;
        return valid
            ? new(size, null)
            : new(0, DomainError.Invalid("invalid-limit", $"'limit' must be a whole number, 1 to {max}.", "limit"));
    }
}
