using System.Globalization;
using Campaigns.Benchmarks;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args is ["baseline-server", var port, var connectionString])
{
    await BaselineServer.RunAsync(int.Parse(port, CultureInfo.InvariantCulture), connectionString);
    return 0;
}

var options = BenchmarkOptions.Parse(args);
return await new Benchmark(options, Console.Out).RunAsync();
