namespace Campaigns.Abstractions.Campaigns;

/// <summary>
/// Campaign ids are scoped by their project, so a campaign grain is keyed by both.
/// Ids never contain '/', which keeps the compound key unambiguous.
/// </summary>
public static class CampaignKey
{
    public static string Of(string projectId, string campaignId) => $"{projectId}/{campaignId}";

    public static (string ProjectId, string CampaignId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }
}
