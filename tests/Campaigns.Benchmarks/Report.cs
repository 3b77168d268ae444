using System.Text;
using Campaigns.Dialer.Synthetic;

namespace Campaigns.Benchmarks;

/// <summary>One load run against one server, with the CPU it cost the server and PostgreSQL.</summary>
public sealed record Measurement(
    string Scenario, string Target, LoadResult Load, TimeSpan ServerCpu, TimeSpan DatabaseCpu)
{
    public double CpuMicrosecondsPerOutcome => PerOutcome(ServerCpu + DatabaseCpu);

    public double DatabaseMicrosecondsPerOutcome => PerOutcome(DatabaseCpu);

    private double PerOutcome(TimeSpan cpu) => cpu.TotalMicroseconds / Math.Max(Load.Acknowledged, 1);
}

/// <summary>A target of the specification, with the figure measured against it.</summary>
public sealed record TargetCheck(string Target, string Measured, bool Met);

/// <summary>Collects the figures and writes them as Markdown tables.</summary>
public sealed class Report(TextWriter console)
{
    public const string Ours = "Campaigns.Orleans";
    public const string Baseline = "baseline";

    private readonly StringBuilder _markdown = new();
    private readonly List<Measurement> _measurements = [];
    private readonly List<TargetCheck> _targets = [];

    public double RawInsertRate { get; set; }

    public IReadOnlyList<Measurement> Measurements => _measurements;

    public void Line(string text)
    {
        console.WriteLine(text);
        _markdown.AppendLine(text);
    }

    public void Add(Measurement measurement)
    {
        _measurements.Add(measurement);
        var load = measurement.Load;
        console.WriteLine($"  {measurement.Target,-18} {measurement.Scenario,-40} {load.OutcomesPerSecond,9:N0}/s "
            + $"p50 {load.LatencyMs(0.5),7:N1} ms  p99 {load.LatencyMs(0.99),7:N1} ms  "
            + $"max {load.MaxLatencyMs,7:N1} ms  "
            + $"{measurement.CpuMicrosecondsPerOutcome,6:N0} µs CPU/outcome "
            + $"({measurement.DatabaseMicrosecondsPerOutcome:N0} in PostgreSQL)"
            + (load.SendLagMs(0.99) > 0 ? $", sent late p99 {load.SendLagMs(0.99):N1} ms" : ""));
    }

    public Measurement? Find(string scenario, string target) =>
        _measurements.LastOrDefault(m => m.Scenario == scenario && m.Target == target);

    public void Check(string target, string measured, bool met) => _targets.Add(new(target, measured, met));

    /// <summary>One table per scenario, ours beside the baseline, then the targets.</summary>
    public void WriteTables()
    {
        Line("");
        Line($"Raw insert ceiling (COPY into a copy of the call table, no service in between): "
            + $"{RawInsertRate:N0} rows/s");
        foreach (var scenario in _measurements.Select(m => m.Scenario).Distinct())
        {
            Line("");
            Line($"### {scenario}");
            Line("");
            Line("| Server | Outcomes/s | p50 ms | p99 ms | max ms | CPU µs/outcome (PostgreSQL's) "
                + "| × baseline | Share of ceiling |");
            Line("|---|---:|---:|---:|---:|---:|---:|---:|");
            var baseline = Find(scenario, Baseline);
            foreach (var m in _measurements.Where(m => m.Scenario == scenario))
            {
                var ratio = baseline is null || m.Target == Baseline
                    ? "" : $"{m.Load.OutcomesPerSecond / baseline.Load.OutcomesPerSecond:N2}";
                var share = RawInsertRate > 0 ? $"{m.Load.OutcomesPerSecond / RawInsertRate:P1}" : "";
                Line($"| {m.Target} | {m.Load.OutcomesPerSecond:N0} | {m.Load.LatencyMs(0.5):N1} "
                    + $"| {m.Load.LatencyMs(0.99):N1} | {m.Load.MaxLatencyMs:N1} "
                    + $"| {m.CpuMicrosecondsPerOutcome:N0} ({m.DatabaseMicrosecondsPerOutcome:N0}) "
                    + $"| {ratio} | {share} |");
            }
        }

        Line("");
        Line("### Targets");
        Line("");
        Line("| Target | Measured | Met |");
        Line("|---|---|---|");
        foreach (var target in _targets)
        {
            Line($"| {target.Target} | {target.Measured} | {(target.Met ? "yes" : "no")} |");
        }
    }

    public string Markdown => _markdown.ToString();
}
