using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Campaigns.Benchmarks;

/// <summary>
/// The design a team would build without Orleans: a minimal ASP.NET Core endpoint
/// that stores each outcome in its own PostgreSQL transaction, inserting the call
/// row if it is new and then updating the campaign's counters row. It answers the
/// same routes and bodies as the gateway, so the same load generator drives both.
/// </summary>
public static class BaselineServer
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS baseline_campaigns (
            project_id    varchar(128) NOT NULL,
            campaign_id   varchar(128) NOT NULL,
            attempts      bigint       NOT NULL DEFAULT 0,
            time_spent_ms bigint       NOT NULL DEFAULT 0,
            PRIMARY KEY (project_id, campaign_id));
        CREATE TABLE IF NOT EXISTS baseline_calls (
            seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            project_id  varchar(128) NOT NULL,
            campaign_id varchar(128) NOT NULL,
            call_id     varchar(128) NOT NULL,
            status      varchar(32)  NOT NULL,
            duration_ms bigint       NOT NULL,
            received_at timestamptz  NOT NULL,
            UNIQUE (project_id, campaign_id, call_id));
        """;

    private sealed record Outcome(string CallId, string Status, decimal DurationSeconds);

    private sealed record Batch(IReadOnlyList<Outcome> Outcomes);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task RunAsync(int port, string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var schema = dataSource.CreateCommand(Schema))
        {
            await schema.ExecuteNonQueryAsync();
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();

        app.MapGet("/health/ready", () => Results.Ok());
        app.MapPost("/projects", () => Results.Created());
        app.MapPost("/projects/{projectId}/campaigns", async (string projectId, HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, Json);
            await using var insert = dataSource.CreateCommand(
                "INSERT INTO baseline_campaigns (project_id, campaign_id) VALUES ($1, $2) ON CONFLICT DO NOTHING");
            insert.Parameters.Add(new() { Value = projectId });
            insert.Parameters.Add(new() { Value = body.GetProperty("id").GetString() });
            await insert.ExecuteNonQueryAsync();
            return Results.Created();
        });
        app.MapPost("/projects/{projectId}/campaigns/{campaignId}/start", () => Results.Ok());
        app.MapGet("/projects/{projectId}/campaigns/{campaignId}", async (string projectId, string campaignId) =>
        {
            await using var select = dataSource.CreateCommand(
                "SELECT attempts, time_spent_ms FROM baseline_campaigns WHERE project_id = $1 AND campaign_id = $2");
            select.Parameters.Add(new() { Value = projectId });
            select.Parameters.Add(new() { Value = campaignId });
            await using var reader = await select.ExecuteReaderAsync();
            return await reader.ReadAsync()
                ? Results.Ok(new
                {
                    id = campaignId,
                    attempts = reader.GetInt64(0),
                    totalTimeSpentSeconds = reader.GetInt64(1) / 1000m,
                })
                : Results.NotFound();
        });
        app.MapPost("/projects/{projectId}/campaigns/{campaignId}/outcomes",
            async (string projectId, string campaignId, HttpRequest request) =>
            {
                var outcome = await JsonSerializer.DeserializeAsync<Outcome>(request.Body, Json);
                return Results.Ok(new { result = await StoreAsync(dataSource, projectId, campaignId, outcome!) });
            });
        app.MapPost("/projects/{projectId}/campaigns/{campaignId}/outcomes/batch",
            async (string projectId, string campaignId, HttpRequest request) =>
            {
                var batch = await JsonSerializer.DeserializeAsync<Batch>(request.Body, Json);
                var results = new List<object>(batch!.Outcomes.Count);
                foreach (var outcome in batch.Outcomes)
                {
                    results.Add(new
                    {
                        callId = outcome.CallId,
                        result = await StoreAsync(dataSource, projectId, campaignId, outcome),
                    });
                }

                return Results.Ok(new { results });
            });

        await app.RunAsync();
    }

    /// <summary>One outcome, one transaction: the call row if new, then the counters row.</summary>
    private static async Task<string> StoreAsync(
        NpgsqlDataSource dataSource, string projectId, string campaignId, Outcome outcome)
    {
        var durationMs = (long)(outcome.DurationSeconds * 1000);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO baseline_calls (project_id, campaign_id, call_id, status, duration_ms, received_at)
            VALUES ($1, $2, $3, $4, $5, now())
            ON CONFLICT (project_id, campaign_id, call_id) DO NOTHING
            """, connection, transaction);
        insert.Parameters.Add(new() { Value = projectId });
        insert.Parameters.Add(new() { Value = campaignId });
        insert.Parameters.Add(new() { Value = outcome.CallId });
        insert.Parameters.Add(new() { Value = outcome.Status });
        insert.Parameters.Add(new() { Value = durationMs });
        if (await insert.ExecuteNonQueryAsync() == 0)
        {
            await transaction.RollbackAsync();
            return "duplicate";
        }

        await using var update = new NpgsqlCommand("""
            UPDATE baseline_campaigns SET attempts = attempts + 1, time_spent_ms = time_spent_ms + $3
            WHERE project_id = $1 AND campaign_id = $2
            """, connection, transaction);
        update.Parameters.Add(new() { Value = projectId });
        update.Parameters.Add(new() { Value = campaignId });
        update.Parameters.Add(new() { Value = durationMs });
        await update.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return "accepted";
    }
}
