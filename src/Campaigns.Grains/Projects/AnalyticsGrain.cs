using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Campaigns;
using Campaigns.Abstractions.Common;
using Campaigns.Abstractions.Projects;
using Campaigns.Grains.Domain;
using Campaigns.Grains.Persistence;

namespace Campaigns.Grains.Projects;

/// <summary>Reads across a project's calls straight from the call table; holds no state.</summary>
[StatelessWorker]
public sealed class AnalyticsGrain(ICallStore calls) : Grain, IAnalyticsGrain
{
    public async Task<Reply<ProjectAnalytics>> GetProjectAnalytics(
        string projectId, DateTimeOffset? from, DateTimeOffset? to)
    {
        var campaigns = await GrainFactory.GetGrain<IProjectGrain>(projectId).ListCampaigns([]);
        if (!campaigns.Succeeded)
        {
            return campaigns.Error;
        }

        var totals = await calls.ProjectTotalsAsync(projectId, from, to);
        var outcomes = Enum.GetValues<OutcomeStatus>().ToDictionary(
            s => s, s => totals.Where(t => t.Status == s).Sum(t => t.Calls));
        var byStatus = Enum.GetValues<CampaignStatus>().ToDictionary(
            s => s, s => campaigns.Value.Count(c => c.Status == s));
        var perDay = totals
            .GroupBy(t => t.Day)
            .Select(day => new DailyTimeSpent(
                day.Key,
                day.Sum(t => t.Calls),
                day.Sum(t => CallAccounting.TimeSpentMs(t.Status, t.DurationMs))))
            .ToList();

        return new ProjectAnalytics(outcomes, byStatus, perDay.Sum(d => d.TimeSpentMs), perDay);
    }
}
