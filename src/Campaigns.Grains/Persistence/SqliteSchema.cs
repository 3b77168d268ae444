using Microsoft.Data.Sqlite;

namespace Campaigns.Grains.Persistence;

/// <summary>
/// Applies the versioned scripts under ops/schema/sqlite that the database has
/// not seen yet, each in its own immediate transaction so that two processes
/// starting on one file apply each script once.
/// </summary>
public static class SqliteSchema
{
    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        EnsureDirectory(connectionString);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // WAL lets readers work beside the one writer; FULL sync makes each commit durable.
        await ExecuteAsync(connection, null, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS SchemaVersions
            (
                Script    TEXT NOT NULL PRIMARY KEY,
                AppliedAt TEXT NOT NULL
            );
            """, cancellationToken);

        foreach (var (script, text) in SchemaScripts.For(StorageProvider.Sqlite))
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            if (await IsAppliedAsync(connection, transaction, script, cancellationToken))
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, text, cancellationToken);
            await ExecuteAsync(connection, transaction,
                $"INSERT INTO SchemaVersions (Script, AppliedAt) VALUES ('{script}', datetime('now'))",
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static void EnsureDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            CreatePrivateDirectory(directory);
        }
    }

    /// <summary>Call data is for this service's user alone: a directory created here is open to no one else.</summary>
    internal static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(
                directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static async Task<bool> IsAppliedAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string script,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM SchemaVersions WHERE Script = @script";
        command.Parameters.AddWithValue("@script", script);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
