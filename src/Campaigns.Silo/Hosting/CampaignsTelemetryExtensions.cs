using Campaigns.Grains.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Campaigns.Silo.Hosting;

/// <summary>
/// Traces, metrics and logs for every host of the product, wired once.
///
/// Export follows the standard OTEL_* settings (environment variables or any other
/// configuration source): OTLP is on when OTEL_EXPORTER_OTLP_ENDPOINT is set, and
/// OTEL_SERVICE_NAME names the service. <c>Campaigns:Telemetry:Console=true</c> also
/// prints spans, metrics and log records on the console for local runs.
/// </summary>
public static class CampaignsTelemetryExtensions
{
    /// <summary>Orleans' own activity sources: grain calls on both ends, and grain storage.</summary>
    public static readonly string[] OrleansSources =
        ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage"];

    public const string ConsoleKey = "Campaigns:Telemetry:Console";

    public static OpenTelemetryBuilder AddCampaignsTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var configuration = builder.Configuration;
        builder.Logging
            .Configure(options =>
                options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId)
            .AddSimpleConsole(options =>
            {
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                options.UseUtcTimestamp = true;
                options.IncludeScopes = true;
            })
            .AddFilter("Orleans", LogLevel.Warning)
            .AddFilter("Polly", LogLevel.Warning);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? serviceName))
            .WithTracing(tracing => tracing
                .AddSource(CampaignsTelemetry.Name)
                .AddSource(OrleansSources)
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(CampaignsTelemetry.Name, "Microsoft.Orleans")
                .AddRuntimeInstrumentation())
            .WithLogging(logging => { }, options => options.IncludeFormattedMessage = true);

        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        if (configuration.GetValue(ConsoleKey, false))
        {
            telemetry
                .WithTracing(tracing => tracing.AddConsoleExporter())
                .WithMetrics(metrics => metrics.AddConsoleExporter())
                .WithLogging(logging => logging.AddConsoleExporter());
        }

        return telemetry;
    }
}
