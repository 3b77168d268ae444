using Campaigns.Abstractions.Common;

namespace Campaigns.Abstractions.Access;

/// <summary>
/// One API key, keyed by its id. It holds the hash of the key's value and answers
/// every authentication for that key, so a revocation holds for every gateway at once.
/// </summary>
[Alias("campaigns.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    [Alias("Issue")]
    Task<Reply<ApiKeyView>> Issue(NewApiKey key);

    /// <summary>The key, when it exists, is not revoked and its value hashes to <paramref name="valueHash"/>.</summary>
    [Alias("Verify"), ReadOnly]
    Task<ApiKeyView?> Verify(byte[] valueHash);

    [Alias("Revoke")]
    Task<Reply<ApiKeyView>> Revoke();
}

/// <summary>The list of every API key, for listing and for the first start's admin key.</summary>
[Alias("campaigns.IApiKeyDirectoryGrain")]
public interface IApiKeyDirectoryGrain : IGrainWithStringKey
{
    const string Key = "all";

    [Alias("Issue")]
    Task<Reply<ApiKeyView>> Issue(NewApiKey key);

    /// <summary>Issues the key only when no key was ever issued; answers whether it did.</summary>
    [Alias("IssueFirst")]
    Task<bool> IssueFirst(NewApiKey key);

    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<ApiKeyView>> List();

    /// <summary>The listed key with this id, or null.</summary>
    [Alias("Find"), ReadOnly]
    Task<ApiKeyView?> Find(string id);

    [Alias("Revoke")]
    Task<Reply<ApiKeyView>> Revoke(string id);
}
