using System.Net.Http.Headers;
using System.Text;
using Campaigns.Tests.Support;
using CsCheck;
using Xunit.Abstractions;

namespace Campaigns.Tests.Access;

/// <summary>
/// Thousands of generated and mutated requests against every route, with every kind of key:
/// never a 5xx, never a stack trace or a key value in an answer, and after every refusal the
/// stored state is what it was before.
/// </summary>
public sealed class FuzzTests(AccessFixture fixture, ITestOutputHelper output) : IClassFixture<AccessFixture>
{
    /// <summary>How many requests one run sends; a failure prints the seed that reproduces it.</summary>
    public const int Cases = 3000;

    private static readonly string[] Templates =
    [
        "GET projects", "POST projects", "GET projects/{p}", "GET projects/{p}/analytics",
        "GET projects/{p}/campaigns", "POST projects/{p}/campaigns", "GET projects/{p}/campaigns/{c}",
        "GET projects/{p}/campaigns/{c}/history", "GET projects/{p}/campaigns/{c}/contacts",
        "GET projects/{p}/campaigns/{c}/calls", "POST projects/{p}/campaigns/{c}/start",
        "POST projects/{p}/campaigns/{c}/pause", "POST projects/{p}/campaigns/{c}/resume",
        "POST projects/{p}/campaigns/{c}/complete", "POST projects/{p}/campaigns/{c}/end",
        "POST projects/{p}/campaigns/{c}/follow-ups", "POST projects/{p}/campaigns/{c}/outcomes",
        "POST projects/{p}/campaigns/{c}/outcomes/batch", "POST keys", "GET keys", "DELETE keys/{k}",
    ];

    private static readonly string[] Fields =
    [
        "id", "name", "plannedCalls", "scheduledStart", "reason", "statuses", "callId", "status",
        "durationSeconds", "startedAt", "contactId", "interaction", "outcomes", "role", "projects", "CallId",
    ];

    private static readonly string[] Keys = ["none", "admin", "admin", "dialer@alpha", "operator@alpha",
        "admin@alpha", "dialer@all", "operator@all", "revoked", "mutated", "garbage", "empty bearer", "basic",
        "two headers"];

    private static readonly Gen<string> Hostile = Gen.String[
        Gen.Char["abcXYZ019-_.~ /\\%?#:@!$&'()*+,;=<>{}\"`\t\né€\u202e\0"], 0, 150];

    private static readonly Gen<string> Id = Gen.Frequency(
        (6, Gen.OneOf("alpha", "beta", "fz-1", "fz-2", "nope")),
        (2, Gen.String[Gen.Char["abcXYZ019-_.~"], 1, 140]),
        (2, Hostile));

    private static readonly Gen<string> JsonValue = Gen.Frequency(
        (3, Id.Select(s => Quote(s))),
        (2, Gen.OneOf("0", "-1", "1.5", "86400", "86400.001", "1e400", "-0", "9007199254740993", "NaN")),
        (1, Gen.OneOf("true", "false", "null", "[]", "{}", "\"Completed\"", "\"No Answer\"", "\"Busy\"",
            "\"dialer\"", "\"admin\"", "\"2026-01-01T00:00:00Z\"", "\"2999-01-01T00:00:00Z\"", "[\"alpha\"]",
            "[\"beta\",\"alpha\"]", "{\"summary\":\"x\"}",
            "[{\"callId\":\"fz\",\"status\":\"Busy\",\"durationSeconds\":0}]")),
        (1, Gen.Int[0, 20].Select(n => $"\"{new string('x', n * 1000)}\"")));

    private static readonly Gen<string> JsonObject = Gen.Select(Gen.OneOf(Fields), JsonValue)
        .List[0, 8]
        .Select(pairs => "{" + string.Join(",", pairs.Select(p => $"{Quote(p.Item1)}:{p.Item2}")) + "}");

