using System.Net;
using Campaigns.Grains.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Campaigns.Silo.Hosting;

/// <summary>Everything a silo of this product needs, shared by every host that runs one.</summary>
public static class CampaignsSiloExtensions
{
    /// <summary>Orleans' membership settings (failure detection, defunct silos), bound by their names.</summary>
    public const string MembershipSection = "Campaigns:Membership";

    /// <summary>
    /// Orleans' GrainCollectionOptions, bound by their names: how long an idle
    /// campaign stays in memory (CollectionAge) and how often idle ones are swept.
    /// </summary>
    public const string GrainCollectionSection = "Campaigns:GrainCollection";

    /// <summary>
    /// Grain state, reminders and the call table, all in the database the
    /// configuration names, with the schema applied before any of them is used.
    /// </summary>
    public static ISiloBuilder AddCampaigns(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = CampaignsConfiguration.Read(configuration);
        var services = silo.Services;
        silo.AddActivityPropagation();
        services.Configure<StorageOptions>(options =>
        {
            options.Provider = settings.Provider;
            options.ConnectionString = settings.ConnectionString;
        });
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }

        if (settings.Provider == StorageProvider.Sqlite)
        {
            services.AddSingleton<ICallStore, SqliteCallStore>();
        }
        else
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(settings.ConnectionString));
            services.AddSingleton<ICallStore, PostgresCallStore>();
        }

        services.AddSingleton<CallWriter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigration>();
        silo.Configure<GrainCollectionOptions>(configuration.GetSection(GrainCollectionSection));

        // Grain state is written with Orleans' own version-tolerant serializer, so
        // the [Id] numbers on state classes, not their names, decide what loads.
        services.AddKeyedSingleton<IGrainStorageSerializer>(
            StorageOptions.ProviderName,
            (provider, _) => new OrleansGrainStorageSerializer(provider.GetRequiredService<Serializer>()));

        var invariant = new StorageOptions { Provider = settings.Provider }.Invariant;
        silo.AddAdoNetGrainStorage(StorageOptions.ProviderName, options =>
        {
            options.Invariant = invariant;
            options.ConnectionString = settings.ConnectionString;
        });
        services.Configure<ReminderOptions>(options =>
            options.MinimumReminderPeriod = Grains.Campaigns.CampaignGrain.ReminderRetryPeriod);
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = invariant;
            options.ConnectionString = settings.ConnectionString;
        });
        return silo;
    }

    /// <summary>
    /// Membership: a single silo on loopback for the embedded default, or the
    /// ADO.NET membership table in PostgreSQL for a cluster. With a certificate
    /// configured (<see cref="ClusterTls"/>), both of the silo's ports speak TLS only.
    /// </summary>
    public static ISiloBuilder UseCampaignsClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = CampaignsConfiguration.Read(configuration);
        if (ClusterTls.Read(configuration) is { } tls)
        {
            silo.UseTls(tls.Configure);
        }

        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });

        if (settings.Mode == DeploymentMode.Embedded)
        {
            PortCheck.EnsureFree(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort);
            return silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
        }

        if (settings.AdvertisedHost is { } host)
        {
            silo.ConfigureEndpoints(host, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            PortCheck.EnsureFree(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort);
            silo.ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort);
        }

        // Defaults for a small cluster that must come back quickly after a full crash: a silo
        // that stops answering probes or writing its heartbeat row is declared dead within
        // seconds, and rows of dead silos go after an hour. Configuration may say otherwise.
        silo.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(2);
            options.NumMissedProbesLimit = 3;
            options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            options.DefunctSiloExpiration = TimeSpan.FromHours(1);
            options.DefunctSiloCleanupPeriod = TimeSpan.FromMinutes(10);
        });
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection(MembershipSection));
        return silo
            .UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = settings.ConnectionString;
            });
    }

    /// <summary>
    /// A gateway that is a pure client of a cluster finds its silos in the membership
    /// table and refreshes that list often, so that it notices a restarted cluster quickly.
    /// With a certificate configured (<see cref="ClusterTls"/>), it talks to silos over TLS only.
    /// </summary>
    public static IClientBuilder UseCampaignsClustering(this IClientBuilder client, IConfiguration configuration)
    {
        var settings = CampaignsConfiguration.Read(configuration);
        if (ClusterTls.Read(configuration) is { } tls)
        {
            client.UseTls(tls.Configure);
        }

        client.Services.AddSingleton(TimeProvider.System);
        return client
            .AddActivityPropagation()
            .AddOutgoingGrainCallFilter<TransientFailureRetry>()
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            })
            .Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5))
            .UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = settings.ConnectionString;
            });
    }
}
