using Campaigns.Gateway;
using Campaigns.Silo.Hosting;

try
{
    await GatewayApplication.Build(args).RunAsync();
    return 0;
}
catch (InvalidSettingException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return InvalidSettingException.ExitCode;
}
