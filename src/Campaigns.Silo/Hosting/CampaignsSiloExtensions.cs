using Campaigns.Grains.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Campaigns.Silo.Hosting;

/// <summary>Everything a silo of this product needs, shared by every host that runs one.</summary>
public static class CampaignsSiloExtensions
{
    /// <summary>Orleans' ADO.NET invariant that it resolves to Microsoft.Data.Sqlite's factory.</summary>
    private const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Registers the grains' storage: Orleans grain state through the ADO.NET provider
    /// and the call table, both in the database named by configuration, with the
    /// schema applied before either is used.
    /// </summary>
    public static ISiloBuilder AddCampaigns(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.TryAddSingletonTimeProvider();
        services.AddSingleton<ICallStore, SqliteCallStore>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigration>();

        // Grain state is written with Orleans' own version-tolerant serializer, so
        // the [Id] numbers on state classes, not their names, decide what loads.
        services.AddKeyedSingleton<IGrainStorageSerializer>(
            StorageOptions.ProviderName,
            (provider, _) => new OrleansGrainStorageSerializer(provider.GetRequiredService<Serializer>()));

        silo.AddAdoNetGrainStorage(
            StorageOptions.ProviderName,
            (OptionsBuilder<AdoNetGrainStorageOptions> options) => options
                .Configure<IOptions<StorageOptions>>((ado, storage) =>
                {
                    ado.Invariant = SqliteInvariant;
                    ado.ConnectionString = storage.Value.ConnectionString;
                }));
        return silo;
    }

    /// <summary>
    /// A single silo on this machine's loopback, for the embedded default. Ports come
    /// from configuration so that several copies can run side by side.
    /// </summary>
    public static ISiloBuilder UseEmbeddedClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var section = configuration.GetSection("Campaigns:Silo");
        return silo
            .UseLocalhostClustering(
                siloPort: section.GetValue("SiloPort", EndpointOptions.DEFAULT_SILO_PORT),
                gatewayPort: section.GetValue("GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT))
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = "campaigns";
                options.ServiceId = "campaigns";
            });
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
