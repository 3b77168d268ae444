using System.Globalization;

namespace Campaigns.Benchmarks;

/// <summary>CPU time and resident memory of processes, read from /proc.</summary>
public static class ProcessStats
{
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU time the processes have used so far.</summary>
    public static TimeSpan CpuTime(IEnumerable<int> pids) =>
        TimeSpan.FromSeconds(pids.Sum(pid => CpuTicks(pid)) / TicksPerSecond);

    /// <summary>Every running PostgreSQL server process: the postmaster and its backends.</summary>
    public static IReadOnlyList<int> PostgresPids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(pid => Command(pid) == "postgres")
            .ToList();

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

    private static long CpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces; the fields after it are fixed: utime and stime are 14th and 15th.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture)
                + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string? Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
