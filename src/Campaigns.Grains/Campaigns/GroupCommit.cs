namespace Campaigns.Grains.Campaigns;

/// <summary>
/// Group commit: one write in flight at a time, and everything submitted while it
/// runs goes into the next write together. Under load a write therefore carries
/// every submission that queued behind the one before it, so a busy writer makes
/// one round trip per group, not per submission. Each submitter is answered with
/// its own slice of the results, and only once the write holding it has finished.
/// </summary>
/// <remarks>
/// A submission is never split across writes. A failed write fails every
/// submission it carried and no others; the next group is still written.
/// </remarks>
public sealed class GroupCommit<TItem, TResult>
{
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> _write;
    private readonly int _maxItemsPerWrite;
    private readonly Lock _lock = new();
    private readonly Queue<Submission> _queued = new();
    private bool _writing;

    /// <param name="write">Writes a group and returns one result per item, in order.</param>
    /// <param name="maxItemsPerWrite">
    /// Submissions are grouped up to this many items; a larger submission is written alone.
    /// </param>
    public GroupCommit(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write, int maxItemsPerWrite)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItemsPerWrite, 1);
        _write = write;
        _maxItemsPerWrite = maxItemsPerWrite;
    }

    /// <summary>Writes, in the current group or the next one, and answers once they are written.</summary>
    public Task<IReadOnlyList<TResult>> SubmitAsync(IReadOnlyList<TItem> items)
    {
        var submission = new Submission(items);
        lock (_lock)
        {
            _queued.Enqueue(submission);
            if (_writing)
            {
                return submission.Done.Task;
            }

            _writing = true;
        }

        _ = DrainAsync();
        return submission.Done.Task;
    }

    private async Task DrainAsync()
    {
        while (TakeGroup() is { } group)
        {
            var items = group.Count == 1 ? group[0].Items : group.SelectMany(s => s.Items).ToList();
            try
            {
                var results = await _write(items);
                if (results.Count != items.Count)
                {
                    throw new InvalidOperationException(
                        $"A group of {items.Count} items was written with {results.Count} results.");
                }

                var offset = 0;
                foreach (var submission in group)
                {
                    submission.Done.SetResult(Slice(results, offset, submission.Items.Count));
                    offset += submission.Items.Count;
                }
            }
            catch (Exception e)
            {
                foreach (var submission in group)
                {
                    submission.Done.TrySetException(e);
                }
            }
        }
    }

    /// <summary>The next group, or null, having marked the writer idle, when nothing is queued.</summary>
    private List<Submission>? TakeGroup()
    {
        lock (_lock)
        {
            if (_queued.Count == 0)
            {
                _writing = false;
                return null;
            }

            var group = new List<Submission> { _queued.Dequeue() };
            var size = group[0].Items.Count;
            while (_queued.TryPeek(out var next) && size + next.Items.Count <= _maxItemsPerWrite)
            {
                group.Add(_queued.Dequeue());
                size += next.Items.Count;
            }

            return group;
        }
    }

    private static IReadOnlyList<TResult> Slice(IReadOnlyList<TResult> results, int offset, int count)
    {
        if (offset == 0 && count == results.Count)
        {
            return results;
        }

        var slice = new TResult[count];
        for (var i = 0; i < count; i++)
        {
            slice[i] = results[offset + i];
        }

        return slice;
    }

    private sealed class Submission(IReadOnlyList<TItem> items)
    {
        public IReadOnlyList<TItem> Items { get; } = items;

        public TaskCompletionSource<IReadOnlyList<TResult>> Done { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
