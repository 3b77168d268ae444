using System.Diagnostics;
using System.Runtime.InteropServices;
using Campaigns.Dialer.Synthetic;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Benchmarks;

/// <summary>
/// Runs every scenario against the service and against the baseline, one server at
/// a time on the same PostgreSQL, with the same load generator, and checks after
/// every run that the stored totals equal what was acknowledged.
/// </summary>
public sealed class Benchmark(BenchmarkOptions options, TextWriter console)
{
    private const string Project = "bench";
    private const string MillionPrefix = "million-";

    /// <summary>The admin key the service under test is started with; the baseline ignores it.</summary>
    private static readonly string ApiKey = Convert.ToBase64String(
        System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly Report _report = new(console);
    private readonly List<string> _failures = [];
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private int _runs;
    private int _postmaster;

    private record Scenario(string Name, int Campaigns, int Concurrency, int BatchSize, double Rate = 0);

    public async Task<int> RunAsync()
    {
        var serviceDatabase = $"bench_service_{_run}";
        var baselineDatabase = $"bench_baseline_{_run}";
        await using var admin = NpgsqlDataSource.Create(options.Postgres);
        await CreateDatabaseAsync(admin, serviceDatabase);
        await CreateDatabaseAsync(admin, baselineDatabase);
        try
        {
            await DescribeMachineAsync(admin);
            _postmaster = await PostmasterAsync(admin);
            await RunServiceAsync(ConnectionString(serviceDatabase));
            await RunBaselineAsync(ConnectionString(baselineDatabase));
            CheckTargets();
            _report.WriteTables();
        }
        finally
        {
            await DropDatabaseAsync(admin, serviceDatabase);
            await DropDatabaseAsync(admin, baselineDatabase);
        }

        if (options.Output is { } output)
        {
            await File.WriteAllTextAsync(output, _report.Markdown);
        }

        foreach (var failure in _failures)
        {
            await console.WriteLineAsync($"FAILED: {failure}");
        }

        await console.WriteLineAsync("Targets are reported above, not enforced: only a lost or double-counted "
            + "outcome, a refusal or a failed request makes the benchmark fail.");
        await console.WriteLineAsync(_failures.Count == 0
            ? "Every run's stored totals equal what was acknowledged."
            : $"{_failures.Count} runs lost or double-counted outcomes.");
        return _failures.Count == 0 ? 0 : 1;
    }

    private IEnumerable<Scenario> Throughput()
    {
        foreach (var concurrency in new[] { 1, 16, 64, 256 })
        {
            yield return new($"single outcomes, concurrency {concurrency}", options.Campaigns, concurrency, 1);
        }

        yield return new("batches of 100, concurrency 16", options.Campaigns, 16, 100);
        yield return new("one hot campaign, concurrency 64", 1, 64, 1);
    }

    private async Task RunServiceAsync(string connectionString)
    {
        var gatewayPort = ChildServer.FreePort();
        var siloGatewayPort = ChildServer.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{gatewayPort}",
            ["Campaigns__Mode"] = "Embedded",
            ["Campaigns__Storage__Provider"] = "PostgreSql",
            ["ConnectionStrings__Campaigns"] = connectionString,
            ["Campaigns__Silo__SiloPort"] = ChildServer.FreePort().ToString(),
            ["Campaigns__Silo__GatewayPort"] = siloGatewayPort.ToString(),
            ["Campaigns__GrainCollection__CollectionAge"] = options.IdleAge.ToString(),
            ["Campaigns__GrainCollection__CollectionQuantum"] = (options.IdleAge / 5).ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
            ["CAMPAIGNS_ADMIN_KEY"] = ApiKey,

            // Measures what the service can do, not the per-key limit that protects tenants from each other.
            ["Campaigns__RateLimit__PermitsPerSecond"] = "0",
        };
        await using var service = await ChildServer.StartAsync(
            Report.Ours, "Campaigns.Gateway.dll", [], environment, gatewayPort);
        await using var inspector = await SiloInspector.ConnectAsync(siloGatewayPort);
        await MeasureRawInsertAsync(connectionString);

        await RunThroughputAsync(service);
        await RunMillionCallsAsync(service, connectionString, inspector);
        await RunActiveCampaignsAsync(service, inspector);
    }

