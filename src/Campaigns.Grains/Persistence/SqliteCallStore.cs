using System.Data.Common;
using System.Diagnostics;
using Campaigns.Grains.Telemetry;
using Campaigns.Abstractions.Calls;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Campaigns.Grains.Persistence;

/// <summary>
/// The call history on SQLite. One connection per operation from the driver's
/// pool; SQLite serialises writers, and the driver waits out a busy database.
/// </summary>
public sealed class SqliteCallStore(IOptions<StorageOptions> options) : ICallStore
{
    private const string Columns =
        "Seq, CallId, Status, DurationMs, StartedAt, StartedAtGiven, ContactId, Interaction, ReceivedAt, RequestId";

    private readonly string _connectionString = options.Value.ConnectionString;
    private readonly string _databaseName =
        Path.GetFileName(new SqliteConnectionStringBuilder(options.Value.ConnectionString).DataSource);

    public async Task<IReadOnlyList<AppendResult>> AppendAsync(
        IReadOnlyList<CampaignCall> calls, CancellationToken cancellationToken = default)
    {
        using var activity = StartDatabaseActivity("INSERT", calls.Count);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO CampaignCalls (ProjectId, CampaignId, CallId, Status, DurationMs,
                StartedAt, StartedAtGiven, ContactId, Interaction, ReceivedAt, RequestId)
            VALUES (@project, @campaign, @call, @status, @duration,
                @startedAt, @startedAtGiven, @contact, @interaction, @receivedAt, @request)
            ON CONFLICT (ProjectId, CampaignId, CallId) DO NOTHING
            RETURNING Seq
            """;
        var project = insert.Parameters.Add("@project", SqliteType.Text);
        var campaign = insert.Parameters.Add("@campaign", SqliteType.Text);
        var call = insert.Parameters.Add("@call", SqliteType.Text);
        var status = insert.Parameters.Add("@status", SqliteType.Integer);
        var duration = insert.Parameters.Add("@duration", SqliteType.Integer);
        var startedAt = insert.Parameters.Add("@startedAt", SqliteType.Integer);
        var startedAtGiven = insert.Parameters.Add("@startedAtGiven", SqliteType.Integer);
        var contact = insert.Parameters.Add("@contact", SqliteType.Text);
        var interaction = insert.Parameters.Add("@interaction", SqliteType.Text);
        var receivedAt = insert.Parameters.Add("@receivedAt", SqliteType.Integer);
        var request = insert.Parameters.Add("@request", SqliteType.Text);

        var results = new List<AppendResult>(calls.Count);
        foreach (var (owner, row) in calls)
        {
            project.Value = owner.ProjectId;
            campaign.Value = owner.CampaignId;
            call.Value = row.CallId;
            status.Value = (int)row.Status;
            duration.Value = row.DurationMs;
            startedAt.Value = row.StartedAt.ToUnixTimeMilliseconds();
            startedAtGiven.Value = row.StartedAtGiven ? 1 : 0;
            contact.Value = (object?)row.ContactId ?? DBNull.Value;
            interaction.Value = (object?)row.Interaction ?? DBNull.Value;
            receivedAt.Value = row.ReceivedAt.ToUnixTimeMilliseconds();
            request.Value = (object?)row.RequestId ?? DBNull.Value;

            var seq = await insert.ExecuteScalarAsync(cancellationToken);
            results.Add(seq is long inserted
                ? new AppendResult(row with { Seq = inserted }, Inserted: true)
                : new AppendResult(await FindOneAsync(transaction, owner, row.CallId, cancellationToken), false));
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    public async Task<IReadOnlyList<StoredCall>> FindAsync(
        CampaignRef campaign, IReadOnlyCollection<string> callIds, CancellationToken cancellationToken = default)
    {
        using var activity = StartDatabaseActivity("SELECT", callIds.Count);
        await using var connection = await OpenAsync(cancellationToken);
        var found = new List<StoredCall>(callIds.Count);
        foreach (var callId in callIds)
        {
            if (await TryFindAsync(connection, null, campaign, callId, cancellationToken) is { } row)
            {
                found.Add(row);
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<StoredCall>> ReadSinceAsync(
        CampaignRef campaign, long afterSeq, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM CampaignCalls
            WHERE ProjectId = @project AND CampaignId = @campaign AND Seq > @after
            ORDER BY Seq
            """;
        AddCampaign(command, campaign);
        command.Parameters.AddWithValue("@after", afterSeq);
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<long> CountAsync(
        CampaignRef campaign,
        long afterSeq = 0,
        long throughSeq = long.MaxValue,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*) FROM CampaignCalls
            WHERE ProjectId = @project AND CampaignId = @campaign AND Seq > @after AND Seq <= @through
            """;
        AddCampaign(command, campaign);
        command.Parameters.AddWithValue("@after", afterSeq);
        command.Parameters.AddWithValue("@through", throughSeq);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    public async Task<CallSummary> SummarizeAsync(CampaignRef campaign, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT Status, COUNT(*), SUM(DurationMs), MAX(Seq), MAX(ReceivedAt)
            FROM CampaignCalls
            WHERE ProjectId = @project AND CampaignId = @campaign
            GROUP BY Status
            """;
        AddCampaign(command, campaign);

        var rows = await DbRows.ReadAsync(command, r => (
            Total: new StatusTotal((OutcomeStatus)r.GetInt32(0), r.GetInt64(1), r.GetInt64(2)),
            LastSeq: r.GetInt64(3),
            LastReceived: DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4))), cancellationToken);
        return CallSummary.Fold(rows);
    }

    public async Task<IReadOnlyList<StoredCall>> PageAsync(
        CampaignRef campaign, CallPageRequest request, CancellationToken cancellationToken = default)
    {
        using var activity = StartDatabaseActivity("SELECT", 1);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new List<string> { "ProjectId = @project", "CampaignId = @campaign" };
        AddCampaign(command, campaign);

        if (request.Statuses.Count > 0)
        {
            where.Add($"Status IN ({string.Join(", ", request.Statuses.Select(s => (int)s))})");
        }

        if (request.From is { } from)
        {
            where.Add("StartedAt >= @from");
            command.Parameters.AddWithValue("@from", from.ToUnixTimeMilliseconds());
        }

        if (request.To is { } to)
        {
            where.Add("StartedAt < @to");
            command.Parameters.AddWithValue("@to", to.ToUnixTimeMilliseconds());
        }

        if (request.BeforeStartedAt is { } before)
        {
            where.Add("(StartedAt < @before OR (StartedAt = @before AND Seq < @beforeSeq))");
            command.Parameters.AddWithValue("@before", before.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("@beforeSeq", request.BeforeSeq);
        }

        command.CommandText = $"""
            SELECT {Columns} FROM CampaignCalls
            WHERE {string.Join(" AND ", where)}
            ORDER BY StartedAt DESC, Seq DESC
            LIMIT @limit
            """;
        command.Parameters.AddWithValue("@limit", request.Limit);
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<DailyStatusTotal>> ProjectTotalsAsync(
        string projectId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (StartedAt - ((StartedAt % 86400000) + 86400000) % 86400000) / 86400000 AS Day,
                   Status, COUNT(*), SUM(DurationMs)
            FROM CampaignCalls
            WHERE ProjectId = @project AND StartedAt >= @from AND StartedAt < @to
            GROUP BY Day, Status
            ORDER BY Day, Status
            """;
        command.Parameters.AddWithValue("@project", projectId);
        command.Parameters.AddWithValue("@from", from?.ToUnixTimeMilliseconds() ?? long.MinValue);
        command.Parameters.AddWithValue("@to", to?.ToUnixTimeMilliseconds() ?? long.MaxValue);

        return await DbRows.ReadAsync(command, r => new DailyStatusTotal(
            DateOnly.FromDateTime(DateTime.UnixEpoch.AddDays(r.GetInt64(0))),
            (OutcomeStatus)r.GetInt32(1),
            r.GetInt64(2),
            r.GetInt64(3)), cancellationToken);
    }

    public async Task<int> SeedFollowUpAsync(
        CampaignRef parent,
        string followUpId,
        IReadOnlyList<OutcomeStatus> statuses,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO FollowUpContacts (ProjectId, CampaignId, ContactId, SourceCallId)
            SELECT @project, @followUp, ContactId, MIN(CallId)
            FROM CampaignCalls
            WHERE ProjectId = @project AND CampaignId = @campaign AND ContactId IS NOT NULL
              AND Status IN ({string.Join(", ", statuses.Select(s => (int)s))})
            GROUP BY ContactId
            ON CONFLICT DO NOTHING;
            SELECT COUNT(*) FROM FollowUpContacts WHERE ProjectId = @project AND CampaignId = @followUp;
            """;
        AddCampaign(command, parent);
        command.Parameters.AddWithValue("@followUp", followUpId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<string>> ContactsAsync(
        CampaignRef campaign, int limit, string? afterContactId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT ContactId FROM FollowUpContacts
            WHERE ProjectId = @project AND CampaignId = @campaign AND ContactId > @after
            ORDER BY ContactId
            LIMIT @limit
            """;
        AddCampaign(command, campaign);
        command.Parameters.AddWithValue("@after", afterContactId ?? "");
        command.Parameters.AddWithValue("@limit", limit);

        return await DbRows.ReadAsync(command, r => r.GetString(0), cancellationToken);
    }

    /// <summary>
    /// A client span per statement group, named as OpenTelemetry's database
    /// conventions suggest; Microsoft.Data.Sqlite emits none of its own.
    /// </summary>
    private Activity? StartDatabaseActivity(string operation, int batchSize)
    {
        var activity = CampaignsTelemetry.Source.StartActivity($"{operation} CampaignCalls", ActivityKind.Client);
        activity?.SetTag("db.system.name", "sqlite");
        activity?.SetTag("db.operation.name", operation);
        activity?.SetTag("db.collection.name", "CampaignCalls");
        activity?.SetTag("db.namespace", _databaseName);
        if (batchSize > 1)
        {
            activity?.SetTag("db.operation.batch.size", batchSize);
        }

        return activity;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static void AddCampaign(SqliteCommand command, CampaignRef campaign)
    {
        command.Parameters.AddWithValue("@project", campaign.ProjectId);
        command.Parameters.AddWithValue("@campaign", campaign.CampaignId);
    }

    private static async Task<StoredCall> FindOneAsync(
        SqliteTransaction transaction, CampaignRef campaign, string callId, CancellationToken cancellationToken) =>
        await TryFindAsync(transaction.Connection!, transaction, campaign, callId, cancellationToken)
        ?? throw new InvalidOperationException($"Call '{callId}' conflicted on insert but cannot be read.");

    private static async Task<StoredCall?> TryFindAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        CampaignRef campaign,
        string callId,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT {Columns} FROM CampaignCalls
            WHERE ProjectId = @project AND CampaignId = @campaign AND CallId = @call
            """;
        AddCampaign(command, campaign);
        command.Parameters.AddWithValue("@call", callId);
        var rows = await ReadAllAsync(command, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    private static Task<List<StoredCall>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken) =>
        DbRows.ReadAsync(command, r => new StoredCall(
            r.GetInt64(0),
            r.GetString(1),
            (OutcomeStatus)r.GetInt32(2),
            r.GetInt64(3),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
            r.GetInt64(5) != 0,
            r.IsDBNull(6) ? null : r.GetString(6),
            r.IsDBNull(7) ? null : r.GetString(7),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)),
            r.IsDBNull(9) ? null : r.GetString(9)), cancellationToken);
}
