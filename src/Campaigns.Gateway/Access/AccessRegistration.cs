using Campaigns.Silo.Hosting;
using Microsoft.AspNetCore.Authorization;

namespace Campaigns.Gateway.Access;

public static class AccessRegistration
{
    /// <summary>API-key authentication, the role and scope policies, per-key rate limits and the admin key.</summary>
    public static IServiceCollection AddCampaignsAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = configuration[AdminKeyBootstrap.EnvironmentVariable];
        if (!string.IsNullOrEmpty(configured) && !ApiKeyValue.IsStrongEnough(configured.Trim()))
        {
            throw new InvalidSettingException(
                $"{AdminKeyBootstrap.EnvironmentVariable} must be {ApiKeyValue.MinConfiguredLength} to "
                + $"{ApiKeyValue.MaxLength} characters, at least {ApiKeyValue.MinDistinctCharacters} of them "
                + "different; generate one with `openssl rand -base64 32`.");
        }

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName,
                options => options.ConfiguredAdminKeyHash =
                    string.IsNullOrEmpty(configured) ? null : ApiKeyValue.Hash(configured.Trim()));
        services.AddAuthorization(AccessPolicies.AddTo);
        services.AddSingleton<IAuthorizationHandler, AccessRequirementHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddCampaignsRateLimits(configuration);
        services.AddHostedService<AdminKeyBootstrap>();
        return services;
    }
}
