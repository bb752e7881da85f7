using System.Net;
using System.Text.RegularExpressions;

namespace StaticPublish.AspNetCore.Tests.Infrastructure;

/// <summary>Just enough HTML reading for asserting on rendered tags.</summary>
internal static partial class Html
{
    public sealed record Element(string Name, IReadOnlyDictionary<string, string> Attributes)
    {
        public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);

        /// <summary>The URL attribute: src for script and img, href for link.</summary>
        public string? Url => Name == "link" ? this["href"] : this["src"];
    }

    public static List<Element> Elements(string html, params string[] names) =>
        [.. Tag().Matches(html)
            .Where(m => names.Contains(m.Groups["name"].Value, StringComparer.OrdinalIgnoreCase))
            .Select(m => new Element(
                m.Groups["name"].Value.ToLowerInvariant(),
                Attribute().Matches(m.Groups["attributes"].Value)
                    .ToDictionary(a => a.Groups["key"].Value.ToLowerInvariant(), a => WebUtility.HtmlDecode(a.Groups["value"].Value))))];

    public static string? ImportMap(string html) => ImportMapScript().Match(html) is { Success: true } m ? m.Groups["json"].Value : null;

    [GeneratedRegex(@"<(?<name>[a-zA-Z]+)\b(?<attributes>[^>]*)>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?<key>[a-zA-Z][\w:-]*)=""(?<value>[^""]*)""")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"<script type=""importmap"">(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMapScript();
}
