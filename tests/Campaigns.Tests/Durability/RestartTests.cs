using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Campaigns.Tests.Support;

namespace Campaigns.Tests.Durability;

public sealed class RestartTests : IAsyncLifetime
{
    private readonly SqliteDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task EverythingAcknowledgedIsStillThereAfterARestartOnTheSameFile()
    {
        JsonElement before;
        await using (var first = await GatewayHost.StartAsync(_database))
        {
            var client = first.Client;
            await client.PostJsonAsync("projects", new { id = "p", name = "Restarted" });
            await client.PostJsonAsync("projects/p/campaigns", new { id = "c", name = "C", plannedCalls = 50 });
            await client.PostAsync("projects/p/campaigns/c/start", null);
            await client.PostJsonAsync("projects/p/campaigns/c/pause", new { reason = "lunch" });
            await client.PostJsonAsync("projects/p/campaigns/c/outcomes/batch", new
            {
                outcomes = Enumerable.Range(0, 20).Select(i => new
                {
                    callId = $"call-{i}", status = i % 2 == 0 ? "Completed" : "Busy", durationSeconds = 1.5m,
                }),
            });
            before = await client.GetJsonAsync("projects/p/campaigns/c");
        }

        await using var second = await GatewayHost.StartAsync(_database);
        var after = await second.Client.GetJsonAsync("projects/p/campaigns/c");
        var history = await second.Client.GetJsonAsync("projects/p/campaigns/c/history");
        var calls = await second.Client.GetJsonAsync("projects/p/campaigns/c/calls?limit=500");
        using var duplicate = await second.Client.PostJsonAsync(
            "projects/p/campaigns/c/outcomes",
            new { callId = "call-0", status = "Completed", durationSeconds = 1.5m });

        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Equal("Paused", after.GetProperty("status").GetString());
        Assert.Equal(15m, after.GetProperty("totalTimeSpentSeconds").GetDecimal());
        Assert.Equal(2, history.GetArrayLength());
        Assert.Equal(20, calls.GetProperty("items").GetArrayLength());
        Assert.Equal("duplicate", (await duplicate.ReadJsonAsync()).GetProperty("result").GetString());
        Assert.Contains("p", (await second.Client.GetJsonAsync("projects")).EnumerateArray()
            .Select(p => p.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task ASecondProcessRefusesToServeAFileTheFirstAlreadyServes()
    {
        await using var first = await GatewayProcess.StartAsync(_database);

        var second = await Assert.ThrowsAsync<InvalidOperationException>(() => GatewayProcess.StartAsync(_database));

        Assert.Contains("exited", second.Message);
        Assert.True((await first.Client.GetAsync("health/ready")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task AScheduledStartHappensEvenWhenTheServiceWasDownAtTheTime()
    {
        var startAt = DateTimeOffset.UtcNow.AddSeconds(4);
        await using (var first = await GatewayHost.StartAsync(_database))
        {
            await first.Client.PostJsonAsync("projects", new { id = "p", name = "Scheduled" });
            using var created = await first.Client.PostJsonAsync(
                "projects/p/campaigns", new { id = "later", name = "Later", scheduledStart = startAt });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await Task.Delay(startAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));
        await using var second = await GatewayHost.StartAsync(_database);
        var campaign = await PollAsync(
            second.Client, "projects/p/campaigns/later", "Started", TimeSpan.FromSeconds(30));
        var history = await second.Client.GetJsonAsync("projects/p/campaigns/later/history");

        Assert.True(campaign.GetProperty("startedAt").GetDateTimeOffset() >= startAt);
        Assert.Equal("scheduler", history[0].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task AHardKillUnderLoadLosesNoAcknowledgedOutcomeAndCountsNoneTwice()
    {
        var acknowledged = new ConcurrentDictionary<string, decimal>();
        await using (var gateway = await GatewayProcess.StartAsync(_database))
        {
            var client = gateway.Client;
            await client.PostJsonAsync("projects", new { id = "p", name = "Killed" });
            await client.PostJsonAsync("projects/p/campaigns", new { id = "c", name = "C" });
            await client.PostAsync("projects/p/campaigns/c/start", null);

            using var stop = new CancellationTokenSource();
            var dialers = Enumerable.Range(0, 8)
                .Select(d => DialAsync(client, d, acknowledged, stop.Token))
                .ToList();
            while (acknowledged.Count < 400)
            {
                await Task.Delay(20);
            }

            gateway.KillHard();
            await stop.CancelAsync();
            await Task.WhenAll(dialers);
        }

        await using var restarted = await GatewayProcess.StartAsync(_database);
        var campaign = await restarted.Client.GetJsonAsync("projects/p/campaigns/c");
        var stored = await AllCallsAsync(restarted.Client);

        Assert.Empty(acknowledged.Keys.Except(stored.Keys));
        Assert.Equal(stored.Count, campaign.GetProperty("attempts").GetInt64());
        Assert.Equal(stored.Values.Sum(), campaign.GetProperty("totalTimeSpentSeconds").GetDecimal());
        foreach (var (callId, seconds) in acknowledged)
        {
            Assert.Equal(seconds, stored[callId]);
        }
    }

    /// <summary>One dialer sending single outcomes until the gateway dies under it.</summary>
    private static async Task DialAsync(
        HttpClient client, int dialer, ConcurrentDictionary<string, decimal> acknowledged, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var callId = $"d{dialer}-{i}";
            var seconds = (i % 7) + 0.125m;
            try
            {
                using var response = await client.PostJsonAsync(
                    "projects/p/campaigns/c/outcomes",
                    new { callId, status = "Completed", durationSeconds = seconds });
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged[callId] = seconds;
                }
            }
            catch (HttpRequestException)
            {
                return;
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<JsonElement> PollAsync(HttpClient client, string route, string status, TimeSpan limit)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        while (true)
        {
            var campaign = await client.GetJsonAsync(route);
            if (campaign.GetProperty("status").GetString() == status || DateTimeOffset.UtcNow > deadline)
            {
                Assert.Equal(status, campaign.GetProperty("status").GetString());
                return campaign;
            }

            await Task.Delay(250);
        }
    }

    private static async Task<Dictionary<string, decimal>> AllCallsAsync(HttpClient client)
    {
        var calls = new Dictionary<string, decimal>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync(
                "projects/p/campaigns/c/calls?limit=500" + (cursor is null ? "" : $"&cursor={cursor}"));
            foreach (var call in page.GetProperty("items").EnumerateArray())
            {
                calls.Add(call.GetProperty("callId").GetString()!, call.GetProperty("durationSeconds").GetDecimal());
            }

            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return calls;
    }
}
