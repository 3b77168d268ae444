using Campaigns.Abstractions.Projects;

namespace Campaigns.Grains.Projects;

[GenerateSerializer, Alias("campaigns.ProjectState")]
public sealed class ProjectState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public Dictionary<string, CampaignIndexEntry> Campaigns { get; set; } = [];
}
