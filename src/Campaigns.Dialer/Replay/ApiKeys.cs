using System.Net;
using System.Net.Http.Headers;

namespace Campaigns.Dialer.Replay;

/// <summary>How the dialer presents its API key, and how it honours the gateway's rate limit.</summary>
public static class ApiKeys
{
    public const string EnvironmentVariable = "CAMPAIGNS_KEY";

    public static string? FromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } key ? key : null;

    public static HttpClient Authorize(HttpClient http, string? apiKey)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            http.Dispose();
            throw new ArgumentException(
                $"The gateway needs an API key: pass --key, or set {EnvironmentVariable}.");
        }

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey.Trim());
        return http;
    }

    /// <summary>How long the gateway asked us to wait, when it answered 429.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests
            ? response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1)
            : null;
}
