namespace StaticPublish.Core.Publishing;

/// <summary>A static web asset the app serves, as collected from the SDK's publish output.</summary>
/// <param name="LogicalPath">The path views use, relative to wwwroot with forward slashes (the SDK's <c>label</c>).</param>
/// <param name="FilePath">The absolute path of the file.</param>
/// <param name="RelativeFilePath">The file's path relative to wwwroot, which differs from the logical path when the SDK already fingerprinted the file name.</param>
/// <param name="ContentType">The content type the SDK assigned, or one from the extension.</param>
public sealed record CollectedAsset(string LogicalPath, string FilePath, string RelativeFilePath, string ContentType)
{
    /// <summary>Whether the SDK already put a content fingerprint into the file name (e.g. scoped CSS bundles).</summary>
    public bool IsSdkFingerprinted => !string.Equals(LogicalPath, RelativeFilePath, StringComparison.Ordinal);
}
