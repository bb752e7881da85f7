using System.Text.Json;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Text;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// Collects what an app serves: from the SDK's publish endpoints manifest (<c>{App}.staticwebassets.endpoints.json</c>)
/// when there is one, which includes Razor class library assets, the scoped CSS bundle and JS modules, or from a plain
/// folder of assets. The SDK's precompressed <c>.gz</c>/<c>.br</c> siblings are never collected as assets.
/// </summary>
public static class StaticAssetCollector
{
    /// <summary>The endpoints manifest file name pattern the SDK writes into the publish folder.</summary>
    public const string EndpointsManifestSuffix = ".staticwebassets.endpoints.json";

    /// <summary>
    /// Collects from a publish folder: its endpoints manifest if present (<paramref name="endpointsManifest"/>, or
    /// the single <c>*.staticwebassets.endpoints.json</c> in <paramref name="publishDirectory"/>), else the files
    /// under <c>wwwroot</c>, or under the folder itself when it has no <c>wwwroot</c>, as <paramref name="plain"/> allows.
    /// </summary>
    public static IReadOnlyList<CollectedAsset> Collect(string publishDirectory, string? endpointsManifest = null, PlainFolderOptions? plain = null, IPublishLog? log = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(publishDirectory);
        if (!Directory.Exists(publishDirectory))
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting,
                $"The folder '{publishDirectory}' does not exist. Point it at the publish output (the folder with wwwroot) or a folder of assets.");
        }

        if (endpointsManifest is null)
        {
            var candidates = Directory.GetFiles(publishDirectory, "*" + EndpointsManifestSuffix, SearchOption.TopDirectoryOnly);
            if (candidates.Length > 1)
            {
                throw new StaticPublishException(ErrorCodes.InvalidSetting,
                    $"The folder '{publishDirectory}' holds {candidates.Length} endpoint manifests ({string.Join(", ", candidates.Select(Path.GetFileName))}). Name the right one explicitly.");
            }

            endpointsManifest = candidates.FirstOrDefault();
        }

        return endpointsManifest is not null
            ? FromEndpointsManifest(endpointsManifest, Path.Combine(publishDirectory, "wwwroot"))
            : FromDirectory(AssetRoot(publishDirectory), plain, log);
    }

    /// <summary>
    /// The app a publish folder belongs to, for its release history: <c>{App}</c> of the SDK's
    /// <c>{App}.staticwebassets.endpoints.json</c>, else the folder's own name.
    /// </summary>
    public static string AppNameOf(string publishDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(publishDirectory);
        var full = Path.GetFullPath(publishDirectory);
        var manifests = Directory.Exists(full) ? Directory.GetFiles(full, "*" + EndpointsManifestSuffix, SearchOption.TopDirectoryOnly) : [];
        var name = manifests.Length == 1
            ? Path.GetFileName(manifests[0])[..^EndpointsManifestSuffix.Length]
            : Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar));
        return ReleaseHistory.ToAppName(name);
    }

    /// <summary>
    /// The folder <see cref="Collect"/> reads files from: <c>wwwroot</c> for a publish output (a folder with
    /// <c>wwwroot</c> or an endpoints manifest), else the folder itself. Anything written there is an asset.
    /// </summary>
    public static string AssetRoot(string publishDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(publishDirectory);
        var full = Path.GetFullPath(publishDirectory);
        var wwwroot = Path.Combine(full, "wwwroot");
        return Directory.Exists(wwwroot) || (Directory.Exists(full) && Directory.EnumerateFiles(full, "*" + EndpointsManifestSuffix).Any())
            ? wwwroot
            : full;
    }

    /// <summary>Collects the assets an SDK endpoints manifest serves from <paramref name="wwwroot"/>.</summary>
    public static IReadOnlyList<CollectedAsset> FromEndpointsManifest(string manifestPath, string wwwroot)
    {
        SdkEndpointsManifest manifest;
        try
        {
            using var stream = File.OpenRead(manifestPath);
            manifest = JsonSerializer.Deserialize(stream, ManifestJsonContext.Default.SdkEndpointsManifest)
                ?? throw new JsonException("the file is empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new StaticPublishException(ErrorCodes.ManifestUnreadable,
                $"The static web assets manifest '{manifestPath}' could not be read: {e.Message}. Publish the app again (dotnet publish) so the SDK rewrites it.", e);
        }

        // The identity endpoints: no content-encoding selector and no Content-Encoding header.
        var identity = manifest.Endpoints
            .Where(e => !e.HasSelectors && e.ContentEncoding is null && e.AssetFile.Length > 0)
            .GroupBy(e => e.AssetFile, StringComparer.Ordinal);
        var assets = new List<CollectedAsset>();
        foreach (var group in identity)
        {
            var assetFile = group.Key.Replace('\\', '/');
            var filePath = Path.GetFullPath(Path.Combine(wwwroot, assetFile));
            if (!File.Exists(filePath))
            {
                throw new StaticPublishException(ErrorCodes.ManifestUnreadable,
                    $"The static web assets manifest '{manifestPath}' lists '{assetFile}', but '{filePath}' does not exist. Publish the app again so the publish folder and its manifest match.");
            }

            var logical = group.Select(e => e.Label).FirstOrDefault(l => !string.IsNullOrEmpty(l))
                ?? group.Select(e => e.Route).FirstOrDefault(r => string.Equals(r, assetFile, StringComparison.Ordinal))
                ?? group.Select(e => e.Route).OrderBy(r => r.Length).First();
            var contentType = ContentTypes.Resolve(assetFile, group.Select(e => e.ContentType).FirstOrDefault(t => !string.IsNullOrEmpty(t)));
            assets.Add(new CollectedAsset(logical, filePath, assetFile, contentType));
        }

        return Deduplicate(assets, manifestPath);
    }

    /// <summary>
    /// Collects the files under a plain folder, leaving out <c>.gz</c>/<c>.br</c> files that sit beside their source,
    /// and (unless <paramref name="options"/> asks for them) dotfiles and links out of the folder, with one warning
    /// listing what was left out. A folder that looks like an app's publish output is refused (<c>SPUB2007</c>).
    /// </summary>
    public static IReadOnlyList<CollectedAsset> FromDirectory(string root, PlainFolderOptions? options = null, IPublishLog? log = null)
    {
        var (files, leftOut) = PlainFolder.List(root, options ?? new PlainFolderOptions());
        var present = files.Select(f => f.Relative).ToHashSet(StringComparer.Ordinal);
        var assets = new List<CollectedAsset>();
        foreach (var (file, relative) in files)
        {
            if ((relative.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || relative.EndsWith(".br", StringComparison.OrdinalIgnoreCase))
                && present.Contains(relative[..^3]))
            {
                continue;
            }

            assets.Add(new CollectedAsset(relative, file, relative, ContentTypes.Get(relative)));
        }

        if (leftOut.Count > 0)
        {
            log?.Warning(ErrorCodes.FilesLeftOut, Path.GetFullPath(root),
                $"{leftOut.Count} entries of '{Path.GetFullPath(root)}' were left out: {string.Join(", ", leftOut.Take(10))}{(leftOut.Count > 10 ? ", ..." : "")}. "
                + "Dotfiles are published only with --include-dotfiles, and links out of the folder are followed only with --follow-symlinks.");
        }

        return Deduplicate(assets, root);
    }

    private static List<CollectedAsset> Deduplicate(List<CollectedAsset> assets, string source)
    {
        assets.Sort((a, b) => string.CompareOrdinal(a.LogicalPath, b.LogicalPath));
        for (var i = 1; i < assets.Count; i++)
        {
            if (assets[i].LogicalPath == assets[i - 1].LogicalPath)
            {
                throw new StaticPublishException(ErrorCodes.ManifestUnreadable,
                    $"'{source}' serves '{assets[i].LogicalPath}' from two files ('{assets[i - 1].RelativeFilePath}' and '{assets[i].RelativeFilePath}'). Remove one of them.");
            }
        }

        return assets;
    }
}
