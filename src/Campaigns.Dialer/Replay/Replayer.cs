using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Campaigns.Dialer.Replay;

/// <summary>Per-campaign totals as the gateway reports them after a replay.</summary>
public sealed record CampaignTotals(
    string CampaignId, string Status, long Attempts, IReadOnlyDictionary<string, long> Outcomes, decimal TimeSpent);

public sealed record ReplayReport(ReplayTally Tally, IReadOnlyList<CampaignTotals> Campaigns, TimeSpan Elapsed)
{
    public long Calls => Campaigns.Sum(c => c.Attempts);

    public decimal TimeSpent => Campaigns.Sum(c => c.TimeSpent);

    public long Count(string status) => Campaigns.Sum(c => c.Outcomes.GetValueOrDefault(status));
}

/// <summary>Pushes calls through the gateway as a fleet of dialers does: concurrent, batched, retrying.</summary>
public sealed class Replayer(HttpClient http, ReplayOptions options, TextWriter output)
{
    public async Task<ReplayReport> RunAsync(IReadOnlyList<CallRow> rows, CancellationToken cancellationToken)
    {
        var tally = new ReplayTally();
        var client = new GatewayClient(http, options, tally);
        var clock = Stopwatch.StartNew();
        var campaigns = rows.GroupBy(r => r.CampaignId).ToList();

        await client.EnsureProjectAsync(options.ProjectId, cancellationToken);
        foreach (var campaign in campaigns)
        {
            await client.EnsureCampaignStartedAsync(
                options.ProjectId, campaign.Key, campaign.Count(), cancellationToken);
        }

        var batches = Channel.CreateBounded<(string CampaignId, CallRow[] Rows)>(options.Workers * 4);
        var workers = Enumerable.Range(0, options.Workers)
            .Select(_ => WorkAsync(client, tally, batches.Reader, cancellationToken))
            .ToList();
        using var progress = StartProgress(tally, rows.Count, clock);

        foreach (var campaign in campaigns)
        {
            foreach (var chunk in campaign.Chunk(options.BatchSize))
            {
                await batches.Writer.WriteAsync((campaign.Key, chunk), cancellationToken);
            }
        }

        batches.Writer.Complete();
        await Task.WhenAll(workers);
        await progress.DisposeAsync();
        if (!options.Quiet)
        {
            await output.WriteLineAsync();
        }

        var totals = new List<CampaignTotals>();
        foreach (var campaign in campaigns)
        {
            totals.Add(ToTotals(await client.GetCampaignAsync(options.ProjectId, campaign.Key, cancellationToken)));
        }

        return new ReplayReport(tally, totals, clock.Elapsed);
    }

    private async Task WorkAsync(
        GatewayClient client,
        ReplayTally tally,
        ChannelReader<(string CampaignId, CallRow[] Rows)> batches,
        CancellationToken cancellationToken)
    {
        await foreach (var (campaignId, chunk) in batches.ReadAllAsync(cancellationToken))
        {
            tally.AddSent(chunk.Length);
            await client.SendBatchAsync(options.ProjectId, campaignId, chunk, cancellationToken);
            if (Random.Shared.NextDouble() < options.Resend)
            {
                tally.AddSent(chunk.Length);
                await client.SendBatchAsync(options.ProjectId, campaignId, chunk, cancellationToken);
            }
        }
    }

    private Timer StartProgress(ReplayTally tally, int total, Stopwatch clock) => new(_ =>
    {
        if (options.Quiet)
        {
            return;
        }

        var rate = tally.Sent / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r{tally.Sent:N0} sent of {total:N0} calls, {rate:N0}/s; accepted {tally.Accepted:N0}, "
            + $"duplicate {tally.Duplicates:N0}, refused {tally.Refused:N0}, retries {tally.Retries:N0}   "));
    }, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));

    private static CampaignTotals ToTotals(JsonObject campaign) => new(
        campaign["id"]!.GetValue<string>(),
        campaign["status"]!.GetValue<string>(),
        campaign["attempts"]!.GetValue<long>(),
        campaign["outcomes"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<long>()),
        campaign["totalTimeSpentSeconds"]!.GetValue<decimal>());
}
