using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Options;
using StaticPublish.AspNetCore.Configuration;
using StaticPublish.AspNetCore.Urls;

namespace StaticPublish.AspNetCore.TagHelpers;

/// <summary>
/// Rewrites <c>&lt;link href&gt;</c>, <c>&lt;script src&gt;</c> and <c>&lt;img src&gt;</c> to the manifest's CDN URL,
/// and adds <c>integrity</c> and <c>crossorigin</c> to scripts and stylesheets whose URL is fingerprinted (bytes under a
/// kept name change in place, so a hash would block them after the next publish). It runs after the framework's tag
/// helpers and works from the author's own reference (<c>~/css/site.css?x#y</c>), so local fingerprinting or
/// <c>asp-append-version</c> never adds a second version. An asset not in the manifest is left as the framework
/// rendered it. Register with <c>@addTagHelper *, StaticPublish.AspNetCore</c>.
/// </summary>
[HtmlTargetElement("link", Attributes = "href")]
[HtmlTargetElement("script", Attributes = "src")]
[HtmlTargetElement("img", Attributes = "src")]
public sealed class AssetUrlTagHelper(IStaticAssetUrls urls, IOptions<StaticPublishRuntimeOptions> options) : TagHelper
{
    /// <summary>After the framework's link, script, image and URL-resolution tag helpers.</summary>
    public override int Order => 10_000;

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (!urls.IsEnabled)
        {
            return;
        }

        var attribute = output.TagName == "link" ? "href" : "src";
        StaticAsset? asset = null;
        if (context.AllAttributes[attribute]?.Value?.ToString() is { } original
            && (original.StartsWith("~/", StringComparison.Ordinal) || (original.StartsWith('/') && !original.StartsWith("//", StringComparison.Ordinal)))
            && urls.TryResolve(original, out asset, out var url))
        {
            output.Attributes.SetAttribute(attribute, url);
        }
        else if (output.Attributes[attribute]?.Value?.ToString() is { } rendered)
        {
            // Already a CDN URL, e.g. href="@Assets["css/site.css"]".
            urls.TryGetAssetByUrl(rendered, out asset);
        }

        if (asset is null
            || output.TagName == "img"
            || !options.Value.Integrity
            || output.Attributes.ContainsName("integrity")
            || (output.TagName == "link" && !TakesIntegrity(output))
            || !asset.Entry.Fingerprinted)
        {
            return;
        }

        output.Attributes.SetAttribute("integrity", asset.Integrity);
        if (!output.Attributes.ContainsName("crossorigin"))
        {
            output.Attributes.SetAttribute("crossorigin", options.Value.CrossOrigin);
        }
    }

    private static bool TakesIntegrity(TagHelperOutput output) =>
        (output.Attributes["rel"]?.Value?.ToString() ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(r => r.Equals("stylesheet", StringComparison.OrdinalIgnoreCase)
                || r.Equals("modulepreload", StringComparison.OrdinalIgnoreCase)
                || r.Equals("preload", StringComparison.OrdinalIgnoreCase));
}
