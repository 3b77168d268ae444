using System.Diagnostics;

namespace Campaigns.Tests.Support;

/// <summary>The gateway as a separate operating-system process, so that a test can kill it hard.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;

    private GatewayProcess(Process process, Uri address)
    {
        _process = process;
        // Longer than the gateway's own retry budget, so that a slow answer is not taken for a lost one.
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    public static async Task<GatewayProcess> StartAsync(
        TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "Campaigns.Gateway.dll"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        SetEnvironment(start, database.Settings().Concat(settings ?? new Dictionary<string, string?>()));

        start.Environment["Campaigns__Silo__SiloPort"] = FreePort.Next().ToString();
        start.Environment["Campaigns__Silo__GatewayPort"] = FreePort.Next().ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var gateway = new GatewayProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await gateway.WaitUntilReadyAsync();
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    /// <summary>Passes configuration keys as environment variables, the way an operator would.</summary>
    public static void SetEnvironment(ProcessStartInfo start, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no deactivation, no flush.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
        await Task.CompletedTask;
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with code {_process.ExitCode}.");
            }

            try
            {
                using var response = await Client.GetAsync("health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The gateway did not become ready within 60 seconds.");
    }
}
