using Campaigns.Abstractions.Access;
using Campaigns.Abstractions.Common;
using Campaigns.Grains.Persistence;

namespace Campaigns.Grains.Access;

/// <summary>
/// Lists the keys and keeps their names unique, so that status history names one key. Each
/// key's own grain is the authority on whether it works: a key is written there first, so a
/// failure in between leaves at worst a key nobody has seen.
/// </summary>
public sealed class ApiKeyDirectoryGrain(
    [PersistentState("api-key-directory", StorageOptions.ProviderName)]
    IPersistentState<ApiKeyDirectoryState> state) : Grain, IApiKeyDirectoryGrain
{
    /// <summary>
    /// Keys not revoked, at most; the quota is the deployment's, so a scoped admin can use it up.
    /// Known cost: every issue and revocation rewrites the whole list, so its time grows with the
    /// number of keys; this bound and <see cref="MaxRevokedListed"/> keep the list to 2,000 entries.
    /// </summary>
    public const int MaxActiveKeys = 1000;

    /// <summary>
    /// Revoked keys listed, at most; older ones leave the list (their own grains still refuse them),
    /// so that issuing and revoking forever does not grow the list forever.
    /// </summary>
    public const int MaxRevokedListed = 1000;

    public async Task<Reply<ApiKeyView>> Issue(NewApiKey key)
    {
        if (state.State.Keys.Values.Any(k => string.Equals(k.Name, key.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return DomainError.Conflict("key-name-taken", "Another key, maybe revoked, has this name.", "name");
        }

        if (state.State.Keys.Values.Count(k => !k.IsRevoked) >= MaxActiveKeys)
        {
            return DomainError.Conflict(
                "too-many-keys", $"At most {MaxActiveKeys} keys may be in use at once; revoke some first.");
        }

        var issued = await GrainFactory.GetGrain<IApiKeyGrain>(key.Id).Issue(key);
        if (issued.Succeeded)
        {
            await RememberAsync(issued.Value);
        }

        return issued;
    }

    public async Task<bool> IssueFirst(NewApiKey key) =>
        state.State.Keys.Count == 0 && (await Issue(key)).Succeeded;

    public Task<IReadOnlyList<ApiKeyView>> List() =>
        Task.FromResult<IReadOnlyList<ApiKeyView>>(
            [.. state.State.Keys.Values.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal)]);

    public Task<ApiKeyView?> Find(string id) => Task.FromResult(state.State.Keys.GetValueOrDefault(id));

    public async Task<Reply<ApiKeyView>> Revoke(string id)
    {
        if (!state.State.Keys.TryGetValue(id, out var listed))
        {
            return DomainError.NotFound("key-not-found", "No API key has this id.");
        }

        // The key's grain first: once it has answered, the key no longer works, whatever happens here.
        var revoked = await GrainFactory.GetGrain<IApiKeyGrain>(id).Revoke();
        if (revoked.Succeeded && !listed.IsRevoked)
        {
            ForgetOldestRevoked();
            await RememberAsync(revoked.Value);
        }

        return revoked;
    }

    private void ForgetOldestRevoked()
    {
        var revoked = state.State.Keys.Values.Where(k => k.IsRevoked).OrderBy(k => k.RevokedAt).ToList();
        foreach (var key in revoked.Take(revoked.Count - MaxRevokedListed + 1))
        {
            state.State.Keys.Remove(key.Id);
        }
    }

    private async Task RememberAsync(ApiKeyView key)
    {
        state.State.Keys[key.Id] = key;
        await state.WriteStateAsync();
    }
}
