namespace Campaigns.Gateway.Contracts;

/// <summary>Durations travel as decimal seconds and are kept as whole milliseconds.</summary>
public static class Seconds
{
    public static decimal FromMilliseconds(long milliseconds) => milliseconds / 1000m;

    /// <summary>Rounds to the nearest millisecond, half away from zero.</summary>
    public static long ToMilliseconds(decimal seconds) =>
        (long)decimal.Round(seconds * 1000m, MidpointRounding.AwayFromZero);
}
