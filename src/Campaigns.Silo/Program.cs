using Campaigns.Grains.Persistence;
using Campaigns.Silo.Hosting;
using Microsoft.Extensions.Hosting;

// `migrate` applies the schema and exits: the step a deployment runs before any silo starts.
var migrateOnly = args is ["migrate", ..];
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = migrateOnly ? args[1..] : args,
    ContentRootPath = AppContext.BaseDirectory,
});
var settings = CampaignsConfiguration.Read(builder.Configuration);
await SchemaMigration.ApplyAsync(
    new StorageOptions { Provider = settings.Provider, ConnectionString = settings.ConnectionString },
    CancellationToken.None);
if (migrateOnly)
{
    Console.WriteLine($"Schema applied to the {settings.Provider} database.");
    return 0;
}

try
{
    builder.AddCampaignsTelemetry("campaigns-silo");
    builder.UseOrleans(silo => silo
        .UseCampaignsClustering(builder.Configuration)
        .AddCampaigns(builder.Configuration));
    await builder.Build().RunAsync();
    return 0;
}
catch (InvalidSettingException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return InvalidSettingException.ExitCode;
}
