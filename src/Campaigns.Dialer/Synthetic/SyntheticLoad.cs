using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Campaigns.Dialer.Replay;

namespace Campaigns.Dialer.Synthetic;

/// <summary>
/// Generated outcomes pushed as a fleet of dialers would: many requests in flight,
/// each call id new, retried after a timeout or a 5xx. Closed loop by default
/// (the next request leaves when an answer comes back); with a rate, each request
/// has a scheduled send time and its latency counts from then, so a server that
/// falls behind shows it in the percentiles instead of slowing the load down.
/// </summary>
public sealed class SyntheticLoad(HttpClient http, SyntheticOptions options)
{
    /// <summary>Four in ten calls connect, and only those carry a duration.</summary>
    private static readonly (string Status, bool Connected)[] Mix =
    [
        ("Completed", true), ("NoAnswer", false), ("Completed", true), ("NoAnswer", false), ("Busy", false),
        ("Completed", true), ("NoAnswer", false), ("MeetingBooked", true), ("NoAnswer", false), ("Failed", false),
    ];

    private readonly ConcurrentDictionary<string, CampaignExpectation> _campaigns = new();
    private readonly GatewayClient _gateway = new(http, new ReplayOptions { Quiet = true }, new ReplayTally());
    private long _nextCall;
    private long _nextRequest;
    private long _acknowledged;
    private long _refused;
    private long _failed;
    private long _retries;
    private long _unexpectedDuplicates;

