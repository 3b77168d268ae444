using System.Diagnostics.CodeAnalysis;
using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Campaigns;
using Campaigns.Grains.Campaigns;
using Campaigns.Grains.Persistence;
using Campaigns.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Campaigns.Tests.Grains;

/// <summary>Storage edge cases seen in the field, against the product's own schema scripts.</summary>
public abstract class GrainStorageTests(ClusterFixture fixture)
{
    private IServiceProvider Silo => fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Primary!.SiloAddress);

    private IGrainStorage Storage => Silo.GetRequiredKeyedService<IGrainStorage>(StorageOptions.ProviderName);

    [Fact]
    public async Task TwoGrainTypesWithTheSameKeyKeepSeparateRows()
    {
        var id = GrainId.Create("campaign", "shared-" + Guid.NewGuid().ToString("N"));
        var campaign = new TestState<CampaignState>(new CampaignState { Name = "as a campaign" });
        var project = new TestState<CampaignState>(new CampaignState { Name = "as a project" });

        await Storage.WriteStateAsync("campaign", id, campaign);
        await Storage.WriteStateAsync("project", id, project);

        var readCampaign = new TestState<CampaignState>(new CampaignState());
        var readProject = new TestState<CampaignState>(new CampaignState());
        await Storage.ReadStateAsync("campaign", id, readCampaign);
        await Storage.ReadStateAsync("project", id, readProject);
        Assert.Equal("as a campaign", readCampaign.State.Name);
        Assert.Equal("as a project", readProject.State.Name);
    }

    [Fact]
    public async Task AFirstWriteRacingFromTwoActivationsFailsTheVersionCheckInsteadOfAddingARow()
    {
        var id = GrainId.Create("campaign", "race-" + Guid.NewGuid().ToString("N"));
        var first = new TestState<CampaignState>(new CampaignState { Name = "first" });
        var second = new TestState<CampaignState>(new CampaignState { Name = "second" });

        await Storage.WriteStateAsync("campaign", id, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("campaign", id, second));
        var stored = new TestState<CampaignState>(new CampaignState());
        await Storage.ReadStateAsync("campaign", id, stored);
        Assert.Equal("first", stored.State.Name);
        Assert.Equal(first.ETag, stored.ETag);
    }

    [Fact]
    public async Task ZeroAndDefaultValuesSurviveAReactivation()
    {
        var projectId = "zero-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Grains.GetGrain<Abstractions.Projects.IProjectGrain>(projectId).Create("Zero");
        var campaign = fixture.Grains.GetGrain<ICampaignGrain>(CampaignKey.Of(projectId, "c"));
        await campaign.Create(new NewCampaign("Zero planned", 0, "tests"));

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var view = (await campaign.Get()).Value!;
        Assert.Equal(0, view.PlannedCalls);
        Assert.Equal(CampaignStatus.NotStarted, view.Status);
        Assert.Equal(0, view.Outcomes[OutcomeStatus.Completed]);
    }

    [Fact]
    public async Task StateStoredByThePreviousBuildStillLoads()
    {
        var fixturePath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "campaign-state-v1.bin");
        var payload = await File.ReadAllBytesAsync(fixturePath);
        var id = GrainId.Create("campaign", "legacy/c1");
        var serializer = Silo.GetRequiredKeyedService<IGrainStorageSerializer>(StorageOptions.ProviderName);
        var state = new TestState<CampaignState>(serializer.Deserialize<CampaignState>(new BinaryData(payload))!);

        await Storage.WriteStateAsync("campaign", id, state);
        var now = DateTimeOffset.UtcNow;
        await fixture.Database.CreateCallStore().AppendAsync(new CampaignRef("legacy", "c1"),
        [
            StoredCall.From(new CallOutcome("a", OutcomeStatus.Completed, 61_500), now),
            StoredCall.From(new CallOutcome("b", OutcomeStatus.Busy, 3_000), now),
            StoredCall.From(new CallOutcome("c", OutcomeStatus.Callback, 12_250), now),
        ]);

        await fixture.Grains.GetGrain<Abstractions.Projects.IProjectGrain>("legacy").Create("Legacy");
        var campaign = fixture.Grains.GetGrain<ICampaignGrain>("legacy/c1");
        var view = (await campaign.Get()).Value!;
        var history = (await campaign.GetHistory()).Value!;
        Assert.Equal("Stored by build 1", view.Name);
        Assert.Equal(CampaignStatus.Paused, view.Status);
        Assert.Equal("fixture", view.Reason);
        Assert.Equal(10, view.PlannedCalls);
        Assert.NotNull(view.PausedAt);
        Assert.Equal([CampaignStatus.Started, CampaignStatus.Paused], history.Select(t => t.To));
        Assert.Equal(3, view.Attempts);
        Assert.Equal(61_500 + 12_250, view.TotalTimeSpentMs);
    }

    private sealed class TestState<T>(T state) : IGrainState<T>
        where T : class
    {
        [AllowNull]
        public T State { get; set; } = state;

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}

[Collection(SqliteClusterCollection.Name)]
public sealed class GrainStorageOnSqliteTests(SqliteClusterFixture fixture) : GrainStorageTests(fixture);

[Collection(PostgresClusterCollection.Name)]
public sealed class GrainStorageOnPostgresTests(PostgresClusterFixture fixture) : GrainStorageTests(fixture);