    /// <summary>A JSON body, a mutation of one (cut short, a character swapped), or bytes that are not JSON.</summary>
    private static readonly Gen<byte[]?> Body = Gen.Frequency(
        (1, Gen.Const((byte[]?)null)),
        (5, JsonObject.Select(j => (byte[]?)Encoding.UTF8.GetBytes(j))),
        (2, Gen.Select(JsonObject, Gen.Int[0, 1000], Gen.Char).Select((j, at, c) =>
            (byte[]?)Encoding.UTF8.GetBytes(at % 2 == 0
                ? j[..(at % Math.Max(j.Length, 1))]
                : j.Remove(at % j.Length, 1).Insert(at % j.Length, c.ToString())))),
        (1, Gen.Byte.Array[0, 300].Select(b => (byte[]?)b)),
        (1, JsonObject.List[1, 30].Select(items =>
            (byte[]?)Encoding.UTF8.GetBytes("{\"outcomes\":[" + string.Join(",", items) + "]}"))));

    private static readonly Gen<string> Query = Gen.Select(
            Gen.OneOf("status", "from", "to", "limit", "cursor", "x", "status[]", ""),
            Gen.Frequency((3, Id), (1, Gen.OneOf("Completed,Busy", "-1", "0", "501", "2026-13-01", "Paused"))))
        .List[0, 4]
        .Select(pairs => string.Join("&", pairs.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}")));

    private static readonly Gen<string?> ContentType = Gen.OneOf<string?>(
        "application/json", "application/json", "application/json", "application/json",
        "application/json; charset=utf-8", "text/plain",
        "application/x-www-form-urlencoded", "application/json; charset=utf-16", null);

    private static readonly Gen<(string, string)[]> Headers = Gen.Select(
            Gen.OneOf("X-Forwarded-For", "traceparent", "Accept", "X-Api-Key", "Cookie", "Content-Language"),
            Gen.String[Gen.Char[' ', '~'], 0, 300])
        .Array[0, 3];

    /// <summary>A body the route would take, with ids and values drawn from the generators above.</summary>
    private static Gen<byte[]?> WellFormed(string template)
    {
        var fresh = Gen.String[Gen.Char["abcdef0123456789"], 6, 12];
        Gen<string> json = template switch
        {
            "POST projects" or "POST projects/{p}/campaigns" or "POST projects/{p}/campaigns/{c}/follow-ups" =>
                Gen.Select(Gen.Frequency((3, fresh), (1, Id)), Id).Select((id, name) =>
                    $"{{\"id\":{Quote(id)},\"name\":{Quote(name)}}}"),
            "POST projects/{p}/campaigns/{c}/pause" or "POST projects/{p}/campaigns/{c}/end" =>
                Id.Select(reason => $"{{\"reason\":{Quote(reason)}}}"),
            "POST projects/{p}/campaigns/{c}/outcomes" => Outcome(fresh),
            "POST projects/{p}/campaigns/{c}/outcomes/batch" =>
                Outcome(fresh).List[1, 20].Select(items => $"{{\"outcomes\":[{string.Join(",", items)}]}}"),
            "POST keys" => Gen.Select(Id, Gen.OneOf("dialer", "operator", "admin", "root"), Id.List[0, 3])
                .Select((name, role, projects) =>
                    $"{{\"name\":{Quote(name)},\"role\":{Quote(role)},\"projects\":"
                    + $"[{string.Join(",", projects.Select(Quote))}]}}"),
            _ => Gen.Const("{}"),
        };
        return json.Select(j => (byte[]?)Encoding.UTF8.GetBytes(j));
    }

    private static Gen<string> Outcome(Gen<string> fresh) =>
        Gen.Select(fresh, Gen.OneOf("Completed", "Busy", "No Answer", "Callback", "Answered"), Gen.Int[-5, 900])
            .Select((call, status, seconds) =>
                $"{{\"callId\":{Quote(call)},\"status\":{Quote(status)},\"durationSeconds\":{seconds}}}");

    private static readonly Gen<Case> Request = Gen.OneOf(Templates).SelectMany(template => Gen.Select(
            Id, Id, Gen.OneOf(Keys), Gen.Frequency((1, WellFormed(template)), (1, Body)), Query, ContentType, Headers)
        .Select((project, campaign, key, body, query, contentType, headers) =>
            new Case(template, project, campaign, key, body, query, contentType, headers)));

    private static readonly Gen<Case> Requests = Gen.Frequency(
        (9, Request),
        (1, Gen.Select(Request, Gen.OneOf("PUT", "PATCH", "DELETE", "GET", "POST", "HEAD", "OPTIONS"))
            .Select((c, method) => c with { Template = method + c.Template[c.Template.IndexOf(' ')..] })));

    private string _revokedKey = "";
    private string _victimId = "";

    [Fact]
    public async Task Generated_requests_never_fail_the_server_leak_a_key_or_change_state_when_refused()
    {
        await SetUpAsync();
        var state = await fixture.SnapshotAsync("alpha", "fz-1");
        var sent = 0;
        var refused = 0;
        await Requests.SampleAsync(
            async request =>
            {
                var (status, text) = await SendAsync(request);
                sent++;
                Assert.True(status < 500, $"{request}: answered {status}: {text}");
                Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
                foreach (var key in fixture.Keys.Values.Append(TestKeys.Admin).Append(_revokedKey))
                {
                    Assert.DoesNotContain(key, text, StringComparison.Ordinal);
                }

                var now = await fixture.SnapshotAsync("alpha", "fz-1");
                if (status >= 400)
                {
                    refused++;
                    Assert.True(state == now, $"{request}: refused with {status}, but the stored state changed");
                }

                state = now;
            },
            iter: Cases,
            threads: 1,
            print: c => c.ToString());
        output.WriteLine($"{sent} requests sent, {refused} refused");
        Assert.Equal(Cases, sent);
    }

    private async Task SetUpAsync()
    {
        foreach (var project in new[] { AccessFixture.Alpha, AccessFixture.Beta })
        {
            foreach (var campaign in new[] { "fz-1", "fz-2" })
            {
                using var created = await fixture.Admin.PostJsonAsync(
                    $"projects/{project}/campaigns", new { id = campaign, name = campaign });
                using var started = await fixture.Admin.PostAsync(
                    $"projects/{project}/campaigns/{campaign}/start", null);
            }
        }

        var revoked = await fixture.IssueWithIdAsync("fuzz-revoked", "admin", null);
        using (await fixture.Admin.DeleteAsync($"keys/{revoked.Id}"))
        {
            _revokedKey = revoked.Key;
        }

        _victimId = (await fixture.IssueWithIdAsync("fuzz-victim", "dialer", ["alpha"])).Id;
    }

    private async Task<(int Status, string Text)> SendAsync(Case request)
    {
        var (method, path) = (request.Template[..request.Template.IndexOf(' ')],
            request.Template[(request.Template.IndexOf(' ') + 1)..]);
        path = path.Replace("{p}", Uri.EscapeDataString(request.Project), StringComparison.Ordinal)
            .Replace("{c}", Uri.EscapeDataString(request.Campaign), StringComparison.Ordinal)
            .Replace("{k}", request.Campaign == "fz-1" ? _victimId : Uri.EscapeDataString(request.Campaign),
                StringComparison.Ordinal);
        using var message = new HttpRequestMessage(
            new HttpMethod(method), request.Query.Length == 0 ? path : $"{path}?{request.Query}");
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType =
                request.ContentType is null ? null : MediaTypeHeaderValue.Parse(request.ContentType);
        }

        foreach (var authorization in Authorization(request.Key))
        {
            message.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var client = fixture.ClientFor(null);
        using var response = await client.SendAsync(message);
        var text = response.Headers + "\n" + await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text);
    }

