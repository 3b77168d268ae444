using System.Net.Http.Headers;

namespace Campaigns.Tests.Support;

/// <summary>The admin key every test gateway is started with, as an operator would set CAMPAIGNS_ADMIN_KEY.</summary>
public static class TestKeys
{
    public const string Admin = "test-admin-key-0123456789abcdefghijklmnopqrstuvwxyz";

    public const string AdminVariable = "CAMPAIGNS_ADMIN_KEY";

    public static HttpClient As(this HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
