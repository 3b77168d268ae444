using System.Diagnostics;
using System.Net;
using Campaigns.Grains.Persistence;
using Campaigns.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Campaigns.Tests.Telemetry;

/// <summary>What an on-call engineer sees: the spans and metrics of real requests, exported in memory.</summary>
public abstract class TelemetryTests(StorageProvider provider) : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly CapturedLogs _logs = new();
    private readonly string _project = "otel-" + Guid.NewGuid().ToString("N")[..8];
    private TestDatabase _database = null!;
    private GatewayHost _host = null!;

    private HttpClient Client => _host.Client;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _host = await GatewayHost.StartAsync(_database, builder =>
        {
            builder.Services
                .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans))
                .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
            builder.Logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace);
        });
        await Client.PostJsonAsync("projects", new { id = _project, name = "Telemetry" });
        await Client.PostJsonAsync($"projects/{_project}/campaigns", new { id = "c", name = "C" });
        await Client.PostJsonAsync($"projects/{_project}/campaigns", new { id = "idle", name = "Idle" });
        await Client.PostAsync($"projects/{_project}/campaigns/c/start", null);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task KeyValuesAppearInNoSpanAndNoLogEntryWhetherAcceptedOrRefused()
    {
        using var issued = await Client.PostJsonAsync(
            "keys", new { name = "otel-dialer", role = "dialer", projects = new[] { _project } });
        var key = await issued.ReadJsonAsync();
        var value = key.GetProperty("key").GetString()!;
        var secret = value[(value.LastIndexOf('_') + 1)..];
        using (var dialer = _host.NewClient(value))
        {
            var trace = ActivityTraceId.CreateRandom();
            var outcome = new { callId = "k1", status = "Busy", durationSeconds = 0 };
            using var request = new HttpRequestMessage(HttpMethod.Post, $"projects/{_project}/campaigns/c/outcomes")
            {
                Content = System.Net.Http.Json.JsonContent.Create(outcome),
            };
            request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
            using var accepted = await dialer.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            var spans = await SpansOfAsync(trace, IsCallInsert);
            Assert.Contains(spans, s => Equals(s.GetTagItem("campaigns.key.id"), key.GetProperty("id").GetString()));

            using var forbidden = await dialer.PostAsync($"projects/{_project}/campaigns/c/pause", null);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            using var revoked = await Client.DeleteAsync($"keys/{key.GetProperty("id").GetString()}");
            using var refused = await dialer.GetAsync($"projects/{_project}");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var wrong = _host.NewClient(value[..^2] + "xx"))
        using (var refused = await wrong.GetAsync($"projects/{_project}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        _host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        List<string> exported;
        lock (_spans)
        {
            exported = [.. _spans.Select(Describe)];
        }

        Assert.NotEmpty(_logs.Entries);
        foreach (var text in exported.Concat(_logs.Entries))
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(TestKeys.Admin, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OneOutcomeIsOneTraceFromTheGatewayThroughTheGrainToTheDatabase()
    {
        var trace = ActivityTraceId.CreateRandom();

        var outcome = new { callId = "1", status = "Completed", durationSeconds = 3 };

        using var response = await PostWithTraceAsync(trace, "c", outcome);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var spans = await SpansOfAsync(trace, IsCallInsert);
        Assert.Contains(spans, IsHttpServer);
        Assert.Contains(spans, s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        var record = Assert.Single(spans, s => s.DisplayName == "campaign.record_outcomes");
        Assert.Equal("accepted", record.GetTagItem("outcome.result"));
        Assert.Equal(_project, record.GetTagItem("project.id"));
        var insert = Assert.Single(spans, IsCallInsert);
        Assert.Equal(ActivityKind.Client, insert.Kind);
        Assert.All(spans, s => Assert.Equal(trace, s.TraceId));
    }

    [Fact]
    public async Task ARefusedOutcomeCarriesAnErrorStatusAndTheReasonAndADuplicateIsMarked()
    {
        var refusedTrace = ActivityTraceId.CreateRandom();
        var duplicateTrace = ActivityTraceId.CreateRandom();
        var outcome = new { callId = "2", status = "Busy", durationSeconds = 0 };
        await PostWithTraceAsync(ActivityTraceId.CreateRandom(), "c", outcome);

        using var refused = await PostWithTraceAsync(refusedTrace, "idle", outcome);
        using var duplicate = await PostWithTraceAsync(duplicateTrace, "c", outcome);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var refusal = Assert.Single(
            await SpansOfAsync(refusedTrace, s => s.DisplayName == "campaign.record_outcomes"),
            s => s.DisplayName == "campaign.record_outcomes");
        Assert.Equal(ActivityStatusCode.Error, refusal.Status);
        Assert.Contains("campaign-not-started", refusal.StatusDescription);
        Assert.Equal("refused", refusal.GetTagItem("outcome.result"));
        var server = Assert.Single(await SpansOfAsync(refusedTrace, IsHttpServer), IsHttpServer);
        Assert.Equal(ActivityStatusCode.Error, server.Status);
        var repeat = Assert.Single(
            await SpansOfAsync(duplicateTrace, s => s.DisplayName == "campaign.record_outcomes"),
            s => s.DisplayName == "campaign.record_outcomes");
        Assert.Equal("duplicate", repeat.GetTagItem("outcome.result"));
        Assert.NotEqual(ActivityStatusCode.Error, repeat.Status);
    }

    [Fact]
    public async Task ABatchItemRefusedAtTheGatewayIsAnEventWithItsReasonOnTheRequestSpan()
    {
        var trace = ActivityTraceId.CreateRandom();
        var route = $"projects/{_project}/campaigns/c/outcomes/batch";
        using var request = new HttpRequestMessage(HttpMethod.Post, route)
        {
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                outcomes = new object[] { new { callId = "bad", status = "Bogus", durationSeconds = 1 } },
            }),
        };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await Client.SendAsync(request);

        var server = Assert.Single(await SpansOfAsync(trace, IsHttpServer), IsHttpServer);
        var refusal = Assert.Single(server.Events, e => e.Name == "outcome.refused");
        Assert.Equal("bad", refusal.Tags.First(t => t.Key == "call.id").Value);
        Assert.Equal("unknown-status", refusal.Tags.First(t => t.Key == "error.type").Value);
    }

    [Fact]
    public async Task ACampaignCompletingByItselfHasATransitionSpanInTheTraceThatCompletedIt()
    {
        await Client.PostJsonAsync(
            $"projects/{_project}/campaigns", new { id = "auto", name = "Auto", plannedCalls = 1 });
        await Client.PostAsync($"projects/{_project}/campaigns/auto/start", null);
        var trace = ActivityTraceId.CreateRandom();

        await PostWithTraceAsync(trace, "auto", new { callId = "only", status = "Completed", durationSeconds = 1 });

        var spans = await SpansOfAsync(trace, s => s.DisplayName == "campaign.transition");
        var transition = Assert.Single(spans, s => s.DisplayName == "campaign.transition");
        Assert.Equal("Complete", transition.GetTagItem("campaign.to"));
        Assert.Equal("system", transition.GetTagItem("campaign.actor"));
    }

    [Fact]
    public async Task MetricValuesEqualTheOutcomesPushed()
    {
        var batch = new
        {
            outcomes = new object[]
            {
                new { callId = "m1", status = "Completed", durationSeconds = 10.5m },
                new { callId = "m2", status = "Completed", durationSeconds = 2 },
                new { callId = "m3", status = "Busy", durationSeconds = 30 },
                new { callId = "m1", status = "Completed", durationSeconds = 10.5m },
                new { callId = "m2", status = "Completed", durationSeconds = 99 },
                new { callId = "m4", status = "Completed", durationSeconds = -1 },
            },
        };

        await Client.PostJsonAsync($"projects/{_project}/campaigns/c/outcomes/batch", batch);
        _host.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Assert.Equal(2, Sum("campaigns.outcomes", ("outcome.result", "accepted"), ("outcome.status", "Completed")));
        Assert.Equal(1, Sum("campaigns.outcomes", ("outcome.result", "accepted"), ("outcome.status", "Busy")));
        Assert.Equal(1, Sum("campaigns.outcomes", ("outcome.result", "duplicate")));
        Assert.Equal(2, Sum("campaigns.outcomes", ("outcome.result", "refused")));
        Assert.Equal(12.5, Sum("campaigns.time_spent"));
        Assert.Equal(1, Sum("campaigns.transitions", ("campaign.from", "NotStarted"), ("campaign.to", "Started")));
    }

    /// <summary>The database span of the call insert: the product's own on SQLite, Npgsql's on PostgreSQL.</summary>
    private bool IsCallInsert(Activity span) => provider == StorageProvider.Sqlite
        ? span.DisplayName == "INSERT CampaignCalls" && Equals(span.GetTagItem("db.system.name"), "sqlite")
        : span.Source.Name == "Npgsql" && span.GetTagItem("db.query.text") is string sql
            && sql.Contains("INSERT INTO CampaignCalls", StringComparison.Ordinal);

    private static bool IsHttpServer(Activity span) =>
        span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.AspNetCore";

    /// <summary>Everything a span carries as text: name, status, tags, events and their tags.</summary>
    private static string Describe(Activity span) =>
        $"{span.DisplayName} {span.StatusDescription} "
        + string.Join(";", span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
        + string.Join(
            ";", span.Events.Select(e => e.Name + string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}"))));

    private async Task<HttpResponseMessage> PostWithTraceAsync(ActivityTraceId trace, string campaign, object body)
    {
        var route = $"projects/{_project}/campaigns/{campaign}/outcomes";
        using var request = new HttpRequestMessage(HttpMethod.Post, route)
        {
            Content = System.Net.Http.Json.JsonContent.Create(body),
        };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        return await Client.SendAsync(request);
    }

    /// <summary>The finished spans of one trace, once the one the test waits for has ended.</summary>
    private async Task<List<Activity>> SpansOfAsync(ActivityTraceId trace, Func<Activity, bool> awaited)
    {
        for (var i = 0; i < 100; i++)
        {
            _host.Services.GetRequiredService<TracerProvider>().ForceFlush();
            List<Activity> spans;
            lock (_spans)
            {
                spans = _spans.Where(s => s.TraceId == trace).ToList();
            }

            if (spans.Any(awaited) && spans.Any(IsHttpServer))
            {
                return spans;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No complete trace {trace} was exported.");
    }

    /// <summary>The sum of a counter over this test's project and the given tags.</summary>
    private double Sum(string name, params (string Key, string Value)[] tags)
    {
        var total = 0.0;
        foreach (var metric in _metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var pointTags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    pointTags[tag.Key] = tag.Value;
                }

                if (Equals(pointTags.GetValueOrDefault("project.id"), _project)
                    && tags.All(t => Equals(pointTags.GetValueOrDefault(t.Key), t.Value)))
                {
                    total += metric.MetricType == MetricType.DoubleSum ? point.GetSumDouble() : point.GetSumLong();
                }
            }
        }

        return total;
    }
}

public sealed class TelemetryOnSqliteTests() : TelemetryTests(StorageProvider.Sqlite);

public sealed class TelemetryOnPostgresTests() : TelemetryTests(StorageProvider.PostgreSql);
