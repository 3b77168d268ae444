using System.Collections.Concurrent;
using System.Text;
using Campaigns.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Campaigns.Tests.Telemetry;

/// <summary>The gateway, as its own process, exports where the standard OTEL_* variables tell it to.</summary>
public sealed class ExporterSettingsTests : IAsyncLifetime
{
    private const string ServiceName = "campaigns-exporter-test";

    private readonly ConcurrentBag<(string Path, byte[] Body)> _received = [];
    private readonly SqliteDatabase _database = new();
    private WebApplication _collector = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _collector = builder.Build();
        _collector.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            _received.Add((context.Request.Path, body.ToArray()));
            return Results.Ok();
        });
        await _collector.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _collector.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task TracesGoToTheOtlpEndpointNamedByTheStandardEnvironmentVariables()
    {
        var settings = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Urls.First(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = ServiceName,
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        };
        await using var gateway = await GatewayProcess.StartAsync(_database, settings);

        await gateway.Client.PostJsonAsync("projects", new { id = "exported", name = "Exported" });

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Exported("/v1/traces") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(Exported("/v1/traces"), "no trace naming the service reached the OTLP endpoint");
    }

    private bool Exported(string path) => _received.Any(r =>
        r.Path == path && Encoding.UTF8.GetString(r.Body).Contains(ServiceName, StringComparison.Ordinal));
}
