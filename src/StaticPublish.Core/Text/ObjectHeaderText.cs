using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Text;

/// <summary>
/// Reads the text of what is stored with an object (type, disposition, Cache-Control, storage class, encryption,
/// metadata, tags): the one place these values are checked, for settings and publish rules alike. Each reader returns
/// the value, or a problem that says what is expected; the caller reports it with its own code and name.
/// </summary>
internal static partial class ObjectHeaderText
{
    /// <summary>The storage classes an object may be published with: those whose objects are served without a restore.</summary>
    public static IReadOnlyList<string> StorageClasses { get; } =
        ["STANDARD", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "REDUCED_REDUNDANCY", "EXPRESS_ONEZONE"];

    /// <summary>The most tags S3 keeps on one object.</summary>
    public const int MaxTags = 10;

    /// <summary>A storage class in upper case, or the problem.</summary>
    public static (string? Value, string? Problem) StorageClass(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim().ToUpperInvariant();
        return value switch
        {
            _ when StorageClasses.Contains(value) => (value, null),
            "GLACIER" or "DEEP_ARCHIVE" => (null, $"'{text}', whose objects cannot be served until they are restored; use one of {string.Join(", ", StorageClasses)}"),
            _ => (null, $"'{text}', which is not a storage class; use one of {string.Join(", ", StorageClasses)}"),
        };
    }

    /// <summary>Server-side encryption: <c>AES256</c> (SSE-S3) or <c>aws:kms</c> (SSE-KMS), in any case.</summary>
    public static (S3ServerSideEncryption Value, string? Problem) Encryption(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToUpperInvariant() switch
        {
            "AES256" => (S3ServerSideEncryption.Aes256, null),
            "AWS:KMS" => (S3ServerSideEncryption.Kms, null),
            _ => (S3ServerSideEncryption.None, $"'{text}', which is not AES256 or aws:kms"),
        };
    }

    /// <summary>A content type such as <c>application/manifest+json</c> or <c>text/plain; charset=utf-8</c>.</summary>
    public static string? ContentTypeProblem(string text) =>
        !PrintableAscii().IsMatch(text) ? $"'{text}', which has characters other than printable ASCII, which HTTP headers cannot carry"
        : MediaTypeHeaderValue.TryParse(text, out var parsed) && parsed.MediaType?.Contains('/', StringComparison.Ordinal) == true
            ? null
            : $"'{text}', which is not a content type such as application/manifest+json";

    /// <summary>A Content-Disposition such as <c>attachment</c> or <c>attachment; filename="a.pdf"</c>.</summary>
    public static string? DispositionProblem(string text) =>
        !PrintableAscii().IsMatch(text) ? $"'{text}', which has characters other than printable ASCII, which HTTP headers cannot carry; name a file with filename*=UTF-8''%C3%BCber.pdf"
        : ContentDispositionHeaderValue.TryParse(text, out _) ? null : $"'{text}', which is not a Content-Disposition such as attachment or inline";

    /// <summary>A Cache-Control such as <c>no-cache</c> or <c>public, max-age=3600</c>.</summary>
    public static string? CacheControlProblem(string text) =>
        CacheControlHeaderValue.TryParse(text, out _) ? null : $"'{text}', which is not a Cache-Control such as no-cache or public, max-age=3600";

    /// <summary>Reads <c>k=v;k2=v2</c> into pairs, in order, or the problem.</summary>
    public static (IReadOnlyList<KeyValuePair<string, string>>? Value, string? Problem) Pairs(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return (null, $"'{text}', whose part '{part}' is not name=value; write name=value pairs separated by ';', e.g. team=web;tier=static");
            }

            pairs.Add(KeyValuePair.Create(part[..equals].Trim(), part[(equals + 1)..].Trim()));
        }

        return (pairs, null);
    }

    /// <summary>
    /// User metadata as S3 stores it: names lower-cased, letters, digits, '-', '_' and '.'; ASCII values (they travel as
    /// HTTP headers); no name twice; <paramref name="reserved"/> (StaticPublish's own) not used.
    /// </summary>
    public static (IReadOnlyDictionary<string, string>? Value, string? Problem) Metadata(IEnumerable<KeyValuePair<string, string>> pairs, string reserved)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in pairs)
        {
            var key = name.ToLowerInvariant();
            var problem = !MetadataName().IsMatch(key) ? $"has the name '{name}'; use letters, digits, '-', '_' and '.'"
                : key == reserved ? $"uses the name '{name}', which StaticPublish keeps each object's state under; choose another"
                : !PrintableAscii().IsMatch(value) ? $"has a value for '{name}' with characters other than printable ASCII, which HTTP headers cannot carry"
                : !metadata.TryAdd(key, value) ? $"names '{name}' twice (names are not case-sensitive)"
                : null;
            if (problem is not null)
            {
                return (null, problem);
            }
        }

        return (metadata, null);
    }

    /// <summary>Object tags as S3 takes them: at most 10, keys of 1 to 128 and values of up to 256 letters, digits, spaces and <c>+ - = . _ : / @</c>.</summary>
    public static (IReadOnlyDictionary<string, string>? Value, string? Problem) Tags(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            var problem = key.Length is 0 or > 128 || !TagText().IsMatch(key) ? $"has the key '{key}'; keys are 1 to 128 letters, digits, spaces and + - = . _ : / @"
                : value.Length > 256 || !TagText().IsMatch(value) ? $"has a value for '{key}' that is not up to 256 letters, digits, spaces and + - = . _ : / @"
                : !tags.TryAdd(key, value) ? $"names '{key}' twice"
                : null;
            if (problem is not null)
            {
                return (null, problem);
            }
        }

        return tags.Count > MaxTags ? (null, $"has {tags.Count} tags; S3 keeps at most {MaxTags} on an object") : (tags, null);
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex MetadataName();

    [GeneratedRegex(@"^[\x20-\x7E]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PrintableAscii();

    [GeneratedRegex(@"^[\p{L}\p{N}\p{Zs}+\-=._:/@]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TagText();
}
