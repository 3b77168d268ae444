using System.Globalization;

namespace Campaigns.Benchmarks;

/// <summary>CPU time and resident memory of processes, read from /proc.</summary>
public static class ProcessStats
{
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU time the process has used so far.</summary>
    public static TimeSpan CpuTime(int pid) =>
        TimeSpan.FromSeconds(CpuTicks(pid, withExitedChildren: false) / TicksPerSecond);

    /// <summary>
    /// CPU time of one PostgreSQL server so far: its postmaster, the backends alive now,
    /// and the backends that have exited, which the kernel adds to the postmaster's
    /// children's time when it reaps them. Other servers on the machine do not count.
    /// </summary>
    public static TimeSpan PostgresCpuTime(int postmaster)
    {
        var ticks = CpuTicks(postmaster, withExitedChildren: true);
        foreach (var pid in Processes().Where(pid => Parent(pid) == postmaster))
        {
            ticks += CpuTicks(pid, withExitedChildren: false);
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The parent of a process, such as a PostgreSQL backend's postmaster.</summary>
    public static int Parent(int pid) =>
        Stat(pid) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : 0;

    /// <summary>Resident set size in bytes, the working set Linux reports.</summary>
    public static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private static long CpuTicks(int pid, bool withExitedChildren)
    {
        if (Stat(pid) is not { } fields)
        {
            return 0;
        }

        // utime, stime, cutime and cstime are the 14th to 17th fields of /proc/<pid>/stat.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture)
            + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return withExitedChildren
            ? ticks + long.Parse(fields[13], CultureInfo.InvariantCulture)
                + long.Parse(fields[14], CultureInfo.InvariantCulture)
            : ticks;
    }

    /// <summary>The fields of /proc/&lt;pid&gt;/stat after the command name, from the state on.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces and parentheses; the fields after its last ')' are fixed.
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static IEnumerable<int> Processes() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture));
}
