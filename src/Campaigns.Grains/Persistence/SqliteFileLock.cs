using Microsoft.Data.Sqlite;

namespace Campaigns.Grains.Persistence;

/// <summary>
/// Keeps a second process off a SQLite file that a silo already serves. Two
/// single-silo processes on one file would each activate the same campaigns and
/// overwrite each other's counters; the embedded default is one process by design.
/// </summary>
public sealed class SqliteFileLock : IDisposable
{
    private readonly FileStream _lock;

    private SqliteFileLock(FileStream fileLock)
    {
        _lock = fileLock;
    }

    /// <exception cref="InvalidOperationException">Another process holds the file.</exception>
    public static SqliteFileLock Acquire(string connectionString)
    {
        var path = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource) + ".lock";
        SqliteSchema.CreatePrivateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new SqliteFileLock(file);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"Another process is already serving {path[..^5]}; run one process per SQLite file, "
                + "or use the PostgreSQL cluster mode for more.", e);
        }
    }

    public void Dispose() => _lock.Dispose();
}
