using StaticPublish.Core.Errors;
using StaticPublish.Core.Settings;
using StaticPublish.Core.Text;

namespace StaticPublish.Core.Publishing.Rules;

/// <summary>A field's value as a face gives it: text, or name/value pairs (a JSON object for Metadata or Tags).</summary>
internal readonly record struct RuleValue(string? Text, IReadOnlyList<KeyValuePair<string, string>>? Pairs = null);

/// <summary>
/// Reads one rule's fields, the same for an MSBuild item and a rule in <c>staticpublish.json</c>: the one place where
/// rule fields are known and checked. Every failure is one <c>SPUB2008</c> naming the rule, where it was declared and
/// the field, and saying what is expected.
/// </summary>
internal static class RuleReader
{
    /// <summary>The fields, in the order errors, the README and the JSON schema list them.</summary>
    public static IReadOnlyList<string> Fields { get; } =
        ["Pattern", "ContentType", "ContentDisposition", "CacheControl", "Gzip", "KeepName", "StorageClass", "Metadata", "Tags"];

    /// <param name="name">How plans name the rule.</param>
    /// <param name="origin">Where it was declared, e.g. <c>StaticPublishRule item 'html'</c>.</param>
    /// <param name="fields">The fields as given; names are matched without regard to case, and empty values are unset.</param>
    /// <param name="camelCase">Whether the face writes field names in camel case (the JSON file), for errors.</param>
    /// <param name="missingPattern">What to say when there is no pattern.</param>
    public static PublishRule Read(string name, string origin, IEnumerable<KeyValuePair<string, RuleValue>> fields, bool camelCase, string missingPattern)
    {
        var given = new Dictionary<string, RuleValue>(StringComparer.Ordinal);
        foreach (var (field, value) in fields)
        {
            var known = Fields.FirstOrDefault(f => string.Equals(f, field, StringComparison.OrdinalIgnoreCase))
                ?? throw Fail($"The {origin} has the field '{field}', which publish rules do not have. The fields are: {string.Join(", ", Fields.Select(f => Shown(f, camelCase)))}.");
            if (value.Pairs is not null || !string.IsNullOrWhiteSpace(value.Text))
            {
                given[known] = value;
            }
        }

        string? Text(string field, Func<string, string?>? problemOf = null)
        {
            if (!given.TryGetValue(field, out var value))
            {
                return null;
            }

            var text = value.Text?.Trim() ?? throw Fail($"The {origin} has {Shown(field, camelCase)} as name/value pairs; give it as text.");
            return problemOf?.Invoke(text) is { } problem ? throw Fail($"The {origin} has {Shown(field, camelCase)} {problem}.") : text;
        }

        bool? Flag(string field) => Text(field) is { } text
            ? SettingText.ReadFlag(text) ?? throw Fail($"The {origin} has {Shown(field, camelCase)} '{text}', which is not true or false.")
            : null;

        IReadOnlyList<KeyValuePair<string, string>>? Pairs(string field)
        {
            if (!given.TryGetValue(field, out var value))
            {
                return null;
            }

            if (value.Pairs is { } pairs)
            {
                return pairs;
            }

            var (read, problem) = ObjectHeaderText.Pairs(value.Text!);
            return read ?? throw Fail($"The {origin} has {Shown(field, camelCase)} {problem}.");
        }

        T Checked<T>(string field, (T? Value, string? Problem) result)
            where T : class => result.Value ?? throw Fail($"The {Shown(field, camelCase)} of the {origin} {result.Problem}.");

        var pattern = Text("Pattern", GlobProblem) ?? throw Fail($"The {origin} has no {Shown("Pattern", camelCase)}. {missingPattern}");
        var storageClass = Text("StorageClass", t => ObjectHeaderText.StorageClass(t).Problem);
        return new PublishRule
        {
            Name = name,
            Origin = origin,
            Pattern = pattern,
            ContentType = Text("ContentType", ObjectHeaderText.ContentTypeProblem),
            ContentDisposition = Text("ContentDisposition", ObjectHeaderText.DispositionProblem),
            CacheControl = Text("CacheControl", ObjectHeaderText.CacheControlProblem),
            Gzip = Flag("Gzip"),
            KeepName = Flag("KeepName"),
            StorageClass = storageClass is null ? null : ObjectHeaderText.StorageClass(storageClass).Value,
            Metadata = Pairs("Metadata") is { } metadata ? Checked("Metadata", ObjectHeaderText.Metadata(metadata, ObjectState.MetadataName)) : new SortedDictionary<string, string>(StringComparer.Ordinal),
            Tags = Pairs("Tags") is { } tags ? Checked("Tags", ObjectHeaderText.Tags(tags)) : new SortedDictionary<string, string>(StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// What is wrong with a glob for logical paths, or null. The globbing library matches what it does not support
    /// (<c>[a-z]</c>, <c>{a,b}</c>, <c>?</c>) literally, and a pattern that can never match should fail here, not silently.
    /// </summary>
    public static string? GlobProblem(string pattern)
    {
        const string Example = "write it relative to wwwroot with '/', e.g. **/*.html or downloads/**";
        if (pattern.StartsWith('/'))
        {
            return $"'{pattern}', which starts with '/'; {Example}";
        }

        if (pattern.IndexOfAny(['\\', '[', ']', '{', '}', '?']) is var at and >= 0)
        {
            return $"'{pattern}', which holds '{pattern[at]}': only * (within a name) and ** (any folders) are wildcards; {Example}";
        }

        var bad = pattern.Split('/').FirstOrDefault(s => s is "" or "." or ".." || (s.Contains("**", StringComparison.Ordinal) && s != "**"));
        return bad is null ? null : $"'{pattern}', whose part '{bad}' is empty, '.' or '..', or puts ** next to other text; {Example}";
    }

    public static string Shown(string field, bool camelCase) => camelCase ? char.ToLowerInvariant(field[0]) + field[1..] : field;

    /// <summary>The one error a bad rule gets.</summary>
    public static StaticPublishException Fail(string message) =>
        new(ErrorCodes.InvalidRule, message + " Nothing was published.");
}
