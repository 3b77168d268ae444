using Campaigns.Grains.Persistence;
using Microsoft.Extensions.Options;

namespace Campaigns.Silo.Hosting;

/// <summary>Applies the schema before the storage providers read their queries from it.</summary>
internal sealed class SchemaMigration(IOptions<StorageOptions> options) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            nameof(SchemaMigration),
            ServiceLifecycleStage.RuntimeInitialize,
            cancellationToken => SqliteSchema.ApplyAsync(options.Value.ConnectionString, cancellationToken));
}
