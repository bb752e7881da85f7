using System.Collections.Concurrent;
using Microsoft.Extensions.FileSystemGlobbing;
using StaticPublish.Core.Text;

namespace StaticPublish.Core.Publishing.Preparing;

/// <summary>
/// Turns collected assets into upload-ready objects in three steps: the <see cref="ReferenceRewriter"/> points CSS
/// and JS references at fingerprinted names, every other file is hashed as it is, and configured types are gzipped
/// deterministically into the <see cref="PayloadBuffer"/>. All but the dependency-ordered rewrite runs in parallel.
/// </summary>
internal sealed class AssetPreparer
{
    private readonly StaticPublishOptions _options;
    private readonly PayloadBuffer _buffer;
    private readonly ReferenceRewriter _rewriter;
    private readonly Matcher? _keepNames;
    private readonly HashSet<string> _gzipTypes;

    public AssetPreparer(StaticPublishOptions options, IPublishLog log, string workDirectory)
    {
        _options = options;
        _buffer = new PayloadBuffer(workDirectory);
        _rewriter = new ReferenceRewriter(log, KeepsName, _buffer);
        _gzipTypes = new HashSet<string>(options.GzipContentTypes.Select(ContentTypes.MediaType), StringComparer.OrdinalIgnoreCase);
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
        var prepared = new PreparedAsset[assets.Count];
        AssetWork.RunParallel(Enumerable.Range(0, assets.Count),
            i => prepared[i] = AssetWork.Reading(assets[i], () => Compress(assets[i], finals[assets[i]], reuse)), cancellationToken);
        return prepared;
    }

    private ConcurrentDictionary<CollectedAsset, FinalContent> Digest(IReadOnlyList<CollectedAsset> assets, CancellationToken cancellationToken)
    {
        var documents = _rewriter.Scan(assets, cancellationToken);
        var finals = new ConcurrentDictionary<CollectedAsset, FinalContent>(Environment.ProcessorCount, assets.Count);
        AssetWork.RunParallel(assets.Where(a => !documents.ContainsKey(a)),
            asset => finals[asset] = AssetWork.Reading(asset, () => FinalContent.FromFile(asset, KeepsName(asset))), cancellationToken);
        _rewriter.Rewrite(documents, finals, cancellationToken);
        return finals;
    }

    private PreparedAsset Compress(CollectedAsset asset, FinalContent final, Func<PreparedAsset, PreparedAsset?>? reuse)
    {
        var rule = _options.Rules.Match(asset.LogicalPath);
        var prepared = new PreparedAsset
        {
            Source = asset,
            FinalPath = final.FinalPath,
            Fingerprinted = final.Fingerprinted,
            Integrity = final.Integrity,
            ContentType = rule?.ContentType ?? asset.ContentType,
            Rule = rule,
            Size = final.Length,
            Content = final.Held?.Bytes,
            ContentFile = final.Held is null ? asset.FilePath : final.Held.File,
        };
        if (!(rule?.Gzip ?? Gzips(asset, prepared.ContentType)) || final.Length == 0)
        {
            return prepared;
        }

        if (reuse?.Invoke(prepared) is { } reused)
        {
            return reused;
        }

        HeldBytes gzip;
        using (var input = final.Held?.Bytes is { } bytes
            ? new MemoryStream(bytes, writable: false)
            : (Stream)new FileStream(prepared.ContentFile!, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan))
        {
            gzip = _buffer.Gzip(input, final.Length, Path.GetExtension(asset.FilePath));
        }

        if (!GzipSaves(gzip.Length, final.Length, _options))
        {
            _buffer.Release(gzip);
            return prepared with { DeclinedGzipSize = gzip.Length };
        }

        // The decoded bytes give way to their gzip.
        if (final.Held is { } held)
        {
            _buffer.Release(held);
        }

        return prepared with { ContentEncoding = "gzip", Size = gzip.Length, Content = gzip.Bytes, ContentFile = gzip.File };
    }

    /// <summary>Whether a gzip of <paramref name="gzipLength"/> bytes saves enough on <paramref name="length"/> to be stored instead.</summary>
    internal static bool GzipSaves(long gzipLength, long length, StaticPublishOptions options) =>
        gzipLength <= length * (1 - options.MinimumGzipSavings);

    /// <summary>The asset's rule decides when it says; otherwise the keep-name patterns.</summary>
    private bool KeepsName(CollectedAsset asset) =>
        _options.Rules.Match(asset.LogicalPath)?.KeepName ?? _keepNames?.Match(asset.LogicalPath).HasMatches == true;

    /// <summary>
    /// The configured types, and the .NET WebAssembly runtime's ICU data (<c>_framework/icudt*.dat</c>), which has no
    /// type of its own but shrinks to 40% in gzip, as the SDK's own precompressed copies show.
    /// </summary>
    private bool Gzips(CollectedAsset asset, string contentType) =>
        _gzipTypes.Contains(ContentTypes.MediaType(contentType))
        || (asset.LogicalPath.StartsWith("_framework/", StringComparison.Ordinal) && asset.LogicalPath.EndsWith(".dat", StringComparison.OrdinalIgnoreCase));
}
