using Campaigns.Abstractions.Common;
using Campaigns.Abstractions.Projects;
using Campaigns.Gateway.Access;
using Campaigns.Gateway.Contracts;
using Campaigns.Gateway.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Gateway.Projects;

public static class ProjectsApi
{
    public const int MaxNameLength = 200;

    public static RouteGroupBuilder MapProjectsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/projects").WithTags("Projects").ProducesRefusals();
        group.MapPost("/", CreateProject)
            .Accepts<CreateProjectRequest>("application/json")
            .RequireAuthorization(AccessPolicies.Administer);
        group.MapGet("/", ListProjects).RequireAuthorization(AccessPolicies.ReadCampaigns);
        group.MapGet("/{projectId}", GetProject).RequireAuthorization(AccessPolicies.ReadCampaigns);
        group.MapGet("/{projectId}/analytics", GetAnalytics).RequireAuthorization(AccessPolicies.ReadAnalytics);
        return group;
    }

    private static async Task<Results<Created<ProjectResponse>, Ok<ProjectResponse>, ProblemHttpResult>>
        CreateProject(HttpContext context, IGrainFactory grains)
    {
        var (request, invalid) = await RequestBody.ReadAsync<CreateProjectRequest>(context);
        var id = request?.Id ?? Identifiers.NewId();
        var error = invalid ?? Identifiers.Check(id, "id") ?? CheckName(request?.Name);
        if (error is not null)
        {
            return Problems.ToResult(error);
        }

        if (!context.User.Covers(id))
        {
            return Problems.ToResult(new DomainError(
                ErrorKind.Forbidden,
                "forbidden-project",
                "This key's scope does not include this project; a scoped key must name one of its projects as 'id'."));
        }

        var before = await grains.GetGrain<IProjectGrain>(id).Get();
        var reply = await grains.GetGrain<IProjectGrain>(id).Create(request!.Name!);
        if (!reply.Succeeded)
        {
            return Problems.ToResult(reply.Error);
        }

        var body = ToResponse(reply.Value);
        return before.Succeeded ? TypedResults.Ok(body) : TypedResults.Created($"/projects/{id}", body);
    }

    private static async Task<Ok<List<ProjectResponse>>> ListProjects(HttpContext context, IGrainFactory grains)
    {
        var projects = await grains.GetGrain<IProjectDirectoryGrain>(IProjectDirectoryGrain.Key).List();
        var scope = ApiKeyPrincipal.ScopeOf(context.User);
        return TypedResults.Ok(projects.Where(p => scope.Covers(p.Id)).Select(ToResponse).ToList());
    }

    private static async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> GetProject(
        string projectId, IGrainFactory grains)
    {
        if (Identifiers.Check(projectId, "projectId") is { } invalid)
        {
            return Problems.ToResult(invalid);
        }

        var reply = await grains.GetGrain<IProjectGrain>(projectId).Get();
        return reply.Succeeded ? TypedResults.Ok(ToResponse(reply.Value)) : Problems.ToResult(reply.Error);
    }

    private static async Task<Results<Ok<AnalyticsResponse>, ProblemHttpResult>> GetAnalytics(
        string projectId, string? from, string? to, IGrainFactory grains)
    {
        var start = QueryValues.Time(from, "from");
        var end = QueryValues.Time(to, "to");
        var error = Identifiers.Check(projectId, "projectId")
            ?? start.Error ?? end.Error ?? QueryValues.CheckOrder(start.Value, end.Value);
        if (error is not null)
        {
            return Problems.ToResult(error);
        }

        var reply = await grains.GetGrain<IAnalyticsGrain>(0).GetProjectAnalytics(projectId, start.Value, end.Value);
        return reply.Succeeded
            ? TypedResults.Ok(AnalyticsResponse.Create(projectId, start.Value, end.Value, reply.Value))
            : Problems.ToResult(reply.Error);
    }

    internal static DomainError? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength
            ? DomainError.Invalid("invalid-name", $"'name' is required, at most {MaxNameLength} characters.", "name")
            : null;

    private static ProjectResponse ToResponse(ProjectView project) =>
        new(project.Id, project.Name, project.CreatedAt);
}
