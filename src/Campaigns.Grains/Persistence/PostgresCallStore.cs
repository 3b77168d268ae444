using Campaigns.Abstractions.Calls;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Grains.Persistence;

/// <summary>
/// The call history on PostgreSQL. A whole batch is one INSERT over arrays, so a
/// batch costs one round trip and one commit however many outcomes it holds;
/// only calls that were already stored cost a second read.
/// </summary>
public sealed class PostgresCallStore(NpgsqlDataSource dataSource) : ICallStore
{
    private const string Columns =
        "Seq, CallId, Status, DurationMs, StartedAt, StartedAtGiven, ContactId, Interaction, ReceivedAt, RequestId";

    public async Task<IReadOnlyList<AppendResult>> AppendAsync(
        IReadOnlyList<CampaignCall> calls, CancellationToken cancellationToken = default)
    {
        await using var insert = dataSource.CreateCommand("""
            INSERT INTO CampaignCalls (ProjectId, CampaignId, CallId, Status, DurationMs,
                StartedAt, StartedAtGiven, ContactId, Interaction, ReceivedAt, RequestId)
            SELECT * FROM unnest(@projects, @campaigns, @calls, @statuses, @durations, @startedAt,
                                 @startedAtGiven, @contacts, @interactions, @receivedAt, @requests)
            ON CONFLICT (ProjectId, CampaignId, CallId) DO NOTHING
            RETURNING ProjectId, CampaignId, CallId, Seq
            """);
        // Only the first copy of a call goes in, so which copy is stored never depends on insertion order;
        // later copies are matched against it below.
        var unique = calls.DistinctBy(c => (c.Campaign, c.Call.CallId)).ToList();
        var rows = unique.Select(c => c.Call).ToList();
        insert.Parameters.AddWithValue("projects", unique.Select(c => c.Campaign.ProjectId).ToArray());
        insert.Parameters.AddWithValue("campaigns", unique.Select(c => c.Campaign.CampaignId).ToArray());
        insert.Parameters.AddWithValue("calls", rows.Select(c => c.CallId).ToArray());
        insert.Parameters.AddWithValue("statuses", rows.Select(c => (short)c.Status).ToArray());
        insert.Parameters.AddWithValue("durations", rows.Select(c => c.DurationMs).ToArray());
        insert.Parameters.AddWithValue("startedAt", rows.Select(c => c.StartedAt.UtcDateTime).ToArray());
        insert.Parameters.AddWithValue("startedAtGiven", rows.Select(c => c.StartedAtGiven).ToArray());
        AddNullableArray(insert, "contacts", NpgsqlDbType.Varchar, rows.Select(c => c.ContactId));
        AddNullableArray(insert, "interactions", NpgsqlDbType.Text, rows.Select(c => c.Interaction));
        insert.Parameters.AddWithValue("receivedAt", rows.Select(c => c.ReceivedAt.UtcDateTime).ToArray());
        AddNullableArray(insert, "requests", NpgsqlDbType.Varchar, rows.Select(c => c.RequestId));

        var inserted = await DbRows.ReadAsync(
            insert,
            r => (Key: (new CampaignRef(r.GetString(0), r.GetString(1)), r.GetString(2)), Seq: r.GetInt64(3)),
            cancellationToken);
        return await MatchAsync(calls, inserted.ToDictionary(r => r.Key, r => r.Seq), cancellationToken);
    }

