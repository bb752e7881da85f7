using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// Reads a JSON string that repeats across entries (a Content-Type, an encoding, a Cache-Control) as one shared
/// instance per distinct value, so a manifest of tens of thousands of assets holds a handful of these strings instead of
/// one each. The pool stops growing at <see cref="MaxShared"/> values; beyond that, values are read as usual.
/// </summary>
internal sealed class SharedStringConverter : JsonConverter<string>
{
    private const int MaxShared = 4096;
    private static readonly ConcurrentDictionary<string, string> Shared = new(StringComparer.Ordinal);
    private static int _count;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadShared(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>The current string value as the pool's instance (for converters that stream their own objects).</summary>
    public static string? ReadShared(ref Utf8JsonReader reader)
    {
        var value = reader.GetString();
        if (value is null)
        {
            return null;
        }

        if (Shared.TryGetValue(value, out var shared))
        {
            return shared;
        }

        // A counter, not Shared.Count, which takes every lock of the dictionary.
        if (Volatile.Read(ref _count) >= MaxShared)
        {
            return value;
        }

        var pooled = Shared.GetOrAdd(value, value);
        if (ReferenceEquals(pooled, value))
        {
            Interlocked.Increment(ref _count);
        }

        return pooled;
    }
}
