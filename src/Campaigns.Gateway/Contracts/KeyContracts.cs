namespace Campaigns.Gateway.Contracts;

/// <param name="Projects">The projects the key may touch; leave it out for all of them.</param>
public sealed record CreateKeyRequest(string? Name, string? Role, List<string>? Projects);

/// <summary>A key as listed: everything but its value.</summary>
public sealed record KeyResponse(
    string Id,
    string Name,
    string Role,
    IReadOnlyList<string>? Projects,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? RevokedAt);

/// <summary>A key just issued: the one response that carries its value.</summary>
public sealed record IssuedKeyResponse(
    string Id,
    string Name,
    string Role,
    IReadOnlyList<string>? Projects,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string Key);
