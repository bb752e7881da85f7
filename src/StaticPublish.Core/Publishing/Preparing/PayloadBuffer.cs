using StaticPublish.Core.Compression;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Publishing.Preparing;

/// <summary>
/// The one place a publish keeps bytes it made (rewritten CSS, gzip) until they are uploaded: in memory while an
/// item is small and the total stays within a budget, else in a private temp file in the work folder. Untouched
/// source files are never copied; they upload from where they are.
/// </summary>
internal sealed class PayloadBuffer(string workDirectory)
{
    /// <summary>An item larger than this always goes to a temp file.</summary>
    public const int ItemLimit = 1024 * 1024;

    /// <summary>All bytes held in memory stay under this.</summary>
    public const long Budget = 24L * 1024 * 1024;

    private long _held;

    /// <summary>Holds <paramref name="bytes"/>; <paramref name="extension"/> names the temp file's type for anyone looking.</summary>
    public HeldBytes Hold(byte[] bytes, string extension) =>
        bytes.Length <= ItemLimit && Reserve(bytes.Length)
            ? new HeldBytes(bytes.Length, bytes, null)
            : new HeldBytes(bytes.Length, null, WriteTemp(bytes, extension));

    /// <summary>Gzips <paramref name="source"/> (<paramref name="length"/> bytes) into held bytes, streaming large ones to a file.</summary>
    public HeldBytes Gzip(Stream source, long length, string extension)
    {
        if (length > ItemLimit)
        {
            var path = TempPath(extension);
            using (var file = PrivateFiles.Create(path))
            {
                DeterministicGzip.Compress(source, file);
            }

            return new HeldBytes(new FileInfo(path).Length, null, path);
        }

        using var output = new MemoryStream();
        DeterministicGzip.Compress(source, output);
        return Hold(output.ToArray(), extension);
    }

    /// <summary>Lets go of held bytes that will not be uploaded: their share of the budget, or their temp file.</summary>
    public void Release(HeldBytes held)
    {
        if (held.Bytes is not null)
        {
            Interlocked.Add(ref _held, -held.Bytes.Length);
        }
        else if (held.File is not null)
        {
            File.Delete(held.File);
        }
    }

    private bool Reserve(long bytes)
    {
        if (Interlocked.Add(ref _held, bytes) <= Budget)
        {
            return true;
        }

        Interlocked.Add(ref _held, -bytes);
        return false;
    }

    private string WriteTemp(byte[] bytes, string extension)
    {
        var path = TempPath(extension);
        PrivateFiles.Write(path, bytes);
        return path;
    }

    private string TempPath(string extension) => Path.Combine(workDirectory, Guid.NewGuid().ToString("N") + extension);
}
