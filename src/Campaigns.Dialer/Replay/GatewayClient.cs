using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Campaigns.Dialer.Replay;

/// <summary>
/// The few gateway calls a dialer makes, retrying what a dialer retries: timeouts,
/// dropped connections and 5xx answers. A retry after a timeout may repeat an
/// outcome the gateway already stored; the gateway reports it as a duplicate.
/// </summary>
public sealed class GatewayClient(HttpClient http, ReplayOptions options, ReplayTally tally)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task EnsureProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => http.PostAsJsonAsync("projects", new { id = projectId, name = projectId }, Json, cancellationToken),
            cancellationToken);
        await EnsureAsync(response, $"create project {projectId}", cancellationToken);
    }

    /// <summary>Creates and starts a campaign; one already finished by an earlier run is left as it is.</summary>
    public async Task EnsureCampaignStartedAsync(
        string projectId, string campaignId, int plannedCalls, CancellationToken cancellationToken)
    {
        var campaigns = $"projects/{projectId}/campaigns";
        using (var created = await SendAsync(
                   () => http.PostAsJsonAsync(
                       campaigns, new { id = campaignId, name = campaignId, plannedCalls }, Json, cancellationToken),
                   cancellationToken))
        {
            await EnsureAsync(created, $"create campaign {campaignId}", cancellationToken);
        }

        using var started = await SendAsync(
            () => http.PostAsync($"{campaigns}/{campaignId}/start", null, cancellationToken), cancellationToken);
        if (started.StatusCode != HttpStatusCode.Conflict)
        {
            await EnsureAsync(started, $"start campaign {campaignId}", cancellationToken);
        }
    }

    public async Task SendBatchAsync(
        string projectId, string campaignId, IReadOnlyList<CallRow> rows, CancellationToken cancellationToken)
    {
        var body = new
        {
            outcomes = rows.Select(r => new
            {
                callId = r.CallId,
                status = r.Status,
                durationSeconds = r.DurationSeconds,
                startedAt = r.StartedAt,
                contactId = r.ContactId,
            }),
        };
        var route = $"projects/{projectId}/campaigns/{campaignId}/outcomes/batch";
        using var response = await SendAsync(
            () => http.PostAsJsonAsync(route, body, Json, cancellationToken), cancellationToken);
        await EnsureAsync(response, $"send outcomes to {campaignId}", cancellationToken);

        var results = await response.Content.ReadFromJsonAsync<JsonObject>(Json, cancellationToken);
        foreach (var item in results?["results"]?.AsArray() ?? [])
        {
            var result = item?["result"]?.GetValue<string>() ?? "refused";
            tally.AddResult(result);
            if (result == "refused" && !options.Quiet)
            {
                await Console.Error.WriteLineAsync($"refused {item?["callId"]}: {item?["problem"]?["detail"]}");
            }
        }
    }

    public async Task<JsonObject> GetCampaignAsync(
        string projectId, string campaignId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => http.GetAsync($"projects/{projectId}/campaigns/{campaignId}", cancellationToken),
            cancellationToken);
        await EnsureAsync(response, $"read campaign {campaignId}", cancellationToken);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Json, cancellationToken))!;
    }

    private async Task<HttpResponseMessage> SendAsync(
        Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await send();
                if ((int)response.StatusCode < 500 || attempt == options.MaxAttempts)
                {
                    return response;
                }

                response.Dispose();
            }
            catch (Exception e) when (IsTransient(e, cancellationToken) && attempt < options.MaxAttempts)
            {
            }

            tally.AddRetry();
            await Task.Delay(Backoff(attempt), cancellationToken);
        }
    }

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(2000, 50 * Math.Pow(2, attempt)) * (0.5 + Random.Shared.NextDouble()));

    private static async Task EnsureAsync(
        HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"Could not {what}: {(int)response.StatusCode} {body}");
        }
    }
}
