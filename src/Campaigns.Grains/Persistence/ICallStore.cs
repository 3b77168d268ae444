using Campaigns.Abstractions.Calls;

namespace Campaigns.Grains.Persistence;

/// <summary>The campaign a call row belongs to.</summary>
public readonly record struct CampaignRef(string ProjectId, string CampaignId);

/// <summary>A row to store, with the campaign it belongs to.</summary>
public readonly record struct CampaignCall(CampaignRef Campaign, StoredCall Call);

/// <summary>A campaign's calls of one outcome status, summed.</summary>
public sealed record StatusTotal(OutcomeStatus Status, long Calls, long DurationMs);

/// <summary>Everything the call table says about one campaign's counters.</summary>
public sealed record CallSummary(IReadOnlyList<StatusTotal> Totals, long LastSeq, DateTimeOffset? LastReceivedAt)
{
    /// <summary>Folds per-status rows, each with its own highest Seq and receipt time.</summary>
    public static CallSummary Fold(
        IReadOnlyList<(StatusTotal Total, long LastSeq, DateTimeOffset LastReceived)> rows) =>
        new(
            rows.Select(r => r.Total).ToList(),
            rows.Count == 0 ? 0 : rows.Max(r => r.LastSeq),
            rows.Count == 0 ? null : rows.Max(r => r.LastReceived));
}

/// <summary>Outcome counts and time per UTC day and status, for project analytics.</summary>
public sealed record DailyStatusTotal(DateOnly Day, OutcomeStatus Status, long Calls, long DurationMs);

/// <summary>
/// The append-only call history. Rows are unique per campaign and call id and
/// are never updated, so a campaign's counters can always be rebuilt from them.
/// </summary>
public interface ICallStore
{
    /// <summary>
    /// Inserts the rows that are new, in one transaction, and returns for each
    /// input row either the inserted row or the one already stored (read after the
    /// insert has committed). Returns only when the inserted rows are durable. The
    /// rows may belong to several campaigns; one failure fails them all.
    /// </summary>
    Task<IReadOnlyList<AppendResult>> AppendAsync(
        IReadOnlyList<CampaignCall> calls, CancellationToken cancellationToken = default);

    /// <summary>Appends rows of one campaign; see the overload for several.</summary>
    Task<IReadOnlyList<AppendResult>> AppendAsync(
        CampaignRef campaign, IReadOnlyList<StoredCall> calls, CancellationToken cancellationToken = default) =>
        AppendAsync(calls.Select(call => new CampaignCall(campaign, call)).ToList(), cancellationToken);

    Task<IReadOnlyList<StoredCall>> FindAsync(
        CampaignRef campaign, IReadOnlyCollection<string> callIds, CancellationToken cancellationToken = default);

    /// <summary>The campaign's rows after <paramref name="afterSeq"/>, in insertion order.</summary>
    Task<IReadOnlyList<StoredCall>> ReadSinceAsync(
        CampaignRef campaign, long afterSeq, CancellationToken cancellationToken = default);

    /// <summary>How many of the campaign's calls have a Seq above <paramref name="afterSeq"/> and up to
    /// <paramref name="throughSeq"/>; by default, all of them.</summary>
    Task<long> CountAsync(
        CampaignRef campaign,
        long afterSeq = 0,
        long throughSeq = long.MaxValue,
        CancellationToken cancellationToken = default);

    /// <summary>The campaign's totals per outcome status, read from every row.</summary>
    Task<CallSummary> SummarizeAsync(CampaignRef campaign, CancellationToken cancellationToken = default);

    /// <summary>A page of the campaign's history, newest first, after the given position.</summary>
    Task<IReadOnlyList<StoredCall>> PageAsync(
        CampaignRef campaign, CallPageRequest request, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DailyStatusTotal>> ProjectTotalsAsync(
        string projectId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default);

    /// <summary>
    /// Copies the distinct contacts of the parent's calls in the given statuses to
    /// the follow-up campaign and returns how many it holds.
    /// </summary>
    /// <summary>A follow-up campaign's contacts in id order, after <paramref name="afterContactId"/>.</summary>
    Task<IReadOnlyList<string>> ContactsAsync(
        CampaignRef campaign, int limit, string? afterContactId, CancellationToken cancellationToken = default);

    Task<int> SeedFollowUpAsync(
        CampaignRef parent,
        string followUpId,
        IReadOnlyList<OutcomeStatus> statuses,
        CancellationToken cancellationToken = default);
}

/// <summary>A keyset page request: rows strictly older than (BeforeStartedAt, BeforeSeq).</summary>
public sealed record CallPageRequest(
    IReadOnlyList<OutcomeStatus> Statuses,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int Limit,
    DateTimeOffset? BeforeStartedAt,
    long BeforeSeq);
