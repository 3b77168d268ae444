using Campaigns.Abstractions.Campaigns;
using Campaigns.Grains.Domain;

namespace Campaigns.Grains.Campaigns;

/// <summary>
/// What a campaign keeps in grain storage: lifecycle, counters and the position in
/// the call table they include. The calls themselves live in the call table.
/// </summary>
[GenerateSerializer, Alias("campaigns.CampaignState")]
public sealed class CampaignState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public CampaignStatus Status { get; set; }
    [Id(3)] public string? Reason { get; set; }
    [Id(4)] public int? PlannedCalls { get; set; }
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public DateTimeOffset? StartedAt { get; set; }
    [Id(7)] public DateTimeOffset? PausedAt { get; set; }
    [Id(8)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(9)] public CampaignCounters Counters { get; set; } = new();

    /// <summary>The highest call-table Seq already folded into <see cref="Counters"/>.</summary>
    [Id(10)] public long CountedThroughSeq { get; set; }

    [Id(11)] public List<StatusTransition> History { get; set; } = [];
    [Id(12)] public FollowUpSource? FollowUp { get; set; }

    /// <summary>When a Not Started campaign starts by itself; kept by an Orleans reminder.</summary>
    [Id(13)] public DateTimeOffset? ScheduledStart { get; set; }
}
