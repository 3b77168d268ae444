using Campaigns.Grains.Campaigns;

namespace Campaigns.Tests.Domain;

public sealed class GroupCommitTests
{
    /// <summary>A writer whose writes finish only when the test lets them.</summary>
    private sealed class GatedWriter
    {
        private readonly Queue<TaskCompletionSource> _gates = new();

        public List<IReadOnlyList<int>> Writes { get; } = [];

        public Func<IReadOnlyList<int>, bool> Fails { get; init; } = _ => false;

        public async Task<IReadOnlyList<string>> WriteAsync(IReadOnlyList<int> items)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gates)
            {
                Writes.Add(items.ToList());
                _gates.Enqueue(gate);
            }

            await gate.Task;
            return Fails(items)
                ? throw new InvalidOperationException($"write of {string.Join(',', items)} failed")
                : items.Select(i => $"stored {i}").ToList();
        }

        public void FinishOne()
        {
            lock (_gates)
            {
                _gates.Dequeue().SetResult();
            }
        }

        public async Task WaitForWritesAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline)
            {
                lock (_gates)
                {
                    if (Writes.Count >= count)
                    {
                        return;
                    }
                }

                await Task.Delay(5);
            }

            throw new TimeoutException($"Expected {count} writes, saw {Writes.Count}.");
        }
    }

    [Fact]
    public async Task ALoneSubmissionIsWrittenAtOnce()
    {
        var writer = new GatedWriter();
        var commit = new GroupCommit<int, string>(writer.WriteAsync, 100);

        var answer = commit.SubmitAsync([1, 2]);
        Assert.Equal([[1, 2]], writer.Writes);
        writer.FinishOne();

        Assert.Equal(["stored 1", "stored 2"], await answer);
    }

    [Fact]
    public async Task SubmissionsArrivingDuringAWriteGoTogetherIntoTheNextOneAndEachGetsItsOwnResults()
    {
        var writer = new GatedWriter();
        var commit = new GroupCommit<int, string>(writer.WriteAsync, 100);

        var first = commit.SubmitAsync([1]);
        var waiting = new[] { commit.SubmitAsync([2, 3]), commit.SubmitAsync([4]), commit.SubmitAsync([5, 6, 7]) };
        Assert.Single(writer.Writes);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));

        writer.FinishOne();
        Assert.Equal(["stored 1"], await first);
        await writer.WaitForWritesAsync(2);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        writer.FinishOne();

        Assert.Equal([[1], [2, 3, 4, 5, 6, 7]], writer.Writes);
        Assert.Equal(["stored 2", "stored 3"], await waiting[0]);
        Assert.Equal(["stored 4"], await waiting[1]);
        Assert.Equal(["stored 5", "stored 6", "stored 7"], await waiting[2]);
    }

    [Fact]
    public async Task AGroupStopsAtTheItemLimitWithoutSplittingASubmission()
    {
        var writer = new GatedWriter();
        var commit = new GroupCommit<int, string>(writer.WriteAsync, 3);

        var answers = new List<Task<IReadOnlyList<string>>> { commit.SubmitAsync([0]) };
        answers.Add(commit.SubmitAsync([1, 2]));
        answers.Add(commit.SubmitAsync([3, 4]));
        answers.Add(commit.SubmitAsync([5, 6, 7, 8, 9]));
        for (var write = 1; write <= 4; write++)
        {
            await writer.WaitForWritesAsync(write);
            writer.FinishOne();
        }

        await Task.WhenAll(answers);
        Assert.Equal([[0], [1, 2], [3, 4], [5, 6, 7, 8, 9]], writer.Writes);
    }

    [Fact]
    public async Task AFailedWriteFailsOnlyTheSubmissionsItCarriedAndTheNextGroupIsStillWritten()
    {
        var writer = new GatedWriter { Fails = items => items.Contains(2) };
        var commit = new GroupCommit<int, string>(writer.WriteAsync, 2);

        var first = commit.SubmitAsync([1]);
        var failing = new[] { commit.SubmitAsync([2]), commit.SubmitAsync([3]) };
        var after = commit.SubmitAsync([4]);
        for (var write = 1; write <= 3; write++)
        {
            await writer.WaitForWritesAsync(write);
            writer.FinishOne();
        }

        Assert.Equal(["stored 1"], await first);
        foreach (var task in failing)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => task);
            Assert.Equal("write of 2,3 failed", error.Message);
        }

        Assert.Equal(["stored 4"], await after);
    }

    [Fact]
    public async Task AWriterReturningTheWrongNumberOfResultsFailsItsSubmissionsInsteadOfMisansweringThem()
    {
        var commit = new GroupCommit<int, string>(
            items => Task.FromResult<IReadOnlyList<string>>(items.Skip(1).Select(i => $"{i}").ToList()), 10);

        await Assert.ThrowsAsync<InvalidOperationException>(() => commit.SubmitAsync([1, 2]));
    }

    [Fact]
    public async Task ManyConcurrentSubmittersEachGetExactlyTheirOwnResultsWithOneWriteAtATime()
    {
        var inFlight = 0;
        var mostInFlight = 0;
        var writes = 0;
        var commit = new GroupCommit<int, int>(
            async items =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref mostInFlight, now);
                Interlocked.Increment(ref writes);
                await Task.Delay(2);
                Interlocked.Decrement(ref inFlight);
                return items.Select(i => -i).ToList();
            },
            maxItemsPerWrite: 1000);

        var submissions = Enumerable.Range(0, 400)
            .Select(s => Task.Run(() => commit.SubmitAsync([s * 3, s * 3 + 1, s * 3 + 2])))
            .ToList();
        var answers = await Task.WhenAll(submissions);

        for (var s = 0; s < answers.Length; s++)
        {
            Assert.Equal([-s * 3, -(s * 3 + 1), -(s * 3 + 2)], answers[s]);
        }

        Assert.Equal(1, mostInFlight);
        Assert.True(writes < 400, $"{writes} writes for 400 concurrent submissions");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var actual && actual != seen)
        {
            seen = actual;
        }
    }
}
