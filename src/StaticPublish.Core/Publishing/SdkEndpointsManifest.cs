using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaticPublish.Core.Publishing;

/// <summary>The .NET SDK's <c>{App}.staticwebassets.endpoints.json</c>, as far as StaticPublish reads it.</summary>
internal sealed record SdkEndpointsManifest
{
    public int Version { get; init; }

    public string? ManifestType { get; init; }

    public List<SdkEndpoint> Endpoints { get; init; } = [];
}

/// <summary>
/// One endpoint of the SDK's manifest, with only what collecting assets reads: its route and file, whether it has
/// selectors (a compressed variant), its Content-Type and Content-Encoding headers and its <c>label</c> property.
/// <see cref="SdkEndpointConverter"/> streams it, so the other headers (ETag, Last-Modified, Content-Length,
/// Cache-Control) never become strings: an app with 4,906 assets has 47,612 endpoints and a 35 MB manifest.
/// </summary>
[JsonConverter(typeof(SdkEndpointConverter))]
internal sealed record SdkEndpoint
{
    public string Route { get; init; } = "";

    public string AssetFile { get; init; } = "";

    public bool HasSelectors { get; init; }

    public string? ContentType { get; init; }

    public string? ContentEncoding { get; init; }

    public string? Label { get; init; }
}

/// <summary>Reads an <see cref="SdkEndpoint"/>, skipping every header and property it does not keep.</summary>
internal sealed class SdkEndpointConverter : JsonConverter<SdkEndpoint>
{
    /// <summary>A null endpoint is refused here, as a damaged manifest, instead of reaching the collector.</summary>
    public override bool HandleNull => true;

    public override SdkEndpoint? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject, "an endpoint");
        string route = "", assetFile = "";
        string? contentType = null, contentEncoding = null, label = null;
        var hasSelectors = false;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            // Property names are compared as UTF-8, so the 285,000 names of a large manifest never become strings.
            if (reader.ValueTextEquals("Route"u8))
            {
                Next(ref reader);
                route = reader.GetString() ?? "";
            }
            else if (reader.ValueTextEquals("AssetFile"u8))
            {
                Next(ref reader);
                assetFile = reader.GetString() ?? "";
            }
            else if (reader.ValueTextEquals("Selectors"u8))
            {
                Next(ref reader);
                hasSelectors = ReadSelectors(ref reader);
            }
            else if (reader.ValueTextEquals("ResponseHeaders"u8))
            {
                Next(ref reader);
                ReadPairs(ref reader, share: true, "Content-Type", ref contentType, "Content-Encoding", ref contentEncoding);
            }
            else if (reader.ValueTextEquals("EndpointProperties"u8))
            {
                Next(ref reader);
                string? unused = null;
                ReadPairs(ref reader, share: false, "label", ref label, null, ref unused);
            }
            else
            {
                Next(ref reader);
                SkipValue(ref reader);
            }
        }

        return new SdkEndpoint
        {
            Route = route,
            AssetFile = assetFile,
            HasSelectors = hasSelectors,
            ContentType = contentType,
            ContentEncoding = contentEncoding,
            Label = label,
        };
    }

    public override void Write(Utf8JsonWriter writer, SdkEndpoint value, JsonSerializerOptions options) =>
        throw new NotSupportedException("StaticPublish reads the SDK's endpoints manifest; it never writes one.");

    /// <summary>Whether a Selectors array (or null) has any entry.</summary>
    private static bool ReadSelectors(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        Expect(ref reader, JsonTokenType.StartArray, "Selectors");
        var any = false;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            any = true;
            SkipValue(ref reader);
        }

        return any;
    }

    /// <summary>
    /// Reads an array of <c>{"Name": ..., "Value": ...}</c> objects and keeps the values of the one or two names given,
    /// compared ignoring case, as the full read did: the first entry with a name wins, even when its value is null,
    /// and an entry without a Value reads as an empty string.
    /// </summary>
    private static void ReadPairs(ref Utf8JsonReader reader, bool share, string first, ref string? firstValue, string? second, ref string? secondValue)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        Expect(ref reader, JsonTokenType.StartArray, "a list of names and values");
        bool firstSeen = false, secondSeen = false;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.StartObject, "a name and value");
            // An entry without a Value reads as "", as the full read's default did.
            var value = (string?)"";
            var nameMatched = 0;
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                var isName = reader.ValueTextEquals("Name"u8);
                var isValue = !isName && reader.ValueTextEquals("Value"u8);
                Next(ref reader);
                if (isName)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw new JsonException($"a Name must be a string, found {reader.TokenType}");
                    }

                    nameMatched = NameIs(ref reader, first) ? 1 : second is not null && NameIs(ref reader, second) ? 2 : -1;
                }
                else if (isValue && reader.TokenType is JsonTokenType.String or JsonTokenType.Null)
                {
                    // Only a wanted entry's value becomes a string; the SDK writes Name first, so that is known by now.
                    value = reader.TokenType == JsonTokenType.Null ? null
                        : nameMatched < 0 ? ""
                        : share ? SharedStringConverter.ReadShared(ref reader) : reader.GetString();
                }
                else if (isValue)
                {
                    throw new JsonException($"a Value must be a string, found {reader.TokenType}");
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            if (nameMatched == 1 && !firstSeen)
            {
                (firstSeen, firstValue) = (true, value);
            }
            else if (nameMatched == 2 && !secondSeen)
            {
                (secondSeen, secondValue) = (true, value);
            }
        }
    }

    private static bool NameIs(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return string.Equals(reader.GetString(), name, StringComparison.OrdinalIgnoreCase);
        }

        var span = reader.ValueSpan;
        return span.Length == name.Length && Ascii.EqualsIgnoreCase(span, name);
    }

    private static void SkipValue(ref Utf8JsonReader reader) =>
        StreamedJson.Skip(ref reader, "the endpoints manifest ends in the middle of an endpoint");

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("the endpoints manifest ends in the middle of an endpoint");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"expected {what} ({type}), found {reader.TokenType}");
        }
    }
}
