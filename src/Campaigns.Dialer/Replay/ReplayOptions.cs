namespace Campaigns.Dialer.Replay;

public sealed record ReplayOptions
{
    public Uri Gateway { get; init; } = new("http://127.0.0.1:5080");
    public string ProjectId { get; init; } = "bank";
    public int Workers { get; init; } = 8;
    public int BatchSize { get; init; } = 100;

    /// <summary>Fraction of acknowledged batches sent once more, as a dialer does after a lost reply.</summary>
    public double Resend { get; init; } = 0.02;

    /// <summary>The API key sent as <c>Authorization: Bearer</c>; replay creates projects, so an admin key.</summary>
    public string? ApiKey { get; init; } = ApiKeys.FromEnvironment();

    public int MaxAttempts { get; init; } = 20;
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public bool Quiet { get; init; }
}