    /// <summary>An HTTP client with a connection for every request in flight.</summary>
    public static HttpClient CreateClient(SyntheticOptions options) =>
        ApiKeys.Authorize(
            new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency + 16 })
            {
                BaseAddress = options.Gateway,
                Timeout = TimeSpan.FromSeconds(30),
            },
            options.ApiKey);

    /// <summary>Creates the project and starts every campaign; campaigns already there are left as they are.</summary>
    public async Task SetupAsync(CancellationToken cancellationToken)
    {
        await _gateway.EnsureProjectAsync(options.ProjectId, cancellationToken);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, options.Campaigns),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, token) => await _gateway.EnsureCampaignStartedAsync(
                options.ProjectId, options.CampaignId(i), plannedCalls: 0, token));
    }

    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, options.Concurrency)
            .Select(_ => Task.Run(() => WorkAsync(clock, cancellationToken), cancellationToken))
            .ToList();
        var measured = await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        return new LoadResult(
            elapsed,
            Interlocked.Read(ref _nextRequest),
            Interlocked.Read(ref _acknowledged),
            Interlocked.Read(ref _refused),
            Interlocked.Read(ref _failed),
            Interlocked.Read(ref _retries),
            Interlocked.Read(ref _unexpectedDuplicates),
            measured.SelectMany(m => m.Latencies).ToArray(),
            measured.SelectMany(m => m.Lags).ToArray(),
            _campaigns);
    }

    /// <summary>
    /// Reads every campaign the runs wrote to and lists each whose counters disagree
    /// with what was acknowledged: fewer calls means one was lost, more than was
    /// sent means one was counted twice.
    /// </summary>
    /// <param name="heldBefore">What a campaign held before these runs, if anything.</param>
    public async Task<IReadOnlyList<string>> VerifyAsync(
        IReadOnlyList<LoadResult> results,
        Func<string, (long Calls, long TimeSpentMs)>? heldBefore = null,
        CancellationToken cancellationToken = default)
    {
        var expected = results.SelectMany(r => r.Campaigns).GroupBy(p => p.Key).ToList();
        var problems = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(
            expected,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (group, token) =>
            {
                var before = heldBefore?.Invoke(group.Key) ?? (0, 0);
                var acknowledged = before.Calls + group.Sum(p => p.Value.Acknowledged);
                var acknowledgedMs = before.TimeSpentMs + group.Sum(p => p.Value.TimeSpentMs);
                var unanswered = group.Sum(p => p.Value.Unacknowledged);
                var unansweredMs = group.Sum(p => p.Value.UnacknowledgedMs);
                var campaign = await _gateway.GetCampaignAsync(options.ProjectId, group.Key, token);
                var calls = campaign["attempts"]!.GetValue<long>();
                var timeMs = (long)(campaign["totalTimeSpentSeconds"]!.GetValue<decimal>() * 1000);
                var consistent = unanswered == 0
                    ? calls == acknowledged && timeMs == acknowledgedMs
                    : calls >= acknowledged && calls <= acknowledged + unanswered
                        && timeMs >= acknowledgedMs && timeMs <= acknowledgedMs + unansweredMs;
                if (consistent && unanswered == 0 && heldBefore is null
                    && campaign["outcomes"]?.AsObject() is { } outcomes)
                {
                    // Per status too, where the server reports it (the baseline does not).
                    var statuses = group.SelectMany(p => p.Value.Statuses)
                        .GroupBy(s => s.Key, s => s.Value)
                        .ToDictionary(s => s.Key, s => s.Sum());
                    consistent = outcomes.All(o => o.Value!.GetValue<long>() == statuses.GetValueOrDefault(o.Key));
                }

                if (!consistent)
                {
                    problems.Add($"{group.Key}: holds {calls} calls and {timeMs} ms; acknowledged {acknowledged} "
                        + $"calls and {acknowledgedMs} ms, {unanswered} more sent without an answer");
                }
            });
        return problems.OrderBy(p => p, StringComparer.Ordinal).ToList();
    }

    private async Task<(List<double> Latencies, List<double> Lags)> WorkAsync(
        Stopwatch clock, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(4096);
        var secondsPerRequest = options.Rate > 0 ? options.BatchSize / options.Rate : 0;
        var lags = new List<double>(secondsPerRequest > 0 ? 4096 : 0);
        while (true)
        {
            var request = Interlocked.Increment(ref _nextRequest) - 1;
            var scheduled = secondsPerRequest > 0 ? TimeSpan.FromSeconds(request * secondsPerRequest) : clock.Elapsed;
            if (scheduled >= options.Duration || request * options.BatchSize >= (options.Outcomes ?? long.MaxValue)
                || cancellationToken.IsCancellationRequested)
            {
                Interlocked.Decrement(ref _nextRequest);
                return (latencies, lags);
            }

            var wait = scheduled - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            if (secondsPerRequest > 0)
            {
                lags.Add((clock.Elapsed - scheduled).TotalMilliseconds);
            }

            var campaignId = options.CampaignId((int)(request % options.Campaigns));
            await SendAsync(campaignId, cancellationToken);
            latencies.Add((clock.Elapsed - scheduled).TotalMilliseconds);
        }
    }

    private async Task SendAsync(string campaignId, CancellationToken cancellationToken)
    {
        var calls = new (string CallId, string Status, long DurationMs)[options.BatchSize];
        var body = new StringBuilder(options.BatchSize * 96);
        var single = options.BatchSize == 1;
        body.Append(single ? "" : "{\"outcomes\":[");
        for (var i = 0; i < calls.Length; i++)
        {
            var n = Interlocked.Increment(ref _nextCall);
            var (status, connected) = Mix[n % Mix.Length];
            var durationMs = connected ? 30_000 + n % 570 * 1_000 : 0;
            calls[i] = ($"{options.RunId}-{n}", status, durationMs);
            body.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"callId\":\"{calls[i].CallId}\",\"status\":\"{status}\","
                + $"\"durationSeconds\":{durationMs / 1000}}}");
        }

        body.Append(single ? "" : "]}");
        var route = $"projects/{options.ProjectId}/campaigns/{campaignId}/outcomes{(single ? "" : "/batch")}";
        var expectation = _campaigns.GetOrAdd(campaignId, _ => new CampaignExpectation());
        var (answer, attempts) = await PostAsync(route, body.ToString(), cancellationToken);
        if (answer is null)
        {
            Interlocked.Increment(ref _failed);
            expectation.Lose(calls.Length, calls.Sum(c => c.DurationMs));
            return;
        }

        using var document = JsonDocument.Parse(answer);
        var results = single
            ? [document.RootElement]
            : document.RootElement.GetProperty("results").EnumerateArray().ToArray();
        for (var i = 0; i < calls.Length; i++)
        {
            var result = results[i].GetProperty("result").GetString();
            if (result is not ("accepted" or "duplicate"))
            {
                Interlocked.Increment(ref _refused);
                continue;
            }

            Interlocked.Increment(ref _acknowledged);
            expectation.Acknowledge(calls[i].Status, calls[i].DurationMs);
            if (result == "duplicate" && attempts == 1)
            {
                Interlocked.Increment(ref _unexpectedDuplicates);
            }
        }
    }

    /// <summary>The answer's body, or null when every attempt failed, and how many attempts it took.</summary>
    private async Task<(string? Body, int Attempts)> PostAsync(
        string route, string body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(route, content, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return (await response.Content.ReadAsStringAsync(cancellationToken), attempt);
                }

                if (ApiKeys.RetryAfter(response) is { } wait)
                {
                    Interlocked.Increment(ref _retries);
                    await Task.Delay(wait, cancellationToken);
                    continue;
                }

                if ((int)response.StatusCode < 500)
                {
                    throw new InvalidOperationException(
                        $"POST {route} answered {(int)response.StatusCode}: "
                        + await response.Content.ReadAsStringAsync(cancellationToken));
                }
            }
            catch (Exception e) when (e is HttpRequestException
                || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
            }

            Interlocked.Increment(ref _retries);
            await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
        }

        return (null, options.MaxAttempts);
    }
}
