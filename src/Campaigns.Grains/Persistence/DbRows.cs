using System.Data.Common;

namespace Campaigns.Grains.Persistence;

/// <summary>Reads every row of a command's result through one mapping; shared by both stores.</summary>
internal static class DbRows
{
    public static async Task<List<T>> ReadAsync<T>(
        DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
