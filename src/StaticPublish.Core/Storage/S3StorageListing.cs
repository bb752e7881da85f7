namespace StaticPublish.Core.Storage;

/// <summary>What <see cref="S3Storage.ListAsync"/> finds directly under a path, both sorted by key.</summary>
/// <param name="Directories">Names of the "directories" (common prefixes), without a trailing slash.</param>
/// <param name="Files">Names of the files, relative to the listed path.</param>
public sealed record S3StorageListing(IReadOnlyList<string> Directories, IReadOnlyList<string> Files);
