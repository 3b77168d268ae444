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

    /// <summary>The projects the caller may touch, read from its claims once.</summary>
    public static ProjectScope ScopeOf(ClaimsPrincipal user)
    {
        var projects = user.FindAll(ProjectClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new ProjectScope(projects.Contains(AllProjects) ? null : projects);
    }

    public static bool Covers(this ClaimsPrincipal user, string projectId) => ScopeOf(user).Covers(projectId);

    public static bool Covers(this ClaimsPrincipal user, IReadOnlyCollection<string>? projects) =>
        ScopeOf(user).Covers(projects);
}

/// <summary>The projects a caller may touch; <paramref name="Projects"/> is null when it may touch all.</summary>
public sealed record ProjectScope(IReadOnlySet<string>? Projects)
{
    public bool Covers(string projectId) => Projects is null || Projects.Contains(projectId);

    /// <summary>Whether every project of <paramref name="projects"/> (null: all) is in this scope.</summary>
    public bool Covers(IReadOnlyCollection<string>? projects) =>
        Projects is null || (projects is not null && projects.All(Projects.Contains));
}
