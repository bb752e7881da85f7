using System.Text.Json;

namespace StaticPublish.Core.Publishing;

/// <summary>What the converters that stream StaticPublish's and the SDK's large JSON files share.</summary>
internal static class StreamedJson
{
    /// <summary>
    /// Passes over the current value inside a converter. A file read as it streams in never gives the reader its final
    /// block, where <see cref="Utf8JsonReader.Skip"/> refuses to run; the serializer has read the converter's whole
    /// value ahead, so TrySkip does the same work there. <paramref name="endsEarly"/> says what ended early otherwise.
    /// </summary>
    public static void Skip(ref Utf8JsonReader reader, string endsEarly)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException(endsEarly);
        }
    }
}
