using System.Security.Claims;
using Campaigns.Abstractions.Access;

namespace Campaigns.Gateway.Access;

/// <summary>The caller an API key stands for: its name, role, id and project scope, as claims.</summary>
public static class ApiKeyPrincipal
{
    public const string KeyIdClaim = "campaigns:key";
    public const string ProjectClaim = "campaigns:project";

    /// <summary>The project claim of a key whose scope is every project.</summary>
    public const string AllProjects = "*";

    public static ClaimsPrincipal Create(ApiKeyView key, string scheme)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, RoleName(key.Role)),
            new(KeyIdClaim, key.Id),
        ];
        claims.AddRange((key.Projects ?? [AllProjects]).Select(p => new Claim(ProjectClaim, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static string RoleName(ApiRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParseRole(string? name, out ApiRole role)
    {
        role = default;
        return name is "dialer" or "operator" or "admin" && Enum.TryParse(name, ignoreCase: true, out role);
    }

    public static string? KeyIdOf(ClaimsPrincipal user) => user.FindFirst(KeyIdClaim)?.Value;

    /// <summary>The projects the caller may touch, or null when it may touch all of them.</summary>
    public static IReadOnlySet<string>? ScopeOf(ClaimsPrincipal user)
    {
        var projects = user.FindAll(ProjectClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return projects.Contains(AllProjects) ? null : projects;
    }

    public static bool Covers(this ClaimsPrincipal user, string projectId) =>
        ScopeOf(user) is not { } scope || scope.Contains(projectId);

    /// <summary>Whether every project of <paramref name="projects"/> (null: all) is in the caller's scope.</summary>
    public static bool Covers(this ClaimsPrincipal user, IReadOnlyCollection<string>? projects) =>
        ScopeOf(user) is not { } scope || (projects is not null && projects.All(scope.Contains));
}
