using System.Diagnostics;
using System.Text.Json;
using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Common;
using Campaigns.Gateway.Campaigns;
using Campaigns.Grains.Telemetry;
using Campaigns.Gateway.Access;
using Campaigns.Gateway.Contracts;
using Campaigns.Gateway.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Gateway.Outcomes;

public static class OutcomesApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static RouteGroupBuilder MapOutcomesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/projects/{projectId}/campaigns/{campaignId}")
            .WithTags("Outcomes")
            .ProducesRefusals();
        group.MapPost("/outcomes", RecordOne)
            .Accepts<OutcomeRequest>("application/json")
            .RequireAuthorization(AccessPolicies.ReportOutcomes);
        group.MapPost("/outcomes/batch", RecordBatch)
            .Accepts<OutcomeBatchRequest>("application/json")
            .RequireAuthorization(AccessPolicies.ReportOutcomes);
        group.MapGet("/calls", GetCalls).RequireAuthorization(AccessPolicies.ReadCampaigns);
        return group;
    }

    private static async Task<Results<Ok<OutcomeResponse>, ProblemHttpResult>> RecordOne(
        string projectId, string campaignId, HttpContext context, IGrainFactory grains, TimeProvider clock)
    {
        var (request, invalid) = await RequestBody.ReadAsync<OutcomeRequest>(context);
        var (outcome, error) = invalid is null ? OutcomeInput.Convert(request, clock.GetUtcNow()) : (null, invalid);
        if ((CampaignsApi.CheckIds(projectId, campaignId) ?? error) is { } refused)
        {
            CampaignsTelemetry.OutcomeRefusedAtGateway(projectId, request?.Status?.ToString());
            return Problems.ToResult(refused);
        }

        RequestContext.Set(RequestIds.ContextKey, RequestIds.New());
        var reply = await grains.Campaign(projectId, campaignId).Record([outcome!]);
        if (!reply.Succeeded)
        {
            return Problems.ToResult(reply.Error);
        }

        var result = reply.Value[0];
        return result.Problem is { } problem
            ? Problems.ToResult(problem)
            : TypedResults.Ok(new OutcomeResponse(NameOf(result.Disposition)));
    }

    private static async Task<Results<Ok<OutcomeBatchResponse>, ProblemHttpResult>> RecordBatch(
        string projectId, string campaignId, HttpContext context, IGrainFactory grains, TimeProvider clock)
    {
        var (request, invalid) = await RequestBody.ReadAsync<OutcomeBatchRequest>(context);
        var error = invalid ?? CampaignsApi.CheckIds(projectId, campaignId) ?? CheckBatch(request?.Outcomes);
        if (error is not null)
        {
            return Problems.ToResult(error);
        }

        var now = clock.GetUtcNow();
        var items = request!.Outcomes!.Select((element, i) => ReadItem(context, element, i, now)).ToList();
        var valid = items.Where(i => i.Outcome is not null).Select(i => i.Outcome!).ToList();
        RequestContext.Set(RequestIds.ContextKey, RequestIds.New());
        var reply = await grains.Campaign(projectId, campaignId).Record(valid);
        if (!reply.Succeeded)
        {
            return Problems.ToResult(reply.Error);
        }

        var recorded = reply.Value.GetEnumerator();
        var results = new List<OutcomeItemResponse>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var callId = items[i].CallId;
            if (items[i].Error is { } refused)
            {
                MarkRefused(projectId, callId, refused);
                results.Add(new(callId, NameOf(OutcomeDisposition.Refused), Problems.ToBody(refused)));
                continue;
            }

            recorded.MoveNext();
            var result = recorded.Current;
            results.Add(new(callId, NameOf(result.Disposition), result.Problem is { } p ? Problems.ToBody(p) : null));
        }

        return TypedResults.Ok(new OutcomeBatchResponse(results));
    }

    private static async Task<Results<Ok<CallPageResponse>, ProblemHttpResult>> GetCalls(
        string projectId,
        string campaignId,
        string? status,
        string? from,
        string? to,
        string? limit,
        string? cursor,
        IGrainFactory grains)
    {
        var statuses = QueryValues.Statuses<OutcomeStatus>(status, StatusNames.TryParseOutcome, "status");
        var start = QueryValues.Time(from, "from");
        var end = QueryValues.Time(to, "to");
        var size = QueryValues.Limit(limit, DefaultPageSize, MaxPageSize);
        var error = CampaignsApi.CheckIds(projectId, campaignId)
            ?? statuses.Error ?? start.Error ?? end.Error ?? size.Error
            ?? QueryValues.CheckOrder(start.Value, end.Value);
        if (error is not null)
        {
            return Problems.ToResult(error);
        }

        var query = new CallQuery(statuses.Value, start.Value, end.Value, size.Value, cursor);
        var reply = await grains.Campaign(projectId, campaignId).GetCalls(query);
        return reply.Succeeded
            ? TypedResults.Ok(new CallPageResponse(
                reply.Value.Items.Select(CallResponse.From).ToList(), reply.Value.NextCursor))
            : Problems.ToResult(reply.Error);
    }

    /// <summary>A batch item refused here never reaches the campaign: it is counted and traced here.</summary>
    private static void MarkRefused(string projectId, string? callId, DomainError refused)
    {
        CampaignsTelemetry.OutcomeRefusedAtGateway(projectId, null);
        Activity.Current?.AddEvent(new ActivityEvent("outcome.refused", tags: new ActivityTagsCollection
        {
            ["call.id"] = callId,
            ["error.type"] = refused.Code,
            ["reason"] = refused.Detail,
        }));
    }

    private static (CallOutcome? Outcome, DomainError? Error, string? CallId) ReadItem(
        HttpContext context, JsonElement element, int index, DateTimeOffset now)
    {
        var prefix = $"outcomes[{index}]";
        var (request, invalid) = RequestBody.Read<OutcomeRequest>(context, element, prefix);
        var (outcome, error) = invalid is null ? OutcomeInput.Convert(request, now) : (null, invalid);
        if (invalid is null && error is not null)
        {
            error = error with { Field = error.Field is null ? prefix : $"{prefix}.{error.Field}" };
        }

        var callId = request?.CallId
            ?? (element.ValueKind == JsonValueKind.Object
                && element.TryGetProperty("callId", out var id) && id.ValueKind == JsonValueKind.String
                    ? id.GetString()
                    : null);
        return (outcome, error, callId);
    }

    private static DomainError? CheckBatch(IReadOnlyList<JsonElement>? outcomes) => outcomes switch
    {
        null or [] => DomainError.Invalid("missing-field", "'outcomes' must hold at least one outcome.", "outcomes"),
        { Count: > OutcomeLimits.MaxBatchSize } => DomainError.Invalid(
            "batch-too-large", $"A batch holds at most {OutcomeLimits.MaxBatchSize} outcomes.", "outcomes"),
        _ => null,
    };

    private static string NameOf(OutcomeDisposition disposition) => disposition.ToString().ToLowerInvariant();
}
