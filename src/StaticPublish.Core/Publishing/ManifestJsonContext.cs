using System.Text.Json.Serialization;

namespace StaticPublish.Core.Publishing;

/// <summary>Source-generated JSON for the manifests StaticPublish reads and writes.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(AssetManifest))]
[JsonSerializable(typeof(ReleaseIndex))]
[JsonSerializable(typeof(SdkEndpointsManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
