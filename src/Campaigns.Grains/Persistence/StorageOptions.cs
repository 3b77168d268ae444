namespace Campaigns.Grains.Persistence;

/// <summary>Where campaign state and call history are kept.</summary>
public sealed class StorageOptions
{
    public const string Section = "Campaigns:Storage";

    /// <summary>The Orleans grain storage provider name every grain of the product uses.</summary>
    public const string ProviderName = "campaigns";

    /// <summary>ADO.NET connection string; the embedded default is a SQLite file under ./data.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/campaigns.db";
}