    private async Task RunBaselineAsync(string connectionString)
    {
        var port = ChildServer.FreePort();
        await using var baseline = await ChildServer.StartAsync(
            Report.Baseline,
            "Campaigns.Benchmarks.dll",
            ["baseline-server", port.ToString(), connectionString],
            new Dictionary<string, string>(),
            port);
        await RunThroughputAsync(baseline);
        await RunMillionCallsAsync(baseline, connectionString, inspector: null);
    }

    private async Task RunThroughputAsync(ChildServer server)
    {
        _report.Line($"{server.Name}:");
        await MeasureAsync(server, new("warm-up", 100, 64, 1), TimeSpan.FromSeconds(options.Smoke ? 1 : 5), false);
        foreach (var scenario in Throughput())
        {
            await MeasureAsync(server, scenario);
        }

        var fastest = _report.Measurements
            .Where(m => m.Target == server.Name && m.Scenario.StartsWith("single", StringComparison.Ordinal))
            .Max(m => m.Load.OutcomesPerSecond);
        await MeasureAsync(server, new("half the maximum rate", options.Campaigns, 256, 1, Math.Round(fastest / 2)));
    }

    /// <summary>
    /// A campaign that already holds many calls against an empty one, at the same
    /// steady rate, and for the service how long the big one takes to activate.
    /// </summary>
    private async Task RunMillionCallsAsync(ChildServer server, string connectionString, SiloInspector? inspector)
    {
        var million = new SyntheticOptions
        {
            ApiKey = ApiKey,
            Gateway = server.Address,
            ProjectId = Project,
            Campaigns = 1,
            CampaignPrefix = MillionPrefix,
            BatchSize = 100,
            Concurrency = 16,
            Duration = TimeSpan.FromHours(1),
            Outcomes = options.MillionCalls,
        };
        using var http = SyntheticLoad.CreateClient(million);
        var load = new SyntheticLoad(http, million);
        await load.SetupAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();
        List<LoadResult> written = [];
        Func<string, (long, long)>? heldBefore = null;
        if (inspector is null)
        {
            var held = await PreloadBaselineAsync(connectionString, million.CampaignId(0));
            heldBefore = id => id == million.CampaignId(0) ? held : (0, 0);
        }
        else
        {
            written.Add(await load.RunAsync(CancellationToken.None));
        }

        _report.Line($"  {server.Name}: a campaign with {options.MillionCalls:N0} calls written in "
            + $"{clock.Elapsed.TotalSeconds:N1} s");

        if (inspector is not null)
        {
            await inspector.DeactivateIdleAsync();
            var active = await inspector.ActiveCampaignsAsync();
            clock.Restart();
            using var first = await http.GetAsync($"projects/{Project}/campaigns/{million.CampaignId(0)}");
            first.EnsureSuccessStatusCode();
            var activation = clock.Elapsed;
            _report.Line($"  {server.Name}: campaign with {options.MillionCalls:N0} calls answered its first read "
                + $"after deactivation in {activation.TotalMilliseconds:N0} ms ({active} campaigns were active)");
            _report.Check(
                $"A campaign holding {options.MillionCalls:N0} calls activates in under one second",
                $"{activation.TotalMilliseconds:N0} ms",
                activation < TimeSpan.FromSeconds(1));
        }

        var steady = new Scenario("steady rate, empty campaign", 1, 32, 1, options.SteadyRate);
        await MeasureAsync(server, steady with { Name = $"{options.SteadyRate:N0} outcomes/s, empty campaign" });
        var onMillion = await MeasureAsync(
            server,
            steady with { Name = $"{options.SteadyRate:N0} outcomes/s, campaign holding {options.MillionCalls:N0}" },
            prefix: MillionPrefix);
        written.Add(onMillion);
        Verify(server, $"campaign holding {options.MillionCalls:N0} calls",
            await load.VerifyAsync(written, heldBefore));
    }

