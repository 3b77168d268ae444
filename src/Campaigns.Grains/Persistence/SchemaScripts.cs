using System.Reflection;

namespace Campaigns.Grains.Persistence;

/// <summary>The versioned scripts under ops/schema, embedded in this assembly, per database.</summary>
public static class SchemaScripts
{
    public static IReadOnlyList<(string Name, string Text)> For(StorageProvider provider)
    {
        var prefix = provider == StorageProvider.Sqlite ? "schema/sqlite/" : "schema/postgresql/";
        var assembly = typeof(SchemaScripts).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[prefix.Length..], Read(assembly, n)))
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
