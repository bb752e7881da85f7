using System.Text.Json;
using Microsoft.Extensions.FileSystemGlobbing;
using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Publishing.Rules;

/// <summary>
/// The publish rules of one run, in declaration order: the first rule whose pattern matches an asset's logical path
/// is its rule, and the others are not consulted. Read from <c>StaticPublishRule</c> items (MSBuild) or a
/// <c>staticpublish.json</c> file (the command line) by the same <see cref="RuleReader"/>.
/// </summary>
public sealed class PublishRules
{
    /// <summary>The name of the rules file the command line reads from the current folder when it is there.</summary>
    public const string FileName = "staticpublish.json";

    private readonly (PublishRule Rule, Matcher Matcher)[] _rules;

    private PublishRules(IEnumerable<PublishRule> rules, string? source)
    {
        _rules = [.. rules.Select(rule =>
        {
            var matcher = new Matcher(StringComparison.OrdinalIgnoreCase);
            matcher.AddInclude(rule.Pattern);
            return (rule, matcher);
        })];
        Source = source;
    }

    /// <summary>No rules: every asset follows the settings.</summary>
    public static PublishRules None { get; } = new([], null);

    /// <summary>The rules, in declaration order.</summary>
    public IReadOnlyList<PublishRule> All => [.. _rules.Select(r => r.Rule)];

    /// <summary>Where the rules came from (the file, or MSBuild items), or null when there are none.</summary>
    public string? Source { get; }

    /// <summary>The first rule whose pattern matches <paramref name="logicalPath"/>, or null.</summary>
    public PublishRule? Match(string logicalPath)
    {
        ArgumentNullException.ThrowIfNull(logicalPath);
        foreach (var (rule, matcher) in _rules)
        {
            if (matcher.Match(logicalPath).HasMatches)
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads <c>StaticPublishRule</c> items: the item spec names the rule, and its metadata are the fields, the glob in
    /// <c>Pattern</c> (MSBuild would expand a glob in Include against the project folder).
    /// </summary>
    /// <exception cref="StaticPublishException"><c>SPUB2008</c> naming the item and the field.</exception>
    public static PublishRules FromItems(IEnumerable<KeyValuePair<string, IReadOnlyDictionary<string, string>>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var rules = items.Select(item => RuleReader.Read(item.Key, $"StaticPublishRule item '{item.Key}'",
            item.Value.Select(m => KeyValuePair.Create(m.Key, new RuleValue(m.Value))), camelCase: false,
            $"""MSBuild expands wildcards in Include against the project folder, so the rule's glob goes in Pattern: <StaticPublishRule Include="html" Pattern="**/*.html" CacheControl="no-cache" />.""")).ToList();
        return rules.Count == 0 ? None : new PublishRules(rules, "StaticPublishRule items");
    }

    /// <summary>
    /// Reads a rules file: <c>{"$schema": "...", "rules": [{"pattern": "**/*.html", "cacheControl": "no-cache"}, ...]}</c>,
    /// described by <c>build/staticpublish.schema.json</c>. Gzip and KeepName may be JSON booleans, Metadata and Tags
    /// objects of strings or <c>k=v;k2=v2</c> text.
    /// </summary>
    /// <exception cref="StaticPublishException"><c>SPUB2008</c> naming the file, the rule and the field; <c>SPUB0004</c> when it cannot be read.</exception>
    public static PublishRules FromFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        Dictionary<string, JsonElement> document;
        try
        {
            document = JsonSerializer.Deserialize(File.ReadAllBytes(full), ManifestJsonContext.Default.DictionaryStringJsonElement)
                ?? throw Fail($"The rules file '{full}' holds null; it must be an object with a \"rules\" array.");
        }
        catch (JsonException e)
        {
            throw Fail($"The rules file '{full}' is not a JSON object (line {e.LineNumber + 1}): {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StaticPublishException(ErrorCodes.LocalFileFailed, $"The rules file '{full}' could not be read: {e.Message} Check that it exists and is readable.", e);
        }

        if (document.Keys.FirstOrDefault(k => k is not ("$schema" or "rules")) is { } unknown)
        {
            throw Fail($"The rules file '{full}' has the property '{unknown}'; it takes \"$schema\" and \"rules\" only.");
        }

        if (!document.TryGetValue("rules", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw Fail($"The rules file '{full}' has no \"rules\" array; add one, e.g. \"rules\": [{{\"pattern\": \"**/*.html\", \"cacheControl\": \"no-cache\"}}].");
        }

        var rules = new List<PublishRule>();
        foreach (var (element, index) in list.EnumerateArray().Select((e, i) => (e, i + 1)))
        {
            var pattern = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("pattern", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            var where = pattern is null ? $"rule {index} in '{full}'" : $"rule {index} ('{pattern}') in '{full}'";
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Fail($"The {where} is not an object; write each rule as {{\"pattern\": \"...\", ...}}.");
            }

            rules.Add(RuleReader.Read(pattern ?? $"#{index}", where, element.EnumerateObject().Select(f => KeyValuePair.Create(f.Name, ValueOf(f.Value))),
                camelCase: true, "Give the glob of logical paths it applies to, e.g. \"pattern\": \"**/*.html\"."));
        }

        return rules.Count == 0 ? None : new PublishRules(rules, full);
    }

    private static RuleValue ValueOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new RuleValue(value.GetString()),
        JsonValueKind.True => new RuleValue("true"),
        JsonValueKind.False => new RuleValue("false"),
        JsonValueKind.Null => new RuleValue(null),
        JsonValueKind.Object => new RuleValue(null, [.. value.EnumerateObject().Select(p =>
            KeyValuePair.Create(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))]),
        _ => new RuleValue(value.GetRawText()),
    };

    private static StaticPublishException Fail(string message) => RuleReader.Fail(message);
}
