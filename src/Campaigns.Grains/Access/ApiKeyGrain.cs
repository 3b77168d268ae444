using System.Security.Cryptography;
using Campaigns.Abstractions.Access;
using Campaigns.Abstractions.Common;
using Campaigns.Grains.Persistence;

namespace Campaigns.Grains.Access;

public sealed class ApiKeyGrain(
    [PersistentState("api-key", StorageOptions.ProviderName)] IPersistentState<ApiKeyState> state,
    TimeProvider clock) : Grain, IApiKeyGrain
{
    public async Task<Reply<ApiKeyView>> Issue(NewApiKey key)
    {
        if (state.State.Key is { } existing)
        {
            // Only a retry of the same issue may find the key already there.
            return CryptographicOperations.FixedTimeEquals(state.State.ValueHash, key.ValueHash)
                ? existing
                : DomainError.Conflict("key-exists", "A key with this id already exists.");
        }

        state.State.Key = new ApiKeyView(
            key.Id, key.Name, key.Role, key.Projects, clock.GetUtcNow(), key.CreatedBy);
        state.State.ValueHash = key.ValueHash;
        await state.WriteStateAsync();
        return state.State.Key;
    }

    public Task<ApiKeyView?> Verify(byte[] valueHash)
    {
        if (state.State.Key is null)
        {
            // Asked for a key that was never issued (a guess): do not keep it in memory.
            DeactivateOnIdle();
            return Task.FromResult<ApiKeyView?>(null);
        }

        return Task.FromResult(
            state.State.Key is { IsRevoked: false } key
            && CryptographicOperations.FixedTimeEquals(state.State.ValueHash, valueHash)
                ? key
                : null);
    }

    public async Task<Reply<ApiKeyView>> Revoke()
    {
        if (state.State.Key is not { } key)
        {
            return DomainError.NotFound("key-not-found", "No API key has this id.");
        }

        if (!key.IsRevoked)
        {
            state.State.Key = key with { RevokedAt = clock.GetUtcNow() };
            await state.WriteStateAsync();
        }

        return state.State.Key;
    }
}
