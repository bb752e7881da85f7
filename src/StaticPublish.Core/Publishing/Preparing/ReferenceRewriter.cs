using System.Collections.Concurrent;
using System.Text;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Text;

namespace StaticPublish.Core.Publishing.Preparing;

/// <summary>
/// Points the references in CSS (<c>url()</c>, <c>@import</c>, source maps) and JS (source maps) at their targets'
/// final names, in dependency order, so each file's fingerprint covers what it references. The framework's own files
/// under <c>_framework/</c> are never read or rewritten: the WebAssembly boot configuration pins their hashes.
/// </summary>
internal sealed class ReferenceRewriter(IPublishLog log, Func<CollectedAsset, bool> keepsName, PayloadBuffer buffer)
{
    /// <summary>The prefix of the Blazor and .NET WebAssembly framework's files.</summary>
    private const string FrameworkFolder = "_framework/";

    private const int MissingMapsNamed = 3;

    /// <summary>Finds the documents among <paramref name="assets"/>: CSS and JS files with at least one relative reference.</summary>
    public ConcurrentDictionary<CollectedAsset, Document> Scan(IReadOnlyList<CollectedAsset> assets, CancellationToken cancellationToken)
    {
        var byPath = new Dictionary<string, CollectedAsset>(StringComparer.Ordinal);
        foreach (var asset in assets)
        {
            byPath.TryAdd(asset.RelativeFilePath, asset);
            byPath.TryAdd(asset.LogicalPath, asset);
        }

        var documents = new ConcurrentDictionary<CollectedAsset, Document>();
        var missingMaps = new ConcurrentBag<string>();
        AssetWork.RunParallel(assets, asset =>
        {
            if (AssetWork.Reading(asset, () => ScanOne(asset, byPath, missingMaps)) is { } document)
            {
                documents[asset] = document;
            }
        }, cancellationToken);

        if (!missingMaps.IsEmpty)
        {
            var named = missingMaps.Order(StringComparer.Ordinal).Take(MissingMapsNamed);
            log.Info($"{missingMaps.Count} source map comments name maps that are not published and were left as written ({string.Join(", ", named)}{(missingMaps.Count > MissingMapsNamed ? ", ..." : "")}); only developer tools follow them.");
        }

        return documents;
    }

    /// <summary>Rewrites every document after the documents it references, adding each one's final content to <paramref name="finals"/>.</summary>
    public void Rewrite(ConcurrentDictionary<CollectedAsset, Document> documents, ConcurrentDictionary<CollectedAsset, FinalContent> finals, CancellationToken cancellationToken)
    {
        var state = new Dictionary<CollectedAsset, bool>();
        var stack = new List<CollectedAsset>();
        foreach (var asset in documents.Keys.OrderBy(a => a.LogicalPath, StringComparer.Ordinal))
        {
            AssetWork.Reading(asset, () =>
            {
                Visit(asset, documents, finals, state, stack, cancellationToken);
                return true;
            });
        }
    }

    private Document? ScanOne(CollectedAsset asset, Dictionary<string, CollectedAsset> byPath, ConcurrentBag<string> missingMaps)
    {
        var media = ContentTypes.MediaType(asset.ContentType);
        var isCss = media == "text/css";
        var isJs = media is "text/javascript" or "application/javascript" or "application/x-javascript";
        if ((!isCss && !isJs) || asset.LogicalPath.StartsWith(FrameworkFolder, StringComparison.Ordinal))
        {
            return null;
        }

        // Most JS (multi-MB bundles included) names no source map: a byte search rules that out without decoding it.
        if (isJs && !ReferenceScanner.MayHaveJsReferences(asset.FilePath))
        {
            return null;
        }

        var (text, _) = TextCodec.Read(asset.FilePath);
        var references = isCss ? ReferenceScanner.FindInCss(text) : ReferenceScanner.FindInJs(text);
        if (references.Count == 0)
        {
            return null;
        }

        var resolved = new List<(AssetReference Reference, CollectedAsset? Target)>();
        foreach (var reference in references)
        {
            var target = RelativePaths.Resolve(asset.RelativeFilePath, reference.PathPart) is { } path ? byPath.GetValueOrDefault(path) : null;
            if (target is null && reference.Kind == AssetReferenceKind.SourceMap)
            {
                missingMaps.Add($"{asset.LogicalPath} → {reference.Url}");
            }
            else if (target is null)
            {
                log.Warning(ErrorCodes.MissingReference, asset.FilePath,
                    $"'{asset.LogicalPath}' references '{reference.Url}', which is not among the published assets; the reference is left as written. Add the file to wwwroot or fix the reference.");
            }

            resolved.Add((reference, target));
        }

        return new Document(resolved);
    }

    private void Visit(
        CollectedAsset asset,
        ConcurrentDictionary<CollectedAsset, Document> documents,
        ConcurrentDictionary<CollectedAsset, FinalContent> finals,
        Dictionary<CollectedAsset, bool> state,
        List<CollectedAsset> stack,
        CancellationToken cancellationToken)
    {
        // state: false while visiting (on the stack), true once done.
        if (state.GetValueOrDefault(asset))
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        state[asset] = false;
        stack.Add(asset);
        var inCycle = new HashSet<AssetReference>();
        foreach (var (reference, target) in documents[asset].References)
        {
            if (target is null || !documents.ContainsKey(target))
            {
                continue;
            }

            if (state.TryGetValue(target, out var done) && !done)
            {
                var cycle = stack.Skip(stack.IndexOf(target)).Append(target).Select(a => a.LogicalPath);
                log.Warning(ErrorCodes.ReferenceCycle, asset.FilePath,
                    $"CSS references form a cycle ({string.Join(" -> ", cycle)}); '{reference.Url}' in '{asset.LogicalPath}' is left as written. Break the cycle so every file can be fingerprinted.");
                inCycle.Add(reference);
                continue;
            }

            Visit(target, documents, finals, state, stack, cancellationToken);
        }

        finals[asset] = RewriteOne(asset, documents[asset], inCycle, finals);
        stack.RemoveAt(stack.Count - 1);
        state[asset] = true;
    }

    private FinalContent RewriteOne(CollectedAsset asset, Document document, HashSet<AssetReference> inCycle, ConcurrentDictionary<CollectedAsset, FinalContent> finals)
    {
        var (source, codec) = TextCodec.Read(asset.FilePath);
        var rewritten = new StringBuilder(source.Length + 64);
        var position = 0;
        var folder = RelativePaths.DirectoryOf(asset.RelativeFilePath);
        foreach (var (reference, target) in document.References)
        {
            if (target is null || inCycle.Contains(reference))
            {
                continue;
            }

            rewritten.Append(source, position, reference.Start - position);
            rewritten.Append(RelativePaths.RelativeUrl(folder, finals[target].FinalPath)).Append(reference.Suffix);
            position = reference.Start + reference.Length;
        }

        rewritten.Append(source, position, source.Length - position);
        var text = rewritten.ToString();
        return text == source
            ? FinalContent.FromFile(asset, keepsName(asset))
            : FinalContent.FromBytes(asset, codec.Encode(text), keepsName(asset), buffer);
    }

    /// <summary>A CSS or JS file's references. Its text is read again when it is rewritten, so the scan never holds every document's text at once.</summary>
    internal sealed record Document(List<(AssetReference Reference, CollectedAsset? Target)> References);
}
