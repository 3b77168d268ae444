using System.Diagnostics;
using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Campaigns;
using Campaigns.Abstractions.Common;
using Campaigns.Abstractions.Projects;
using Campaigns.Grains.Domain;
using Campaigns.Grains.Persistence;
using Campaigns.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace Campaigns.Grains.Campaigns;

/*
 * Durability and counting. An outcome is acknowledged once its row is committed
 * to the call table, whose unique key (campaign, call id) makes a retry find the
 * first copy instead of counting twice. Counters live in grain state with the
 * highest Seq they include; they are written on every transition, every
 * CheckpointEvery outcomes, on a timer and on deactivation, not on every
 * outcome. After a crash the next activation folds in the rows past that Seq,
 * so counters always equal the call table and an outcome costs one insert.
 * As a last defence against two activations having written at once (a split
 * cluster while it heals, two processes on one file), every activation compares
 * the count of rows with the counters and rebuilds them from the table when they
 * differ; every timed checkpoint does the same for the rows added since the
 * previous check (see RebuildIfDivergedAsync).
 *
 * Group commit. Record calls interleave: while one group of outcomes is being
 * written, the outcomes of every call that arrives meanwhile queue up and go
 * into the next write together (GroupCommit), so a hot campaign costs one
 * round trip per group, not per outcome; CallWriter then gathers the groups of
 * many campaigns into one transaction. Everything else stays in turns. Two
 * gates keep the interleaving safe: _counting makes a write and its counting
 * one step that a rebuild of the counters from the table never sees half
 * done, and _stateWrites keeps state writes, which carry an ETag, one at a time.
 *
 * Scheduled starts use a reminder, which lives in the database beside the state
 * and so survives every process restarting. The reminder is ensured after the
 * state that asks for it is written and again on each activation, so a crash
 * between the two cannot lose it.
 */
