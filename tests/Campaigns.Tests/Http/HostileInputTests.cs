using System.Net;
using System.Net.Sockets;
using System.Text;
using Campaigns.Gateway;
using Campaigns.Tests.Support;

using static System.Net.HttpStatusCode;

namespace Campaigns.Tests.Http;

/// <summary>
/// Every kind of bad request a dialer or script can send gets the right problem
/// response and leaves the stored state exactly as it was.
/// </summary>
public abstract class HostileInputTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const string Project = "hostile";
    private const string Outcomes = $"projects/{Project}/campaigns/running/outcomes";

    private static readonly string LongId = new('a', 129);
    private static readonly string HugeInteraction = $$"""{"summary":"{{new string('x', 20_000)}}"}""";

    public static TheoryData<string, string, string?, HttpStatusCode, string?> Cases => new()
    {
        { "POST", Outcomes, """{"callId":""", BadRequest, "invalid-json" },
        { "POST", Outcomes, "null", BadRequest, "invalid-json" },
        { "POST", Outcomes, """{"callId":5,"status":"Completed","durationSeconds":1}""",
            BadRequest, "invalid-json" },
        { "POST", Outcomes, """{"callId":"x","status":"Answered","durationSeconds":1}""",
            BadRequest, "unknown-status" },
        { "POST", Outcomes, """{"callId":"x","status":3,"durationSeconds":1}""",
            BadRequest, "unknown-status" },
        { "POST", Outcomes, """{"callId":"x","status":"3","durationSeconds":1}""",
            BadRequest, "unknown-status" },
        { "POST", Outcomes, """{"callId":"x","status":"Completed","durationSeconds":-1}""",
            BadRequest, "invalid-duration" },
        { "POST", Outcomes, """{"callId":"x","status":"Completed","durationSeconds":86400.001}""",
            BadRequest, "invalid-duration" },
        { "POST", Outcomes, """{"callId":"x","status":"Completed","durationSeconds":1e30}""",
            BadRequest, "invalid-json" },
        { "POST", Outcomes, """{"callId":"x","status":"Completed","durationSeconds":"12"}""",
            BadRequest, "invalid-json" },
        { "POST", Outcomes, """{"callId":"x","status":"Completed","durationSeconds":"abc"}""",
            BadRequest, "invalid-json" },
        { "POST", Outcomes, """{"status":"Completed","durationSeconds":1}""",
            BadRequest, "missing-field" },
        { "POST", Outcomes, """{"callId":"x","durationSeconds":1}""", BadRequest, "missing-field" },
        { "POST", Outcomes, """{"callId":"x","status":"Busy"}""", BadRequest, "missing-field" },
        { "POST", Outcomes,
            $$"""{"callId":"x","status":"Busy","durationSeconds":1,"interaction":{{HugeInteraction}}}""",
            BadRequest, "interaction-too-large" },
        { "POST", Outcomes, """{"callId":"x","status":"Busy","durationSeconds":1,"interaction":[1,2]}""",
            BadRequest, "invalid-interaction" },
        { "POST", Outcomes, $$"""{"callId":"{{LongId}}","status":"Busy","durationSeconds":1}""",
            BadRequest, "invalid-id" },
        { "POST", Outcomes, """{"callId":"a b","status":"Busy","durationSeconds":1}""",
            BadRequest, "invalid-id" },
        { "POST", Outcomes, """{"callId":"x","status":"Busy","durationSeconds":1,"contactId":"<script>"}""",
            BadRequest, "invalid-id" },
        { "POST", Outcomes, """{"callId":"x","status":"Busy","durationSeconds":1,"startedAt":"yesterday"}""",
            BadRequest, "invalid-json" },
        { "POST", Outcomes,
            """{"callId":"x","status":"Busy","durationSeconds":1,"startedAt":"2999-01-01T00:00:00Z"}""",
            BadRequest, "started-in-future" },
        { "POST", Outcomes, """{"callId":"first","status":"Busy","durationSeconds":1}""",
            Conflict, "call-conflict" },
        { "POST", $"projects/{Project}/campaigns/idle/outcomes",
            """{"callId":"x","status":"Busy","durationSeconds":1}""",
            Conflict, "campaign-not-started" },
        { "POST", $"projects/{Project}/campaigns/nope/outcomes",
            """{"callId":"x","status":"Busy","durationSeconds":1}""",
            NotFound, "campaign-not-found" },
        { "POST", "projects/nope/campaigns/running/outcomes",
            """{"callId":"x","status":"Busy","durationSeconds":1}""",
            NotFound, "campaign-not-found" },
        { "POST", Outcomes, """{"callId":"x","status":"Busy","durationSeconds":1,"interaction":{"s":"\ud800"}}""",
            BadRequest, "invalid-interaction" },
        { "POST", Outcomes, """{"callId":"x","callId":"y","status":"Busy","durationSeconds":1}""",
            BadRequest, "invalid-json" },
        { "POST", Outcomes, """{"CallId":"x","status":"Busy","durationSeconds":1}""",
            BadRequest, "missing-field" },
        { "POST", $"projects/{Project}/campaigns/ended/outcomes",
            """{"callId":"x","status":"Busy","durationSeconds":1,"startedAt":"2020-01-01T00:00:00Z"}""",
            Conflict, "campaign-finished" },
        { "POST", Outcomes, null, UnsupportedMediaType, "unsupported-media-type" },
        { "GET", "nope", null, NotFound, "route-not-found" },
        { "POST", $"projects/{Project}/campaigns/running/calls", "{}", MethodNotAllowed, "method-not-allowed" },
        { "GET", $"projects/{Project}/campaigns/running/calls?cursor=______________________", null,
            BadRequest, "invalid-cursor" },
        { "GET", $"projects/{Project}/campaigns/running/calls?cursor=AAAAAAAAAAAAAAAAAAAAAB", null,
            BadRequest, "invalid-cursor" },
        { "GET", $"projects/{Project}/analytics?from=2026-02-01&to=2026-01-01", null,
            BadRequest, "invalid-time-range" },
        { "GET", $"projects/{Project}/campaigns/running/calls?from=2026-02-01&to=2026-01-01", null,
            BadRequest, "invalid-time-range" },
        { "POST", $"{Outcomes}/batch", """{"outcomes":[]}""", BadRequest, "missing-field" },
        { "POST", $"{Outcomes}/batch", """{"outcomes":{}}""", BadRequest, "invalid-json" },
        { "POST", $"{Outcomes}/batch",
            $$"""{"outcomes":[{{string.Join(",", Enumerable.Repeat("{}", 1001))}}]}""",
            BadRequest, "batch-too-large" },
        { "GET", "projects/nope", null, NotFound, "project-not-found" },
        { "GET", $"projects/{LongId}", null, BadRequest, "invalid-id" },
        { "GET", $"projects/{Project}/campaigns/nope", null, NotFound, "campaign-not-found" },
        { "GET", $"projects/{Project}/campaigns?status=7", null, BadRequest, "unknown-status" },
        { "GET", $"projects/{Project}/campaigns/running/calls?limit=0", null,
            BadRequest, "invalid-limit" },
        { "GET", $"projects/{Project}/campaigns/running/calls?limit=ten", null,
            BadRequest, "invalid-limit" },
        { "GET", $"projects/{Project}/campaigns/running/calls?cursor=bogus", null,
            BadRequest, "invalid-cursor" },
        { "GET", $"projects/{Project}/campaigns/running/calls?from=soon", null,
            BadRequest, "invalid-time" },
        { "GET", $"projects/{Project}/analytics?to=later", null, BadRequest, "invalid-time" },
        { "POST", $"projects/{Project}/campaigns/ended/start", null,
            Conflict, "lifecycle-conflict" },
        { "POST", $"projects/{Project}/campaigns/idle/pause", """{"reason":"why"}""",
            Conflict, "lifecycle-conflict" },
        { "POST", $"projects/{Project}/campaigns/running/pause", "{}",
            BadRequest, "invalid-reason" },
        { "POST", $"projects/{Project}/campaigns/running/end", """{"reason":"   "}""",
            BadRequest, "invalid-reason" },
        { "POST", $"projects/{Project}/campaigns/nope/start", null,
            NotFound, "campaign-not-found" },
        { "POST", $"projects/{Project}/campaigns", """{"id":"new","name":""}""",
            BadRequest, "invalid-name" },
        { "POST", $"projects/{Project}/campaigns", """{"id":"bad id!","name":"x"}""",
            BadRequest, "invalid-id" },
        { "POST", $"projects/{Project}/campaigns", """{"id":"new","name":"x","plannedCalls":-1}""",
            BadRequest, "invalid-planned-calls" },
        { "POST", $"projects/{Project}/campaigns", """{"id":"new","name":"x","plannedCalls":"10"}""",
            BadRequest, "invalid-json" },
        { "POST", $"projects/{Project}/campaigns", """{"id":"running","name":"another name"}""",
            Conflict, "campaign-exists" },
        { "POST", "projects/nope/campaigns", """{"id":"new","name":"x"}""",
            NotFound, "project-not-found" },
        { "POST", "projects", """{"id":"hostile","name":"another name"}""",
            Conflict, "project-exists" },
        { "POST", "projects", """{"name":123}""", BadRequest, "invalid-json" },
        { "POST", $"projects/{Project}/campaigns/running/follow-ups", """{"id":"running","name":"again"}""",
            Conflict, "campaign-exists" },
        { "POST", $"projects/{Project}/campaigns/running/follow-ups", """{"name":"f","statuses":["Nope"]}""",
            BadRequest, "unknown-status" },
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
        await client.PostJsonAsync(
            Outcomes, new { callId = "first", status = "Completed", durationSeconds = 3 });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileRequestsGetAProblemAndChangeNothing(
        string method, string route, string? body, HttpStatusCode expected, string? code)
    {
        var before = await SnapshotAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), route);
        request.Content = body is null
            ? (method == "POST" && expected == UnsupportedMediaType ? new StringContent("callId=x") : null)
            : new StringContent(body, Encoding.UTF8, "application/json");

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

    /// <summary>
    /// Sent over a raw socket: the gateway answers as soon as it sees the declared
    /// length, and an HTTP client still writing the body would see the socket close.
    /// </summary>
    [Fact]
    public async Task ABodyLargerThanTheLimitIsRefusedAsTooLarge()
    {
        var before = await SnapshotAsync();
        var address = fixture.Client.BaseAddress!;
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        var head = $"POST /projects HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\n"
            + $"Authorization: Bearer {TestKeys.Admin}\r\n"
            + $"Content-Length: {GatewayApplication.MaxRequestBodyBytes + 1}\r\nConnection: close\r\n\r\n{{\"name\":\"";

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream);
        var response = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 413", response);
        Assert.Contains("application/problem+json", response);
        Assert.Contains("\"code\":\"body-too-large\"", response);
        Assert.Equal(before, await SnapshotAsync());
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

[Collection(SqliteGatewayCollection.Name)]
public sealed class HostileInputOnSqliteTests(SqliteGatewayFixture fixture) : HostileInputTests(fixture);

[Collection(PostgresGatewayCollection.Name)]
public sealed class HostileInputOnPostgresTests(PostgresGatewayFixture fixture) : HostileInputTests(fixture);
