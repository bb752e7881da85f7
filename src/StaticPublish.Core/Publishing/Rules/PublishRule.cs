namespace StaticPublish.Core.Publishing.Rules;

/// <summary>
/// One publish rule, like a hugo deploy matcher: the assets whose logical path matches <see cref="Pattern"/> are stored
/// with what the rule sets; what it leaves unset follows the settings. Read from a <c>StaticPublishRule</c> item or a
/// rule in <c>staticpublish.json</c>, the same way, by <see cref="PublishRules"/>.
/// </summary>
public sealed record PublishRule
{
    /// <summary>How plans name the rule: the item's Include, or the file rule's pattern.</summary>
    public required string Name { get; init; }

    /// <summary>Where it was declared, for errors: <c>StaticPublishRule item 'html'</c> or <c>rule 2 ('**/*.html') in '/src/staticpublish.json'</c>.</summary>
    public required string Origin { get; init; }

    /// <summary>A glob of logical paths (relative to wwwroot, '/'-separated, case-insensitive), e.g. <c>**/*.html</c> or <c>downloads/**</c>.</summary>
    public required string Pattern { get; init; }

    /// <summary>The Content-Type to store matched assets with, whatever their extension.</summary>
    public string? ContentType { get; init; }

    /// <summary>The Content-Disposition, e.g. <c>attachment</c>.</summary>
    public string? ContentDisposition { get; init; }

    /// <summary>The Cache-Control of every object of a matched asset (fingerprinted, original and kept names).</summary>
    public string? CacheControl { get; init; }

    /// <summary>True gzips matched assets whatever their type, false never; null follows the gzip content types.</summary>
    public bool? Gzip { get; init; }

    /// <summary>True keeps matched assets' names (not fingerprinted), false fingerprints them; null follows the keep-name patterns.</summary>
    public bool? KeepName { get; init; }

    /// <summary>The storage class, upper case; null follows the storage class setting.</summary>
    public string? StorageClass { get; init; }

    /// <summary>User metadata (<c>x-amz-meta-*</c>), names lower-cased.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Object tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>What the rule sets, as <c>Field=value</c> pairs, for plans and logs.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        void Add(string field, object? value)
        {
            if (value is not null)
            {
                parts.Add($"{field}={(value is bool flag ? (flag ? "true" : "false") : value)}");
            }
        }

        Add("ContentType", ContentType);
        Add("ContentDisposition", ContentDisposition);
        Add("CacheControl", CacheControl);
        Add("Gzip", Gzip);
        Add("KeepName", KeepName);
        Add("StorageClass", StorageClass);
        Add("Metadata", Metadata.Count == 0 ? null : string.Join(';', Metadata.Select(m => $"{m.Key}={m.Value}")));
        Add("Tags", Tags.Count == 0 ? null : string.Join(';', Tags.Select(t => $"{t.Key}={t.Value}")));
        return parts.Count == 0 ? $"{Pattern}: nothing set" : $"{Pattern}: {string.Join(", ", parts)}";
    }
}
