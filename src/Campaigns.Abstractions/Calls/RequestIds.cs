namespace Campaigns.Abstractions.Calls;

/// <summary>
/// The gateway tags each HTTP request's grain calls with an id of its own
/// (through Orleans' request context). When the gateway itself repeats a call after
/// a silo failure, the stored row's id shows that the caller's request, not an
/// earlier one, stored it: the caller hears "accepted", not "duplicate".
/// </summary>
public static class RequestIds
{
    public const string ContextKey = "campaigns.request-id";

    public static string New() => Guid.NewGuid().ToString("N");
}
