using System.Diagnostics;

namespace Campaigns.Tests.Support;

/// <summary>
/// The throwaway local PostgreSQL of ops/postgres.sh, started once per test run
/// (installed from Debian's packages when missing). It listens on loopback only.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<string>> Started = new(StartAsync);

    public static Task<string> ConnectionStringAsync() => Started.Value;

    private static async Task<string> StartAsync()
    {
        var script = RepositoryFiles.PathOf("ops/postgres.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, "start"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ops/postgres.sh start failed ({process.ExitCode}): {errors}");
        }

        return output.Trim().Split('\n')[^1];
    }
}
