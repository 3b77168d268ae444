using System.Diagnostics;

namespace Campaigns.Tests.Support;

/// <summary>The gateway as a separate operating-system process, so that a test can kill it hard.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errors = new();

    private GatewayProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        // Longer than the gateway's own retry budget, so that a slow answer is not taken for a lost one.
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) }.As(TestKeys.Admin);
    }

    /// <summary>A client that sends the admin key the process was started with.</summary>
    public HttpClient Client { get; }

    public Uri Address { get; }

    /// <summary>What the process wrote on standard output so far (its first 1,000 lines).</summary>
    public string Output => string.Join('\n', _output);

    /// <param name="adminKey">
    /// The CAMPAIGNS_ADMIN_KEY to start with; null starts without one, as a first-time user does.
    /// </param>
    public static async Task<GatewayProcess> StartAsync(
        TestDatabase database,
        IReadOnlyDictionary<string, string?>? settings = null,
        string? adminKey = TestKeys.Admin)
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
        if (adminKey is null)
        {
            start.Environment.Remove(TestKeys.AdminVariable);
        }
        else
        {
            start.Environment[TestKeys.AdminVariable] = adminKey;
        }

        var process = Process.Start(start)!;
        var gateway = new GatewayProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text && gateway._output.Count < 1000)
            {
                gateway._output.Enqueue(text);
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text && gateway._errors.Count < 100)
            {
                gateway._errors.Enqueue(text);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

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
                _process.WaitForExit();
                throw new InvalidOperationException(
                    $"The gateway exited with code {_process.ExitCode}: {string.Join('\n', _errors)}");
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
