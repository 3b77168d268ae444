namespace Campaigns.Gateway.Http;

public static class Caller
{
    /// <summary>Who asked, as recorded in status history.</summary>
    public static string NameOf(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";
}
