using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Campaigns.Dialer.Replay;

/// <summary>
/// The few gateway calls a dialer makes, retrying what a dialer retries: timeouts,
/// dropped connections and 5xx answers. A retry after a timeout may repeat an
/// outcome the gateway already stored; the gateway reports it as a duplicate.
/// Every call carries a W3C <c>traceparent</c> (one trace per call, one span per
/// attempt), and every failure names its trace id so that it can be looked up.
/// </summary>
public sealed class GatewayClient(HttpClient http, ReplayOptions options, ReplayTally tally)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task EnsureProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        var (response, trace) = await SendAsync(
            HttpMethod.Post, "projects", new { id = projectId, name = projectId }, cancellationToken);
        using (response)
        {
            await EnsureAsync(response, trace, $"create project {projectId}", cancellationToken);
        }
    }

    /// <summary>Creates and starts a campaign; one already finished by an earlier run is left as it is.</summary>
    public async Task EnsureCampaignStartedAsync(
        string projectId, string campaignId, int plannedCalls, CancellationToken cancellationToken)
    {
        var campaigns = $"projects/{projectId}/campaigns";
        var (created, trace) = await SendAsync(
            HttpMethod.Post, campaigns, new { id = campaignId, name = campaignId, plannedCalls }, cancellationToken);
        using (created)
        {
            await EnsureAsync(created, trace, $"create campaign {campaignId}", cancellationToken);
        }

        var (started, startTrace) = await SendAsync(
            HttpMethod.Post, $"{campaigns}/{campaignId}/start", null, cancellationToken);
        using (started)
        {
            if (started.StatusCode != HttpStatusCode.Conflict)
            {
                await EnsureAsync(started, startTrace, $"start campaign {campaignId}", cancellationToken);
            }
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
        var (response, trace) = await SendAsync(HttpMethod.Post, route, body, cancellationToken);
        using var answer = response;
        await EnsureAsync(response, trace, $"send outcomes to {campaignId}", cancellationToken);

        var results = await response.Content.ReadFromJsonAsync<JsonObject>(Json, cancellationToken);
        foreach (var item in results?["results"]?.AsArray() ?? [])
        {
            var result = item?["result"]?.GetValue<string>() ?? "refused";
            tally.AddResult(result);
            if (result == "refused" && !options.Quiet)
            {
                await Console.Error.WriteLineAsync(
                    $"refused {item?["callId"]}: {item?["problem"]?["detail"]} (trace {trace})");
            }
        }
    }

    public async Task<JsonObject> GetCampaignAsync(
        string projectId, string campaignId, CancellationToken cancellationToken)
    {
        var (response, trace) = await SendAsync(
            HttpMethod.Get, $"projects/{projectId}/campaigns/{campaignId}", null, cancellationToken);
        using var answer = response;
        await EnsureAsync(response, trace, $"read campaign {campaignId}", cancellationToken);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Json, cancellationToken))!;
    }

    /// <summary>Sends until an answer below 500 arrives or the attempts run out.</summary>
    private async Task<(HttpResponseMessage Response, ActivityTraceId Trace)> SendAsync(
        HttpMethod method, string route, object? body, CancellationToken cancellationToken)
    {
        var trace = ActivityTraceId.CreateRandom();
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, route);
            request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, options: Json);
            }

            try
            {
                var response = await http.SendAsync(request, cancellationToken);
                if (ApiKeys.RetryAfter(response) is { } wait && attempt < options.MaxAttempts)
                {
                    response.Dispose();
                    tally.AddRetry();
                    await Task.Delay(wait, cancellationToken);
                    continue;
                }

                if ((int)response.StatusCode < 500 || attempt == options.MaxAttempts)
                {
                    return (response, trace);
                }

                response.Dispose();
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                if (attempt == options.MaxAttempts)
                {
                    throw new HttpRequestException(
                        $"{method} {route} failed after {attempt} attempts (trace {trace})", e);
                }
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
        HttpResponseMessage response, ActivityTraceId trace, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException(
                $"Could not {what}: {(int)response.StatusCode} {body} (trace {trace})");
        }
    }
}
