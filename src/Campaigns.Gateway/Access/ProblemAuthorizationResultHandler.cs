using Campaigns.Gateway.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Net.Http.Headers;

namespace Campaigns.Gateway.Access;

/// <summary>Answers a refused request with a problem response before anything reads its body.</summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(
        RequestDelegate next,
        HttpContext context,
        AuthorizationPolicy policy,
        PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged && context.Items[FailedKeyLimiter.RetryAfterItem] is TimeSpan wait)
        {
            return RateLimits.RefuseAsync(
                context,
                wait,
                "too-many-failed-keys",
                seconds => $"This address sent too many unknown or revoked keys; retry after {seconds} s.");
        }

        if (authorizeResult.Challenged)
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            return Problems.WriteAsync(
                context,
                StatusCodes.Status401Unauthorized,
                "unauthenticated",
                "Send a valid, unrevoked API key as 'Authorization: Bearer <key>'.");
        }

        if (authorizeResult.Forbidden)
        {
            var refusal = authorizeResult.AuthorizationFailure?.FailureReasons.OfType<AccessRefusal>().FirstOrDefault();
            return Problems.WriteAsync(
                context,
                StatusCodes.Status403Forbidden,
                refusal?.Code ?? "forbidden",
                refusal?.Message ?? "This key may not do this.");
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
