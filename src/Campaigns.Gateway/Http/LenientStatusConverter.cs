using System.Text.Json;
using System.Text.Json.Serialization;
using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Campaigns;
using Campaigns.Abstractions.Common;

namespace Campaigns.Gateway.Http;

/// <summary>A status name in a body that no lenient reading recognises.</summary>
public sealed class UnknownStatusException(string message) : JsonException(message);

/// <summary>
/// Reads statuses by the same lenient rules as query strings and writes their
/// machine names. Only strings are statuses: numbers are refused.
/// </summary>
public sealed class LenientStatusConverter<TStatus>(TryParse<TStatus> parse) : JsonConverter<TStatus>
    where TStatus : struct, Enum
{
    public override TStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            var token = reader.TokenType.ToString().ToLowerInvariant();
            throw new UnknownStatusException($"A status is a name such as '{default(TStatus)}', not a {token}.");
        }

        var text = reader.GetString();
        return parse(text, out var status)
            ? status
            : throw new UnknownStatusException($"'{Truncate(text)}' is not a known status.");
    }

    public override void Write(Utf8JsonWriter writer, TStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());

    public override TStatus ReadAsPropertyName(
        ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TStatus value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.ToString());

    private static string? Truncate(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text;
}

public delegate bool TryParse<TStatus>(string? text, out TStatus status);

public static class StatusConverters
{
    public static void AddTo(JsonSerializerOptions options)
    {
        options.Converters.Add(new LenientStatusConverter<OutcomeStatus>(StatusNames.TryParseOutcome));
        options.Converters.Add(new LenientStatusConverter<CampaignStatus>(StatusNames.TryParseCampaign));
    }
}