    /// <summary>The baseline's big campaign is written straight into its tables; its speed is not measured.</summary>
    private async Task<(long Calls, long TimeSpentMs)> PreloadBaselineAsync(
        string connectionString, string campaignId)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var preload = data.CreateCommand($"""
            INSERT INTO baseline_calls (project_id, campaign_id, call_id, status, duration_ms, received_at)
            SELECT '{Project}', @campaign, 'preload-' || n, 'Completed', 60000, now()
            FROM generate_series(1, @count) AS n;
            UPDATE baseline_campaigns SET attempts = @count, time_spent_ms = @count * 60000
            WHERE project_id = '{Project}' AND campaign_id = @campaign;
            """);
        preload.Parameters.AddWithValue("campaign", campaignId);
        var count = options.MillionCalls;
        preload.Parameters.AddWithValue("count", count);
        await preload.ExecuteNonQueryAsync();
        return (count, count * 60_000);
    }

    /// <summary>Many campaigns, each given one outcome, spread over ten projects as a platform's tenants are.</summary>
    private async Task RunActiveCampaignsAsync(ChildServer service, SiloInspector inspector)
    {
        const int projects = 10;
        for (var project = 0; project < projects; project++)
        {
            var spread = new SyntheticOptions
            {
                ApiKey = ApiKey,
                Gateway = service.Address,
                ProjectId = $"{Project}-active-{project}",
                Campaigns = options.ActiveCampaigns / projects,
                Concurrency = 64,
                Duration = TimeSpan.FromHours(1),
                Outcomes = options.ActiveCampaigns / projects,
            };
            using var http = SyntheticLoad.CreateClient(spread);
            var load = new SyntheticLoad(http, spread);
            await load.SetupAsync(CancellationToken.None);
            var result = await load.RunAsync(CancellationToken.None);
            Verify(service, "active campaigns", await load.VerifyAsync([result]));
        }

        var active = await inspector.ActiveCampaignsAsync();
        var resident = ProcessStats.ResidentBytes(service.Pid);
        _report.Line($"  {service.Name}: {active:N0} campaigns active, working set {resident / 1048576.0:N0} MiB");
        _report.Check(
            $"{options.ActiveCampaigns:N0} active campaigns: silo working set under 1 GiB",
            $"{active:N0} active, {resident / 1048576.0:N0} MiB",
            active >= options.ActiveCampaigns && resident < 1L << 30);

        var idle = Stopwatch.StartNew();
        var limit = options.IdleAge * 2 + TimeSpan.FromSeconds(30);
        while (idle.Elapsed < limit && await inspector.ActiveCampaignsAsync() > options.ActiveCampaigns / 100)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var left = await inspector.ActiveCampaignsAsync();
        _report.Line($"  {service.Name}: {left:N0} campaigns still active {idle.Elapsed.TotalSeconds:N0} s later "
            + $"(idle age {options.IdleAge.TotalSeconds:N0} s), working set "
            + $"{ProcessStats.ResidentBytes(service.Pid) / 1048576.0:N0} MiB");
        _report.Check(
            "Idle campaigns deactivate",
            $"{active:N0} → {left:N0} active within {idle.Elapsed.TotalSeconds:N0} s of idling "
                + $"(collection age {options.IdleAge.TotalSeconds:N0} s)",
            left <= options.ActiveCampaigns / 100);
    }

    private Task<LoadResult> MeasureAsync(ChildServer server, Scenario scenario, string? prefix = null) =>
        MeasureAsync(server, scenario, options.ScenarioDuration, record: true, prefix);

    private async Task<LoadResult> MeasureAsync(
        ChildServer server, Scenario scenario, TimeSpan duration, bool record, string? prefix = null)
    {
        var load = new SyntheticOptions
        {
            ApiKey = ApiKey,
            Gateway = server.Address,
            // A project per run keeps project indexes small (see ProjectGrain); a prefix names campaigns of Project.
            ProjectId = prefix is null ? $"{Project}-{++_runs}" : Project,
            Campaigns = scenario.Campaigns,
            CampaignPrefix = prefix,
            Concurrency = scenario.Concurrency,
            BatchSize = scenario.BatchSize,
            Duration = duration,
            Rate = scenario.Rate,
        };
        using var http = SyntheticLoad.CreateClient(load);
        var generator = new SyntheticLoad(http, load);
        await generator.SetupAsync(CancellationToken.None);
        var serverBefore = ProcessStats.CpuTime(server.Pid);
        var databaseBefore = ProcessStats.PostgresCpuTime(_postmaster);
        var result = await generator.RunAsync(CancellationToken.None);
        var serverCpu = ProcessStats.CpuTime(server.Pid) - serverBefore;
        var databaseCpu = ProcessStats.PostgresCpuTime(_postmaster) - databaseBefore;
        if (prefix is null)
        {
            Verify(server, scenario.Name, await generator.VerifyAsync([result]));
        }

        if (result.Refused > 0 || result.FailedRequests > 0 || result.UnexpectedDuplicates > 0)
        {
            _failures.Add($"{server.Name}, {scenario.Name}: {result.Refused} refused, "
                + $"{result.FailedRequests} requests failed, "
                + $"{result.UnexpectedDuplicates} called duplicates on their first send");
        }

        if (record)
        {
            _report.Add(new Measurement(scenario.Name, server.Name, result, serverCpu, databaseCpu));
        }

        return result;
    }

    private void Verify(ChildServer server, string scenario, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            _failures.Add($"{server.Name}, {scenario}: {problem}");
        }
    }

    /// <summary>COPY of call rows into a table shaped and indexed like the call table, 10,000 per commit.</summary>
    private async Task MeasureRawInsertAsync(string connectionString)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using (var create = data.CreateCommand(
            "CREATE TABLE RawCalls (LIKE CampaignCalls INCLUDING ALL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        const int chunk = 10_000;
        var clock = Stopwatch.StartNew();
        await using var connection = await data.OpenConnectionAsync();
        for (var written = 0; written < options.RawInsertRows; written += chunk)
        {
            await using var copy = await connection.BeginBinaryImportAsync("""
                COPY RawCalls (ProjectId, CampaignId, CallId, Status, DurationMs, StartedAt, StartedAtGiven,
                    ReceivedAt) FROM STDIN (FORMAT BINARY)
                """);
            var now = DateTime.UtcNow;
            for (var i = written; i < written + chunk; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(Project, NpgsqlDbType.Varchar);
                await copy.WriteAsync($"raw-{i % options.Campaigns:D5}", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"call-{i}", NpgsqlDbType.Varchar);
                await copy.WriteAsync((short)(i % 11), NpgsqlDbType.Smallint);
                await copy.WriteAsync(60_000L, NpgsqlDbType.Bigint);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        _report.RawInsertRate = options.RawInsertRows / clock.Elapsed.TotalSeconds;
        _report.Line($"Raw insert ceiling: {options.RawInsertRows:N0} rows in {clock.Elapsed.TotalSeconds:N1} s, "
            + $"{_report.RawInsertRate:N0} rows/s");
    }

    private void CheckTargets()
    {
        double Rate(string scenario, string target) => _report.Find(scenario, target)?.Load.OutcomesPerSecond ?? 0;

        var c64 = "single outcomes, concurrency 64";
        var ratio = Rate(c64, Report.Ours) / Math.Max(Rate(c64, Report.Baseline), 1);
        _report.Check("Single outcomes at concurrency 64: at least 2× the baseline", $"{ratio:N2}×", ratio >= 2);

        var batches = Rate("batches of 100, concurrency 16", Report.Ours);
        var share = batches / Math.Max(_report.RawInsertRate, 1);
        _report.Check(
            "Batches of 100: at least 30,000 outcomes/s and half the raw insert ceiling",
            $"{batches:N0}/s, {share:P0} of {_report.RawInsertRate:N0}/s",
            batches >= 30_000 && share >= 0.5);

        var hot = Rate("one hot campaign, concurrency 64", Report.Ours) / Math.Max(Rate(c64, Report.Ours), 1);
        _report.Check("One hot campaign: at least half the 1,000-campaign throughput", $"{hot:P0}", hot >= 0.5);

        var half = _report.Find("half the maximum rate", Report.Ours);
        var p99 = half?.Load.LatencyMs(0.99) ?? double.NaN;
        _report.Check(
            "p99 latency at half the maximum rate: 25 ms or less",
            $"{p99:N1} ms at {half?.Load.OutcomesPerSecond:N0}/s",
            p99 <= 25);

        var empty = _report.Find($"{options.SteadyRate:N0} outcomes/s, empty campaign", Report.Ours);
        var full = _report.Find(
            $"{options.SteadyRate:N0} outcomes/s, campaign holding {options.MillionCalls:N0}", Report.Ours);
        if (empty is not null && full is not null)
        {
            var cost = full.CpuMicrosecondsPerOutcome / empty.CpuMicrosecondsPerOutcome - 1;
            _report.Check(
                $"A campaign holding {options.MillionCalls:N0} calls: per-outcome cost at most 10% above an empty one",
                $"{full.CpuMicrosecondsPerOutcome:N0} against {empty.CpuMicrosecondsPerOutcome:N0} µs CPU "
                    + $"({cost:+0%;-0%}); p50 {full.Load.LatencyMs(0.5):N1} against {empty.Load.LatencyMs(0.5):N1} ms",
                cost <= 0.10);
        }
    }

    private async Task DescribeMachineAsync(NpgsqlDataSource admin)
    {
        var cpu = File.ReadLines("/proc/cpuinfo")
            .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            ?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memory = File.ReadLines("/proc/meminfo").First().Split(':', 2)[1].Trim();
        await using var version = admin.CreateCommand("SELECT version(), current_setting('fsync'), "
            + "current_setting('synchronous_commit'), current_setting('shared_buffers')");
        await using var reader = await version.ExecuteReaderAsync();
        await reader.ReadAsync();
        _report.Line($"Machine: {Environment.ProcessorCount} cores ({cpu}), {memory} memory, "
            + $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        _report.Line($"PostgreSQL: {reader.GetString(0).Split(',')[0]}, fsync={reader.GetString(1)}, "
            + $"synchronous_commit={reader.GetString(2)}, shared_buffers={reader.GetString(3)}");
        _report.Line(options.Smoke
            ? "Smoke mode: figures are not meaningful, only the totals checks are."
            : $"Each throughput scenario runs {options.ScenarioDuration.TotalSeconds:N0} s after a warm-up.");
    }

    /// <summary>The server's postmaster: the parent of the backend serving this connection.</summary>
    private static async Task<int> PostmasterAsync(NpgsqlDataSource admin)
    {
        await using var backend = admin.CreateCommand("SELECT pg_backend_pid()");
        var postmaster = ProcessStats.Parent((int)(await backend.ExecuteScalarAsync())!);
        return postmaster > 1
            ? postmaster
            : throw new InvalidOperationException("PostgreSQL must run on this machine for its CPU to be measured.");
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(options.Postgres) { Database = database, MaxPoolSize = 100 }
            .ConnectionString;

    private static async Task CreateDatabaseAsync(NpgsqlDataSource admin, string name)
    {
        await using var create = admin.CreateCommand($"CREATE DATABASE {name}");
        await create.ExecuteNonQueryAsync();
    }

    private static async Task DropDatabaseAsync(NpgsqlDataSource admin, string name)
    {
        await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }
}
