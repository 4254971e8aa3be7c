namespace AppServer.Testing;

/// <summary>The checkout the tests were built from (the folder holding AppServer.sln).</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> s_path = new(Find);

    public static string Path => s_path.Value;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "AppServer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No AppServer.sln above {AppContext.BaseDirectory}; the tests read committed files from the checkout.");
    }
}
