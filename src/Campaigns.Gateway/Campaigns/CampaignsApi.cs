using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Campaigns;
using Campaigns.Abstractions.Common;
using Campaigns.Abstractions.Projects;
using Campaigns.Gateway.Access;
using Campaigns.Gateway.Contracts;
using Campaigns.Gateway.Http;
using Campaigns.Gateway.Projects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Gateway.Campaigns;

public static class CampaignsApi
{
    public const int MaxReasonLength = 500;

    public static RouteGroupBuilder MapCampaignsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/projects/{projectId}/campaigns").WithTags("Campaigns").ProducesRefusals();
        group.MapPost("/", CreateCampaign)
            .Accepts<CreateCampaignRequest>("application/json")
            .RequireAuthorization(AccessPolicies.ManageCampaigns);
        group.MapGet("/", ListCampaigns).RequireAuthorization(AccessPolicies.ReadCampaigns);
        group.MapGet("/{campaignId}", GetCampaign).RequireAuthorization(AccessPolicies.ReadCampaigns);
        group.MapGet("/{campaignId}/history", GetHistory).RequireAuthorization(AccessPolicies.ReadCampaigns);
        foreach (var command in Enum.GetValues<CampaignCommand>())
        {
            var route = group.MapPost(
                $"/{{campaignId}}/{command.ToString().ToLowerInvariant()}",
                (string projectId, string campaignId, HttpContext context, IGrainFactory grains) =>
                    Command(projectId, campaignId, command, context, grains))
                .RequireAuthorization(AccessPolicies.ManageCampaigns);
            if (NeedsReason(command))
            {
                route.Accepts<ReasonRequest>("application/json");
            }
        }

