using Campaigns.Abstractions.Calls;

namespace Campaigns.Grains.Domain;

/// <summary>Which outcomes reached a person or a line, and so count toward Total Time Spent.</summary>
public static class CallAccounting
{
    public static bool IsConnected(OutcomeStatus status) =>
        status is not (OutcomeStatus.Busy or OutcomeStatus.IssueDialing or OutcomeStatus.Failed);

    /// <summary>Busy, Issue Dialing and Failed add nothing, whatever duration they report.</summary>
    public static long TimeSpentMs(OutcomeStatus status, long durationMs) =>
        IsConnected(status) ? durationMs : 0;
}
