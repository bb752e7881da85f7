using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// Where <c>staticpublish.manifest.json</c> goes: where the user names it, or next to wwwroot in a publish output.
/// Never among the assets, or the next publish would upload it.
/// </summary>
public static class ManifestPlacement
{
    /// <summary>The manifest's full path for a publish of <paramref name="directory"/>.</summary>
    /// <param name="directory">The publish output or plain folder being published.</param>
    /// <param name="given">The path (or, from MSBuild, the file name in the publish folder) the user gave, or null.</param>
    /// <param name="settingName">The setting as the user knows it, for errors (<c>--manifest</c>, <c>StaticPublishManifestFileName</c>).</param>
    /// <exception cref="StaticPublishException"><c>SPUB2003</c> for a plain folder without a path, or a path inside the asset folder.</exception>
    public static string Resolve(string directory, string? given, string settingName)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var fullDirectory = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        var assetsRoot = StaticAssetCollector.AssetRoot(fullDirectory);
        var isPublishOutput = !string.Equals(assetsRoot, fullDirectory, StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(given) && !isPublishOutput)
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting,
                $"'{fullDirectory}' is a plain folder of assets, so the manifest has no default place. Give {settingName} a path outside it, e.g. {AssetManifest.FileName}.");
        }

        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(given) ? AssetManifest.FileName : given, fullDirectory);
        if (path.StartsWith(assetsRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting,
                $"The manifest path '{path}' ({settingName}) is inside the asset folder '{assetsRoot}', so the next publish would upload it as an asset. Write it elsewhere.");
        }

        return path;
    }
}