        group.MapGet("/{campaignId}/contacts", GetContacts).RequireAuthorization(AccessPolicies.ReadCampaigns);
        group.MapPost("/{campaignId}/follow-ups", CreateFollowUp)
            .Accepts<CreateFollowUpRequest>("application/json")
            .RequireAuthorization(AccessPolicies.ManageCampaigns);
        return group;
    }

    internal static DomainError? CheckIds(string projectId, string campaignId) =>
        Identifiers.Check(projectId, "projectId") ?? Identifiers.Check(campaignId, "campaignId");

    internal static ICampaignGrain Campaign(this IGrainFactory grains, string projectId, string campaignId) =>
        grains.GetGrain<ICampaignGrain>(CampaignKey.Of(projectId, campaignId));

    private static async Task<Results<Created<CampaignResponse>, Ok<CampaignResponse>, ProblemHttpResult>>
        CreateCampaign(string projectId, HttpContext context, IGrainFactory grains)
    {
        var (request, invalid) = await RequestBody.ReadAsync<CreateCampaignRequest>(context);
        var id = request?.Id ?? Identifiers.NewId();
        var error = invalid
            ?? Identifiers.Check(projectId, "projectId")
            ?? Identifiers.Check(id, "id")
            ?? ProjectsApi.CheckName(request?.Name)
            ?? CheckPlannedCalls(request?.PlannedCalls);
        if (error is not null)
        {
            return Problems.ToResult(error);
        }

        var campaign = grains.Campaign(projectId, id);
        var existed = (await campaign.Get()).Succeeded;
        var reply = await campaign.Create(
            new NewCampaign(
                request!.Name!,
                request.PlannedCalls,
                Caller.NameOf(context),
                ScheduledStart: request.ScheduledStart?.ToUniversalTime()));
        if (!reply.Succeeded)
        {
            return Problems.ToResult(reply.Error);
        }

        var body = CampaignResponse.From(reply.Value);
        return existed
            ? TypedResults.Ok(body)
            : TypedResults.Created($"/projects/{projectId}/campaigns/{id}", body);
    }

    private static async Task<Results<Ok<List<CampaignResponse>>, ProblemHttpResult>> ListCampaigns(
        string projectId, string? status, IGrainFactory grains)
    {
        var statuses = QueryValues.Statuses<CampaignStatus>(status, StatusNames.TryParseCampaign, "status");
        if ((Identifiers.Check(projectId, "projectId") ?? statuses.Error) is { } error)
        {
            return Problems.ToResult(error);
        }

        var index = await grains.GetGrain<IProjectGrain>(projectId).ListCampaigns(statuses.Value);
        if (!index.Succeeded)
        {
            return Problems.ToResult(index.Error);
        }

        var views = await Task.WhenAll(index.Value.Select(c => grains.Campaign(projectId, c.CampaignId).Get()));
        return TypedResults.Ok(views
            .Where(v => v.Succeeded && (statuses.Value.Count == 0 || statuses.Value.Contains(v.Value!.Status)))
            .Select(v => CampaignResponse.From(v.Value!))
            .ToList());
    }

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> GetCampaign(
        string projectId, string campaignId, IGrainFactory grains)
    {
        if (CheckIds(projectId, campaignId) is { } invalid)
        {
            return Problems.ToResult(invalid);
        }

        var reply = await grains.Campaign(projectId, campaignId).Get();
        return reply.Succeeded ? TypedResults.Ok(CampaignResponse.From(reply.Value)) : Problems.ToResult(reply.Error);
    }

    private static async Task<Results<Ok<List<TransitionResponse>>, ProblemHttpResult>> GetHistory(
        string projectId, string campaignId, IGrainFactory grains)
    {
        if (CheckIds(projectId, campaignId) is { } invalid)
        {
            return Problems.ToResult(invalid);
        }

        var reply = await grains.Campaign(projectId, campaignId).GetHistory();
        return reply.Succeeded
            ? TypedResults.Ok(reply.Value
                .Select(t => new TransitionResponse(t.From, t.To, t.At, t.Reason, t.Actor))
                .ToList())
            : Problems.ToResult(reply.Error);
    }

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> Command(
        string projectId, string campaignId, CampaignCommand command, HttpContext context, IGrainFactory grains)
    {
        string? reason = null;
        if (NeedsReason(command))
        {
            var (request, invalid) = context.Request.ContentLength == 0
                ? (null, null)
                : await RequestBody.ReadAsync<ReasonRequest>(context);
            reason = request?.Reason?.Trim();
            if ((invalid ?? CheckReason(reason)) is { } badReason)
            {
                return Problems.ToResult(badReason);
            }
        }

        if (CheckIds(projectId, campaignId) is { } badId)
        {
            return Problems.ToResult(badId);
        }

        var reply = await grains.Campaign(projectId, campaignId).Apply(command, reason, Caller.NameOf(context));
        return reply.Succeeded ? TypedResults.Ok(CampaignResponse.From(reply.Value)) : Problems.ToResult(reply.Error);
    }

    private static async Task<Results<Ok<ContactPageResponse>, ProblemHttpResult>> GetContacts(
        string projectId, string campaignId, string? limit, string? cursor, IGrainFactory grains)
    {
        var size = QueryValues.Limit(limit, Outcomes.OutcomesApi.DefaultPageSize, Outcomes.OutcomesApi.MaxPageSize);
        var error = CheckIds(projectId, campaignId)
            ?? size.Error
            ?? (cursor is null ? null : Identifiers.Check(cursor, "cursor"));
        if (error is not null)
        {
            return Problems.ToResult(error);
        }

        var reply = await grains.Campaign(projectId, campaignId).GetContacts(size.Value, cursor);
        if (!reply.Succeeded)
        {
            return Problems.ToResult(reply.Error);
        }

        var next = reply.Value.Count == size.Value ? reply.Value[^1] : null;
        return TypedResults.Ok(new ContactPageResponse(reply.Value, next));
    }

    private static async Task<Results<Created<CampaignResponse>, Ok<CampaignResponse>, ProblemHttpResult>>
        CreateFollowUp(
        string projectId, string campaignId, HttpContext context, IGrainFactory grains)
    {
        var (request, invalid) = await RequestBody.ReadAsync<CreateFollowUpRequest>(context);
        var id = request?.Id ?? Identifiers.NewId();
        var error = invalid
            ?? CheckIds(projectId, campaignId)
            ?? Identifiers.Check(id, "id")
            ?? ProjectsApi.CheckName(request?.Name);
        if (error is not null)
        {
            return Problems.ToResult(error);
        }

        IReadOnlyList<OutcomeStatus> statuses = request!.Statuses is { Count: > 0 } asked
            ? asked.Distinct().ToList()
            : [OutcomeStatus.Callback];
        var existed = (await grains.Campaign(projectId, id).Get()).Succeeded;
        var reply = await grains.Campaign(projectId, campaignId)
            .CreateFollowUp(
                id, request.Name!, statuses, request.ScheduledStart?.ToUniversalTime(), Caller.NameOf(context));
        if (!reply.Succeeded)
        {
            return Problems.ToResult(reply.Error);
        }

        var body = CampaignResponse.From(reply.Value);
        return existed ? TypedResults.Ok(body) : TypedResults.Created($"/projects/{projectId}/campaigns/{id}", body);
    }

    private static bool NeedsReason(CampaignCommand command) =>
        command is CampaignCommand.Pause or CampaignCommand.End;

    private static DomainError? CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength
            ? DomainError.Invalid(
                "invalid-reason", $"'reason' is required, at most {MaxReasonLength} characters.", "reason")
            : null;

    private static DomainError? CheckPlannedCalls(int? plannedCalls) =>
        plannedCalls is < 0
            ? DomainError.Invalid("invalid-planned-calls", "'plannedCalls' must be 0 or more.", "plannedCalls")
            : null;
}
