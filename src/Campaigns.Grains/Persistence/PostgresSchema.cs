using Npgsql;

namespace Campaigns.Grains.Persistence;

/// <summary>
/// Applies the versioned scripts under ops/schema/postgresql that the database
/// has not seen yet, each in its own transaction. The whole run holds a session
/// advisory lock, so processes starting at once take turns and apply each script
/// exactly once (even CREATE TABLE IF NOT EXISTS races without it).
/// </summary>
public static class PostgresSchema
{
    /// <summary>An arbitrary constant that names this product's migration lock.</summary>
    private const long MigrationLock = 0x43616d7061696e;

    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
        await ExecuteAsync(connection, null, """
            CREATE TABLE IF NOT EXISTS SchemaVersions
            (
                Script    varchar(200) NOT NULL PRIMARY KEY,
                AppliedAt timestamptz  NOT NULL DEFAULT now()
            )
            """, cancellationToken);

        foreach (var (script, text) in SchemaScripts.For(StorageProvider.PostgreSql))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var applied = new NpgsqlCommand(
                "SELECT count(*) FROM SchemaVersions WHERE Script = @script", connection, transaction);
            applied.Parameters.AddWithValue("script", script);
            if ((long)(await applied.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, text, cancellationToken);
            await using var record = new NpgsqlCommand(
                "INSERT INTO SchemaVersions (Script) VALUES (@script)", connection, transaction);
            record.Parameters.AddWithValue("script", script);
            await record.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Closing the connection would release the lock too; pooled connections are not closed.
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLock})", cancellationToken);
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
