namespace StaticPublish.TestUtilities;

public static class UniqueNames
{
    /// <summary>A fresh key prefix, so tests sharing a bucket never see each other's objects.</summary>
    public static string Prefix(string stem) => $"{stem}-{Guid.NewGuid().ToString("N")[..10]}";
}
