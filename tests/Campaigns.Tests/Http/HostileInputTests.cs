using System.Net;
using System.Text;
using Campaigns.Tests.Support;

namespace Campaigns.Tests.Http;

/// <summary>
/// Every kind of bad request a dialer or script can send gets the right problem
/// response and leaves the stored state exactly as it was.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HostileInputTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const string Project = "hostile";
    private const string Outcomes = $"projects/{Project}/campaigns/running/outcomes";

    private static readonly string LongId = new('a', 129);
    private static readonly string HugeInteraction = $$"""{"summary":"{{new string('x', 20_000)}}"}""";

    public static TheoryData<string, string, string?, HttpStatusCode, string?> Cases => new()
    {
        { "POST", Outcomes, """{"callId":""", HttpStatusCode.BadRequest, "invalid-json" },
        { "POST", Outcomes, "null", HttpStatusCode.BadRequest, "invalid-json" },
        { "POST", Outcomes, """{"callId":5,"status":"Completed","durationSeconds":1}""", HttpStatusCode.BadRequest, "invalid-json" },
        { "POST", Outcomes, """{"callId":"x","status":"Answered","durationSeconds":1}""", HttpStatusCode.BadRequest, "unknown-status" },
        { "POST", Outcomes, """{"callId":"x","status":3,"durationSeconds":1}""", HttpStatusCode.BadRequest, "unknown-status" },
        { "POST", Outcomes, """{"callId":"x","status":"3","durationSeconds":1}""", HttpStatusCode.BadRequest, "unknown-status" },
        { "POST", Outcomes, """{"callId":"x","status":"Completed","durationSeconds":-1}""", HttpStatusCode.BadRequest, "invalid-duration" },
        { "POST", Outcomes, """{"callId":"x","status":"Completed","durationSeconds":86400.001}""", HttpStatusCode.BadRequest, "invalid-duration" },
        { "POST", Outcomes, """{"callId":"x","status":"Completed","durationSeconds":1e30}""", HttpStatusCode.BadRequest, "invalid-json" },
        { "POST", Outcomes, """{"callId":"x","status":"Completed","durationSeconds":"12"}""", HttpStatusCode.BadRequest, "invalid-json" },
        { "POST", Outcomes, """{"callId":"x","status":"Completed","durationSeconds":"abc"}""", HttpStatusCode.BadRequest, "invalid-json" },
        { "POST", Outcomes, """{"status":"Completed","durationSeconds":1}""", HttpStatusCode.BadRequest, "missing-field" },
        { "POST", Outcomes, """{"callId":"x","durationSeconds":1}""", HttpStatusCode.BadRequest, "missing-field" },
        { "POST", Outcomes, """{"callId":"x","status":"Busy"}""", HttpStatusCode.BadRequest, "missing-field" },
        { "POST", Outcomes, $$"""{"callId":"x","status":"Busy","durationSeconds":1,"interaction":{{HugeInteraction}}}""", HttpStatusCode.BadRequest, "interaction-too-large" },
        { "POST", Outcomes, """{"callId":"x","status":"Busy","durationSeconds":1,"interaction":[1,2]}""", HttpStatusCode.BadRequest, "invalid-interaction" },
        { "POST", Outcomes, $$"""{"callId":"{{LongId}}","status":"Busy","durationSeconds":1}""", HttpStatusCode.BadRequest, "invalid-id" },
        { "POST", Outcomes, """{"callId":"a b","status":"Busy","durationSeconds":1}""", HttpStatusCode.BadRequest, "invalid-id" },
        { "POST", Outcomes, """{"callId":"x","status":"Busy","durationSeconds":1,"contactId":"<script>"}""", HttpStatusCode.BadRequest, "invalid-id" },
        { "POST", Outcomes, """{"callId":"x","status":"Busy","durationSeconds":1,"startedAt":"yesterday"}""", HttpStatusCode.BadRequest, "invalid-json" },
        { "POST", Outcomes, """{"callId":"x","status":"Busy","durationSeconds":1,"startedAt":"2999-01-01T00:00:00Z"}""", HttpStatusCode.BadRequest, "started-in-future" },
        { "POST", Outcomes, """{"callId":"first","status":"Busy","durationSeconds":1}""", HttpStatusCode.Conflict, "call-conflict" },
        { "POST", $"projects/{Project}/campaigns/idle/outcomes", """{"callId":"x","status":"Busy","durationSeconds":1}""", HttpStatusCode.Conflict, "campaign-not-started" },
        { "POST", $"projects/{Project}/campaigns/nope/outcomes", """{"callId":"x","status":"Busy","durationSeconds":1}""", HttpStatusCode.NotFound, "campaign-not-found" },
        { "POST", "projects/nope/campaigns/running/outcomes", """{"callId":"x","status":"Busy","durationSeconds":1}""", HttpStatusCode.NotFound, "campaign-not-found" },
        { "POST", $"{Outcomes}/batch", """{"outcomes":[]}""", HttpStatusCode.BadRequest, "missing-field" },
        { "POST", $"{Outcomes}/batch", """{"outcomes":{}}""", HttpStatusCode.BadRequest, "invalid-json" },
        { "POST", $"{Outcomes}/batch", $$"""{"outcomes":[{{string.Join(",", Enumerable.Repeat("{}", 1001))}}]}""", HttpStatusCode.BadRequest, "batch-too-large" },
        { "GET", "projects/nope", null, HttpStatusCode.NotFound, "project-not-found" },
        { "GET", $"projects/{LongId}", null, HttpStatusCode.BadRequest, "invalid-id" },
        { "GET", $"projects/{Project}/campaigns/nope", null, HttpStatusCode.NotFound, "campaign-not-found" },
        { "GET", $"projects/{Project}/campaigns?status=7", null, HttpStatusCode.BadRequest, "unknown-status" },
        { "GET", $"projects/{Project}/campaigns/running/calls?limit=0", null, HttpStatusCode.BadRequest, "invalid-limit" },
        { "GET", $"projects/{Project}/campaigns/running/calls?limit=ten", null, HttpStatusCode.BadRequest, "invalid-limit" },
        { "GET", $"projects/{Project}/campaigns/running/calls?cursor=bogus", null, HttpStatusCode.BadRequest, "invalid-cursor" },
        { "GET", $"projects/{Project}/campaigns/running/calls?from=soon", null, HttpStatusCode.BadRequest, "invalid-time" },
        { "GET", $"projects/{Project}/analytics?to=later", null, HttpStatusCode.BadRequest, "invalid-time" },
        { "POST", $"projects/{Project}/campaigns/ended/start", null, HttpStatusCode.Conflict, "lifecycle-conflict" },
        { "POST", $"projects/{Project}/campaigns/idle/pause", """{"reason":"why"}""", HttpStatusCode.Conflict, "lifecycle-conflict" },
        { "POST", $"projects/{Project}/campaigns/running/pause", "{}", HttpStatusCode.BadRequest, "invalid-reason" },
        { "POST", $"projects/{Project}/campaigns/running/end", """{"reason":"   "}""", HttpStatusCode.BadRequest, "invalid-reason" },
        { "POST", $"projects/{Project}/campaigns/nope/start", null, HttpStatusCode.NotFound, "campaign-not-found" },
        { "POST", $"projects/{Project}/campaigns", """{"id":"new","name":""}""", HttpStatusCode.BadRequest, "invalid-name" },
        { "POST", $"projects/{Project}/campaigns", """{"id":"bad id!","name":"x"}""", HttpStatusCode.BadRequest, "invalid-id" },
        { "POST", $"projects/{Project}/campaigns", """{"id":"new","name":"x","plannedCalls":-1}""", HttpStatusCode.BadRequest, "invalid-planned-calls" },
        { "POST", $"projects/{Project}/campaigns", """{"id":"new","name":"x","plannedCalls":"10"}""", HttpStatusCode.BadRequest, "invalid-json" },
        { "POST", $"projects/{Project}/campaigns", """{"id":"running","name":"another name"}""", HttpStatusCode.Conflict, "campaign-exists" },
        { "POST", "projects/nope/campaigns", """{"id":"new","name":"x"}""", HttpStatusCode.NotFound, "project-not-found" },
        { "POST", "projects", """{"id":"hostile","name":"another name"}""", HttpStatusCode.Conflict, "project-exists" },
        { "POST", "projects", """{"name":123}""", HttpStatusCode.BadRequest, "invalid-json" },
        { "POST", $"projects/{Project}/campaigns/running/follow-ups", """{"id":"running","name":"again"}""", HttpStatusCode.Conflict, "campaign-exists" },
        { "POST", $"projects/{Project}/campaigns/running/follow-ups", """{"name":"f","statuses":["Nope"]}""", HttpStatusCode.BadRequest, "unknown-status" },
    };

    public async Task InitializeAsync()
    {
        var client = fixture.Client;
        await client.PostJsonAsync("projects", new { id = Project, name = "Hostile" });
        foreach (var id in new[] { "running", "idle", "ended" })
        {
            await client.PostJsonAsync($"projects/{Project}/campaigns", new { id, name = id });
        }

        await client.PostAsync($"projects/{Project}/campaigns/running/start", null);
        await client.PostJsonAsync($"projects/{Project}/campaigns/ended/end", new { reason = "test" });
        await client.PostJsonAsync(Outcomes, new { callId = "first", status = "Completed", durationSeconds = 3 });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileRequestsGetAProblemAndChangeNothing(
        string method, string route, string? body, HttpStatusCode expected, string? code)
    {
        var before = await SnapshotAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), route);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal($"urn:campaigns:problem:{code}", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("Exception", problem.GetRawText());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsRefusedAsUnsupported()
    {
        using var content = new StringContent("callId=x", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await fixture.Client.PostAsync(Outcomes, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Everything a refused request could have touched, as the API shows it.</summary>
    private async Task<string> SnapshotAsync()
    {
        var client = fixture.Client;
        var parts = new List<string>
        {
            (await client.GetJsonAsync("projects")).GetRawText(),
            (await client.GetJsonAsync($"projects/{Project}/campaigns")).GetRawText(),
            (await client.GetJsonAsync($"projects/{Project}/campaigns/running/calls?limit=500")).GetRawText(),
            (await client.GetJsonAsync($"projects/{Project}/campaigns/running/history")).GetRawText(),
        };
        return string.Join("\n", parts);
    }
}
