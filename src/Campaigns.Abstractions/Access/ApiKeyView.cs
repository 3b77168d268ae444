namespace Campaigns.Abstractions.Access;

/// <summary>What is known about an API key, never its value.</summary>
/// <param name="Projects">The projects the key may touch, or null for all of them.</param>
[GenerateSerializer, Immutable, Alias("campaigns.ApiKeyView")]
public sealed record ApiKeyView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] ApiRole Role,
    [property: Id(3)] IReadOnlyList<string>? Projects,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] DateTimeOffset? RevokedAt = null)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>A key to issue: its description and the SHA-256 hash of its value, which is all that is stored.</summary>
[GenerateSerializer, Immutable, Alias("campaigns.NewApiKey")]
public sealed record NewApiKey(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] ApiRole Role,
    [property: Id(3)] IReadOnlyList<string>? Projects,
    [property: Id(4)] string CreatedBy,
    [property: Id(5)] byte[] ValueHash);
