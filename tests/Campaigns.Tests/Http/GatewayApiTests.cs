using System.Net;
using System.Text.Json;
using Campaigns.Tests.Support;

namespace Campaigns.Tests.Http;

/// <summary>The REST surface through the real gateway, run once per database.</summary>
public abstract class GatewayApiTests(GatewayFixture fixture)
{
    private readonly string _project = "api-" + Guid.NewGuid().ToString("N")[..8];

    private HttpClient Client => fixture.Client;

    private string Campaigns => $"projects/{_project}/campaigns";

    [Fact]
    public async Task ProjectsAreCreatedOnceAndListed()
    {
        using var created = await Client.PostJsonAsync("projects", new { id = _project, name = "Spring drive" });
        using var repeated = await Client.PostJsonAsync("projects", new { id = _project, name = "Spring drive" });
        using var generated = await Client.PostJsonAsync("projects", new { name = "No id given" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/projects/{_project}", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(HttpStatusCode.Created, generated.StatusCode);
        var generatedId = (await generated.ReadJsonAsync()).GetProperty("id").GetString();
        var ids = (await Client.GetJsonAsync("projects")).EnumerateArray()
            .Select(p => p.GetProperty("id").GetString());
        Assert.Contains(_project, ids);
        Assert.Contains(generatedId, ids);
        var project = await Client.GetJsonAsync($"projects/{_project}");
        Assert.Equal("Spring drive", project.GetProperty("name").GetString());
    }

    [Fact]
    public async Task ACampaignRunsThroughItsLifecycleAndRecordsWhoAskedAndWhy()
    {
        await CreateCampaignAsync("c1", plannedCalls: 100);

        await CommandAsync("c1", "start");
        await CommandAsync("c1", "pause", new { reason = "script review" });
        var paused = await CommandAsync("c1", "pause", new { reason = "asked twice" });
        await CommandAsync("c1", "resume");
        var ended = await CommandAsync("c1", "end", new { reason = "budget spent" });

        Assert.Equal("script review", paused.GetProperty("reason").GetString());
        Assert.Equal("Ended", ended.GetProperty("status").GetString());
        Assert.Equal("Ended", ended.GetProperty("statusLabel").GetString());
        Assert.Equal("budget spent", ended.GetProperty("reason").GetString());
        var history = (await Client.GetJsonAsync($"{Campaigns}/c1/history")).EnumerateArray().ToList();
        Assert.Equal(
            ["NotStarted>Started", "Started>Paused", "Paused>Started", "Started>Ended"],
            history.Select(t => $"{t.GetProperty("from").GetString()}>{t.GetProperty("to").GetString()}"));
        // The fixture's client sends the admin key configured by CAMPAIGNS_ADMIN_KEY, whose name is "admin".
        Assert.All(history, t => Assert.Equal("admin", t.GetProperty("actor").GetString()));
        Assert.Equal("script review", history[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ACampaignShowsItsCountersWithEveryOutcomeStatus()
    {
        await CreateCampaignAsync("counted", plannedCalls: null);
        await CommandAsync("counted", "start");

        using var batch = await Client.PostJsonAsync($"{Campaigns}/counted/outcomes/batch", new
        {
            outcomes = new object[]
            {
                new { callId = "1", status = "Completed", durationSeconds = 60.25m },
                new { callId = "2", status = "no_answer", durationSeconds = 0.5m },
                new { callId = "3", status = "Busy", durationSeconds = 40 },
                new { callId = "2", status = "No Answer", durationSeconds = 0.5m },
                new { callId = "4", status = "Executed", durationSeconds = 1 },
                new { callId = "5", status = "Issue dialling", durationSeconds = 7 },
            },
        });

        var results = (await batch.ReadJsonAsync()).GetProperty("results").EnumerateArray()
            .Select(r => $"{r.GetProperty("callId").GetString()}:{r.GetProperty("result").GetString()}");
        Assert.Equal(["1:accepted", "2:accepted", "3:accepted", "2:duplicate", "4:refused", "5:accepted"], results);
        var campaign = await Client.GetJsonAsync($"{Campaigns}/counted");
        var outcomes = campaign.GetProperty("outcomes");
        Assert.Equal(11, outcomes.EnumerateObject().Count());
        Assert.Equal(1, outcomes.GetProperty("NoAnswer").GetInt64());
        Assert.Equal(1, outcomes.GetProperty("IssueDialing").GetInt64());
        Assert.Equal(0, outcomes.GetProperty("Callback").GetInt64());
        Assert.Equal(4, campaign.GetProperty("attempts").GetInt64());
        Assert.Equal(2, campaign.GetProperty("connected").GetInt64());
        Assert.Equal(60.75m, campaign.GetProperty("totalTimeSpentSeconds").GetDecimal());
        Assert.Equal(30.375m, campaign.GetProperty("averageConnectedSeconds").GetDecimal());
        Assert.Equal(0.5m, campaign.GetProperty("connectRate").GetDecimal());
    }

    [Fact]
    public async Task ARetryWhoseStartTimeCarriesSubMillisecondDigitsIsADuplicate()
    {
        await CreateCampaignAsync("precise", plannedCalls: null);
        await CommandAsync("precise", "start");
        var outcome = new
        {
            callId = "k", status = "Completed", durationSeconds = 5, startedAt = "2026-01-02T10:00:00.0004Z",
        };

        using var first = await Client.PostJsonAsync($"{Campaigns}/precise/outcomes", outcome);
        using var retry = await Client.PostJsonAsync($"{Campaigns}/precise/outcomes", outcome);

        Assert.Equal("accepted", (await first.ReadJsonAsync()).GetProperty("result").GetString());
        Assert.Equal("duplicate", (await retry.ReadJsonAsync()).GetProperty("result").GetString());
    }

    [Fact]
    public async Task RepeatingAFollowUpAnswersTheSameCampaignAndOtherSettingsConflict()
    {
        await CreateCampaignAsync("origin", plannedCalls: null);
        var request = new { id = "again", name = "Again", statuses = new[] { "Callback" } };

        using var created = await Client.PostJsonAsync($"{Campaigns}/origin/follow-ups", request);
        using var repeated = await Client.PostJsonAsync($"{Campaigns}/origin/follow-ups", request);
        using var changed = await Client.PostJsonAsync(
            $"{Campaigns}/origin/follow-ups", new { id = "again", name = "Again", statuses = new[] { "Busy" } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
    }

    [Fact]
    public async Task CampaignsAreListedByStatusReadLeniently()
    {
        await CreateCampaignAsync("a", plannedCalls: 1);
        await CreateCampaignAsync("b", plannedCalls: null);
        await CreateCampaignAsync("c", plannedCalls: null);
        await CommandAsync("a", "start");
        await Client.PostJsonAsync(
            $"{Campaigns}/a/outcomes", new { callId = "x", status = "Completed", durationSeconds = 1 });
        await CommandAsync("b", "start");
        await CommandAsync("b", "pause", new { reason = "review" });

        Assert.Equal(["a"], await ListAsync("?status=Executed"));
        Assert.Equal(["a", "b"], await ListAsync("?status=complete,PAUSED"));
        Assert.Equal(["c"], await ListAsync("?status=not_started"));
        Assert.Equal(["a", "b", "c"], await ListAsync(""));
    }

    [Fact]
    public async Task CallHistoryIsNewestFirstFilteredAndPagedByCursor()
    {
        await CreateCampaignAsync("paged", plannedCalls: null);
        await CommandAsync("paged", "start");
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        var statuses = new[] { "Callback", "Failed", "Completed" };
        var outcomes = Enumerable.Range(0, 9).Select(i => new
        {
            callId = $"call-{i}",
            status = statuses[i % 3],
            durationSeconds = i,
            startedAt = start.AddMinutes(i),
            contactId = $"contact-{i}",
            interaction = new { summary = $"call {i}" },
        });
        await Client.PostJsonAsync($"{Campaigns}/paged/outcomes/batch", new { outcomes });

        var all = await PageThroughAsync("paged", "limit=2");
        var filtered = await PageThroughAsync("paged", "status=callback,Failed&limit=4");
        var from = Uri.EscapeDataString(start.AddMinutes(3).ToString("O"));
        var to = Uri.EscapeDataString(start.AddMinutes(6).ToString("O"));
        var ranged = await PageThroughAsync("paged", $"from={from}&to={to}");

        Assert.Equal(Enumerable.Range(0, 9).Reverse().Select(i => $"call-{i}"), all.Select(CallId));
        Assert.Equal(["call-7", "call-6", "call-4", "call-3", "call-1", "call-0"], filtered.Select(CallId));
        Assert.Equal(["call-5", "call-4", "call-3"], ranged.Select(CallId));
        var first = all[^1];
        Assert.Equal("Callback", first.GetProperty("status").GetString());
        Assert.Equal("contact-0", first.GetProperty("contactId").GetString());
        Assert.Equal("call 0", first.GetProperty("interaction").GetProperty("summary").GetString());
        Assert.True(first.GetProperty("countsTowardTimeSpent").GetBoolean());
        Assert.False(all[^2].GetProperty("countsTowardTimeSpent").GetBoolean());
    }

    [Fact]
    public async Task ProjectAnalyticsTotalTheProjectsCampaignsPerDay()
    {
        await CreateCampaignAsync("day-one", plannedCalls: null);
        await CreateCampaignAsync("day-two", plannedCalls: null);
        await CommandAsync("day-one", "start");
        await CommandAsync("day-two", "start");
        var day = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-3);
        await Client.PostJsonAsync($"{Campaigns}/day-one/outcomes/batch", new
        {
            outcomes = new object[]
            {
                new { callId = "1", status = "Completed", durationSeconds = 10, startedAt = day.AddHours(9) },
                new { callId = "2", status = "Busy", durationSeconds = 99, startedAt = day.AddHours(10) },
            },
        });
        await Client.PostJsonAsync($"{Campaigns}/day-two/outcomes", new
        {
            callId = "1", status = "Callback", durationSeconds = 20.5m, startedAt = day.AddDays(1).AddHours(9),
        });

        var analytics = await Client.GetJsonAsync($"projects/{_project}/analytics");
        var ranged = await Client.GetJsonAsync(
            $"projects/{_project}/analytics?from={day.AddDays(1):yyyy-MM-dd}&to={day.AddDays(2):yyyy-MM-dd}");

        Assert.Equal(30.5m, analytics.GetProperty("totalTimeSpentSeconds").GetDecimal());
        Assert.Equal(1, analytics.GetProperty("outcomes").GetProperty("Busy").GetInt64());
        Assert.Equal(2, analytics.GetProperty("campaigns").GetProperty("Started").GetInt32());
        var perDay = analytics.GetProperty("timeSpentPerDay").EnumerateArray()
            .Select(d => (d.GetProperty("day").GetString(), d.GetProperty("calls").GetInt64(),
                d.GetProperty("timeSpentSeconds").GetDecimal()));
        Assert.Equal(
            [($"{day:yyyy-MM-dd}", 2L, 10m), ($"{day.AddDays(1):yyyy-MM-dd}", 1L, 20.5m)],
            perDay);
        Assert.Equal(20.5m, ranged.GetProperty("totalTimeSpentSeconds").GetDecimal());
    }

    [Fact]
    public async Task AFollowUpListsTheContactsOfCallbackCallsAndLinksToItsParent()
    {
        await CreateCampaignAsync("parent", plannedCalls: null);
        await CommandAsync("parent", "start");
        await Client.PostJsonAsync($"{Campaigns}/parent/outcomes/batch", new
        {
            outcomes = new object[]
            {
                new { callId = "1", status = "Client Callback Requested", durationSeconds = 5, contactId = "ann" },
                new { callId = "2", status = "Callback", durationSeconds = 5, contactId = "bob" },
                new { callId = "3", status = "NoAnswer", durationSeconds = 0, contactId = "cid" },
                new { callId = "4", status = "Callback", durationSeconds = 5, contactId = "ann" },
            },
        });

        using var callbacks = await Client.PostJsonAsync(
            $"{Campaigns}/parent/follow-ups", new { id = "callbacks", name = "Call back" });
        using var wider = await Client.PostJsonAsync(
            $"{Campaigns}/parent/follow-ups",
            new { id = "wider", name = "Everyone", statuses = new[] { "Callback", "No Answer" } });

        Assert.Equal(HttpStatusCode.Created, callbacks.StatusCode);
        var followUp = (await callbacks.ReadJsonAsync()).GetProperty("followUp");
        Assert.Equal("parent", followUp.GetProperty("parentCampaignId").GetString());
        Assert.Equal(2, followUp.GetProperty("contacts").GetInt32());
        Assert.Equal(3, (await wider.ReadJsonAsync()).GetProperty("followUp").GetProperty("contacts").GetInt32());
        var seeded = await Client.GetJsonAsync($"{Campaigns}/callbacks");
        Assert.Equal("NotStarted", seeded.GetProperty("status").GetString());
        Assert.Contains("callbacks", await ListAsync(""));
        var firstPage = await Client.GetJsonAsync($"{Campaigns}/wider/contacts?limit=2");
        var cursor = firstPage.GetProperty("nextCursor").GetString();
        var secondPage = await Client.GetJsonAsync($"{Campaigns}/wider/contacts?limit=2&cursor={cursor}");
        Assert.Equal(
            ["ann", "bob", "cid"],
            firstPage.GetProperty("items").EnumerateArray().Concat(secondPage.GetProperty("items").EnumerateArray())
                .Select(c => c.GetString()));
        Assert.Equal(JsonValueKind.Null, secondPage.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task TheServiceDescribesItselfAndReportsHealthWithoutAKey()
    {
        using var anonymous = new HttpClient { BaseAddress = Client.BaseAddress };
        var openApi = await anonymous.GetJsonAsync("openapi/v1.json");
        using var live = await anonymous.GetAsync("health/live");
        using var ready = await anonymous.GetAsync("health/ready");

        var batchRoute = "/projects/{projectId}/campaigns/{campaignId}/outcomes/batch";
        Assert.True(openApi.GetProperty("paths").TryGetProperty(batchRoute, out _));
        var scheme = openApi.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(openApi.GetProperty("security")[0].TryGetProperty("apiKey", out _));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static string? CallId(JsonElement call) => call.GetProperty("callId").GetString();

    private async Task CreateCampaignAsync(string id, int? plannedCalls)
    {
        await Client.PostJsonAsync("projects", new { id = _project, name = "Project" });
        using var response = await Client.PostJsonAsync(Campaigns, new { id, name = $"Campaign {id}", plannedCalls });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<JsonElement> CommandAsync(string campaign, string command, object? body = null)
    {
        using var response = body is null
            ? await Client.PostAsync($"{Campaigns}/{campaign}/{command}", null)
            : await Client.PostJsonAsync($"{Campaigns}/{campaign}/{command}", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private async Task<List<string?>> ListAsync(string query) =>
        (await Client.GetJsonAsync($"{Campaigns}{query}")).EnumerateArray()
            .Select(c => c.GetProperty("id").GetString())
            .ToList();

    private async Task<List<JsonElement>> PageThroughAsync(string campaign, string query)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var route = $"{Campaigns}/{campaign}/calls?{query}" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await Client.GetJsonAsync(route);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return items;
    }
}

[Collection(SqliteGatewayCollection.Name)]
public sealed class GatewayApiOnSqliteTests(SqliteGatewayFixture fixture) : GatewayApiTests(fixture);

[Collection(PostgresGatewayCollection.Name)]
public sealed class GatewayApiOnPostgresTests(PostgresGatewayFixture fixture) : GatewayApiTests(fixture);
