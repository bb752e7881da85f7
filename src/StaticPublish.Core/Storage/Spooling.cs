namespace StaticPublish.Core.Storage;

/// <summary>Copies a stream into memory, moving to a self-deleting temp file once it grows past a limit.</summary>
internal static class Spooling
{
    /// <summary>Spools <paramref name="source"/> and returns a readable, seekable stream positioned at 0.</summary>
    /// <param name="source">What to copy.</param>
    /// <param name="maxMemory">Bytes kept in memory before moving to a temp file; 0 means no limit.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    public static async Task<Stream> SpoolAsync(Stream source, long maxMemory, CancellationToken cancellationToken)
    {
        var memory = new MemoryStream();
        Stream target = memory;
        var buffer = new byte[81920];
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (maxMemory > 0 && target == memory && memory.Length + read > maxMemory)
                {
                    target = CreateTempFile();
                    memory.Position = 0;
                    await memory.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
                    await memory.DisposeAsync().ConfigureAwait(false);
                }

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            await target.FlushAsync(cancellationToken).ConfigureAwait(false);
            target.Position = 0;
            return target;
        }
        catch
        {
            await target.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Turns a stream into an upload payload, optionally transformed (gzip): in memory when the input is at most
    /// <paramref name="maxMemory"/> bytes, else in a temp file the payload deletes when disposed.
    /// </summary>
    public static async Task<UploadPayload> ToPayloadAsync(Stream source, long maxMemory, Action<Stream, Stream>? transform, CancellationToken cancellationToken)
    {
        Stream? spooled = null;
        if (!source.CanSeek)
        {
            spooled = await SpoolAsync(source, maxMemory, cancellationToken).ConfigureAwait(false);
            source = spooled;
        }

        try
        {
            if (source.Length - source.Position <= maxMemory)
            {
                using var memory = new MemoryStream();
                await WriteAsync(source, memory, transform, cancellationToken).ConfigureAwait(false);
                return UploadPayload.FromBytes(memory.ToArray());
            }

            var path = PrivateFiles.NewTempPath();
            try
            {
                await using (var file = PrivateFiles.Create(path, FileAccess.Write, FileOptions.Asynchronous))
                {
                    await WriteAsync(source, file, transform, cancellationToken).ConfigureAwait(false);
                }

                return UploadPayload.FromFile(path, deleteOnDispose: true);
            }
            catch
            {
                File.Delete(path);
                throw;
            }
        }
        finally
        {
            if (spooled is not null)
            {
                await spooled.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteAsync(Stream source, Stream target, Action<Stream, Stream>? transform, CancellationToken cancellationToken)
    {
        if (transform is null)
        {
            await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            transform(source, target);
        }
    }

    private static FileStream CreateTempFile() =>
        PrivateFiles.Create(PrivateFiles.NewTempPath(), FileAccess.ReadWrite, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
