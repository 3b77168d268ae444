using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Campaigns.Tests.Support;
using Xunit.Abstractions;

namespace Campaigns.Tests.Cluster;

/// <summary>
/// Silos and gateways as separate processes on PostgreSQL, killed and stopped
/// under load. These are the slowest tests of the suite (about a minute each).
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class ClusterFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Campaigns = 8;
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task KillingOneSiloAndStoppingAnotherUnderLoadLosesNoAcknowledgedOutcomeAndCountsNoneTwice()
    {
        await using var cluster = await SiloCluster.StartAsync(_database, silos: 3, gateways: 2);
        await CreateCampaignsAsync(cluster.Gateways[0].Client);
        var load = new DialerLoad(cluster.Gateways.Select(g => g.Client).ToList());

        var dialing = load.RunAsync(dialers: 16, duration: TimeSpan.FromSeconds(24));
        await Task.Delay(TimeSpan.FromSeconds(4));
        var inFlightAtKill = load.InFlight;
        cluster.KillSilo(0);
        await Task.Delay(TimeSpan.FromSeconds(4));
        var inFlightAtStop = load.InFlight;
        await cluster.StopSiloAsync(1);
        await Task.Delay(TimeSpan.FromSeconds(4));
        await cluster.StartSiloAsync(0);
        await cluster.StartSiloAsync(1);
        await dialing;

        output.WriteLine(
            $"acknowledged {load.Acknowledged.Count}, copies sent {load.Sent}, 5xx {load.ServerErrors}, "
            + $"transport errors {load.TransportErrors}, in flight at the kill {inFlightAtKill}, "
            + $"at the stop {inFlightAtStop}");
        Assert.True(load.Acknowledged.Count > 500, "the load should have kept going through the faults");
        Assert.InRange(load.ServerErrors, 0, inFlightAtKill);
        Assert.InRange(load.TransportErrors, 0, inFlightAtKill + inFlightAtStop);
        await AssertStoredExactlyOnceAsync(cluster.Gateways[1].Client, load.Acknowledged);
    }

    [Fact]
    public async Task AfterEverySiloDiesOneNewSiloServesAgainWithinTheBound()
    {
        await using var cluster = await SiloCluster.StartAsync(_database, silos: 2, gateways: 1);
        var client = cluster.Gateways[0].Client;
        await CreateCampaignsAsync(client);

        cluster.KillAll();
        var clock = Stopwatch.StartNew();
        await cluster.StartSiloAsync(0);
        var siloUp = clock.Elapsed;
        while (!await ServesAsync(client))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the gateway did not serve again within 60 s");
            await Task.Delay(100);
        }

        output.WriteLine(
            $"silo active after {siloUp.TotalSeconds:N1} s; gateway serving after {clock.Elapsed.TotalSeconds:N1} s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"recovery took {clock.Elapsed}");
    }

    [Fact]
    public async Task DeadSilosDoNotLingerInTheMembershipTableAfterRepeatedRestarts()
    {
        await using var cluster = await SiloCluster.StartAsync(_database, silos: 2, gateways: 0);

        for (var i = 0; i < 3; i++)
        {
            cluster.KillSilo(1);
            await cluster.StartSiloAsync(1);
        }

        var deadline = DateTime.UtcNow.AddSeconds(90);
        List<(int Port, int Generation, int Status)> rows;
        do
        {
            await Task.Delay(1000);
            rows = await cluster.MembershipAsync();
        }
        while (rows.Count > 2 && DateTime.UtcNow < deadline);

        var listed = string.Join(", ", rows.Select(r => $"{r.Port}/{r.Generation}:{r.Status}"));
        output.WriteLine(listed);
        Assert.True(rows.Count == 2, $"membership rows left: {listed}");
        Assert.All(rows, r => Assert.Equal(3, r.Status));
    }

    private static async Task CreateCampaignsAsync(HttpClient client)
    {
        await client.PostJsonAsync("projects", new { id = "p", name = "Faults" });
        for (var i = 0; i < Campaigns; i++)
        {
            await client.PostJsonAsync("projects/p/campaigns", new { id = $"c{i}", name = $"C{i}" });
            using var started = await client.PostAsync($"projects/p/campaigns/c{i}/start", null);
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        }
    }

    private static async Task<bool> ServesAsync(HttpClient client)
    {
        try
        {
            using var response = await client.PostJsonAsync(
                "projects/p/campaigns/c0/outcomes",
                new { callId = Guid.NewGuid().ToString("N"), status = "Completed", durationSeconds = 1 });
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task AssertStoredExactlyOnceAsync(
        HttpClient client, ConcurrentDictionary<string, (int Campaign, decimal Seconds)> acknowledged)
    {
        for (var c = 0; c < Campaigns; c++)
        {
            var expected = acknowledged.Where(a => a.Value.Campaign == c)
                .ToDictionary(a => a.Key, a => a.Value.Seconds);
            var stored = new Dictionary<string, decimal>();
            string? cursor = null;
            do
            {
                var page = await client.GetJsonAsync(
                    $"projects/p/campaigns/c{c}/calls?limit=500" + (cursor is null ? "" : $"&cursor={cursor}"));
                foreach (var call in page.GetProperty("items").EnumerateArray())
                {
                    var seconds = call.GetProperty("durationSeconds").GetDecimal();
                    stored.Add(call.GetProperty("callId").GetString()!, seconds);
                }

                cursor = page.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);

            var campaign = await CountersSettledAsync(client, c, stored.Count);
            Assert.Equal(expected.OrderBy(e => e.Key), stored.OrderBy(s => s.Key));
            Assert.Equal(stored.Count, campaign.GetProperty("attempts").GetInt64());
            Assert.Equal(stored.Values.Sum(), campaign.GetProperty("totalTimeSpentSeconds").GetDecimal());
        }
    }

    /// <summary>
    /// The campaign once its counters include every stored call. A second activation
    /// that lived briefly while the cluster healed may have stored calls the surviving
    /// one has not counted yet; its next checkpoint (5 s) counts them.
    /// </summary>
    private static async Task<System.Text.Json.JsonElement> CountersSettledAsync(
        HttpClient client, int campaign, int stored)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var view = await client.GetJsonAsync($"projects/p/campaigns/c{campaign}");
            if (view.GetProperty("attempts").GetInt64() == stored || DateTime.UtcNow > deadline)
            {
                return view;
            }

            await Task.Delay(500);
        }
    }

    /// <summary>
    /// Dialers that report new calls to random campaigns through random gateways,
    /// send 30% of them two or three times at once, and retry every copy until it
    /// is acknowledged, as real dialers do.
    /// </summary>
    private sealed class DialerLoad(IReadOnlyList<HttpClient> gateways)
    {
        private int _inFlight;
        private int _sent;
        private int _serverErrors;
        private int _transportErrors;

        public ConcurrentDictionary<string, (int Campaign, decimal Seconds)> Acknowledged { get; } = new();

        public int InFlight => Volatile.Read(ref _inFlight);

        public int Sent => Volatile.Read(ref _sent);

        public int ServerErrors => Volatile.Read(ref _serverErrors);

        public int TransportErrors => Volatile.Read(ref _transportErrors);

        public async Task RunAsync(int dialers, TimeSpan duration)
        {
            var stop = DateTime.UtcNow + duration;
            await Task.WhenAll(Enumerable.Range(0, dialers).Select(d => DialAsync(d, stop)));
        }

        private async Task DialAsync(int dialer, DateTime stop)
        {
            var random = new Random(dialer);
            for (var i = 0; DateTime.UtcNow < stop; i++)
            {
                var callId = $"d{dialer}-{i}";
                var campaign = random.Next(Campaigns);
                var seconds = random.Next(0, 600) + 0.25m;
                var copies = random.NextDouble() < 0.3 ? random.Next(2, 4) : 1;
                await Task.WhenAll(Enumerable.Range(0, copies)
                    .Select(_ => SendUntilAcknowledgedAsync(callId, campaign, seconds, random.Next())));
                Acknowledged[callId] = (campaign, seconds);
            }
        }

        private async Task SendUntilAcknowledgedAsync(string callId, int campaign, decimal seconds, int seed)
        {
            var body = new { callId, status = "Completed", durationSeconds = seconds };
            for (var attempt = seed; ; attempt++)
            {
                Interlocked.Increment(ref _inFlight);
                Interlocked.Increment(ref _sent);
                try
                {
                    using var response = await gateways[attempt % gateways.Count]
                        .PostJsonAsync($"projects/p/campaigns/c{campaign}/outcomes", body);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }

                    Assert.True((int)response.StatusCode >= 500, $"{callId} was refused: {response.StatusCode}");
                    Interlocked.Increment(ref _serverErrors);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref _transportErrors);
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }

                await Task.Delay(200);
            }
        }
    }
}

/// <summary>Silo processes compete for the two cores; they run alone, after the other collections.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterProcessesCollection
{
    public const string Name = "cluster processes";
}
