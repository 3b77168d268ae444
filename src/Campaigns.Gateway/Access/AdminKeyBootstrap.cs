using Campaigns.Abstractions.Access;

namespace Campaigns.Gateway.Access;

/// <summary>
/// Makes sure someone can get in. With <c>CAMPAIGNS_ADMIN_KEY</c> set, that key is the admin key
/// and nothing is stored. Without it, the first start of an empty deployment issues an admin key
/// and prints it once on standard output, never through the logs.
/// </summary>
public sealed partial class AdminKeyBootstrap(
    IGrainFactory grains, IConfiguration configuration, ILogger<AdminKeyBootstrap> logger) : IHostedService
{
    public const string EnvironmentVariable = "CAMPAIGNS_ADMIN_KEY";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(configuration[EnvironmentVariable]))
        {
            LogConfigured(logger, EnvironmentVariable);
            return;
        }

        var (id, value) = ApiKeyValue.New();
        var key = new NewApiKey(
            id,
            ApiKeyAuthenticationHandler.ConfiguredAdminName,
            ApiRole.Admin,
            Projects: null,
            CreatedBy: "first start",
            ApiKeyValue.Hash(value));
        if (await grains.GetGrain<IApiKeyDirectoryGrain>(IApiKeyDirectoryGrain.Key).IssueFirst(key))
        {
            await Console.Out.WriteLineAsync(
                $"""

                First start: an admin API key was issued. It is shown this once; keep it somewhere safe.

                    export CAMPAIGNS_KEY={value}
                    curl -H "Authorization: Bearer $CAMPAIGNS_KEY" {FirstUrl()}/projects

                """);
            await Console.Out.FlushAsync(cancellationToken);
            LogIssued(logger, id);
        }
    }

    private string FirstUrl() =>
        (configuration["Urls"] ?? "http://127.0.0.1:5080").Split(';')[0].TrimEnd('/');

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin key taken from {Variable}")]
    private static partial void LogConfigured(ILogger logger, string variable);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "First start: issued admin API key {KeyId}, printed once on standard output")]
    private static partial void LogIssued(ILogger logger, string keyId);
}
