using Campaigns.Grains.Persistence;
using Microsoft.Extensions.Options;

namespace Campaigns.Silo.Hosting;

/// <summary>Applies the schema before the storage providers read their queries from it.</summary>
internal sealed class SchemaMigration(IOptions<StorageOptions> options) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigration), ServiceLifecycleStage.RuntimeInitialize, ApplyAsync);

    public static Task ApplyAsync(StorageOptions storage, CancellationToken cancellationToken) =>
        storage.Provider == StorageProvider.Sqlite
            ? SqliteSchema.ApplyAsync(storage.ConnectionString, cancellationToken)
            : PostgresSchema.ApplyAsync(storage.ConnectionString, cancellationToken);

    private Task ApplyAsync(CancellationToken cancellationToken) => ApplyAsync(options.Value, cancellationToken);
}
