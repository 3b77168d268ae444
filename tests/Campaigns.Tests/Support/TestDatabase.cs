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

    public abstract ValueTask DisposeAsync();
}

/// <summary>A SQLite file in a temporary folder of its own.</summary>
public sealed class SqliteDatabase : TestDatabase
{
    private readonly string _folder = Directory.CreateTempSubdirectory("campaigns-test-").FullName;

    public override StorageProvider Provider => StorageProvider.Sqlite;

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
