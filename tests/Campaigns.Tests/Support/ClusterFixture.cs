using Campaigns.Grains.Persistence;
using Campaigns.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Campaigns.Tests.Support;

/// <summary>A real Orleans test cluster whose grains keep their state in a database of its own.</summary>
public abstract class ClusterFixture(StorageProvider provider) : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(Database.Settings()));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddCampaigns(siloBuilder.Configuration);
    }
}

public sealed class SqliteClusterFixture() : ClusterFixture(StorageProvider.Sqlite);

public sealed class PostgresClusterFixture() : ClusterFixture(StorageProvider.PostgreSql);

[CollectionDefinition(Name)]
public sealed class SqliteClusterCollection : ICollectionFixture<SqliteClusterFixture>
{
    public const string Name = "cluster on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "cluster on PostgreSQL";
}
