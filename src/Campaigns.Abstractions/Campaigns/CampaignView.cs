using Campaigns.Abstractions.Calls;

namespace Campaigns.Abstractions.Campaigns;

/// <summary>A campaign as operators read it: lifecycle and counters at one instant.</summary>
[GenerateSerializer, Immutable, Alias("campaigns.CampaignView")]
public sealed record CampaignView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string ProjectId { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public CampaignStatus Status { get; init; }
    [Id(4)] public string? Reason { get; init; }
    [Id(5)] public int? PlannedCalls { get; init; }
    [Id(6)] public DateTimeOffset CreatedAt { get; init; }
    [Id(7)] public DateTimeOffset? StartedAt { get; init; }
    [Id(8)] public DateTimeOffset? PausedAt { get; init; }
    [Id(9)] public DateTimeOffset? FinishedAt { get; init; }
    [Id(10)] public required IReadOnlyDictionary<OutcomeStatus, long> Outcomes { get; init; }
    [Id(11)] public long Attempts { get; init; }
    [Id(12)] public long Connected { get; init; }
    [Id(13)] public long TotalTimeSpentMs { get; init; }
    [Id(14)] public DateTimeOffset? LastOutcomeAt { get; init; }
    [Id(15)] public FollowUpSource? FollowUp { get; init; }
    [Id(16)] public DateTimeOffset? ScheduledStart { get; init; }
}
