using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Publishing;

/// <summary>One object a release stores: an asset under its fingerprinted name, its original name, or a kept name.</summary>
/// <param name="Key">The object key, prefix included.</param>
/// <param name="Asset">The prepared asset whose bytes it holds.</param>
/// <param name="Kind">Which of the asset's names it is.</param>
/// <param name="Headers">Everything written with it besides its bytes and its state (shared between objects; <see cref="PublishPlanner.StoredHeaders"/> adds the state as metadata).</param>
/// <param name="State">Its <see cref="ObjectState"/>.</param>
internal sealed record PublishObject(string Key, PreparedAsset Asset, PublishedObjectKind Kind, S3ObjectHeaders Headers, string State)
{
    /// <summary>Fingerprinted objects never change content under their name, so they go first and carry SRI.</summary>
    public bool IsImmutable => Kind == PublishedObjectKind.Fingerprinted;

    public long Size => Asset.Size;
}
