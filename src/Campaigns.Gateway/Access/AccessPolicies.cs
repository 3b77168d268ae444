using Campaigns.Abstractions.Access;
using Microsoft.AspNetCore.Authorization;

namespace Campaigns.Gateway.Access;

/// <summary>
/// One authorization policy per kind of thing a caller does. Each names the roles allowed
/// and, on routes under <c>/projects/{projectId}</c>, also requires the project in the key's scope.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Read a project, its campaigns, their history, calls and contacts.</summary>
    public const string ReadCampaigns = "read-campaigns";

    /// <summary>Report call outcomes.</summary>
    public const string ReportOutcomes = "report-outcomes";

    /// <summary>Create campaigns and follow-ups, and run lifecycle commands.</summary>
    public const string ManageCampaigns = "manage-campaigns";

    /// <summary>Read a project's analytics.</summary>
    public const string ReadAnalytics = "read-analytics";

    /// <summary>Create projects, and issue, list and revoke API keys.</summary>
    public const string Administer = "administer";

    public static readonly IReadOnlyDictionary<string, ApiRole[]> RolesByPolicy = new Dictionary<string, ApiRole[]>
    {
        [ReadCampaigns] = [ApiRole.Dialer, ApiRole.Operator, ApiRole.Admin],
        [ReportOutcomes] = [ApiRole.Dialer, ApiRole.Admin],
        [ManageCampaigns] = [ApiRole.Operator, ApiRole.Admin],
        [ReadAnalytics] = [ApiRole.Operator, ApiRole.Admin],
        [Administer] = [ApiRole.Admin],
    };

    public static void AddTo(AuthorizationOptions options)
    {
        foreach (var (name, roles) in RolesByPolicy)
        {
            options.AddPolicy(name, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .AddRequirements(new AccessRequirement(name, roles)));
        }

        // A route that names no policy still needs a key.
        options.FallbackPolicy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .Build();
    }
}

/// <summary>The caller's role is one of <see cref="Roles"/>, and the route's project is in its scope.</summary>
public sealed record AccessRequirement(string Policy, IReadOnlyList<ApiRole> Roles) : IAuthorizationRequirement;

/// <summary>Why a caller was refused, with the stable code its problem response carries.</summary>
public sealed class AccessRefusal(IAuthorizationHandler handler, string code, string message)
    : AuthorizationFailureReason(handler, message)
{
    public string Code { get; } = code;
}

public sealed class AccessRequirementHandler : AuthorizationHandler<AccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement)
    {
        var role = context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value;
        if (!requirement.Roles.Any(r => ApiKeyPrincipal.RoleName(r) == role))
        {
            var allowed = string.Join(" or ", requirement.Roles.Select(ApiKeyPrincipal.RoleName));
            context.Fail(new AccessRefusal(
                this, "forbidden-role", $"A key of role {role} may not do this; it takes a key of role {allowed}."));
            return Task.CompletedTask;
        }

        var projectId = (context.Resource as HttpContext)?.Request.RouteValues["projectId"] as string;
        if (projectId is not null && !context.User.Covers(projectId))
        {
            context.Fail(new AccessRefusal(
                this, "forbidden-project", "This key's scope does not include this project."));
            return Task.CompletedTask;
        }

        context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