    public async Task<IReadOnlyList<StoredCall>> FindAsync(
        CampaignRef campaign, IReadOnlyCollection<string> callIds, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM CampaignCalls
            WHERE ProjectId = @project AND CampaignId = @campaign AND CallId = ANY(@calls)
            """);
        AddCampaign(command, campaign);
        command.Parameters.AddWithValue("calls", callIds.ToArray());
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredCall>> ReadSinceAsync(
        CampaignRef campaign, long afterSeq, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM CampaignCalls
            WHERE ProjectId = @project AND CampaignId = @campaign AND Seq > @after
            ORDER BY Seq
            """);
        AddCampaign(command, campaign);
        command.Parameters.AddWithValue("after", afterSeq);
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<long> CountAsync(
        CampaignRef campaign,
        long afterSeq = 0,
        long throughSeq = long.MaxValue,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FROM CampaignCalls
            WHERE ProjectId = @project AND CampaignId = @campaign AND Seq > @after AND Seq <= @through
            """);
        AddCampaign(command, campaign);
        command.Parameters.AddWithValue("after", afterSeq);
        command.Parameters.AddWithValue("through", throughSeq);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<CallSummary> SummarizeAsync(CampaignRef campaign, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT Status, count(*), sum(DurationMs)::bigint, max(Seq), max(ReceivedAt)
            FROM CampaignCalls
            WHERE ProjectId = @project AND CampaignId = @campaign
            GROUP BY Status
            """);
        AddCampaign(command, campaign);

