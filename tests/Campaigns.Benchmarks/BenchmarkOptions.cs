using System.Globalization;

namespace Campaigns.Benchmarks;

/// <summary>How long and how wide the benchmark runs; the smoke mode only checks that it still works.</summary>
public sealed record BenchmarkOptions
{
    public string Postgres { get; init; } =
        Environment.GetEnvironmentVariable("CAMPAIGNS_BENCH_POSTGRES")
        ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=campaigns";

    public bool Smoke { get; init; }
    public TimeSpan ScenarioDuration { get; init; } = TimeSpan.FromSeconds(15);
    public int Campaigns { get; init; } = 1000;
    public long MillionCalls { get; init; } = 1_000_000;
    public int ActiveCampaigns { get; init; } = 10_000;
    public int RawInsertRows { get; init; } = 500_000;

    /// <summary>The rate at which a campaign holding many calls is compared with an empty one.</summary>
    public double SteadyRate { get; init; } = 1_000;

    public TimeSpan IdleAge { get; init; } = TimeSpan.FromSeconds(60);
    public string? Output { get; init; }

    public static BenchmarkOptions SmokeRun => new()
    {
        Smoke = true,
        ScenarioDuration = TimeSpan.FromSeconds(2),
        Campaigns = 50,
        MillionCalls = 5_000,
        ActiveCampaigns = 200,
        RawInsertRows = 20_000,
        SteadyRate = 300,
        IdleAge = TimeSpan.FromSeconds(10),
    };

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = args.Contains("--smoke") ? SmokeRun : new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--smoke" => options,
                "--postgres" => options with { Postgres = args[++i] },
                "--seconds" => options with
                {
                    ScenarioDuration = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture)),
                },
                "--out" => options with { Output = args[++i] },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return options;
    }
}
