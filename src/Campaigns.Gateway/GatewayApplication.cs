using System.Text.Json.Serialization;
using Campaigns.Gateway.Access;
using Campaigns.Gateway.Campaigns;
using Campaigns.Gateway.Http;
using Campaigns.Gateway.Outcomes;
using Campaigns.Gateway.Projects;
using Campaigns.Silo.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Campaigns.Gateway;

/// <summary>
/// Builds the gateway: the REST surface and, in the embedded default, the one
/// silo it co-hosts, which keeps its state in a SQLite file. In a cluster it is
/// a pure Orleans client that finds the silos through the membership table.
/// </summary>
public static partial class GatewayApplication
{
    /// <summary>Room for a full batch of outcomes, each with the largest interaction data allowed.</summary>
    public const long MaxRequestBodyBytes = 20 * 1024 * 1024;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Settings ship beside the binary; relative data paths still resolve from where the user runs it.
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);

        var settings = CampaignsConfiguration.Read(builder.Configuration);
        if (settings.Mode == DeploymentMode.Embedded)
        {
            builder.UseOrleans(silo => silo
                .UseCampaignsClustering(builder.Configuration)
                .AddCampaigns(builder.Configuration));
        }
        else
        {
            builder.UseOrleansClient(client => client.UseCampaignsClustering(builder.Configuration));
        }

        builder.Services.AddCampaignsAccess(builder.Configuration);
        builder.AddCampaignsTelemetry("campaigns-gateway")
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(options => options.RecordException = true))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = Problems.Customize);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddOpenApi(options => options.DeclareApiKeys());
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            var json = options.SerializerOptions;
            json.NumberHandling = JsonNumberHandling.Strict;

            // A body that says "callId" twice, or "callid" beside "callId", is ambiguous: refuse it.
            json.PropertyNameCaseInsensitive = false;
            json.AllowDuplicateProperties = false;
            StatusConverters.AddTo(json);
            json.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        });

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        // Probes and the API description need no key, and a flood of keyless requests must not fail probes.
        app.MapOpenApi().AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .AllowAnonymous()
            .DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") })
            .AllowAnonymous()
            .DisableRateLimiting();
        app.MapKeysApi();
        app.MapProjectsApi();
        app.MapCampaignsApi();
        app.MapOutcomesApi();

        app.Lifetime.ApplicationStarted.Register(() => LogServing(app));
        return app;
    }

    /// <summary>The addresses the gateway listens on, once started.</summary>
    public static IReadOnlyList<string> Addresses(this WebApplication app) =>
        [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];

    private static void LogServing(WebApplication app) => LogServing(app.Logger, app.Addresses());

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaigns gateway serving on {Addresses}")]
    private static partial void LogServing(ILogger logger, IReadOnlyList<string> addresses);
}
