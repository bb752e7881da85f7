namespace StaticPublish.Core.Storage;

/// <summary>
/// Temp files that only their owner can read (0600 on Unix): spooled downloads and prepared uploads hold other
/// people's data or unpublished assets, and the system temp folder is shared.
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A new file in the system temp folder, named <c>staticpublish-*</c>.</summary>
    public static string NewTempPath() => Path.Combine(Path.GetTempPath(), "staticpublish-" + Guid.NewGuid().ToString("N"));

    /// <summary>Creates <paramref name="path"/> (it must not exist) for writing, readable by its owner only.</summary>
    public static FileStream Create(string path, FileAccess access = FileAccess.Write, FileOptions options = FileOptions.None)
    {
        var settings = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = access,
            Share = FileShare.None,
            BufferSize = 81920,
            Options = options,
        };
        if (!OperatingSystem.IsWindows())
        {
            settings.UnixCreateMode = OwnerOnly;
        }

        return new FileStream(path, settings);
    }

    /// <summary>Writes <paramref name="bytes"/> to a new, owner-only file.</summary>
    public static void Write(string path, byte[] bytes)
    {
        using var file = Create(path);
        file.Write(bytes);
    }
}
