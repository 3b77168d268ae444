using System.Net.Http.Json;
using System.Text.Json;
using Campaigns.Gateway;
using Campaigns.Grains.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Campaigns.Tests.Support;

/// <summary>
/// The real gateway, with its co-hosted silo, listening on a loopback port of its own,
/// over a SQLite file that outlives the host so that restarts can be tested.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;

    private GatewayHost(WebApplication app)
    {
        _app = app;
        Client = NewClient(TestKeys.Admin);
    }

    /// <summary>A client that sends the admin key.</summary>
    public HttpClient Client { get; }

    public Uri Address => new(_app.Addresses()[0] + "/");

    public IServiceProvider Services => _app.Services;

    public static async Task<GatewayHost> StartAsync(
        TestDatabase database, Action<WebApplicationBuilder>? configure = null)
    {
        var settings = database.Settings();
        settings["Urls"] = "http://127.0.0.1:0";
        settings["Campaigns:Silo:SiloPort"] = FreePort.Next().ToString();
        settings["Campaigns:Silo:GatewayPort"] = FreePort.Next().ToString();
        settings["Logging:LogLevel:Default"] = "Warning";
        settings[TestKeys.AdminVariable] = TestKeys.Admin;
        var app = GatewayApplication.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new GatewayHost(app);
    }

    /// <summary>A client of its own that sends <paramref name="key"/>, or no key at all.</summary>
    public HttpClient NewClient(string? key)
    {
        var client = new HttpClient { BaseAddress = Address };
        return key is null ? client : client.As(key);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One gateway shared by a collection of HTTP tests; each test uses its own project.</summary>
public abstract class GatewayFixture(StorageProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public GatewayHost Host { get; private set; } = null!;

    public HttpClient Client => Host.Client;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        Host = await GatewayHost.StartAsync(_database);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _database.DisposeAsync();
    }
}

public sealed class SqliteGatewayFixture() : GatewayFixture(StorageProvider.Sqlite);

public sealed class PostgresGatewayFixture() : GatewayFixture(StorageProvider.PostgreSql);

[CollectionDefinition(Name)]
public sealed class SqliteGatewayCollection : ICollectionFixture<SqliteGatewayFixture>
{
    public const string Name = "gateway on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresGatewayCollection : ICollectionFixture<PostgresGatewayFixture>
{
    public const string Name = "gateway on PostgreSQL";
}

public static class HttpClientExtensions
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string route, object body) =>
        client.PostAsJsonAsync(route, body, GatewayHost.Json);

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(GatewayHost.Json);

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string route)
    {
        using var response = await client.GetAsync(route);
        Assert.True(response.IsSuccessStatusCode, $"GET {route} answered {(int)response.StatusCode}");
        return await response.ReadJsonAsync();
    }
}
