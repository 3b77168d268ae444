using System.Globalization;
using Campaigns.Dialer.Bank;
using Campaigns.Dialer.Replay;
using Campaigns.Dialer.Synthetic;

return args switch
{
    ["convert-bank", var bankCsv, var callsCsv] => ConvertBank(bankCsv, callsCsv),
    ["replay", var callsCsv, .. var rest] => await ReplayAsync(callsCsv, rest),
    ["synthetic", .. var rest] => await SyntheticAsync(rest),
    _ => Usage(),
};

static int ConvertBank(string bankCsv, string callsCsv)
{
    using var reader = File.OpenText(bankCsv);
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(callsCsv))!);
    using var writer = File.CreateText(callsCsv);
    writer.WriteLine(CallRow.Header);
    var count = 0;
    foreach (var row in BankConverter.Convert(reader))
    {
        writer.WriteLine(row.ToCsv());
        count++;
    }

    Console.WriteLine($"Wrote {count:N0} calls to {callsCsv}.");
    return 0;
}

static async Task<int> ReplayAsync(string callsCsv, string[] flags)
{
    var options = ReadOptions(flags);
    using var reader = File.OpenText(callsCsv);
    var rows = CallRow.ReadAll(reader).ToList();
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Workers * 2 })
    {
        BaseAddress = options.Gateway,
        Timeout = options.RequestTimeout,
    };

    try
    {
        var report = await new Replayer(http, options, Console.Out).RunAsync(rows, CancellationToken.None);
        ReportWriter.Write(report, Console.Out);
        return report.Tally.Refused == 0 ? 0 : 1;
    }
    catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
    {
        // The message names the trace of the request that failed; the stack would only hide it.
        Console.Error.WriteLine();
        Console.Error.WriteLine(e.Message);
        return 1;
    }
}

static async Task<int> SyntheticAsync(string[] flags)
{
    var options = new SyntheticOptions();
    for (var i = 0; i + 1 < flags.Length; i += 2)
    {
        var value = flags[i + 1];
        options = flags[i] switch
        {
            "--gateway" => options with { Gateway = new Uri(value.EndsWith('/') ? value : value + "/") },
            "--project" => options with { ProjectId = value },
            "--campaigns" => options with { Campaigns = int.Parse(value, CultureInfo.InvariantCulture) },
            "--concurrency" => options with { Concurrency = int.Parse(value, CultureInfo.InvariantCulture) },
            "--batch" => options with { BatchSize = int.Parse(value, CultureInfo.InvariantCulture) },
            "--seconds" => options with
            {
                Duration = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)),
            },
            "--rate" => options with { Rate = double.Parse(value, CultureInfo.InvariantCulture) },
            _ => throw new ArgumentException($"Unknown option '{flags[i]}'."),
        };
    }

    using var http = SyntheticLoad.CreateClient(options);
    var load = new SyntheticLoad(http, options);
    await load.SetupAsync(CancellationToken.None);
    var result = await load.RunAsync(CancellationToken.None);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
        {result.Acknowledged:N0} outcomes acknowledged in {result.Elapsed.TotalSeconds:N1} s: {result.OutcomesPerSecond:N0}/s
        latency p50 {result.LatencyMs(0.5):N1} ms, p99 {result.LatencyMs(0.99):N1} ms, max {result.MaxLatencyMs:N1} ms
        refused {result.Refused:N0}, failed requests {result.FailedRequests:N0}, retries {result.Retries:N0}
        """));
    var problems = await load.VerifyAsync([result]);
    foreach (var problem in problems)
    {
        Console.Error.WriteLine(problem);
    }

    Console.WriteLine(problems.Count == 0
        ? $"Totals of {result.Campaigns.Count:N0} campaigns match what was acknowledged."
        : $"{problems.Count} campaigns disagree with what was acknowledged.");
    return problems.Count == 0 && result.Refused == 0 ? 0 : 1;
}

static ReplayOptions ReadOptions(string[] flags)
{
    var options = new ReplayOptions();
    for (var i = 0; i + 1 < flags.Length; i += 2)
    {
        var value = flags[i + 1];
        options = flags[i] switch
        {
            "--gateway" => options with { Gateway = new Uri(value.EndsWith('/') ? value : value + "/") },
            "--project" => options with { ProjectId = value },
            "--workers" => options with { Workers = int.Parse(value, CultureInfo.InvariantCulture) },
            "--batch" => options with { BatchSize = int.Parse(value, CultureInfo.InvariantCulture) },
            "--resend" => options with { Resend = double.Parse(value, CultureInfo.InvariantCulture) },
            _ => throw new ArgumentException($"Unknown option '{flags[i]}'."),
        };
    }

    return options;
}

static int Usage()
{
    Console.Error.WriteLine("""
        Usage:
          convert-bank <bank-full.csv> <calls.csv>
          replay <calls.csv> [--gateway URL] [--project ID] [--workers N] [--batch N] [--resend FRACTION]
          synthetic [--gateway URL] [--project ID] [--campaigns N] [--concurrency N] [--batch N]
                    [--seconds S] [--rate OUTCOMES_PER_SECOND]
        """);
    return 2;
}
