using System.Security.Cryptography;

namespace StaticPublish.Core.Storage;

/// <summary>
/// Bytes to upload that can be read more than once and in ranges: once to hash, then per part. Backed by memory
/// or by a file, so large uploads never need to sit in memory.
/// </summary>
internal abstract class UploadPayload : IDisposable
{
    public abstract long Length { get; }

    /// <summary>Opens a stream over <paramref name="count"/> bytes starting at <paramref name="offset"/>.</summary>
    public abstract Stream OpenRange(long offset, long count);

    public Stream OpenRead() => OpenRange(0, Length);

    /// <summary>The base64 MD5 of a range, for the Content-MD5 header.</summary>
    public string ComputeMd5Base64(long offset, long count)
    {
        using var stream = OpenRange(offset, count);
#pragma warning disable CA5351 // Content-MD5 is S3's transport integrity check, not a security use of MD5.
        return Convert.ToBase64String(MD5.HashData(stream));
#pragma warning restore CA5351
    }

    public static UploadPayload FromBytes(byte[] bytes) => new MemoryPayload(bytes);

    public static UploadPayload FromFile(string path, bool deleteOnDispose = false) => new FilePayload(path, deleteOnDispose);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    private sealed class MemoryPayload(byte[] bytes) : UploadPayload
    {
        public override long Length => bytes.LongLength;

        public override Stream OpenRange(long offset, long count) =>
            new MemoryStream(bytes, checked((int)offset), checked((int)count), writable: false);
    }

    private sealed class FilePayload(string path, bool deleteOnDispose) : UploadPayload
    {
        private readonly long _length = new FileInfo(path).Length;

        public override long Length => _length;

        public override Stream OpenRange(long offset, long count)
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
            return offset == 0 && count == _length ? file : new RangeStream(file, offset, count);
        }

        public override void Dispose()
        {
            if (deleteOnDispose)
            {
                File.Delete(path);
            }

            base.Dispose();
        }
    }
}
