namespace Campaigns.Tests.Support;

/// <summary>A SQLite file in its own temporary folder, removed afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("campaigns-test-").FullName;
    }

    public string Folder { get; }

    public string ConnectionString => $"Data Source={Path.Combine(Folder, "campaigns.db")}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A process still holding the file on a slow shutdown leaves only a temp folder behind.
        }
    }
}
