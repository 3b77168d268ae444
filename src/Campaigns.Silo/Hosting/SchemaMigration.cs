using Campaigns.Grains.Persistence;
using Microsoft.Extensions.Options;

namespace Campaigns.Silo.Hosting;

/// <summary>
/// Applies the schema before the storage providers read their queries from it.
/// On SQLite it first takes the file's lock, held until the silo stops.
/// </summary>
internal sealed class SchemaMigration(IOptions<StorageOptions> options)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private SqliteFileLock? _fileLock;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigration), ServiceLifecycleStage.RuntimeInitialize, StartAsync, StopAsync);

    public static Task ApplyAsync(StorageOptions storage, CancellationToken cancellationToken) =>
        storage.Provider == StorageProvider.Sqlite
            ? SqliteSchema.ApplyAsync(storage.ConnectionString, cancellationToken)
            : PostgresSchema.ApplyAsync(storage.ConnectionString, cancellationToken);

    public void Dispose() => _fileLock?.Dispose();

    private Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Provider == StorageProvider.Sqlite)
        {
            _fileLock ??= SqliteFileLock.Acquire(options.Value.ConnectionString);
        }

        return ApplyAsync(options.Value, cancellationToken);
    }

    private Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        _fileLock = null;
        return Task.CompletedTask;
    }
}
