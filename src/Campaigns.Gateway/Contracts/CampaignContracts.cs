using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Campaigns;

namespace Campaigns.Gateway.Contracts;

public sealed record CreateCampaignRequest(
    string? Id, string? Name, int? PlannedCalls, DateTimeOffset? ScheduledStart);

public sealed record ReasonRequest(string? Reason);

public sealed record CreateFollowUpRequest(
    string? Id, string? Name, IReadOnlyList<OutcomeStatus>? Statuses, DateTimeOffset? ScheduledStart);

public sealed record FollowUpResponse(string ParentCampaignId, IReadOnlyList<OutcomeStatus> Statuses, int Contacts);

/// <summary>A campaign as the REST surface shows it; seconds are exact to the millisecond.</summary>
public sealed record CampaignResponse(
    string Id,
    string ProjectId,
    string Name,
    CampaignStatus Status,
    string StatusLabel,
    string? Reason,
    int? PlannedCalls,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? PausedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyDictionary<OutcomeStatus, long> Outcomes,
    long Attempts,
    long Connected,
    decimal TotalTimeSpentSeconds,
    decimal AverageConnectedSeconds,
    decimal ConnectRate,
    DateTimeOffset? LastOutcomeAt,
    FollowUpResponse? FollowUp,
    DateTimeOffset? ScheduledStart)
{
    public static CampaignResponse From(CampaignView view) => new(
        view.Id,
        view.ProjectId,
        view.Name,
        view.Status,
        Abstractions.Common.StatusNames.Label(view.Status),
        view.Reason,
        view.PlannedCalls,
        view.CreatedAt,
        view.StartedAt,
        view.PausedAt,
        view.FinishedAt,
        view.Outcomes,
        view.Attempts,
        view.Connected,
        Seconds.FromMilliseconds(view.TotalTimeSpentMs),
        view.Connected == 0 ? 0 : Math.Round(view.TotalTimeSpentMs / 1000m / view.Connected, 3),
        view.Attempts == 0 ? 0 : Math.Round((decimal)view.Connected / view.Attempts, 4),
        view.LastOutcomeAt,
        view.FollowUp is { } f ? new(f.ParentCampaignId, f.Statuses, f.ContactCount) : null,
        view.ScheduledStart);
}

/// <summary>A page of a follow-up's contacts; pass <c>nextCursor</c> back as <c>cursor</c> for the next.</summary>
public sealed record ContactPageResponse(IReadOnlyList<string> Items, string? NextCursor);

public sealed record TransitionResponse(
    CampaignStatus From, CampaignStatus To, DateTimeOffset At, string? Reason, string Actor);
