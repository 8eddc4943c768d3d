namespace Receiver.Web.Tests.Support;

/// <summary>Where the checkout is (the screenshots go to docs/ there).</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Receiver.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("Receiver.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Screenshot(string name) => Path.Combine(Root, "docs", "screenshots", name);
}
