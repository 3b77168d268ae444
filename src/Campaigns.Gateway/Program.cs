using Campaigns.Gateway;

await GatewayApplication.Build(args).RunAsync();
