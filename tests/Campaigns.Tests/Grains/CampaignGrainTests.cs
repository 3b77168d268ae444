using System.Diagnostics.Metrics;
using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Campaigns;
using Campaigns.Abstractions.Projects;
using Campaigns.Abstractions.Common;
using Campaigns.Grains.Persistence;
using Campaigns.Tests.Support;

namespace Campaigns.Tests.Grains;

/// <summary>Campaign grains on a real test cluster, run once per database.</summary>
public abstract class CampaignGrainTests(ClusterFixture fixture)
{
    private readonly string _projectId = "p-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task ConcurrentCopiesOfOneCallAreCountedOnce()
    {
        var campaign = await StartedCampaignAsync("dupes");
        var outcome = new CallOutcome("call-1", OutcomeStatus.Completed, 42_000, null, "contact-1");

        var replies = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => campaign.Record([outcome])));

        var dispositions = replies.Select(r => r.Value![0].Disposition).ToList();
        Assert.Equal(1, dispositions.Count(d => d == OutcomeDisposition.Accepted));
        Assert.Equal(23, dispositions.Count(d => d == OutcomeDisposition.Duplicate));
        var view = (await campaign.Get()).Value!;
        Assert.Equal(1, view.Attempts);
        Assert.Equal(42_000, view.TotalTimeSpentMs);
    }

    [Fact]
    public async Task OutcomesArrivingWhileAWriteIsInFlightAreStoredTogetherAndEachCountedOnce()
    {
        var campaign = await StartedCampaignAsync("hot");
        var writeSizes = new List<long>();
        using var listener = ListenToWriteSizes(writeSizes);

        Task<Reply<IReadOnlyList<OutcomeResult>>>[] recording;
        await using (await fixture.Database.HoldCallWritesAsync())
        {
            recording = Enumerable.Range(0, 200).Select(i => campaign.Record(
                [new CallOutcome($"call-{i}", OutcomeStatus.Completed, 1_000), new CallOutcome($"call-{i % 50}-again",
                    OutcomeStatus.NoAnswer, 0)])).ToArray();

            // Every call arrives while the first write waits for the database, however fast the database is.
            await Task.Delay(500);
        }

        var replies = await Task.WhenAll(recording);

        var dispositions = replies.SelectMany(r => r.Value!).GroupBy(r => r.Disposition)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(250, dispositions[OutcomeDisposition.Accepted]);
        Assert.Equal(150, dispositions[OutcomeDisposition.Duplicate]);
        var view = (await campaign.Get()).Value!;
        Assert.Equal((250, 200_000), (view.Attempts, view.TotalTimeSpentMs));
        lock (writeSizes)
        {
            Assert.Equal(400, writeSizes.Sum());
            Assert.True(writeSizes.Count < 100, $"{writeSizes.Count} writes for 200 concurrent calls");
        }
    }

    [Fact]
    public async Task OneAppendMayHoldSeveralCampaignsAndKeepsTheirCallIdsApart()
    {
        var store = fixture.Database.CreateCallStore();
        var first = new CampaignRef(_projectId, "shared-a");
        var second = new CampaignRef(_projectId, "shared-b");
        var row = StoredCall.From(new CallOutcome("call-1", OutcomeStatus.Completed, 1_000), DateTimeOffset.UtcNow);

        var results = await store.AppendAsync([new(first, row), new(second, row), new(first, row)]);

        Assert.Equal([true, true, false], results.Select(r => r.Inserted));
        Assert.Equal(results[0].Call.Seq, results[2].Call.Seq);
        Assert.NotEqual(results[0].Call.Seq, results[1].Call.Seq);
        Assert.Equal(1, await store.CountAsync(second));
    }

    [Fact]
    public async Task ALifecycleCommandDuringConcurrentOutcomesLeavesCountersEqualToTheStoredCalls()
    {
        var campaign = await StartedCampaignAsync("busy-pause");

        var recording = Enumerable.Range(0, 100)
            .Select(i => campaign.Record([new CallOutcome($"call-{i}", OutcomeStatus.Completed, 1_000)]))
            .ToList();
        var paused = await campaign.Apply(CampaignCommand.Pause, "lunch", "ops");
        var replies = await Task.WhenAll(recording);

        Assert.Equal(CampaignStatus.Paused, paused.Value!.Status);
        var accepted = replies.Count(r => r.Value![0].Disposition == OutcomeDisposition.Accepted);
        var stored = (await campaign.GetCalls(new CallQuery([], null, null, 500, null))).Value!.Items.Count;
        var view = (await campaign.Get()).Value!;
        Assert.Equal(stored, accepted);
        Assert.Equal(stored, view.Attempts);
    }

    private MeterListener ListenToWriteSizes(List<long> sizes)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument is { Meter.Name: "Campaigns", Name: "campaigns.outcome_writes.size" })
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "project.id" } && Equals(tag.Value, _projectId))
                {
                    lock (sizes)
                    {
                        sizes.Add(value);
                    }
                }
            }
        });
        listener.Start();
        return listener;
    }

    [Fact]
    public async Task TheSameCallIdWithOtherContentIsRefusedAsAConflict()
    {
        var campaign = await StartedCampaignAsync("conflict");
        await campaign.Record([new CallOutcome("call-1", OutcomeStatus.Completed, 10_000)]);

        var reply = await campaign.Record([new CallOutcome("call-1", OutcomeStatus.Completed, 10_001)]);

        Assert.Equal(OutcomeDisposition.Refused, reply.Value![0].Disposition);
        Assert.Equal("call-conflict", reply.Value[0].Problem?.Code);
        Assert.Equal(10_000, (await campaign.Get()).Value!.TotalTimeSpentMs);
    }

    [Fact]
    public async Task ACampaignCompletesByItselfWhenEveryPlannedCallHasAnOutcome()
    {
        var campaign = await StartedCampaignAsync("planned", plannedCalls: 3);

        await campaign.Record([Call("a"), Call("b")]);
        Assert.Equal(CampaignStatus.Started, (await campaign.Get()).Value!.Status);
        await campaign.Record([Call("b"), Call("c")]);

        var view = (await campaign.Get()).Value!;
        Assert.Equal(CampaignStatus.Complete, view.Status);
        Assert.NotNull(view.FinishedAt);
        var last = (await campaign.GetHistory()).Value![^1];
        Assert.Equal((CampaignStatus.Started, CampaignStatus.Complete, "system"), (last.From, last.To, last.Actor));
    }

    [Fact]
    public async Task AfterEndingOnlyCallsThatBeganBeforeTheEndAreAcceptedAndRetriesStayDuplicates()
    {
        var campaign = await StartedCampaignAsync("late");
        await campaign.Record([Call("before-end")]);
        var ended = (await campaign.Apply(CampaignCommand.End, "budget spent", "ops")).Value!;
        var endedAt = ended.FinishedAt!.Value;

        var reply = await campaign.Record(
        [
            Call("before-end"),
            new CallOutcome("in-flight", OutcomeStatus.Completed, 1_000, endedAt.AddSeconds(-30)),
            new CallOutcome("too-late", OutcomeStatus.Completed, 1_000, endedAt.AddSeconds(1)),
        ]);

        Assert.Equal(
            [OutcomeDisposition.Duplicate, OutcomeDisposition.Accepted, OutcomeDisposition.Refused],
            reply.Value!.Select(r => r.Disposition));
        Assert.Equal("campaign-finished", reply.Value![2].Problem?.Code);
        Assert.Equal(2, (await campaign.Get()).Value!.Attempts);
    }

    [Fact]
    public async Task OutcomesAreRefusedWhileNotStarted()
    {
        var campaign = await CreatedCampaignAsync("idle", plannedCalls: null);

        var reply = await campaign.Record([Call("a")]);

        Assert.Equal("campaign-not-started", reply.Value![0].Problem?.Code);
        Assert.Equal(0, (await campaign.Get()).Value!.Attempts);
    }

    [Fact]
    public async Task TheProjectIndexFollowsEveryTransition()
    {
        var project = fixture.Grains.GetGrain<IProjectGrain>(_projectId);
        var first = await StartedCampaignAsync("first");
        await CreatedCampaignAsync("second", plannedCalls: null);

        await first.Apply(CampaignCommand.Pause, "script review", "ops");

        var paused = (await project.ListCampaigns([CampaignStatus.Paused])).Value!;
        Assert.Equal(["first"], paused.Select(c => c.CampaignId));
        var notStarted = (await project.ListCampaigns([CampaignStatus.NotStarted])).Value!;
        Assert.Equal(["second"], notStarted.Select(c => c.CampaignId));
    }

    [Fact]
    public async Task RowsThatReachedTheCallTableButNotTheCountersAreCountedOnTheNextActivation()
    {
        var campaign = await StartedCampaignAsync("recover");
        await campaign.Record([Call("counted")]);
        var store = fixture.Database.CreateCallStore();
        var now = DateTimeOffset.UtcNow;
        await store.AppendAsync(new CampaignRef(_projectId, "recover"),
        [
            StoredCall.From(new CallOutcome("orphan-1", OutcomeStatus.Callback, 5_000), now),
            StoredCall.From(new CallOutcome("orphan-2", OutcomeStatus.Busy, 9_000), now),
        ]);

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var view = (await campaign.Get()).Value!;
        Assert.Equal(3, view.Attempts);
        Assert.Equal(1, view.Outcomes[OutcomeStatus.Callback]);
        Assert.Equal(1_000 + 5_000, view.TotalTimeSpentMs);
    }

    [Fact]
    public async Task CountersRebuildFromTheCallTableWhenAnotherWriterSlippedRowsBelowTheirMark()
    {
        var campaign = await StartedCampaignAsync("two-writers");
        await campaign.Record([Call("mine-1")]);
        await fixture.Database.CreateCallStore().AppendAsync(
            new CampaignRef(_projectId, "two-writers"),
            [StoredCall.From(new CallOutcome("theirs", OutcomeStatus.MeetingBooked, 7_000), DateTimeOffset.UtcNow)]);
        await campaign.Record([Call("mine-2")]);

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var view = (await campaign.Get()).Value!;
        Assert.Equal(3, view.Attempts);
        Assert.Equal(1, view.Outcomes[OutcomeStatus.MeetingBooked]);
        Assert.Equal(1_000 + 7_000 + 1_000, view.TotalTimeSpentMs);
    }

    [Fact]
    public async Task ALiveCampaignCountsRowsAnotherWriterSlippedInAtItsNextCheckpoint()
    {
        var campaign = await StartedCampaignAsync("live-two-writers");
        await campaign.Record([Call("mine-1")]);
        await fixture.Database.CreateCallStore().AppendAsync(
            new CampaignRef(_projectId, "live-two-writers"),
            [StoredCall.From(new CallOutcome("theirs", OutcomeStatus.Callback, 4_000), DateTimeOffset.UtcNow)]);
        await campaign.Record([Call("mine-2")]);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        var view = (await campaign.Get()).Value!;
        while (view.Attempts != 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            view = (await campaign.Get()).Value!;
        }

        Assert.Equal(3, view.Attempts);
        Assert.Equal(1_000 + 4_000 + 1_000, view.TotalTimeSpentMs);
    }

    [Fact]
    public async Task ARequestRepeatedByTheGatewayAfterAFailureIsStillAcceptedButAnotherRequestIsADuplicate()
    {
        var campaign = await StartedCampaignAsync("repeated");
        var request = RequestIds.New();

        RequestContext.Set(RequestIds.ContextKey, request);
        var first = await campaign.Record([Call("r1"), Call("r1")]);
        var repeated = await campaign.Record([Call("r1")]);
        RequestContext.Set(RequestIds.ContextKey, RequestIds.New());
        var retried = await campaign.Record([Call("r1")]);
        RequestContext.Clear();

        Assert.Equal(
            [OutcomeDisposition.Accepted, OutcomeDisposition.Duplicate],
            first.Value!.Select(r => r.Disposition));
        Assert.Equal(OutcomeDisposition.Accepted, repeated.Value![0].Disposition);
        Assert.Equal(OutcomeDisposition.Duplicate, retried.Value![0].Disposition);
        Assert.Equal(1, (await campaign.Get()).Value!.Attempts);
    }

    private static CallOutcome Call(string callId) => new(callId, OutcomeStatus.Completed, 1_000);

    private async Task<ICampaignGrain> CreatedCampaignAsync(string campaignId, int? plannedCalls)
    {
        await fixture.Grains.GetGrain<IProjectGrain>(_projectId).Create("Project");
        var campaign = fixture.Grains.GetGrain<ICampaignGrain>(CampaignKey.Of(_projectId, campaignId));
        var created = await campaign.Create(new NewCampaign(campaignId, plannedCalls, "tests"));
        Assert.True(created.Succeeded, created.Error?.Detail);
        return campaign;
    }

    private async Task<ICampaignGrain> StartedCampaignAsync(string campaignId, int? plannedCalls = null)
    {
        var campaign = await CreatedCampaignAsync(campaignId, plannedCalls);
        Assert.True((await campaign.Apply(CampaignCommand.Start, null, "tests")).Succeeded);
        return campaign;
    }
}

[Collection(SqliteClusterCollection.Name)]
public sealed class CampaignGrainOnSqliteTests(SqliteClusterFixture fixture) : CampaignGrainTests(fixture);

[Collection(PostgresClusterCollection.Name)]
public sealed class CampaignGrainOnPostgresTests(PostgresClusterFixture fixture) : CampaignGrainTests(fixture);
