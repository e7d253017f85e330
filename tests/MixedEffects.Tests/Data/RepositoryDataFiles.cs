namespace MixedEffects.Tests.Data;

/// <summary>Locates the repository's data/ folder from the test output directory.</summary>
internal static class RepositoryDataFiles
{
    public static string PathOf(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", fileName);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"data/{fileName} not found above {AppContext.BaseDirectory}");
    }
}
