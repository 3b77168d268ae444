using System.Globalization;
using Campaigns.Dialer.Bank;
using Campaigns.Dialer.Replay;
using Campaigns.Dialer.Synthetic;

try
{
    return args switch
    {
        ["convert-bank", var bankCsv, var callsCsv] => ConvertBank(bankCsv, callsCsv),
        ["replay", var callsCsv, .. var rest] => await ReplayAsync(callsCsv, rest),
        ["synthetic", .. var rest] => await SyntheticAsync(rest),
        _ => Usage(),
    };
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return Usage();
}

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
    using var http = ApiKeys.Authorize(
        new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Workers * 2 })
        {
            BaseAddress = options.Gateway,
            Timeout = options.RequestTimeout,
        },
        options.ApiKey);

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
    var options = ReadFlags(flags, new SyntheticOptions(), (options, flag, value) => flag switch
    {
        "--gateway" => options with { Gateway = GatewayUri(value) },
        "--key" => options with { ApiKey = value },
        "--project" => options with { ProjectId = value },
        "--campaigns" => options with { Campaigns = int.Parse(value, CultureInfo.InvariantCulture) },
        "--concurrency" => options with { Concurrency = int.Parse(value, CultureInfo.InvariantCulture) },
        "--batch" => options with { BatchSize = int.Parse(value, CultureInfo.InvariantCulture) },
        "--seconds" => options with
        {
            Duration = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)),
        },
        "--rate" => options with { Rate = double.Parse(value, CultureInfo.InvariantCulture) },
        _ => null,
    });

    if (options is not { Campaigns: > 0, Concurrency: > 0, BatchSize: > 0, Rate: >= 0 })
    {
        throw new ArgumentException("--campaigns, --concurrency and --batch must be positive, --rate not negative.");
    }

    using var http = SyntheticLoad.CreateClient(options);
    var load = new SyntheticLoad(http, options);
    LoadResult result;
    try
    {
        await load.SetupAsync(CancellationToken.None);
        result = await load.RunAsync(CancellationToken.None);
    }
    catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }

    var seconds = result.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
        {result.Acknowledged:N0} outcomes acknowledged in {seconds:N1} s: {result.OutcomesPerSecond:N0}/s
        latency p50 {result.LatencyMs(0.5):N1} ms, p99 {result.LatencyMs(0.99):N1} ms, max {result.MaxLatencyMs:N1} ms
        sent late (rate only): p50 {result.SendLagMs(0.5):N1} ms, p99 {result.SendLagMs(0.99):N1} ms
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
    if (result.UnexpectedDuplicates > 0)
    {
        Console.Error.WriteLine($"{result.UnexpectedDuplicates} outcomes were called duplicates on their first send.");
    }

    return problems.Count == 0 && result.Refused == 0 && result.UnexpectedDuplicates == 0 ? 0 : 1;
}

static ReplayOptions ReadOptions(string[] flags) =>
    ReadFlags(flags, new ReplayOptions(), (options, flag, value) => flag switch
    {
        "--gateway" => options with { Gateway = GatewayUri(value) },
        "--key" => options with { ApiKey = value },
        "--project" => options with { ProjectId = value },
        "--workers" => options with { Workers = int.Parse(value, CultureInfo.InvariantCulture) },
        "--batch" => options with { BatchSize = int.Parse(value, CultureInfo.InvariantCulture) },
        "--resend" => options with { Resend = double.Parse(value, CultureInfo.InvariantCulture) },
        _ => null,
    });

// Applies "--flag value" pairs in order; a flag the command does not know is an error.
static T ReadFlags<T>(string[] flags, T options, Func<T, string, string, T?> apply)
    where T : class
{
    for (var i = 0; i < flags.Length; i += 2)
    {
        var value = i + 1 < flags.Length
            ? flags[i + 1]
            : throw new ArgumentException($"Option '{flags[i]}' needs a value.");
        options = apply(options, flags[i], value) ?? throw new ArgumentException($"Unknown option '{flags[i]}'.");
    }

    return options;
}

static Uri GatewayUri(string value) => new(value.EndsWith('/') ? value : value + "/");

static int Usage()
{
    Console.Error.WriteLine("""
        Usage:
          convert-bank <bank-full.csv> <calls.csv>
          replay <calls.csv> [--gateway URL] [--key KEY] [--project ID] [--workers N] [--batch N]
                 [--resend FRACTION]
          synthetic [--gateway URL] [--key KEY] [--project ID] [--campaigns N] [--concurrency N] [--batch N]
                    [--seconds S] [--rate OUTCOMES_PER_SECOND]

        Both send an admin API key: --key, or the CAMPAIGNS_KEY environment variable.
        """);
    return 2;
}