public sealed partial class CampaignGrain(
    [PersistentState("campaign", StorageOptions.ProviderName)] IPersistentState<CampaignState> state,
    ICallStore calls,
    CallWriter writer,
    TimeProvider clock,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain, IRemindable, IDisposable
{
    public const string SystemActor = "system";
    public const string SchedulerActor = "scheduler";
    private const string ScheduledStartReminder = "scheduled-start";
    private const string PlannedCallsDone = "Every planned call has an outcome.";
    private const int CheckpointEvery = 1000;
    private const int MaxOutcomesPerWrite = 2000;
    private static readonly TimeSpan CheckpointDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Reminders repeat. A tick missed while every silo was down comes at most one
    /// period after the reminder service reloads, so the period is kept short; it
    /// only ticks once the start is due, until the start has happened.
    /// </summary>
    public static readonly TimeSpan ReminderRetryPeriod = TimeSpan.FromSeconds(10);

    /// <summary>A reminder may tick a moment before its due time; that still counts as due.</summary>
    private static readonly TimeSpan ReminderTolerance = TimeSpan.FromSeconds(1);

    private CampaignRef _ref;
    private long _uncheckpointed;
    private IGrainTimer? _checkpointTimer;
    private long _checkedThroughSeq;
    private long _rowsThroughChecked;
    private readonly SemaphoreSlim _counting = new(1, 1);
    private readonly SemaphoreSlim _stateWrites = new(1, 1);
    private GroupCommit<StoredCall, AppendResult>? _writes;

    private GroupCommit<StoredCall, AppendResult> Writes => _writes ??= new(WriteAsync, MaxOutcomesPerWrite);

    private CampaignState State => state.State;

    private DomainError Missing => DomainError.NotFound(
        "campaign-not-found", $"Campaign '{_ref.CampaignId}' does not exist in project '{_ref.ProjectId}'.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (projectId, campaignId) = CampaignKey.Parse(this.GetPrimaryKeyString());
        _ref = new CampaignRef(projectId, campaignId);
        CampaignsTelemetry.Activated();
        if (!State.Exists)
        {
            return;
        }

        var missed = await calls.ReadSinceAsync(_ref, State.CountedThroughSeq, cancellationToken);
        if (missed.Count > 0)
        {
            LogRecovered(missed.Count, _ref.ProjectId, _ref.CampaignId);
            _ = Count(missed);
        }

        var diverged = await RebuildIfDivergedAsync(cancellationToken);
        if (missed.Count > 0 || diverged)
        {
            await PersistAsync();
        }

        await NotifyProjectAsync();
        await EnsureScheduledStartAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CampaignsTelemetry.Deactivated();
        if (_uncheckpointed > 0)
        {
            await PersistAsync();
        }
    }

    /// <summary>The runtime disposes an activation once it has deactivated, when nothing waits on the gates.</summary>
    public void Dispose()
    {
        _counting.Dispose();
        _stateWrites.Dispose();
    }

    public async Task<Reply<CampaignView>> Create(NewCampaign request)
    {
        if (State.Exists)
        {
            return State.Name == request.Name && State.PlannedCalls == request.PlannedCalls
                && State.ScheduledStart == request.ScheduledStart
                ? View()
                : DomainError.Conflict(
                    "campaign-exists", $"Campaign '{_ref.CampaignId}' already exists with other settings.", "id");
        }

        var project = await GrainFactory.GetGrain<IProjectGrain>(_ref.ProjectId).Get();
        if (!project.Succeeded)
        {
            return project.Error;
        }

        State.Exists = true;
        State.Name = request.Name;
        State.PlannedCalls = request.PlannedCalls;
        State.CreatedAt = clock.GetUtcNow();
        State.FollowUp = request.FollowUp;
        State.ScheduledStart = request.ScheduledStart;

        await PersistAsync();
        await NotifyProjectAsync();
        await EnsureScheduledStartAsync();
        return View();
    }

    public Task<Reply<CampaignView>> Get() =>
        Task.FromResult<Reply<CampaignView>>(State.Exists ? View() : Missing);

    public Task<Reply<IReadOnlyList<StatusTransition>>> GetHistory() =>
        Task.FromResult<Reply<IReadOnlyList<StatusTransition>>>(
            State.Exists ? State.History.ToList() : Missing);

    public async Task<Reply<CampaignView>> Apply(CampaignCommand command, string? reason, string actor)
    {
        if (!State.Exists)
        {
            return Missing;
        }

        var decision = CampaignLifecycle.Decide(State.Status, command);
        if (decision.Verdict == LifecycleVerdict.AlreadyThere)
        {
            return View();
        }

        if (decision.Verdict == LifecycleVerdict.Refused)
        {
            LogCommandRefused(command, State.Status, _ref.ProjectId, _ref.CampaignId);
            return CampaignLifecycle.Refusal(State.Status, command);
        }

        Transition(decision.Target, reason, actor, clock.GetUtcNow());
        await PersistAsync();
        await NotifyProjectAsync();
        return View();
    }

    public async Task<Reply<IReadOnlyList<OutcomeResult>>> Record(IReadOnlyList<CallOutcome> outcomes)
    {
        if (!State.Exists)
        {
            return Missing;
        }

        using var activity = StartActivity("campaign.record_outcomes");
        activity?.SetTag("outcomes.count", outcomes.Count);
        var now = clock.GetUtcNow();
        var requestId = RequestContext.Get(RequestIds.ContextKey) as string;
        var results = new OutcomeResult[outcomes.Count];
        var admitted = new List<(int Index, StoredCall Row)>();
        var gated = new List<(int Index, StoredCall Row, DomainError Why)>();
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (OutcomeLimits.Check(outcomes[i], now) is { } invalid)
            {
                results[i] = new(outcomes[i].CallId, OutcomeDisposition.Refused, invalid);
                continue;
            }

            var row = StoredCall.From(outcomes[i], now, requestId);
            if (OutcomeGate.Admit(State.Status, State.StartedAt, State.FinishedAt, row.StartedAt) is { } closed)
            {
                gated.Add((i, row, closed));
            }
            else
            {
                admitted.Add((i, row));
            }
        }

        await ResolveGatedAsync(gated, results);
        await AppendAsync(admitted, results);
        Observe(activity, outcomes, results);
        return results;
    }

    /// <summary>Puts what became of the outcomes on the span and the meters.</summary>
    private void Observe(Activity? activity, IReadOnlyList<CallOutcome> outcomes, OutcomeResult[] results)
    {
        for (var i = 0; i < results.Length; i++)
        {
            CampaignsTelemetry.OutcomeRecorded(_ref.ProjectId, outcomes[i].Status, results[i].Disposition);
            if (results[i].Disposition == OutcomeDisposition.Accepted)
            {
                CampaignsTelemetry.TimeSpentAdded(
                    _ref.ProjectId, CallAccounting.TimeSpentMs(outcomes[i].Status, outcomes[i].DurationMs));
            }
        }

        if (activity is null)
        {
            return;
        }

        foreach (var group in results.GroupBy(r => r.Disposition))
        {
            activity.SetTag($"outcomes.{group.Key.ToString().ToLowerInvariant()}", group.Count());
        }

        if (results is [var only])
        {
            activity.SetTag("call.id", only.CallId);
            activity.SetTag("outcome.status", outcomes[0].Status.ToString());
            activity.SetTag("outcome.result", only.Disposition.ToString().ToLowerInvariant());
        }

        var refused = results.Where(r => r.Problem is not null).ToList();
        foreach (var result in refused)
        {
            activity.AddEvent(new ActivityEvent("outcome.refused", tags: new ActivityTagsCollection
            {
                ["call.id"] = result.CallId,
                ["error.type"] = result.Problem!.Code,
                ["reason"] = result.Problem.Detail,
            }));
        }

        if (refused.Count > 0)
        {
            var first = refused[0].Problem!;
            activity.SetStatus(ActivityStatusCode.Error, $"{refused.Count} refused; {first.Code}: {first.Detail}");
            activity.SetTag("error.type", first.Code);
        }
    }

    private Activity? StartActivity(string name)
    {
        var activity = CampaignsTelemetry.Source.StartActivity(name);
        activity?.SetTag("project.id", _ref.ProjectId);
        activity?.SetTag("campaign.id", _ref.CampaignId);
        return activity;
    }

    public async Task<Reply<CallPage>> GetCalls(CallQuery query)
    {
        if (!State.Exists)
        {
            return Missing;
        }

        if (!CallCursor.TryRead(query.Cursor, out var before, out var beforeSeq))
        {
            return DomainError.Invalid("invalid-cursor", "The cursor is not one this service issued.", "cursor");
        }

        var request = new CallPageRequest(query.Statuses, query.From, query.To, query.Limit + 1, before, beforeSeq);
        var rows = await calls.PageAsync(_ref, request);
        var page = rows.Take(query.Limit).Select(r => r.ToRecord()).ToList();
        var next = rows.Count > query.Limit ? CallCursor.Write(rows[query.Limit - 1]) : null;
        return new CallPage(page, next);
    }

    public async Task<Reply<IReadOnlyList<string>>> GetContacts(int limit, string? after)
    {
        if (!State.Exists)
        {
            return Missing;
        }

        return new(await calls.ContactsAsync(_ref, limit, after), null);
    }

    public async Task<Reply<CampaignView>> CreateFollowUp(
        string followUpId,
        string name,
        IReadOnlyList<OutcomeStatus> statuses,
        DateTimeOffset? scheduledStart,
        string actor)
    {
        if (!State.Exists)
        {
            return Missing;
        }

        if (followUpId == _ref.CampaignId)
        {
            return DomainError.Conflict("campaign-exists", "A follow-up needs an id of its own.", "id");
        }

        var followUp = GrainFactory.GetGrain<ICampaignGrain>(CampaignKey.Of(_ref.ProjectId, followUpId));
        var existing = await followUp.Get();
        if (existing.Succeeded)
        {
            var same = existing.Value.FollowUp is { } seeded
                && seeded.ParentCampaignId == _ref.CampaignId
                && seeded.Statuses.SequenceEqual(statuses)
                && existing.Value.Name == name
                && existing.Value.ScheduledStart == scheduledStart;
            return same
                ? existing
                : DomainError.Conflict("campaign-exists", $"Campaign '{followUpId}' already exists.", "id");
        }

        var contacts = await calls.SeedFollowUpAsync(_ref, followUpId, statuses);
        var source = new FollowUpSource(_ref.CampaignId, statuses, contacts);
        return await followUp.Create(new NewCampaign(name, null, actor, source, scheduledStart));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ScheduledStartReminder)
        {
            return;
        }

        var due = clock.GetUtcNow() + ReminderTolerance >= State.ScheduledStart;
        if (State.Exists && State.Status == CampaignStatus.NotStarted && due)
        {
            LogScheduledStart(_ref.ProjectId, _ref.CampaignId, State.ScheduledStart!.Value);
            await Apply(CampaignCommand.Start, "Scheduled start.", SchedulerActor);
        }

        if (State.Status != CampaignStatus.NotStarted && await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Registers a Not Started campaign's scheduled-start reminder if it is missing.</summary>
    private async Task EnsureScheduledStartAsync()
    {
        if (State is not { Exists: true, Status: CampaignStatus.NotStarted, ScheduledStart: { } at }
            || await this.GetReminder(ScheduledStartReminder) is not null)
        {
            return;
        }

        var due = at - clock.GetUtcNow();
        await this.RegisterOrUpdateReminder(
            ScheduledStartReminder, due > TimeSpan.Zero ? due : TimeSpan.Zero, ReminderRetryPeriod);
    }

    /// <summary>Gated outcomes may still be retries of calls already stored: those are duplicates.</summary>
    private async Task ResolveGatedAsync(
        List<(int Index, StoredCall Row, DomainError Why)> gated, OutcomeResult[] results)
    {
        if (gated.Count == 0)
        {
            return;
        }

        var stored = (await calls.FindAsync(_ref, gated.Select(g => g.Row.CallId).ToList()))
            .ToDictionary(r => r.CallId);
        foreach (var (index, row, why) in gated)
        {
            results[index] = stored.TryGetValue(row.CallId, out var first)
                ? Resolve(row, first, storedByThisCall: false)
                : new(row.CallId, OutcomeDisposition.Refused, why);
        }
    }

    /// <summary>Stores the admitted outcomes with whatever else is being recorded meanwhile.</summary>
    private async Task AppendAsync(List<(int Index, StoredCall Row)> admitted, OutcomeResult[] results)
    {
        if (admitted.Count == 0)
        {
            return;
        }

        var appended = await Writes.SubmitAsync(admitted.Select(a => a.Row).ToList());
        var insertedNow = appended.Where(a => a.Inserted).Select(a => a.Call.Seq).ToHashSet();
        for (var i = 0; i < admitted.Count; i++)
        {
            var (index, row) = admitted[i];
            results[index] = appended[i].Inserted
                ? new(row.CallId, OutcomeDisposition.Accepted)
                : Resolve(row, appended[i].Call, insertedNow.Contains(appended[i].Call.Seq));
        }
    }

    /// <summary>
    /// One group commit: the rows of every Record call in the group in one append,
    /// counted before any of those calls is answered.
    /// </summary>
    private async Task<IReadOnlyList<AppendResult>> WriteAsync(IReadOnlyList<StoredCall> rows)
    {
        await _counting.WaitAsync();
        try
        {
            using var activity = StartActivity("campaign.write_outcomes");
            activity?.SetTag("outcomes.batch_size", rows.Count);
            var started = Stopwatch.GetTimestamp();
            var appended = await writer.AppendAsync(_ref, rows);
            CampaignsTelemetry.OutcomesWritten(_ref.ProjectId, rows.Count, Stopwatch.GetElapsedTime(started));
            var accepted = appended.Where(a => a.Inserted).Select(a => a.Call).ToList();
            if (accepted.Count > 0)
            {
                var completed = Count(accepted);
                try
                {
                    await AfterCountingAsync(completed);
                }
                catch (Exception e)
                {
                    // The rows are committed, so their callers are answered: the outcomes are durable, and
                    // the next activation (PersistAsync asked for one) rebuilds the rest from the call table.
                    LogCheckpointFailed(e, _ref.ProjectId, _ref.CampaignId);
                    DeactivateOnIdle();
                }
            }

            return appended;
        }
        finally
        {
            _counting.Release();
        }
    }

    /// <param name="storedByThisCall">The stored copy is an earlier item of this very batch.</param>
    private OutcomeResult Resolve(StoredCall retry, StoredCall first, bool storedByThisCall)
    {
        if (retry.SameContentAs(first))
        {
            var sameRequest = !storedByThisCall && first.RequestId is not null && first.RequestId == retry.RequestId;
            return new(retry.CallId, sameRequest ? OutcomeDisposition.Accepted : OutcomeDisposition.Duplicate);
        }

        LogOutcomeConflict(retry.CallId, _ref.ProjectId, _ref.CampaignId);
        return new(retry.CallId, OutcomeDisposition.Refused, DomainError.Conflict(
            "call-conflict",
            $"Call '{retry.CallId}' was already reported with different content.",
            "callId"));
    }

    private async Task RebuildCountersAsync(CancellationToken cancellationToken)
    {
        var summary = await calls.SummarizeAsync(_ref, cancellationToken);
        State.Counters = CampaignCounters.FromTotals(
            summary.Totals.Select(t => (t.Status, t.Calls, t.DurationMs)), summary.LastReceivedAt);
        State.CountedThroughSeq = summary.LastSeq;
        if (ReachedPlannedCalls())
        {
            Transition(CampaignStatus.Complete, PlannedCallsDone, SystemActor, clock.GetUtcNow());
        }
    }

    /// <summary>Folds rows into the counters; true when they completed the campaign.</summary>
    private bool Count(IReadOnlyList<StoredCall> rows)
    {
        var completed = false;
        foreach (var row in rows)
        {
            State.Counters.Add(row.Status, row.DurationMs, row.ReceivedAt);
            State.CountedThroughSeq = Math.Max(State.CountedThroughSeq, row.Seq);
            _uncheckpointed++;
            if (ReachedPlannedCalls())
            {
                Transition(CampaignStatus.Complete, PlannedCallsDone, SystemActor, row.ReceivedAt);
                completed = true;
            }
        }

        return completed;
    }

    private bool ReachedPlannedCalls() =>
        State.PlannedCalls is > 0 and var planned
        && State.Counters.Attempts >= planned
        && CampaignLifecycle.IsRunning(State.Status);

    private async Task AfterCountingAsync(bool completed)
    {
        if (completed)
        {
            await PersistAsync();
            await NotifyProjectAsync();
        }
        else if (_uncheckpointed >= CheckpointEvery)
        {
            await PersistAsync();
        }
        else
        {
            // A random first tick keeps campaigns that got busy together from all checkpointing at once.
            _checkpointTimer ??= this.RegisterGrainTimer(
                CheckpointAsync, CheckpointDelay * (0.5 + Random.Shared.NextDouble() / 2), CheckpointDelay);
        }
    }

    /// <summary>
    /// Writes the counters when outcomes came in since the last write, after checking
    /// them against the table: while a cluster heals, a second activation may briefly
    /// have written rows this one did not count, and they are counted here.
    /// </summary>
    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (_uncheckpointed > 0)
        {
            var diverged = await RebuildIfDivergedAsync(cancellationToken);
            await PersistAsync();
            if (diverged && State.Status == CampaignStatus.Complete)
            {
                await NotifyProjectAsync();
            }
        }
    }

    /// <summary>
    /// Compares the counters with the rows they claim to include (Seq up to
    /// CountedThroughSeq) and rebuilds them from the table when they differ. A write
    /// in flight only holds Seqs above that, so the count needs no gate and never
    /// holds up outcomes; and only rows past the last check are counted again, so a
    /// campaign of a million calls costs no more to check than an empty one. Rows a
    /// second activation commits below an already-checked Seq wait for the next
    /// activation, which counts everything.
    /// </summary>
    private async Task<bool> RebuildIfDivergedAsync(CancellationToken cancellationToken)
    {
        var (through, counted) = (State.CountedThroughSeq, State.Counters.Attempts);
        var stored = _rowsThroughChecked
            + await calls.CountAsync(_ref, _checkedThroughSeq, through, cancellationToken);
        if (stored == counted)
        {
            (_checkedThroughSeq, _rowsThroughChecked) = (through, stored);
            return false;
        }

        await _counting.WaitAsync(cancellationToken);
        try
        {
            LogRebuilt(counted, stored, _ref.ProjectId, _ref.CampaignId);
            await RebuildCountersAsync(cancellationToken);
            (_checkedThroughSeq, _rowsThroughChecked) = (State.CountedThroughSeq, State.Counters.Attempts);
            return true;
        }
        finally
        {
            _counting.Release();
        }
    }

    /// <summary>Every transition, asked for or automatic, goes through here, and so gets its span.</summary>
    private void Transition(CampaignStatus to, string? reason, string actor, DateTimeOffset at)
    {
        using var activity = StartActivity("campaign.transition");
        activity?.SetTag("campaign.from", State.Status.ToString());
        activity?.SetTag("campaign.to", to.ToString());
        activity?.SetTag("campaign.actor", actor);
        State.History.Add(new(State.Status, to, at, reason, actor));
        State.Status = to;
        switch (to)
        {
            case CampaignStatus.Started:
                State.StartedAt ??= at;
                State.PausedAt = null;
                State.Reason = null;
                break;
            case CampaignStatus.Paused:
                State.PausedAt = at;
                State.Reason = reason;
                break;
            default:
                State.FinishedAt = at;
                State.Reason = reason;
                break;
        }

        CampaignsTelemetry.Transitioned(_ref.ProjectId, State.History[^1].From, to);
        LogTransition(_ref.ProjectId, _ref.CampaignId, State.History[^1].From, to, actor);
    }

    private async Task PersistAsync()
    {
        await _stateWrites.WaitAsync();
        try
        {
            var counted = _uncheckpointed;
            await state.WriteStateAsync();
            _uncheckpointed -= counted;
        }
        catch
        {
            // Memory may now be ahead of storage; the next activation reloads and recovers from the call table.
            DeactivateOnIdle();
            throw;
        }
        finally
        {
            _stateWrites.Release();
        }
    }

    private Task NotifyProjectAsync() =>
        GrainFactory.GetGrain<IProjectGrain>(_ref.ProjectId)
            .CampaignChanged(new(_ref.CampaignId, State.Name, State.Status, State.CreatedAt));

    private CampaignView View() => new()
    {
        Id = _ref.CampaignId,
        ProjectId = _ref.ProjectId,
        Name = State.Name,
        Status = State.Status,
        Reason = State.Reason,
        PlannedCalls = State.PlannedCalls,
        CreatedAt = State.CreatedAt,
        StartedAt = State.StartedAt,
        PausedAt = State.PausedAt,
        FinishedAt = State.FinishedAt,
        Outcomes = State.Counters.CountsWithZeros(),
        Attempts = State.Counters.Attempts,
        Connected = State.Counters.Connected,
        TotalTimeSpentMs = State.Counters.TotalTimeSpentMs,
        LastOutcomeAt = State.Counters.LastOutcomeAt,
        FollowUp = State.FollowUp,
        ScheduledStart = State.ScheduledStart,
    };

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Campaign {ProjectId}/{CampaignId} moved from {From} to {To} at the request of {Actor}")]
    private partial void LogTransition(
        string projectId, string campaignId, CampaignStatus from, CampaignStatus to, string actor);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Refused {Command} on campaign {ProjectId}/{CampaignId}, which is {Status}")]
    private partial void LogCommandRefused(
        CampaignCommand command, CampaignStatus status, string projectId, string campaignId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Call {CallId} of campaign {ProjectId}/{CampaignId} was reported again with different content")]
    private partial void LogOutcomeConflict(string callId, string projectId, string campaignId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Starting campaign {ProjectId}/{CampaignId}, scheduled for {ScheduledStart}")]
    private partial void LogScheduledStart(string projectId, string campaignId, DateTimeOffset scheduledStart);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Counters of campaign {ProjectId}/{CampaignId} said {Counted} calls but the call table holds "
            + "{Stored}; rebuilt them from the table")]
    private partial void LogRebuilt(long counted, long stored, string projectId, string campaignId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not write the counters or notify the project of campaign {ProjectId}/{CampaignId} after "
            + "storing outcomes; they are stored, and the campaign reloads from the call table")]
    private partial void LogCheckpointFailed(Exception exception, string projectId, string campaignId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Recovered {Count} outcomes of campaign {ProjectId}/{CampaignId} from the call table")]
    private partial void LogRecovered(int count, string projectId, string campaignId);
}
