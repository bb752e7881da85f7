using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.FileSystemGlobbing;
using StaticPublish.Core.Compression;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// Turns collected assets into upload-ready objects: rewrites relative references in CSS (and source map comments in
/// JS) to fingerprinted targets in dependency order, fingerprints names by content, gzips configured types
/// deterministically, and computes SRI integrity. Work runs in parallel except the rewrite chain.
/// </summary>
internal sealed class AssetPreparer
{
    /// <summary>Final bytes up to this size stay in memory; larger ones go to a temp file.</summary>
    private const int InMemoryLimit = 1024 * 1024;

    /// <summary>All final bytes held in memory until upload stay under this; the rest go to temp files.</summary>
    private const long HeldInMemoryBudget = 48L * 1024 * 1024;

    private long _heldInMemory;

    private readonly StaticPublishOptions _options;
    private readonly IPublishLog _log;
    private readonly string _workDirectory;
    private readonly Matcher? _keepNames;
    private readonly HashSet<string> _gzipTypes;

    public AssetPreparer(StaticPublishOptions options, IPublishLog log, string workDirectory)
    {
        _options = options;
        _log = log;
        _workDirectory = workDirectory;
        _gzipTypes = new HashSet<string>(options.GzipContentTypes.Select(MediaType), StringComparer.OrdinalIgnoreCase);
        if (options.KeepNamePatterns.Count > 0)
        {
            _keepNames = new Matcher(StringComparison.OrdinalIgnoreCase);
            _keepNames.AddIncludePatterns(options.KeepNamePatterns);
        }
    }

    /// <summary>
    /// Prepares every asset. <paramref name="reuseGzip"/> (built from the bucket's state, which loads meanwhile) is
    /// awaited only before compression: it returns an asset the previous release proves is already stored, gzipped,
    /// so its gzip is not made again; or null, and the asset is compressed here.
    /// </summary>
    public async Task<IReadOnlyList<PreparedAsset>> PrepareAsync(
        IReadOnlyList<CollectedAsset> assets, Task<Func<PreparedAsset, PreparedAsset?>?> reuseGzip, CancellationToken cancellationToken)
    {
        var finals = await Task.Run(() => Digest(assets, cancellationToken), cancellationToken).ConfigureAwait(false);
        var reuse = await reuseGzip.ConfigureAwait(false);

        // 4. Compress, and settle where each object's final bytes live.
        var prepared = new PreparedAsset[assets.Count];
        RunParallel(Enumerable.Range(0, assets.Count), i => prepared[i] = Reading(assets[i], () => Finish(assets[i], finals[assets[i]], reuse)), cancellationToken);
        return prepared;
    }

    private ConcurrentDictionary<CollectedAsset, FinalContent> Digest(IReadOnlyList<CollectedAsset> assets, CancellationToken cancellationToken)
    {
        var byPath = new Dictionary<string, CollectedAsset>(StringComparer.Ordinal);
        foreach (var asset in assets)
        {
            byPath.TryAdd(asset.RelativeFilePath, asset);
            byPath.TryAdd(asset.LogicalPath, asset);
        }

        // 1. Find references (CSS url/@import/sourceMappingURL, JS sourceMappingURL) and resolve them to assets.
        var documents = new ConcurrentDictionary<CollectedAsset, Document>();
        RunParallel(assets, asset =>
        {
            if (Reading(asset, () => Scan(asset, byPath)) is { } document)
            {
                documents[asset] = document;
            }
        }, cancellationToken);

        // 2. Assets without references get their names from their own bytes, in parallel.
        var finals = new ConcurrentDictionary<CollectedAsset, FinalContent>(Environment.ProcessorCount, assets.Count);
        RunParallel(assets.Where(a => !documents.ContainsKey(a)), asset => finals[asset] = Reading(asset, () => FinalContent.FromFile(asset, KeepsName(asset))), cancellationToken);

        // 3. Documents with references are rewritten in dependency order, so each fingerprint covers what it references.
        var state = new Dictionary<CollectedAsset, int>();
        var stack = new List<CollectedAsset>();
        foreach (var asset in documents.Keys.OrderBy(a => a.LogicalPath, StringComparer.Ordinal))
        {
            Reading(asset, () => Visit(asset, documents, finals, state, stack, cancellationToken));
        }

        return finals;
    }

