using System.Text.Json;
using Campaigns.Abstractions.Common;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Campaigns.Gateway.Http;

/// <summary>
/// Reads a JSON body and turns every way it can be wrong into a domain error that
/// names the field, without echoing parser internals to the caller.
/// </summary>
public static class RequestBody
{
    public static async Task<(T? Value, DomainError? Error)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(
                context.Request.Body, OptionsOf(context), context.RequestAborted);
            return value is null
                ? (null, DomainError.Invalid("invalid-json", "The request body must be a JSON object, not null."))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ToError(e, prefix: null));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, new DomainError(
                ErrorKind.TooLarge,
                "body-too-large",
                $"The request body is larger than {GatewayApplication.MaxRequestBodyBytes / 1024 / 1024} MiB."));
        }
    }

    /// <summary>Reads one element of an already parsed body, naming fields below <paramref name="prefix"/>.</summary>
    public static (T? Value, DomainError? Error) Read<T>(HttpContext context, JsonElement element, string prefix)
        where T : class
    {
        try
        {
            return element.ValueKind == JsonValueKind.Object
                ? (element.Deserialize<T>(OptionsOf(context)), null)
                : (null, DomainError.Invalid("invalid-json", $"'{prefix}' must be a JSON object.", prefix));
        }
        catch (JsonException e)
        {
            return (null, ToError(e, prefix));
        }
    }

    private static JsonSerializerOptions OptionsOf(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    private static DomainError ToError(JsonException e, string? prefix)
    {
        var field = FieldOf(e.Path) is { } inner ? (prefix is null ? inner : $"{prefix}.{inner}") : prefix;
        if (e is UnknownStatusException)
        {
            return DomainError.Invalid("unknown-status", e.Message, field);
        }

        var detail = field is null
            ? "The request body is not a JSON object of the expected shape."
            : $"'{field}' has the wrong type or the JSON around it is malformed.";
        return DomainError.Invalid("invalid-json", detail, field);
    }

    /// <summary>Turns a JSON path such as <c>$.outcomes[3].status</c> into <c>outcomes[3].status</c>.</summary>
    private static string? FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.TrimStart('$', '.');
}
