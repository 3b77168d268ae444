namespace Campaigns.Grains.Persistence;

/// <summary>The databases the product can keep its state in.</summary>
public enum StorageProvider
{
    /// <summary>A file beside the process: the embedded default.</summary>
    Sqlite,

    /// <summary>A server shared by every silo of a cluster.</summary>
    PostgreSql,
}

/// <summary>Where campaign state, call history, reminders and (in a cluster) membership are kept.</summary>
public sealed class StorageOptions
{
    public const string Section = "Campaigns:Storage";

    /// <summary>The name under ConnectionStrings that takes precedence over <see cref="ConnectionString"/>.</summary>
    public const string ConnectionStringName = "Campaigns";

    /// <summary>The Orleans grain storage provider name every grain of the product uses.</summary>
    public const string ProviderName = "campaigns";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>ADO.NET connection string; the embedded default is a SQLite file under ./data.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/campaigns.db";

    /// <summary>The ADO.NET invariant Orleans resolves to this provider's driver.</summary>
    /// <remarks>Orleans maps its SQLite invariant to Microsoft.Data.Sqlite's factory.</remarks>
    public string Invariant => Provider == StorageProvider.Sqlite ? "System.Data.SQLite" : "Npgsql";
}
