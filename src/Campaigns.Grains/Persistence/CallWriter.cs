using Campaigns.Grains.Campaigns;
using Microsoft.Extensions.Options;

namespace Campaigns.Grains.Persistence;

/// <summary>
/// Group commit across campaigns. Each campaign already writes one group at a time;
/// this gathers the groups of every campaign of the silo that arrive while a write
/// is in flight into one transaction, so a thousand quiet campaigns cost the
/// database what one busy campaign does. PostgreSQL gets a few such writers side
/// by side, each campaign always the same one; SQLite takes one writer at a time
/// anyway, so it gets one.
/// </summary>
public sealed class CallWriter
{
    private const int MaxRowsPerWrite = 5000;
    private readonly GroupCommit<CampaignCall, AppendResult>[] _lanes;

    public CallWriter(ICallStore store, IOptions<StorageOptions> options)
    {
        var lanes = options.Value.Provider == StorageProvider.Sqlite ? 1 : 2;
        _lanes = Enumerable.Range(0, lanes)
            .Select(_ => new GroupCommit<CampaignCall, AppendResult>(
                rows => store.AppendAsync(rows), MaxRowsPerWrite))
            .ToArray();
    }

    /// <summary>
    /// Stores one campaign's rows with whatever other campaigns are storing meanwhile;
    /// answers as <see cref="ICallStore.AppendAsync(IReadOnlyList{CampaignCall}, CancellationToken)"/> does.
    /// </summary>
    public Task<IReadOnlyList<AppendResult>> AppendAsync(CampaignRef campaign, IReadOnlyList<StoredCall> calls)
    {
        var rows = calls.Select(call => new CampaignCall(campaign, call)).ToList();
        var lane = _lanes[(int)((uint)campaign.GetHashCode() % _lanes.Length)];

        // Submitted from the thread pool, so that a group's write never runs on the
        // scheduler of whichever campaign happened to submit first.
        return Task.Run(() => lane.SubmitAsync(rows));
    }
}
