namespace Campaigns.Tests.Support;

public static class RepositoryFiles
{
    /// <summary>A file of the repository, found by walking up from the test binaries to the solution.</summary>
    public static string PathOf(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Campaigns.Orleans.sln")))
            {
                return Path.Combine(folder.FullName, relative);
            }
        }

        throw new FileNotFoundException($"No Campaigns.Orleans.sln above {AppContext.BaseDirectory}.");
    }
}