    /// <summary>
    /// Runs per-asset work in parallel and reports the first coded failure itself, not wrapped in an
    /// <see cref="AggregateException"/> that no face would recognise.
    /// </summary>
    private static void RunParallel<T>(IEnumerable<T> items, Action<T> body, CancellationToken cancellationToken)
    {
        try
        {
            Parallel.ForEach(items, Options(cancellationToken), body);
        }
        catch (AggregateException e) when (PublishFailure.From(e) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>Runs work on one asset's file; a file that cannot be read is a coded failure naming it.</summary>
    private static T Reading<T>(CollectedAsset asset, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StaticPublishException(ErrorCodes.LocalFileFailed,
                $"The asset file '{asset.FilePath}' could not be read: {e.Message} Check that it exists (a link may point nowhere) and is readable, or remove it.", e);
        }
    }

    private static void Reading(CollectedAsset asset, Action work) => Reading(asset, () =>
    {
        work();
        return true;
    });

    private bool KeepsName(CollectedAsset asset) => _keepNames?.Match(asset.LogicalPath).HasMatches == true;

    private Document? Scan(CollectedAsset asset, Dictionary<string, CollectedAsset> byPath)
    {
        var media = MediaType(asset.ContentType);
        var isCss = media == "text/css";
        var isJs = media is "text/javascript" or "application/javascript" or "application/x-javascript";
        if (!isCss && !isJs)
        {
            return null;
        }

        var (text, _) = TextCodec.Read(asset.FilePath);
        var references = isCss ? CssReferenceParser.FindInCss(text) : CssReferenceParser.FindInJs(text);
        if (references.Count == 0)
        {
            return null;
        }

        var resolved = new List<(AssetReference Reference, CollectedAsset? Target)>();
        foreach (var reference in references)
        {
            var target = Resolve(asset, reference, byPath);
            if (target is null)
            {
                _log.Warning(ErrorCodes.MissingReference, asset.FilePath,
                    $"'{asset.LogicalPath}' references '{reference.Url}', which is not among the published assets; the reference is left as written. Add the file to wwwroot or fix the reference.");
            }

            resolved.Add((reference, target));
        }

        return new Document(resolved);
    }

    private static CollectedAsset? Resolve(CollectedAsset from, AssetReference reference, Dictionary<string, CollectedAsset> byPath)
    {
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(reference.PathPart);
        }
        catch (UriFormatException)
        {
            return null;
        }

        if (decoded.Length == 0)
        {
            return null;
        }

        var baseDirectory = decoded.StartsWith('/') ? "" : DirectoryOf(from.RelativeFilePath);
        var segments = new List<string>();
        foreach (var segment in (baseDirectory + "/" + decoded).Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    break;
                case "..":
                    if (segments.Count == 0)
                    {
                        return null;
                    }

                    segments.RemoveAt(segments.Count - 1);
                    break;
                default:
                    segments.Add(segment);
                    break;
            }
        }

