using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing.Rules;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Text;

namespace StaticPublish.Core.Publishing;

/// <summary>What is checked on collected assets before anything is read or requested.</summary>
internal static class CollectedAssetChecks
{
    /// <summary>Every name is a valid storage name outside StaticPublish's own folder (checked after normalising).</summary>
    public static void CheckNames(IReadOnlyList<CollectedAsset> assets)
    {
        foreach (var asset in assets)
        {
            if (Named(asset, () => StorageNames.Clean(asset.LogicalPath)).StartsWith(ReleaseHistory.Folder + "/", StringComparison.Ordinal))
            {
                throw new StaticPublishException(ErrorCodes.InvalidSetting,
                    $"The asset '{asset.FilePath}' would be published under '{ReleaseHistory.Folder}/', which StaticPublish reserves for its release records. Move or rename it.");
            }
        }
    }

    /// <summary>One warning listing the extensions whose assets would be served as octet-stream (a rule's type counts).</summary>
    public static void WarnAboutUnknownTypes(IReadOnlyList<CollectedAsset> assets, PublishRules rules, IPublishLog log)
    {
        var unknown = assets.Where(a => ContentTypes.IsUnexpectedFallback(a.LogicalPath, rules.Match(a.LogicalPath)?.ContentType ?? a.ContentType))
            .GroupBy(a => Path.GetExtension(a.LogicalPath).ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (unknown.Count > 0)
        {
            var list = string.Join(", ", unknown.Select(g => $"{g.Key} ({g.Count()}, e.g. '{g.First().LogicalPath}')"));
            log.Warning(ErrorCodes.ContentTypeFallback, unknown[0].First().FilePath,
                $"Assets with these extensions are stored as {ContentTypes.Fallback}, which browsers download instead of using: {list}. Give them their type with a publish rule (<StaticPublishRule Include=\"types\" Pattern=\"**/*.ext\" ContentType=\"type/subtype\" /> in the project, or a rule with \"contentType\" in staticpublish.json), or rename the files.");
        }
    }

    /// <summary>Turns a storage-name failure into one that names the asset's file.</summary>
    public static T Named<T>(CollectedAsset asset, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (StaticPublishException e) when (e.Code == ErrorCodes.InvalidKeyName)
        {
            throw new StaticPublishException(e.Code, $"The asset '{asset.FilePath}' cannot be published: {e.Message}", e) { Key = e.Key };
        }
    }
}
