using System.Net;
using Campaigns.Grains.Persistence;
using Campaigns.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Campaigns.Tests.Access;

public sealed class RateLimitTests
{
    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_Retry_After_while_other_keys_go_on_and_it_recovers()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var host = await GatewayHost.StartAsync(database, builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Campaigns:RateLimit:PermitsPerSecond"] = "1",
                ["Campaigns:RateLimit:Burst"] = "3",
            }));
        using var busy = host.NewClient(await IssueAsync(host, "busy"));
        using var keyless = host.NewClient(null);
        for (var i = 0; i < 6; i++)
        {
            using var probe = await keyless.GetAsync("health/ready");
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        }

        using var quiet = host.NewClient(await IssueAsync(host, "quiet"));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await busy.GetAsync("projects");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 3, 4);
            var retryAfter = limited.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
            var problem = await limited.ReadJsonAsync();
            Assert.Equal("rate-limited", problem.Code());
            Assert.Equal(429, problem.GetProperty("status").GetInt32());

            using var other = await quiet.GetAsync("projects");
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);

            await Task.Delay(retryAfter.Value + TimeSpan.FromMilliseconds(200));
        }

        using var recovered = await busy.GetAsync("projects");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task An_address_guessing_keys_gets_429_before_any_lookup_and_recovers()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var host = await GatewayHost.StartAsync(database, builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Campaigns:RateLimit:FailedKeysPerSecond"] = "1",
                ["Campaigns:RateLimit:FailedKeyBurst"] = "3",
            }));
        var valid = await IssueAsync(host, "valid");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var guess = host.NewClient($"cmk_{i:x24}_{new string('g', 43)}");
            using var response = await guess.GetAsync("projects");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.True(statuses[^1] == HttpStatusCode.TooManyRequests, string.Join(",", statuses));
        using var client = host.NewClient(valid);
        using (var blocked = await client.GetAsync("projects"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
            Assert.Equal("too-many-failed-keys", (await blocked.ReadJsonAsync()).Code());
            var wait = blocked.Headers.RetryAfter?.Delta;
            Assert.NotNull(wait);
            await Task.Delay(wait.Value + TimeSpan.FromMilliseconds(200));
        }

        using var recovered = await client.GetAsync("projects");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    private static async Task<string> IssueAsync(GatewayHost host, string name)
    {
        using var admin = host.NewClient(TestKeys.Admin);
        using var response = await admin.PostJsonAsync("keys", new { name, role = "operator" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("key").GetString()!;
    }
}
