namespace Campaigns.Abstractions.Projects;

/// <summary>The list of every project; one instance, keyed <see cref="Key"/>.</summary>
[Alias("campaigns.IProjectDirectoryGrain")]
public interface IProjectDirectoryGrain : IGrainWithStringKey
{
    const string Key = "all";

    [Alias("Register")]
    Task Register(ProjectView project);

    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<ProjectView>> List();
}
