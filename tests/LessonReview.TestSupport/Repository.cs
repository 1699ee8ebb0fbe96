namespace LessonReview.TestSupport;

/// <summary>Where the checkout is, found from the test binaries (for tools, scripts and sources the tests use).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LessonReview.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("LessonReview.sln not found above the test folder.");
    }
}
