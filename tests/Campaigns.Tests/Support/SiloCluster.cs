using System.Diagnostics;
using Npgsql;

namespace Campaigns.Tests.Support;

/// <summary>
/// A cluster of silo processes and gateway processes on one PostgreSQL database,
/// all on loopback, that a test can kill, stop and restart one by one.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    /// <summary>Failure detection tuned for tests: a killed silo is declared dead within seconds.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Campaigns:Mode"] = "Cluster",
        ["Campaigns:Membership:ProbeTimeout"] = "00:00:01",
        ["Campaigns:Membership:NumMissedProbesLimit"] = "2",
        ["Campaigns:Membership:NumVotesForDeathDeclaration"] = "1",
        ["Campaigns:Membership:IAmAliveTablePublishTimeout"] = "00:00:02",
        ["Campaigns:Membership:DefunctSiloExpiration"] = "00:00:05",
        ["Campaigns:Membership:DefunctSiloCleanupPeriod"] = "00:00:05",
        ["Campaigns:Membership:DefunctSiloMinimumRetention"] = "00:00:00",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private readonly PostgresDatabase _database;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly (int Silo, int Gateway)[] _ports;
    private readonly Process?[] _silos;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string>?[] _errors;

    private SiloCluster(PostgresDatabase database, int silos, IReadOnlyDictionary<string, string?>? settings)
    {
        _database = database;
        _settings = Settings.Concat(settings ?? new Dictionary<string, string?>())
            .GroupBy(setting => setting.Key)
            .ToDictionary(group => group.Key, group => group.Last().Value);
        _ports = Enumerable.Range(0, silos).Select(_ => (FreePort.Next(), FreePort.Next())).ToArray();
        _silos = new Process?[silos];
        _errors = new System.Collections.Concurrent.ConcurrentQueue<string>?[silos];
    }

    public List<GatewayProcess> Gateways { get; } = [];

    /// <param name="settings">Added to, or overriding, <see cref="Settings"/> for every silo and gateway.</param>
    public static async Task<SiloCluster> StartAsync(
        PostgresDatabase database, int silos, int gateways, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var cluster = new SiloCluster(database, silos, settings);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, silos).Select(cluster.StartSiloAsync));
            for (var i = 0; i < gateways; i++)
            {
                cluster.Gateways.Add(await GatewayProcess.StartAsync(database, cluster._settings));
            }
        }
        catch
        {
            // Processes that did start are not left running when another one failed to.
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public async Task StartSiloAsync(int index)
    {
        var earlier = await GenerationsAsync(index);
        var start = new ProcessStartInfo("dotnet", SiloAssembly())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var ports = new Dictionary<string, string?>
        {
            ["Campaigns:Silo:SiloPort"] = $"{_ports[index].Silo}",
            ["Campaigns:Silo:GatewayPort"] = $"{_ports[index].Gateway}",
        };
        GatewayProcess.SetEnvironment(start, _database.Settings().Concat(_settings).Concat(ports));

        var process = Process.Start(start)!;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _errors[index] = errors;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text && errors.Count < 20)
            {
                errors.Enqueue(text);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _silos[index] = process;
        await WaitUntilActiveAsync(index, process, earlier);
    }

    /// <summary>SIGKILL: the silo vanishes without telling anyone.</summary>
    public void KillSilo(int index)
    {
        _silos[index]!.Kill(entireProcessTree: true);
        _silos[index]!.WaitForExit();
        _silos[index]!.Dispose();
        _silos[index] = null;
    }

    /// <summary>SIGTERM: the silo leaves the cluster in order and deactivates its grains.</summary>
    public async Task StopSiloAsync(int index)
    {
        var process = _silos[index]!;
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString()]))
        {
            await term.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        process.Dispose();
        _silos[index] = null;
    }

    public void KillAll()
    {
        for (var i = 0; i < _silos.Length; i++)
        {
            if (_silos[i] is not null)
            {
                KillSilo(i);
            }
        }
    }

    /// <summary>The membership table's rows: one per silo incarnation, with Orleans' status number.</summary>
    public async Task<List<(int Port, int Generation, int Status)>> MembershipAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT Port, Generation, Status FROM OrleansMembershipTable", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, int, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in Gateways)
        {
            await gateway.DisposeAsync();
        }

        KillAll();
    }

    /// <summary>
    /// The silo host as its own build put it (same configuration as these tests),
    /// with the dependencies its own runtime configuration expects beside it.
    /// </summary>
    private static string SiloAssembly()
    {
        var testProject = RepositoryFiles.PathOf("tests/Campaigns.Tests");
        var output = Path.GetRelativePath(testProject, AppContext.BaseDirectory);
        return Path.Combine(RepositoryFiles.PathOf("src/Campaigns.Silo"), output, "Campaigns.Silo.dll");
    }

    private async Task<HashSet<int>> GenerationsAsync(int index)
    {
        try
        {
            var rows = await MembershipAsync();
            return rows.Where(r => r.Port == _ports[index].Silo).Select(r => r.Generation).ToHashSet();
        }
        catch (PostgresException)
        {
            return [];
        }
    }

    /// <summary>Waits for a new incarnation of the silo, not an earlier one still listed, to be active.</summary>
    private async Task WaitUntilActiveAsync(int index, Process process, HashSet<int> earlier)
    {
        const int active = 3;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                var errors = string.Join(Environment.NewLine, _errors[index] ?? new());
                throw new InvalidOperationException($"Silo {index} exited with code {process.ExitCode}: {errors}");
            }

            try
            {
                var rows = await MembershipAsync();
                var port = _ports[index].Silo;
                if (rows.Any(r => r.Port == port && r.Status == active && !earlier.Contains(r.Generation)))
                {
                    return;
                }
            }
            catch (PostgresException)
            {
                // The membership table appears once the first silo has applied the schema.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Silo {index} did not become active within 90 seconds.");
    }
}
