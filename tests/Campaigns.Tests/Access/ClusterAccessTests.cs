using System.Net;
using System.Text.RegularExpressions;
using Campaigns.Grains.Persistence;
using Campaigns.Tests.Cluster;
using Campaigns.Tests.Support;

namespace Campaigns.Tests.Access;

/// <summary>Keys as a deployment sees them: several gateway processes, restarts, a first start.</summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed partial class ClusterAccessTests
{
    [Fact]
    public async Task A_revoked_key_stops_working_at_once_on_every_gateway()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var cluster = await SiloCluster.StartAsync(database, silos: 1, gateways: 2);
        var admin = cluster.Gateways[0].Client;
        using (var project = await admin.PostJsonAsync("projects", new { id = "tenant", name = "Tenant" }))
        {
            Assert.Equal(HttpStatusCode.Created, project.StatusCode);
        }

        using var issued = await admin.PostJsonAsync(
            "keys", new { name = "dialer-1", role = "dialer", projects = new[] { "tenant" } });
        var key = await issued.ReadJsonAsync();
        var dialers = cluster.Gateways
            .Select(g => new HttpClient { BaseAddress = g.Address }.As(key.GetProperty("key").GetString()!))
            .ToList();
        foreach (var dialer in dialers)
        {
            using var allowed = await dialer.GetAsync("projects/tenant");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using (var revoked = await cluster.Gateways[1].Client.DeleteAsync($"keys/{key.GetProperty("id")}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        // No wait: the very next request on either gateway is refused.
        foreach (var dialer in dialers)
        {
            using var refused = await dialer.GetAsync("projects/tenant");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("unauthenticated", (await refused.ReadJsonAsync()).Code());
            dialer.Dispose();
        }

        var listed = await admin.GetJsonAsync("keys");
        var entry = Assert.Single(listed.EnumerateArray());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, entry.GetProperty("revokedAt").ValueKind);
        Assert.False(entry.TryGetProperty("key", out _));
    }

    [Fact]
    public async Task The_first_start_prints_an_admin_key_once_and_it_keeps_working_after_a_restart()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        string key;
        await using (var first = await GatewayProcess.StartAsync(database, adminKey: null))
        {
            var printed = PrintedKey().Matches(first.Output);
            key = Assert.Single(printed).Groups[1].Value;
            using var client = new HttpClient { BaseAddress = first.Address }.As(key);
            using var created = await client.PostJsonAsync("projects", new { id = "mine", name = "Mine" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using var anonymous = new HttpClient { BaseAddress = first.Address };
            using var refused = await anonymous.GetAsync("projects");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        await using var second = await GatewayProcess.StartAsync(database, adminKey: null);
        Assert.DoesNotContain("CAMPAIGNS_KEY=", second.Output, StringComparison.Ordinal);
        using var again = new HttpClient { BaseAddress = second.Address }.As(key);
        var projects = await again.GetJsonAsync("projects");
        Assert.Equal("mine", Assert.Single(projects.EnumerateArray()).GetProperty("id").GetString());
        var history = await again.GetJsonAsync("keys");
        Assert.Equal("admin", Assert.Single(history.EnumerateArray()).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task A_gateway_refuses_to_start_with_a_weak_admin_key_and_says_so_without_a_stack_trace(string key)
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => GatewayProcess.StartAsync(database, adminKey: key));

        Assert.Contains("exited with code 2: CAMPAIGNS_ADMIN_KEY must be 32 to 512 characters", refused.Message);
        Assert.DoesNotContain("   at ", refused.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"export CAMPAIGNS_KEY=(cmk_[0-9a-f]{24}_[A-Za-z0-9_-]{43})")]
    private static partial Regex PrintedKey();
}
