using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Options;
using StaticPublish.AspNetCore.Configuration;
using StaticPublish.AspNetCore.Urls;
using StaticPublish.Core.Text;

namespace StaticPublish.AspNetCore.TagHelpers;

/// <summary>
/// Renders <c>&lt;script type="importmap"&gt;&lt;/script&gt;</c> (the <c>dotnet new webapp</c> layout's import map)
/// with the manifest's JavaScript modules mapped to their CDN URLs and SRI hashes, instead of local fingerprinted paths.
/// </summary>
[HtmlTargetElement("script", Attributes = "type")]
public sealed class ImportMapTagHelper(IStaticAssetUrls urls, IOptions<StaticPublishRuntimeOptions> options) : TagHelper
{
    /// <summary>After the framework's script tag helper, which renders the local import map.</summary>
    public override int Order => 10_000;

    /// <summary>The view context, for the request's PathBase.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext? ViewContext { get; set; }

    /// <inheritdoc />
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (!urls.IsEnabled || !string.Equals(context.AllAttributes["type"]?.Value?.ToString(), "importmap", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        // An author-written import map is left alone.
        var content = await output.GetChildContentAsync();
        if (!content.IsEmptyOrWhiteSpace)
        {
            return;
        }

        var pathBase = ViewContext?.HttpContext.Request.PathBase.Value ?? "";
        var imports = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var integrity = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var asset in urls.Assets.Where(a => ContentTypes.IsJavaScript(a.Entry.ContentType)))
        {
            if (urls.TryGet(asset.LogicalPath, out var url))
            {
                imports[$"{pathBase}/{asset.LogicalPath}"] = url;
                if (options.Value.Integrity && asset.Entry.Fingerprinted)
                {
                    integrity[url] = asset.Integrity;
                }
            }
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteMap(json, "imports", imports);
            if (integrity.Count > 0)
            {
                WriteMap(json, "integrity", integrity);
            }

            json.WriteEndObject();
        }

        output.TagName = "script";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("type", "importmap");
        output.Content.SetHtmlContent(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteMap(Utf8JsonWriter json, string name, SortedDictionary<string, string> map)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }
}
