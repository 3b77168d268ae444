using Campaigns.Abstractions.Access;
using Campaigns.Gateway.Access;

namespace Campaigns.Gateway.Contracts;

/// <param name="Projects">The projects the key may touch; leave it out for all of them.</param>
public sealed record CreateKeyRequest(string? Name, string? Role, List<string>? Projects);

/// <summary>A key as listed: everything but its value.</summary>
public record KeyResponse(
    string Id,
    string Name,
    string Role,
    IReadOnlyList<string>? Projects,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? RevokedAt)
{
    public static KeyResponse From(ApiKeyView key) =>
        new(key.Id, key.Name, ApiKeyPrincipal.RoleName(key.Role), key.Projects, key.CreatedAt, key.CreatedBy,
            key.RevokedAt);
}

/// <summary>A key just issued: the one response that carries its value.</summary>
public sealed record IssuedKeyResponse : KeyResponse
{
    public IssuedKeyResponse(ApiKeyView key, string value)
        : base(From(key)) => Key = value;

    public string Key { get; }
}
