using Campaigns.Silo.Hosting;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo
    .UseEmbeddedClustering(builder.Configuration)
    .AddCampaigns(builder.Configuration));

await builder.Build().RunAsync();
