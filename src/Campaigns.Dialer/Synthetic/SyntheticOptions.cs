using Campaigns.Dialer.Replay;

namespace Campaigns.Dialer.Synthetic;

/// <summary>How synthetic load is shaped: where it goes, how wide, how fast and for how long.</summary>
public sealed record SyntheticOptions
{
    public Uri Gateway { get; init; } = new("http://127.0.0.1:5080/");
    public string ProjectId { get; init; } = "synthetic";

    /// <summary>The API key sent as <c>Authorization: Bearer</c>; setup creates a project, so an admin key.</summary>
    public string? ApiKey { get; init; } = ApiKeys.FromEnvironment();

    /// <summary>Outcomes are spread round-robin over this many campaigns.</summary>
    public int Campaigns { get; init; } = 1000;

    /// <summary>Campaign ids are this prefix and a number; by default each run has campaigns of its own.</summary>
    public string? CampaignPrefix { get; init; }

    /// <summary>Requests in flight at once.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Outcomes per request; 1 uses the single-outcome route.</summary>
    public int BatchSize { get; init; } = 1;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Stops after sending this many outcomes, if that comes before the end of the duration.</summary>
    public long? Outcomes { get; init; }

    /// <summary>Outcomes per second to aim at; 0 sends as fast as answers come back.</summary>
    public double Rate { get; init; }

    /// <summary>Prefixes every call id, so that two runs never send the same call.</summary>
    public string RunId { get; init; } = Guid.NewGuid().ToString("N")[..8];

    public int MaxAttempts { get; init; } = 10;

    public string CampaignId(int index) => $"{CampaignPrefix ?? RunId + "-"}{index:D5}";
}
