using Campaigns.Abstractions.Campaigns;
using Campaigns.Abstractions.Common;
using Campaigns.Abstractions.Projects;
using Campaigns.Grains.Persistence;

namespace Campaigns.Grains.Projects;

public sealed class ProjectGrain(
    [PersistentState("project", StorageOptions.ProviderName)] IPersistentState<ProjectState> state,
    TimeProvider clock) : Grain, IProjectGrain
{
    private ProjectState State => state.State;

    private DomainError Missing => DomainError.NotFound(
        "project-not-found", $"Project '{this.GetPrimaryKeyString()}' does not exist.");

    public async Task<Reply<ProjectView>> Create(string name)
    {
        if (State.Exists)
        {
            return State.Name == name
                ? View()
                : DomainError.Conflict(
                    "project-exists", $"Project '{this.GetPrimaryKeyString()}' already exists.", "id");
        }

        State.Exists = true;
        State.Name = name;
        State.CreatedAt = clock.GetUtcNow();

        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IProjectDirectoryGrain>(IProjectDirectoryGrain.Key).Register(View());
        return View();
    }

    public Task<Reply<ProjectView>> Get() =>
        Task.FromResult<Reply<ProjectView>>(State.Exists ? View() : Missing);

    public Task<Reply<IReadOnlyList<CampaignIndexEntry>>> ListCampaigns(IReadOnlyList<CampaignStatus> statuses)
    {
        if (!State.Exists)
        {
            return Task.FromResult<Reply<IReadOnlyList<CampaignIndexEntry>>>(Missing);
        }

        var entries = State.Campaigns.Values
            .Where(c => statuses.Count == 0 || statuses.Contains(c.Status))
            .OrderBy(c => c.CreatedAt)
            .ThenBy(c => c.CampaignId, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<Reply<IReadOnlyList<CampaignIndexEntry>>>(entries);
    }

    public async Task CampaignChanged(CampaignIndexEntry entry)
    {
        if (State.Campaigns.GetValueOrDefault(entry.CampaignId) == entry)
        {
            return;
        }

        State.Campaigns[entry.CampaignId] = entry;
        // Known cost: every change rewrites the whole index, so creating the n-th campaign of a
        // project writes n entries; at 10,000 campaigns in one project, creation slows to under
        // 100 a second (BENCHMARKS.md). An index table with one row per campaign would remove it.
        await state.WriteStateAsync();
    }

    private ProjectView View() => new(this.GetPrimaryKeyString(), State.Name, State.CreatedAt);
}
