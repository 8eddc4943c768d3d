namespace Receiver.Tests.Support;

/// <summary>The checkout the tests run from (the folder that holds Receiver.sln).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Receiver.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Receiver.sln not found above " + AppContext.BaseDirectory);
    }
}
