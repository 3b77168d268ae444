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
                    : RateLimitPartition.GetTokenBucketLimiter(
                        PartitionOf(context), _ => PerSecond(settings.PermitsPerSecond, settings.Burst)));
            options.OnRejected = RejectAsync;
        });
    }

    private static string PartitionOf(HttpContext context) =>
        ApiKeyPrincipal.KeyIdOf(context.User) is { } keyId
            ? "key:" + keyId
            : "address:" + AddressGroup.Of(context.Connection.RemoteIpAddress);

    /// <summary>
    /// A bucket refilled with <paramref name="permits"/> each second, holding at most <paramref name="burst"/>.
    /// </summary>
    internal static TokenBucketRateLimiterOptions PerSecond(int permits, int burst) => new()
    {
        TokenLimit = Math.Max(burst, 1),
        TokensPerPeriod = permits,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>Answers 429 with <c>Retry-After</c> in whole seconds, at least one.</summary>
    internal static Task RefuseAsync(HttpContext context, TimeSpan? wait, string code, Func<int, string> detail)
    {
        var seconds = wait is { } known ? Math.Max(1, (int)Math.Ceiling(known.TotalSeconds)) : 1;
        context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, code, detail(seconds));
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellation)
    {
        var context = rejected.HttpContext;
        var keyless = ApiKeyPrincipal.KeyIdOf(context.User) is null;
        await RefuseAsync(
            context,
            rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null,
            "rate-limited",
            seconds => keyless
                ? $"This address sent more requests without a valid key than it may; retry after {seconds} s."
                : $"This key sent more requests than it may; retry after {seconds} s.");
    }
}
