namespace Campaigns.Abstractions.Projects;

[GenerateSerializer, Immutable, Alias("campaigns.ProjectView")]
public sealed record ProjectView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt);
