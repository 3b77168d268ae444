using System.Net;
using System.Text;
using Campaigns.Tests.Support;

namespace Campaigns.Tests.Access;

/// <summary>
/// Role × route × project, each through the real gateway: who gets in, who gets 401 or 403,
/// and that a refused request leaves everything an administrator can read as it was.
/// </summary>
public sealed class AccessTableTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    /// <param name="Roles">The roles allowed, space-separated.</param>
    /// <param name="Ok">The status an allowed caller gets.</param>
    /// <param name="OutOfScope">
    /// What a key scoped to alpha gets when the target is beta; null when scope does not apply.
    /// </param>
    public sealed record Route(string Method, string Path, string? Body, string Roles, int Ok, int? OutOfScope = 403);

    /// <summary>
    /// <c>{p}</c> is the target project, <c>{c}</c> a started campaign made for the case, <c>{new}</c> a fresh id
    /// and <c>{key}</c> a fresh key scoped to the target project.
    /// </summary>
    public static readonly Route[] Routes =
    [
        new("GET", "projects", null, "dialer operator admin", 200, OutOfScope: null),
        new("GET", "projects/{p}", null, "dialer operator admin", 200),
        new("GET", "projects/{p}/analytics", null, "operator admin", 200),
        new("GET", "projects/{p}/campaigns", null, "dialer operator admin", 200),
        new("POST", "projects/{p}/campaigns", """{"id":"{new}","name":"n"}""", "operator admin", 201),
        new("GET", "projects/{p}/campaigns/{c}", null, "dialer operator admin", 200),
        new("GET", "projects/{p}/campaigns/{c}/history", null, "dialer operator admin", 200),
        new("GET", "projects/{p}/campaigns/{c}/contacts", null, "dialer operator admin", 200),
        new("GET", "projects/{p}/campaigns/{c}/calls", null, "dialer operator admin", 200),
        new("POST", "projects/{p}/campaigns/{c}/pause", """{"reason":"lunch"}""", "operator admin", 200),
        new("POST", "projects/{p}/campaigns/{c}/complete", null, "operator admin", 200),
        new("POST", "projects/{p}/campaigns/{c}/end", """{"reason":"done"}""", "operator admin", 200),
        new("POST", "projects/{p}/campaigns/{c}/follow-ups", """{"id":"{new}","name":"n"}""", "operator admin", 201),
        new("POST", "projects/{p}/campaigns/{c}/outcomes",
            """{"callId":"{new}","status":"Completed","durationSeconds":30}""", "dialer admin", 200),
        new("POST", "projects/{p}/campaigns/{c}/outcomes/batch",
            """{"outcomes":[{"callId":"{new}","status":"Busy","durationSeconds":0}]}""", "dialer admin", 200),
        new("POST", "keys", """{"name":"{new}","role":"dialer","projects":["{p}"]}""", "admin", 201),
        new("GET", "keys", null, "admin", 200, OutOfScope: null),
        new("DELETE", "keys/{key}", null, "admin", 204, OutOfScope: 404),
    ];

    /// <summary>Creating a project: a key scoped to projects may not create one outside them.</summary>
    private static readonly Route CreateProject =
        new("POST", "projects", """{"id":"{new}","name":"n"}""", "admin", 201);

    private static readonly string[] KeyedCallers =
        ["dialer@alpha", "operator@alpha", "admin@alpha", "dialer@all", "operator@all", "admin@all"];

    private int _fresh;

    [Fact]
    public async Task Every_role_gets_the_status_the_table_gives_on_every_route_and_project()
    {
        var revoked = await fixture.IssueWithIdAsync("revoked", "admin", null);
        using (var revoke = await fixture.Admin.DeleteAsync($"keys/{revoked.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        var callers = KeyedCallers.Select(c => (Name: c, Header: (string?)$"Bearer {fixture.Keys[c]}"))
            .Append(("no key", null))
            .Append(("revoked key", $"Bearer {revoked.Key}"))
            .Append(("unknown key", "Bearer cmk_0123456789abcdef01234567_notakeyatall"))
            .Append(("basic scheme", "Basic YWRtaW46YWRtaW4="))
            .ToList();
        var mismatches = new List<string>();
        var cases = 0;
        foreach (var (route, project) in Routes.SelectMany(r => new[] { (r, "alpha"), (r, "beta") })
            .Append((CreateProject, "new")))
        {
            foreach (var (caller, header) in callers)
            {
                cases++;
                var expected = Expected(route, caller, project);
                var (request, campaign) = await PrepareAsync(route, project, header);
                var before = expected >= 400 ? await fixture.SnapshotAsync(project, campaign) : null;
                var (status, body) = await SendAsync(request);
                if (status != expected)
                {
                    mismatches.Add($"{caller} {route.Method} {route.Path} on {project}: {status}, expected {expected}");
                }

                if (status is 401 or 403 && !body.Contains($"urn:campaigns:problem:", StringComparison.Ordinal))
                {
                    mismatches.Add($"{caller} {route.Method} {route.Path}: refusal is not a problem response");
                }

                if (before is not null && before != await fixture.SnapshotAsync(project, campaign))
                {
                    mismatches.Add($"{caller} {route.Method} {route.Path} on {project}: refused, but state changed");
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {cases} cases:\n" + string.Join('\n', mismatches));
    }

    [Fact]
    public async Task Status_history_names_the_key_that_asked_for_each_transition()
    {
        using var operatorClient = fixture.ClientFor(fixture.Keys["operator@alpha"]);
        using var adminClient = fixture.ClientFor(fixture.Keys["admin@all"]);
        var route = "projects/alpha/campaigns/history-actors";
        await AssertOkAsync(
            operatorClient.PostJsonAsync("projects/alpha/campaigns", new { id = "history-actors", name = "H" }));
        await AssertOkAsync(operatorClient.PostAsync($"{route}/start", null));
        await AssertOkAsync(adminClient.PostJsonAsync($"{route}/pause", new { reason = "audit" }));
        await AssertOkAsync(operatorClient.PostAsync($"{route}/resume", null));

        var history = await fixture.Admin.GetJsonAsync($"{route}/history");

        Assert.Equal(
            ["operator-alpha", "admin-all", "operator-alpha"],
            history.EnumerateArray().Select(t => t.GetProperty("actor").GetString()));
    }

    [Theory]
    [InlineData("""{"name":"line\nbreak","role":"dialer"}""", 400, "invalid-name")]
    [InlineData("""{"name":"esc\u001b[2J","role":"dialer"}""", 400, "invalid-name")]
    [InlineData("""{"name":"bidi\u202Eevil","role":"dialer"}""", 400, "invalid-name")]
    [InlineData("""{"name":"\u0430dmin","role":"admin"}""", 400, "invalid-name")]
    [InlineData("""{"name":"\uFF41dmin","role":"admin"}""", 400, "invalid-name")]
    [InlineData("""{"name":"System","role":"operator"}""", 400, "reserved-name")]
    [InlineData("""{"name":"admin","role":"admin"}""", 400, "reserved-name")]
    [InlineData("""{"name":"DIALER-ALPHA","role":"dialer"}""", 409, "key-name-taken")]
    [InlineData("""{"name":"x","role":"root"}""", 400, "invalid-role")]
    [InlineData("""{"name":"x","role":"dialer","projects":[]}""", 400, "invalid-projects")]
    [InlineData("""{"name":"x","role":"dialer","projects":["a b"]}""", 400, "invalid-id")]
    public async Task A_key_is_refused_a_name_history_could_not_tell_apart_and_other_bad_input(
        string body, int status, string code)
    {
        var before = await fixture.SnapshotAsync();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await fixture.Admin.PostAsync("keys", content);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, (await response.ReadJsonAsync()).Code());
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    [Fact]
    public async Task A_key_lists_at_most_a_hundred_projects()
    {
        var projects = Enumerable.Range(0, 101).Select(i => $"p{i}").ToArray();

        using var response = await fixture.Admin.PostJsonAsync(
            "keys", new { name = "wide", role = "dialer", projects });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-projects", (await response.ReadJsonAsync()).Code());
    }

    private static int Expected(Route route, string caller, string project)
    {
        if (!caller.Contains('@'))
        {
            return 401;
        }

        var role = caller[..caller.IndexOf('@')];
        if (!route.Roles.Split(' ').Contains(role))
        {
            return 403;
        }

        var scoped = caller.EndsWith("@alpha", StringComparison.Ordinal);
        return scoped && project != AccessFixture.Alpha && route.OutOfScope is { } refused ? refused : route.Ok;
    }

    /// <summary>Makes what the route needs in the target project with the admin key, and the request.</summary>
    private async Task<(HttpRequestMessage Request, string? Campaign)> PrepareAsync(
        Route route, string project, string? authorization)
    {
        var fresh = $"fresh-{Interlocked.Increment(ref _fresh)}";
        var path = route.Path.Replace("{p}", project, StringComparison.Ordinal);
        string? campaign = null;
        if (path.Contains("{c}", StringComparison.Ordinal))
        {
            campaign = fresh;
            await AssertOkAsync(
                fixture.Admin.PostJsonAsync($"projects/{project}/campaigns", new { id = fresh, name = fresh }));
            await AssertOkAsync(fixture.Admin.PostAsync($"projects/{project}/campaigns/{fresh}/start", null));
            path = path.Replace("{c}", fresh, StringComparison.Ordinal);
        }

        if (path.Contains("{key}", StringComparison.Ordinal))
        {
            var (id, _) = await fixture.IssueWithIdAsync(fresh, "dialer", [project]);
            path = path.Replace("{key}", id, StringComparison.Ordinal);
        }

        var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (route.Body is { } body)
        {
            var text = body.Replace("{new}", $"{fresh}-new", StringComparison.Ordinal)
                .Replace("{p}", project, StringComparison.Ordinal);
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return (request, campaign);
    }

    private async Task<(int Status, string Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var anonymous = fixture.ClientFor(null);
            using var response = await anonymous.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private static async Task AssertOkAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        Assert.True(response.IsSuccessStatusCode, $"setup answered {(int)response.StatusCode}");
    }
}
