namespace Campaigns.Gateway.Contracts;

public sealed record CreateProjectRequest(string? Id, string? Name);

public sealed record ProjectResponse(string Id, string Name, DateTimeOffset CreatedAt);
