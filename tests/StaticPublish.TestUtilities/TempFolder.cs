using System.Text;

namespace StaticPublish.TestUtilities;

/// <summary>A folder of a test's own under the temp folder, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    private TempFolder(string root) => Root = root;

    public string Root { get; }

    /// <summary>Creates <c>{temp}/{prefix}XXXXXX</c>.</summary>
    public static TempFolder Create(string prefix) => new(Directory.CreateTempSubdirectory(prefix).FullName);

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    /// <summary>Writes a file, creating its folders.</summary>
    public void Write(string relative, byte[] bytes)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server or a killed child may still hold a file; the OS cleans the temp folder.
        }
    }
}
