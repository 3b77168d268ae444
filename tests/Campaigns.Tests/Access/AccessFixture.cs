using System.Net;
using System.Text.Json;
using Campaigns.Grains.Persistence;
using Campaigns.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Campaigns.Tests.Access;

/// <summary>
/// One gateway with two projects, <c>alpha</c> and <c>beta</c>, and a key of each role scoped to
/// alpha and to every project, issued through <c>POST /keys</c> as an administrator would.
/// </summary>
public sealed class AccessFixture : IAsyncLifetime
{
    public const string Alpha = "alpha";
    public const string Beta = "beta";

    private TestDatabase _database = null!;

    public GatewayHost Host { get; private set; } = null!;

    public HttpClient Admin => Host.Client;

    /// <summary>Key values by caller name, e.g. <c>dialer@alpha</c>.</summary>
    public Dictionary<string, string> Keys { get; } = [];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        // The table sends hundreds of requests with one admin key, and hundreds of bad keys from one
        // address; the rate limits have tests of their own.
        Host = await GatewayHost.StartAsync(
            _database,
            builder => builder.Configuration.AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Campaigns:RateLimit:PermitsPerSecond"] = "0",
                    ["Campaigns:RateLimit:FailedKeysPerSecond"] = "0",
                }));
        foreach (var project in new[] { Alpha, Beta })
        {
            using var created = await Admin.PostJsonAsync("projects", new { id = project, name = project });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        foreach (var role in new[] { "dialer", "operator", "admin" })
        {
            Keys[$"{role}@alpha"] = await IssueAsync($"{role}-alpha", role, [Alpha]);
            Keys[$"{role}@all"] = await IssueAsync($"{role}-all", role, null);
        }
    }

    /// <summary>Issues a key and answers its value.</summary>
    public async Task<string> IssueAsync(string name, string role, string[]? projects) =>
        (await IssueWithIdAsync(name, role, projects)).Key;

    public async Task<(string Id, string Key)> IssueWithIdAsync(string name, string role, string[]? projects)
    {
        using var response = await Admin.PostJsonAsync("keys", new { name, role, projects });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    public HttpClient ClientFor(string? key) => Host.NewClient(key);

    /// <summary>
    /// What an administrator can read about the stored state: projects, keys, every campaign of
    /// both projects with its status and counters, and the history and calls of <paramref name="campaign"/>.
    /// </summary>
    public async Task<string> SnapshotAsync(string? project = null, string? campaign = null)
    {
        var parts = new List<string>
        {
            (await Admin.GetJsonAsync("projects")).GetRawText(),
            (await Admin.GetJsonAsync("keys")).GetRawText(),
            (await Admin.GetJsonAsync($"projects/{Alpha}/campaigns")).GetRawText(),
            (await Admin.GetJsonAsync($"projects/{Beta}/campaigns")).GetRawText(),
        };
        if (project is not null && campaign is not null)
        {
            var route = $"projects/{project}/campaigns/{campaign}";
            parts.Add((await Admin.GetJsonAsync($"{route}/history")).GetRawText());
            parts.Add((await Admin.GetJsonAsync($"{route}/calls?limit=500")).GetRawText());
        }

        return string.Join('\n', parts);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _database.DisposeAsync();
    }
}

public static class JsonElementExtensions
{
    public static string? Code(this JsonElement problem) =>
        problem.TryGetProperty("code", out var code) ? code.GetString() : null;
}
