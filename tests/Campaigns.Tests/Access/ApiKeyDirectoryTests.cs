using Campaigns.Abstractions.Access;
using Campaigns.Grains.Access;
using Campaigns.Tests.Support;

namespace Campaigns.Tests.Access;

/// <summary>The key list stays bounded however many keys are issued and revoked over time.</summary>
public sealed class ApiKeyDirectoryTests(SqliteClusterFixture fixture) : IClassFixture<SqliteClusterFixture>
{
    [Fact]
    public async Task Old_revoked_keys_leave_the_list_while_their_grains_still_refuse_them()
    {
        var directory = fixture.Grains.GetGrain<IApiKeyDirectoryGrain>("bounded");
        var first = new NewApiKey("first", "first", ApiRole.Dialer, null, "test", [1, 2, 3]);
        Assert.True((await directory.Issue(first)).Succeeded);
        Assert.True((await directory.Revoke("first")).Succeeded);

        for (var i = 0; i < ApiKeyDirectoryGrain.MaxRevokedListed; i++)
        {
            var key = new NewApiKey($"k{i}", $"k{i}", ApiRole.Dialer, null, "test", [4]);
            Assert.True((await directory.Issue(key)).Succeeded);
            Assert.True((await directory.Revoke(key.Id)).Succeeded);
        }

        var listed = await directory.List();
        Assert.Equal(ApiKeyDirectoryGrain.MaxRevokedListed, listed.Count);
        Assert.DoesNotContain(listed, k => k.Id == "first");
        Assert.Null(await fixture.Grains.GetGrain<IApiKeyGrain>("first").Verify([1, 2, 3]));
    }
}