        var rows = await DbRows.ReadAsync(command, r => (
            Total: new StatusTotal((OutcomeStatus)r.GetInt16(0), r.GetInt64(1), r.GetInt64(2)),
            LastSeq: r.GetInt64(3),
            LastReceived: new DateTimeOffset(r.GetDateTime(4), TimeSpan.Zero)), cancellationToken);
        return CallSummary.Fold(rows);
    }

    public async Task<IReadOnlyList<StoredCall>> PageAsync(
        CampaignRef campaign, CallPageRequest request, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM CampaignCalls
            WHERE ProjectId = @project AND CampaignId = @campaign
              AND (cardinality(@statuses) = 0 OR Status = ANY(@statuses))
              AND StartedAt >= @from AND StartedAt < @to
              AND (StartedAt, Seq) < (@before, @beforeSeq)
            ORDER BY StartedAt DESC, Seq DESC
            LIMIT @limit
            """);
        AddCampaign(command, campaign);
        command.Parameters.AddWithValue("statuses", request.Statuses.Select(s => (short)s).ToArray());
        command.Parameters.AddWithValue("from", (request.From ?? DateTimeOffset.MinValue).UtcDateTime);
        command.Parameters.AddWithValue("to", (request.To ?? DateTimeOffset.MaxValue).UtcDateTime);
        command.Parameters.AddWithValue("before", (request.BeforeStartedAt ?? DateTimeOffset.MaxValue).UtcDateTime);
        var beforeSeq = request.BeforeStartedAt is null ? long.MaxValue : request.BeforeSeq;
        command.Parameters.AddWithValue("beforeSeq", beforeSeq);
        command.Parameters.AddWithValue("limit", request.Limit);
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<DailyStatusTotal>> ProjectTotalsAsync(
        string projectId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (StartedAt AT TIME ZONE 'UTC')::date AS Day, Status, count(*), sum(DurationMs)::bigint
            FROM CampaignCalls
            WHERE ProjectId = @project AND StartedAt >= @from AND StartedAt < @to
            GROUP BY Day, Status
            ORDER BY Day, Status
            """);
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("from", (from ?? DateTimeOffset.MinValue).UtcDateTime);
        command.Parameters.AddWithValue("to", (to ?? DateTimeOffset.MaxValue).UtcDateTime);

        return await DbRows.ReadAsync(command, r => new DailyStatusTotal(
            r.GetFieldValue<DateOnly>(0),
            (OutcomeStatus)r.GetInt16(1),
            r.GetInt64(2),
            r.GetInt64(3)), cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ContactsAsync(
        CampaignRef campaign, int limit, string? afterContactId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT ContactId FROM FollowUpContacts
            WHERE ProjectId = @project AND CampaignId = @campaign AND ContactId > @after
            ORDER BY ContactId
            LIMIT @limit
            """);
        AddCampaign(command, campaign);
        command.Parameters.AddWithValue("after", afterContactId ?? "");
        command.Parameters.AddWithValue("limit", limit);

        return await DbRows.ReadAsync(command, r => r.GetString(0), cancellationToken);
    }

    public async Task<int> SeedFollowUpAsync(
        CampaignRef parent,
        string followUpId,
        IReadOnlyList<OutcomeStatus> statuses,
        CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        var seed = new NpgsqlBatchCommand("""
            INSERT INTO FollowUpContacts (ProjectId, CampaignId, ContactId, SourceCallId)
            SELECT @project, @followUp, ContactId, min(CallId)
            FROM CampaignCalls
            WHERE ProjectId = @project AND CampaignId = @campaign AND ContactId IS NOT NULL
              AND Status = ANY(@statuses)
            GROUP BY ContactId
            ON CONFLICT DO NOTHING
            """);
        seed.Parameters.AddWithValue("project", parent.ProjectId);
        seed.Parameters.AddWithValue("campaign", parent.CampaignId);
        seed.Parameters.AddWithValue("followUp", followUpId);
        seed.Parameters.AddWithValue("statuses", statuses.Select(s => (short)s).ToArray());
        var count = new NpgsqlBatchCommand(
            "SELECT count(*)::integer FROM FollowUpContacts WHERE ProjectId = @project AND CampaignId = @followUp");
        count.Parameters.AddWithValue("project", parent.ProjectId);
        count.Parameters.AddWithValue("followUp", followUpId);
        batch.BatchCommands.Add(seed);
        batch.BatchCommands.Add(count);
        return (int)(await batch.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Pairs every input row with what the store holds for it: the row it just
    /// inserted, or the copy already there (which may be an earlier row of this batch).
    /// </summary>
    private async Task<IReadOnlyList<AppendResult>> MatchAsync(
        IReadOnlyList<CampaignCall> calls,
        Dictionary<(CampaignRef, string), long> inserted,
        CancellationToken cancellationToken)
    {
        var stored = new Dictionary<(CampaignRef, string), StoredCall>();
        var missing = calls.Where(c => !inserted.ContainsKey((c.Campaign, c.Call.CallId)))
            .GroupBy(c => c.Campaign, c => c.Call.CallId);
        foreach (var campaign in missing)
        {
            foreach (var row in await FindAsync(campaign.Key, campaign.Distinct().ToList(), cancellationToken))
            {
                stored[(campaign.Key, row.CallId)] = row;
            }
        }

        var results = new List<AppendResult>(calls.Count);
        foreach (var (campaign, call) in calls)
        {
            if (stored.TryGetValue((campaign, call.CallId), out var first))
            {
                results.Add(new AppendResult(first, Inserted: false));
                continue;
            }

            var row = call with { Seq = inserted[(campaign, call.CallId)] };
            stored[(campaign, call.CallId)] = row;
            results.Add(new AppendResult(row, Inserted: true));
        }

        return results;
    }

    private static void AddNullableArray(
        NpgsqlCommand command, string name, NpgsqlDbType type, IEnumerable<string?> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type)
        {
            Value = values.Select(v => (object?)v ?? DBNull.Value).ToArray(),
        });

    private static void AddCampaign(NpgsqlCommand command, CampaignRef campaign)
    {
        command.Parameters.AddWithValue("project", campaign.ProjectId);
        command.Parameters.AddWithValue("campaign", campaign.CampaignId);
    }

    private static Task<List<StoredCall>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        DbRows.ReadAsync(command, r => new StoredCall(
            r.GetInt64(0),
            r.GetString(1),
            (OutcomeStatus)r.GetInt16(2),
            r.GetInt64(3),
            new DateTimeOffset(r.GetDateTime(4), TimeSpan.Zero),
            r.GetBoolean(5),
            r.IsDBNull(6) ? null : r.GetString(6),
            r.IsDBNull(7) ? null : r.GetString(7),
            new DateTimeOffset(r.GetDateTime(8), TimeSpan.Zero),
            r.IsDBNull(9) ? null : r.GetString(9)), cancellationToken);
}
