using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Campaigns.Abstractions.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Campaigns.Gateway.Access;

public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>SHA-256 of the admin key the environment configures (<c>CAMPAIGNS_ADMIN_KEY</c>), if any.</summary>
    public byte[]? ConfiguredAdminKeyHash { get; set; }
}

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c>. An issued key is checked by its own grain
/// on every request, so a revocation holds at once everywhere; the configured admin key is checked
/// here. Both compare SHA-256 hashes in constant time. The key's value is never logged or traced.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains,
    FailedKeyLimiter failures) : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The name status history records for the configured admin key.</summary>
    public const string ConfiguredAdminName = "admin";

    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header is not 'Bearer <key>'.");
        }

        var address = AddressGroup.Of(Context.Connection.RemoteIpAddress);
        if (failures.Blocked(address) is { } wait)
        {
            Context.Items[FailedKeyLimiter.RetryAfterItem] = wait;
            return AuthenticateResult.Fail("Too many unknown or revoked keys from this address.");
        }

        var value = header[BearerPrefix.Length..].Trim();
        if (value.Length is 0 or > ApiKeyValue.MaxLength)
        {
            failures.Failed(address);
            return AuthenticateResult.Fail("The key is empty or too long.");
        }

        var hash = ApiKeyValue.Hash(value);
        var key = ApiKeyValue.IdOf(value) is { } id
            ? await grains.GetGrain<IApiKeyGrain>(id).Verify(hash) ?? ConfiguredAdmin(hash)
            : ConfiguredAdmin(hash);
        if (key is null)
        {
            failures.Failed(address);
            return AuthenticateResult.Fail("The key is unknown or revoked.");
        }

        Activity.Current?.SetTag("campaigns.key.id", key.Id);
        return AuthenticateResult.Success(
            new AuthenticationTicket(ApiKeyPrincipal.Create(key, SchemeName), SchemeName));
    }

    private ApiKeyView? ConfiguredAdmin(byte[] hash) =>
        Options.ConfiguredAdminKeyHash is { } configured && CryptographicOperations.FixedTimeEquals(configured, hash)
            ? new ApiKeyView(
                ConfiguredAdminName, ConfiguredAdminName, ApiRole.Admin, null, DateTimeOffset.MinValue, "environment")
            : null;
}
