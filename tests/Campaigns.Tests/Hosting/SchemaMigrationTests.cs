using Campaigns.Grains.Persistence;
using Campaigns.Tests.Support;
using Npgsql;

namespace Campaigns.Tests.Hosting;

public sealed class SchemaMigrationTests
{
    [Fact]
    public async Task ProcessesMigratingOnePostgresDatabaseAtOnceApplyEachScriptOnce()
    {
        await using var database = await PostgresDatabase.CreateAsync();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostgresSchema.ApplyAsync(database.ConnectionString)));

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM SchemaVersions", connection);
        Assert.Equal(SchemaScripts.For(StorageProvider.PostgreSql).Count, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task MigratingOneSqliteFileAtOnceAppliesEachScriptOnce()
    {
        await using var database = new SqliteDatabase();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SqliteSchema.ApplyAsync(database.ConnectionString)));

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM SchemaVersions";
        Assert.Equal(SchemaScripts.For(StorageProvider.Sqlite).Count, (long)(await command.ExecuteScalarAsync())!);
    }
}
