using Campaigns.Abstractions.Projects;
using Campaigns.Grains.Persistence;

namespace Campaigns.Grains.Projects;

public sealed class ProjectDirectoryGrain(
    [PersistentState("project-directory", StorageOptions.ProviderName)]
    IPersistentState<ProjectDirectoryState> state) : Grain, IProjectDirectoryGrain
{
    public async Task Register(ProjectView project)
    {
        if (state.State.Projects.ContainsKey(project.Id))
        {
            return;
        }

        state.State.Projects[project.Id] = project;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<ProjectView>> List() =>
        Task.FromResult<IReadOnlyList<ProjectView>>(
            state.State.Projects.Values.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal).ToList());
}
