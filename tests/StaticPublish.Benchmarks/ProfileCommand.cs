using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using StaticPublish.Core.Compression;
using StaticPublish.Core.Publishing;

namespace StaticPublish.Benchmarks;

/// <summary>
/// Times, one at a time, the local work a publish repeats on every run (no S3): collecting, reading, hashing and
/// gzipping the corpus, so a slow no-change publish can be split into its parts. Each step runs over every file
/// in parallel on all cores, as the pipeline's preparer does.
/// </summary>
internal static class ProfileCommand
{
    public static int Run(string directory)
    {
        var c = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        var assets = StaticAssetCollector.Collect(directory);
        Report("collect (enumerate + content types)", clock, assets.Count, 0);

        var gzipTypes = new HashSet<string>(StaticPublishOptions.DefaultGzipContentTypes, StringComparer.OrdinalIgnoreCase);
        var gzipped = assets.Where(a => gzipTypes.Contains(a.ContentType.Split(';')[0].Trim())).ToList();
        var text = assets.Where(a => a.ContentType.StartsWith("text/css", StringComparison.Ordinal) || a.ContentType.StartsWith("text/javascript", StringComparison.Ordinal)).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        var totalBytes = assets.Sum(a => new FileInfo(a.FilePath).Length);
        var gzipBytes = gzipped.Sum(a => new FileInfo(a.FilePath).Length);

        clock.Restart();
        Parallel.ForEach(text, options, a => _ = File.ReadAllText(a.FilePath, Encoding.UTF8));
        Report("read CSS/JS as text (the reference scan reads them)", clock, text.Count, text.Sum(a => new FileInfo(a.FilePath).Length));

        clock.Restart();
        Parallel.ForEach(assets, options, a =>
        {
            using var stream = File.OpenRead(a.FilePath);
            stream.CopyTo(Stream.Null);
        });
        Report("read every file", clock, assets.Count, totalBytes);

        clock.Restart();
        Parallel.ForEach(assets, options, a =>
        {
            var bytes = File.ReadAllBytes(a.FilePath);
            _ = SHA256.HashData(bytes);
        });
        Report("SHA-256 of every file (fingerprint and SRI)", clock, assets.Count, totalBytes);

        foreach (var level in new[] { CompressionLevel.SmallestSize, CompressionLevel.Optimal, CompressionLevel.Fastest })
        {
            long compressed = 0;
            clock.Restart();
            Parallel.ForEach(gzipped, options, a =>
            {
                using var input = File.OpenRead(a.FilePath);
                using var output = new CountingStream();
                if (level == CompressionLevel.SmallestSize)
                {
                    DeterministicGzip.Compress(input, output);
                }
                else
                {
                    using var deflate = new DeflateStream(output, level, leaveOpen: true);
                    input.CopyTo(deflate);
                }

                Interlocked.Add(ref compressed, output.Length);
            });
            Report(string.Format(c, "gzip the {0} gzip-type files at {1} ({2:0.0} MB -> {3:0.0} MB)", gzipped.Count, level, gzipBytes / 1e6, compressed / 1e6),
                clock, gzipped.Count, gzipBytes);
        }

        foreach (var a in gzipped.Where(a => new FileInfo(a.FilePath).Length > 1024 * 1024))
        {
            clock.Restart();
            using var input = File.OpenRead(a.FilePath);
            using var output = new CountingStream();
            DeterministicGzip.Compress(input, output);
            Report(string.Format(c, "  of which {0} alone, one core", a.LogicalPath), clock, 1, input.Length);
        }

        return 0;
    }

    private static void Report(string step, Stopwatch clock, int files, long bytes) =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,7:0.000} s  {1,6:N0} files {2,8:0.0} MB  {3}",
            clock.Elapsed.TotalSeconds, files, bytes / 1e6, step));

    /// <summary>A write-only stream that only counts bytes.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