    private IEnumerable<string> Authorization(string key) => key switch
    {
        "none" => [],
        "admin" => [$"Bearer {TestKeys.Admin}"],
        "revoked" => [$"Bearer {_revokedKey}"],
        "mutated" => [$"Bearer {Mutate(fixture.Keys["dialer@alpha"])}"],
        "garbage" => ["Bearer cmk_zz_" + new string('q', 40)],
        "empty bearer" => ["Bearer "],
        "basic" => ["Basic YWRtaW46cGFzc3dvcmQ="],
        "two headers" => [$"Bearer {fixture.Keys["dialer@alpha"]}", $"Bearer {TestKeys.Admin}"],
        _ => [$"Bearer {fixture.Keys[key]}"],
    };

    private static string Mutate(string key) =>
        key[..^1] + (key[^1] == 'A' ? 'B' : 'A');

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    public sealed record Case(
        string Template,
        string Project,
        string Campaign,
        string Key,
        byte[]? Body,
        string Query,
        string? ContentType,
        (string Name, string Value)[] Headers)
    {
        public override string ToString() =>
            $"{Template} p={Project} c={Campaign} key={Key} query={Query} type={ContentType} "
            + $"body={(Body is null ? "none" : Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 300)]))} "
            + $"headers={string.Join(";", Headers.Select(h => h.Name))}";
    }
}
