using Campaigns.Abstractions.Access;
using Campaigns.Abstractions.Common;
using Campaigns.Gateway.Contracts;
using Campaigns.Gateway.Http;
using Campaigns.Gateway.Projects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Gateway.Access;

/// <summary>
/// Issues, lists and revokes API keys; admin keys only. An admin key scoped to some projects
/// sees and manages only keys within its own scope, so it cannot hand out more than it has.
/// </summary>
public static class KeysApi
{
    public const int MaxProjectsPerKey = 100;

    /// <summary>Names the service itself writes into status history, which no key may take.</summary>
    private static readonly string[] ReservedNames = ["admin", "system", "scheduler", "anonymous"];

    public static RouteGroupBuilder MapKeysApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/keys")
            .WithTags("Keys")
            .ProducesRefusals()
            .RequireAuthorization(AccessPolicies.Administer);
        group.MapPost("/", IssueKey).Accepts<CreateKeyRequest>("application/json");
        group.MapGet("/", ListKeys);
        group.MapDelete("/{keyId}", RevokeKey);
        return group;
    }

    private static IApiKeyDirectoryGrain Directory(this IGrainFactory grains) =>
        grains.GetGrain<IApiKeyDirectoryGrain>(IApiKeyDirectoryGrain.Key);

    private static async Task<Results<Created<IssuedKeyResponse>, ProblemHttpResult>> IssueKey(
        HttpContext context, IGrainFactory grains)
    {
        var (request, invalid) = await RequestBody.ReadAsync<CreateKeyRequest>(context);
        var role = ApiRole.Dialer;
        var error = invalid
            ?? CheckKeyName(request?.Name)
            ?? (ApiKeyPrincipal.TryParseRole(request?.Role, out role)
                ? null
                : DomainError.Invalid("invalid-role", "'role' must be 'dialer', 'operator' or 'admin'.", "role"))
            ?? CheckProjects(request?.Projects);
        if (error is not null)
        {
            return Problems.ToResult(error);
        }

        var projects = request!.Projects?.Distinct(StringComparer.Ordinal).ToList();
        if (!context.User.Covers(projects))
        {
            return Problems.ToResult(new DomainError(
                ErrorKind.Forbidden,
                "forbidden-project",
                "A key may only be given projects within the scope of the key that issues it.",
                "projects"));
        }

        var (id, value) = ApiKeyValue.New();
        var issued = await grains.Directory().Issue(
            new NewApiKey(
                id, request.Name!.Trim(), role, projects, Caller.NameOf(context), ApiKeyValue.Hash(value)));
        if (!issued.Succeeded)
        {
            return Problems.ToResult(issued.Error);
        }

        return TypedResults.Created($"/keys/{issued.Value.Id}", new IssuedKeyResponse(issued.Value, value));
    }

    private static async Task<Ok<List<KeyResponse>>> ListKeys(HttpContext context, IGrainFactory grains)
    {
        var keys = await grains.Directory().List();
        var scope = ApiKeyPrincipal.ScopeOf(context.User);
        return TypedResults.Ok(keys.Where(k => scope.Covers(k.Projects)).Select(KeyResponse.From).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(
        string keyId, HttpContext context, IGrainFactory grains)
    {
        if (Identifiers.Check(keyId, "keyId") is { } invalid)
        {
            return Problems.ToResult(invalid);
        }

        // A key outside the caller's scope is answered as if it did not exist.
        var known = await grains.Directory().Find(keyId);
        if (known is null || !context.User.Covers(known.Projects))
        {
            return Problems.ToResult(DomainError.NotFound("key-not-found", "No API key has this id."));
        }

        var revoked = await grains.Directory().Revoke(keyId);
        return revoked.Succeeded ? TypedResults.NoContent() : Problems.ToResult(revoked.Error);
    }

    /// <summary>
    /// A key's name goes into status history and logs, where it must read as what it is: plain
    /// ASCII, so that no control character, look-alike letter or invisible mark can imitate
    /// another name, and none of the names the service records itself.
    /// </summary>
    private static DomainError? CheckKeyName(string? name)
    {
        if (ProjectsApi.CheckName(name) is { } invalid)
        {
            return invalid;
        }

        var trimmed = name!.Trim();
        if (!trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or '@' or ':'))
        {
            return DomainError.Invalid(
                "invalid-name",
                "'name' may hold only ASCII letters, digits, spaces and '-', '_', '.', '@' or ':'.",
                "name");
        }

        return ReservedNames.Contains(trimmed, StringComparer.OrdinalIgnoreCase)
            ? DomainError.Invalid(
                "reserved-name", $"'{trimmed}' is a name the service itself records; choose another.", "name")
            : null;
    }

    private static DomainError? CheckProjects(List<string>? projects)
    {
        if (projects is null)
        {
            return null;
        }

        if (projects.Count is 0 or > MaxProjectsPerKey)
        {
            return DomainError.Invalid(
                "invalid-projects",
                $"'projects' must list 1 to {MaxProjectsPerKey} projects; leave it out for all projects.",
                "projects");
        }

        return projects.Select((p, i) => Identifiers.Check(p, $"projects[{i}]")).FirstOrDefault(e => e is not null);
    }
}
