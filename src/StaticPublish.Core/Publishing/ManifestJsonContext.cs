using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaticPublish.Core.Publishing;

/// <summary>Source-generated JSON for the manifests StaticPublish reads and writes, and the rules file it reads.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(AssetManifest))]
[JsonSerializable(typeof(ReleaseRecord))]
[JsonSerializable(typeof(ReleaseSummaryJson))]
[JsonSerializable(typeof(SdkEndpointsManifest))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Writes non-ASCII paths as UTF-8 instead of \u escapes, so manifests stay readable. Only StaticPublish's own
    /// JSON files are written with it, never HTML.
    /// </summary>
    public static ManifestJsonContext Writer => field ??= new(new JsonSerializerOptions
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
