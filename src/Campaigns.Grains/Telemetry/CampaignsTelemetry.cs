using System.Diagnostics;
using System.Diagnostics.Metrics;
using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Campaigns;

namespace Campaigns.Grains.Telemetry;

/// <summary>
/// The product's own spans and instruments. Hosts subscribe to <see cref="Name"/>
/// for both; every measurement carries the project id so that one project's
/// figures can be told apart from another's.
/// </summary>
public static class CampaignsTelemetry
{
    public const string Name = "Campaigns";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Outcomes = Meter.CreateCounter<long>(
        "campaigns.outcomes", "{outcome}", "Reported outcomes by result and outcome status.");

    private static readonly Counter<double> TimeSpent = Meter.CreateCounter<double>(
        "campaigns.time_spent", "s", "Seconds added to Total Time Spent by accepted connected calls.");

    private static readonly Counter<long> Transitions = Meter.CreateCounter<long>(
        "campaigns.transitions", "{transition}", "Lifecycle transitions by from and to status.");

    private static readonly Histogram<int> WriteSize = Meter.CreateHistogram<int>(
        "campaigns.outcome_writes.size", "{outcome}", "Outcomes sent in one database write, new or already stored.");

    private static readonly Histogram<double> WriteDuration = Meter.CreateHistogram<double>(
        "campaigns.outcome_writes.duration", "ms", "Time of one database write of outcomes.");

    private static readonly UpDownCounter<long> Active = Meter.CreateUpDownCounter<long>(
        "campaigns.active", "{campaign}", "Campaign activations in memory.");

    public static void OutcomeRecorded(string projectId, OutcomeStatus status, OutcomeDisposition result) =>
        Outcomes.Add(1,
            new("project.id", projectId),
            new("outcome.status", status.ToString()),
            new("outcome.result", result.ToString().ToLowerInvariant()));

    /// <summary>An outcome the gateway refused before it reached the campaign (malformed or out of bounds).</summary>
    public static void OutcomeRefusedAtGateway(string projectId, string? status) =>
        Outcomes.Add(1,
            new("project.id", projectId),
            new("outcome.status", status ?? "unknown"),
            new("outcome.result", "refused"));

    public static void TimeSpentAdded(string projectId, long milliseconds)
    {
        if (milliseconds > 0)
        {
            TimeSpent.Add(milliseconds / 1000.0, new KeyValuePair<string, object?>("project.id", projectId));
        }
    }

    public static void Transitioned(string projectId, CampaignStatus from, CampaignStatus to) =>
        Transitions.Add(1,
            new("project.id", projectId),
            new("campaign.from", from.ToString()),
            new("campaign.to", to.ToString()));

    public static void OutcomesWritten(string projectId, int count, TimeSpan duration)
    {
        var project = new KeyValuePair<string, object?>("project.id", projectId);
        WriteSize.Record(count, project);
        WriteDuration.Record(duration.TotalMilliseconds, project);
    }

    public static void Activated() => Active.Add(1);

    public static void Deactivated() => Active.Add(-1);
}
