namespace Campaigns.Abstractions.Access;

/// <summary>What an API key may do, within the projects of its scope.</summary>
[GenerateSerializer, Alias("campaigns.ApiRole")]
public enum ApiRole
{
    /// <summary>Reports call outcomes and reads the campaigns it dials for.</summary>
    Dialer = 0,

    /// <summary>Creates campaigns, runs their lifecycle commands and reads everything in scope.</summary>
    Operator = 1,

    /// <summary>Everything, including projects and API keys.</summary>
    Admin = 2,
}
