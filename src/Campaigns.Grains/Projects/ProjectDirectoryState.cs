using Campaigns.Abstractions.Projects;

namespace Campaigns.Grains.Projects;

[GenerateSerializer, Alias("campaigns.ProjectDirectoryState")]
public sealed class ProjectDirectoryState
{
    [Id(0)] public Dictionary<string, ProjectView> Projects { get; set; } = [];
}
