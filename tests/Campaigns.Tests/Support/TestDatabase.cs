using Campaigns.Grains.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Campaigns.Tests.Support;

/// <summary>A database of its own for one fixture or test, removed afterwards.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract StorageProvider Provider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>The configuration that points the product at this database.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Campaigns:Storage:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Campaigns"] = ConnectionString,
    };

    public ICallStore CreateCallStore() => Provider == StorageProvider.Sqlite
        ? new SqliteCallStore(Options.Create(new StorageOptions { ConnectionString = ConnectionString }))
        : new PostgresCallStore(NpgsqlDataSource.Create(ConnectionString));

    public static async Task<TestDatabase> CreateAsync(StorageProvider provider) =>
        provider == StorageProvider.Sqlite ? new SqliteDatabase() : await PostgresDatabase.CreateAsync();

    /// <summary>
    /// Holds the call table's write lock until disposed, so that the next write to it
    /// waits: what arrives meanwhile is certain to find a write in flight.
    /// </summary>
    public abstract Task<IAsyncDisposable> HoldCallWritesAsync();

    public abstract ValueTask DisposeAsync();

    /// <summary>An open transaction that rolls back, and closes its connection, on disposal.</summary>
    protected sealed class HeldTransaction(System.Data.Common.DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (connection)
            {
                await using var rollback = connection.CreateCommand();
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
            }
        }
    }

    protected static async Task<IAsyncDisposable> HoldAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await connection.OpenAsync();
        await using var hold = connection.CreateCommand();
        hold.CommandText = sql;
        await hold.ExecuteNonQueryAsync();
        return new HeldTransaction(connection);
    }
}

/// <summary>A SQLite file in a temporary folder of its own.</summary>
public sealed class SqliteDatabase : TestDatabase
{
    private readonly string _folder = Directory.CreateTempSubdirectory("campaigns-test-").FullName;

    public override StorageProvider Provider => StorageProvider.Sqlite;

    /// <summary>SQLite has one write lock per file; an immediate transaction takes it.</summary>
    public override Task<IAsyncDisposable> HoldCallWritesAsync() =>
        HoldAsync(new SqliteConnection(ConnectionString), "BEGIN IMMEDIATE");

    public override string ConnectionString => $"Data Source={Path.Combine(_folder, "campaigns.db")}";

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A process still holding the file on a slow shutdown leaves only a temp folder behind.
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A fresh database on the local PostgreSQL server that <see cref="PostgresServer"/> starts.</summary>
public sealed class PostgresDatabase : TestDatabase
{
    private readonly string _server;
    private readonly string _name;

    private PostgresDatabase(string server, string name)
    {
        _server = server;
        _name = name;
    }

    public override StorageProvider Provider => StorageProvider.PostgreSql;

    /// <summary>SHARE ROW EXCLUSIVE conflicts with the ROW EXCLUSIVE lock every INSERT takes.</summary>
    public override Task<IAsyncDisposable> HoldCallWritesAsync() =>
        HoldAsync(
            new NpgsqlConnection(ConnectionString),
            "BEGIN; LOCK TABLE CampaignCalls IN SHARE ROW EXCLUSIVE MODE");

    public override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var server = await PostgresServer.ConnectionStringAsync();
        var name = "test_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE {name}");
        return new PostgresDatabase(server, name);
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
