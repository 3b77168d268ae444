using System.Globalization;
using System.Threading.RateLimiting;
using Campaigns.Gateway.Http;
using Campaigns.Silo.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Net.Http.Headers;

namespace Campaigns.Gateway.Access;

/// <summary>
/// Requests each API key may make: a token bucket per key, refilled every second. A request
/// without a valid key is counted against its remote address instead. Unknown or revoked keys
/// have a budget of their own per address (<see cref="FailedKeyLimiter"/>). Zero turns a limit off.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Campaigns:RateLimit";

    public int PermitsPerSecond { get; set; } = 2000;

    /// <summary>How many requests a key may send at once after being quiet.</summary>
    public int Burst { get; set; } = 4000;

    /// <summary>Unknown or revoked keys each remote address may present per second.</summary>
    public int FailedKeysPerSecond { get; set; } = 10;

    public int FailedKeyBurst { get; set; } = 100;
}

public static class RateLimits
{
    public static IServiceCollection AddCampaignsRateLimits(
        this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new();
        if (settings is { PermitsPerSecond: < 0 } or { Burst: < 0 } or { FailedKeysPerSecond: < 0 }
            or { FailedKeyBurst: < 0 })
        {
            throw new InvalidSettingException($"{RateLimitOptions.Section}: every limit must be 0 or more.");
        }

        services.AddSingleton(new FailedKeyLimiter(settings));
        return services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                settings.PermitsPerSecond == 0
                    ? RateLimitPartition.GetNoLimiter("off")
                    : RateLimitPartition.GetTokenBucketLimiter(PartitionOf(context), _ => Bucket(settings)));
            options.OnRejected = RejectAsync;
        });
    }

    private static string PartitionOf(HttpContext context) =>
        ApiKeyPrincipal.KeyIdOf(context.User) is { } keyId
            ? "key:" + keyId
            : "address:" + AddressGroup.Of(context.Connection.RemoteIpAddress);

    private static TokenBucketRateLimiterOptions Bucket(RateLimitOptions settings) => new()
    {
        TokenLimit = Math.Max(settings.Burst, 1),
        TokensPerPeriod = settings.PermitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellation)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        var context = rejected.HttpContext;
        context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.WriteAsync(
            context,
            StatusCodes.Status429TooManyRequests,
            "rate-limited",
            ApiKeyPrincipal.KeyIdOf(context.User) is null
                ? $"This address sent more requests without a valid key than it may; retry after {seconds} s."
                : $"This key sent more requests than it may; retry after {seconds} s.");
    }
}