        return byPath.GetValueOrDefault(string.Join('/', segments));
    }

    private void Visit(
        CollectedAsset asset,
        ConcurrentDictionary<CollectedAsset, Document> documents,
        ConcurrentDictionary<CollectedAsset, FinalContent> finals,
        Dictionary<CollectedAsset, int> state,
        List<CollectedAsset> stack,
        CancellationToken cancellationToken)
    {
        const int Visiting = 1, Done = 2;
        if (state.GetValueOrDefault(asset) == Done)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        state[asset] = Visiting;
        stack.Add(asset);
        var document = documents[asset];
        var inCycle = new HashSet<AssetReference>();
        foreach (var (reference, target) in document.References)
        {
            if (target is null || !documents.ContainsKey(target))
            {
                continue;
            }

            if (state.GetValueOrDefault(target) == Visiting)
            {
                var cycle = stack.Skip(stack.IndexOf(target)).Append(target).Select(a => a.LogicalPath);
                _log.Warning(ErrorCodes.ReferenceCycle, asset.FilePath,
                    $"CSS references form a cycle ({string.Join(" -> ", cycle)}); '{reference.Url}' in '{asset.LogicalPath}' is left as written. Break the cycle so every file can be fingerprinted.");
                inCycle.Add(reference);
                continue;
            }

            Visit(target, documents, finals, state, stack, cancellationToken);
        }

        var keepsName = KeepsName(asset);
        var (source, codec) = TextCodec.Read(asset.FilePath);
        var rewritten = new StringBuilder(source.Length + 64);
        var position = 0;
        foreach (var (reference, target) in document.References)
        {
            if (target is null || inCycle.Contains(reference))
            {
                continue;
            }

            rewritten.Append(source, position, reference.Start - position);
            rewritten.Append(RelativeUrl(DirectoryOf(asset.RelativeFilePath), finals[target].FinalPath)).Append(reference.Suffix);
            position = reference.Start + reference.Length;
        }

        rewritten.Append(source, position, source.Length - position);
        var text = rewritten.ToString();
        if (text == source)
        {
            finals[asset] = FinalContent.FromFile(asset, keepsName);
        }
        else
        {
            var bytes = codec.Encode(text);
            var final = FinalContent.FromBytes(asset, bytes, keepsName);

            // Rewritten bytes wait in memory for upload only within the budget; the rest wait in a temp file.
            finals[asset] = Reserve(bytes.Length) ? final : final with { Bytes = null, File = WriteTemp(asset, bytes) };
        }

        stack.RemoveAt(stack.Count - 1);
        state[asset] = Done;
    }

    private PreparedAsset Finish(CollectedAsset asset, FinalContent final, Func<PreparedAsset, PreparedAsset?>? reuse)
    {
        var prepared = new PreparedAsset
        {
            Source = asset,
            FinalPath = final.FinalPath,
            Fingerprinted = final.Fingerprinted,
            Integrity = final.Integrity,
            ContentType = asset.ContentType,
            Size = final.Length,
            Content = final.Bytes,
            ContentFile = final.Bytes is null ? final.File ?? asset.FilePath : null,
        };
        if (!_gzipTypes.Contains(MediaType(asset.ContentType)) || final.Length == 0)
        {
            return prepared;
        }

        if (reuse?.Invoke(prepared) is { } reused)
        {
            return reused;
        }

        var compressed = Compress(asset, final);
        if (compressed.Length > final.Length * (1 - _options.MinimumGzipSavings))
        {
            if (compressed.File is not null)
            {
                File.Delete(compressed.File);
            }

            return prepared;
        }

        if (final.Bytes is not null)
        {
            // The rewritten bytes give way to their gzip: hand back their share of the budget.
            Interlocked.Add(ref _heldInMemory, -final.Bytes.Length);
        }

        var content = compressed.Bytes;
        var file = compressed.File;
        if (content is not null && !Reserve(content.Length))
        {
            file = WriteTemp(asset, content);
            content = null;
        }

        return prepared with { ContentEncoding = "gzip", Size = compressed.Length, Content = content, ContentFile = file };
    }

    /// <summary>Takes room for bytes held in memory until upload; false once the budget is spent (they go to a temp file).</summary>
    private bool Reserve(long bytes)
    {
        if (Interlocked.Add(ref _heldInMemory, bytes) <= HeldInMemoryBudget)
        {
            return true;
        }

        Interlocked.Add(ref _heldInMemory, -bytes);
        return false;
    }

    private (long Length, byte[]? Bytes, string? File) Compress(CollectedAsset asset, FinalContent final)
    {
        using var input = final.Bytes is not null
            ? new MemoryStream(final.Bytes, writable: false)
            : (Stream)new FileStream(final.File ?? asset.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
        if (final.Length <= InMemoryLimit)
        {
            using var output = new MemoryStream();
            DeterministicGzip.Compress(input, output);
            return (output.Length, output.ToArray(), null);
        }

        var path = TempPath(asset);
        using (var file = PrivateFiles.Create(path))
        {
            DeterministicGzip.Compress(input, file);
        }

        return (new FileInfo(path).Length, null, path);
    }

    private string WriteTemp(CollectedAsset asset, byte[] content)
    {
        var path = TempPath(asset);
        PrivateFiles.Write(path, content);
        return path;
    }

    private string TempPath(CollectedAsset asset) =>
        Path.Combine(_workDirectory, Guid.NewGuid().ToString("N") + Path.GetExtension(asset.FilePath));

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };

    private static string DirectoryOf(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : "";

    /// <summary>The relative, percent-encoded URL from a directory to a path, both relative to the same root.</summary>
    internal static string RelativeUrl(string fromDirectory, string toPath)
    {
        var from = fromDirectory.Length == 0 ? [] : fromDirectory.Split('/');
        var to = toPath.Split('/');
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common])
        {
            common++;
        }

        var parts = Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common).Select(Uri.EscapeDataString));
        return string.Join('/', parts);
    }

    private static string MediaType(string contentType)
    {
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }

    /// <summary>A CSS or JS file's references. Its text is read again when it is rewritten, so the scan of every
    /// document never holds all their text at once.</summary>
    private sealed record Document(List<(AssetReference Reference, CollectedAsset? Target)> References);

    /// <summary>An asset's final (decoded) bytes, their digests, and its final path.</summary>
    private sealed record FinalContent(string FinalPath, bool Fingerprinted, string Integrity, long Length, byte[]? Bytes)
    {
        /// <summary>A temp file with the final bytes, when they were rewritten but did not fit the memory budget.</summary>
        public string? File { get; init; }

        public static FinalContent FromFile(CollectedAsset asset, bool keepsName)
        {
            using var stream = new FileStream(asset.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var sha384 = IncrementalHash.CreateHash(HashAlgorithmName.SHA384);
            var buffer = new byte[81920];
            long length = 0;
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                sha256.AppendData(buffer, 0, read);
                sha384.AppendData(buffer, 0, read);
                length += read;
            }

            return Create(asset, keepsName, sha256.GetHashAndReset(), sha384.GetHashAndReset(), length, bytes: null);
        }

        public static FinalContent FromBytes(CollectedAsset asset, byte[] bytes, bool keepsName) =>
            Create(asset, keepsName, SHA256.HashData(bytes), SHA384.HashData(bytes), bytes.Length, bytes);

        private static FinalContent Create(CollectedAsset asset, bool keepsName, byte[] sha256, byte[] sha384, long length, byte[]? bytes)
        {
            var integrity = "sha384-" + Convert.ToBase64String(sha384);
            if (keepsName)
            {
                return new FinalContent(asset.LogicalPath, false, integrity, length, bytes);
            }

            // The SDK already fingerprinted this file's name, and its bytes are unchanged: keep that name.
            var path = bytes is null && asset.IsSdkFingerprinted
                ? asset.RelativeFilePath
                : Fingerprints.Apply(asset.LogicalPath, Fingerprints.FromSha256(sha256));
            return new FinalContent(path, true, integrity, length, bytes);
        }
    }
}
