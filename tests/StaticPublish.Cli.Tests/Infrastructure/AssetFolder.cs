using System.Security.Cryptography;
using System.Text.Json;
using StaticPublish.TestUtilities;

namespace StaticPublish.Cli.Tests.Infrastructure;

/// <summary>A throwaway folder of generated assets: a plain folder, or a publish output with wwwroot and an SDK endpoints manifest.</summary>
internal sealed class AssetFolder : IDisposable
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".css"] = "text/css",
        [".json"] = "application/json",
        [".woff2"] = "font/woff2",
        [".svg"] = "image/svg+xml",
        [".js"] = "text/javascript",
    };

    private readonly TempFolder _folder = TempFolder.Create("sp-cli-");
    private readonly string _assetsFolder;

    private AssetFolder(bool publishOutput)
    {
        _assetsFolder = publishOutput ? "wwwroot" : "assets";
        Assets = _folder.PathOf(_assetsFolder);
        Write("css/site.css", ".logo { background: url(../img/logo.svg); }\n@font-face { src: url(../fonts/icons.woff2); }\n"
            + string.Concat(Enumerable.Repeat(".pad { margin: 0 auto; padding: 1px; }\n", 40)));
        Write("img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">" + string.Concat(Enumerable.Repeat("<rect width=\"1\" height=\"1\"/>", 30)) + "</svg>");
        Write("fonts/icons.woff2", RandomNumberGenerator.GetBytes(1500));
        Write("js/app.js", "export const answer = 42;\n" + string.Concat(Enumerable.Repeat("console.log(answer);\n", 30)));
        Write("data/config.json", "{\"feature\": true}");
    }

    public string Root => _folder.Root;

    /// <summary>Where the assets are: the plain folder itself, or the publish output's wwwroot.</summary>
    public string Assets { get; }

    /// <summary>The logical paths every folder starts with.</summary>
    public static IReadOnlyList<string> LogicalPaths { get; } = ["css/site.css", "data/config.json", "fonts/icons.woff2", "img/logo.svg", "js/app.js"];

    /// <summary>A plain folder of assets at <c>{Root}/assets</c>.</summary>
    public static AssetFolder Plain() => new(publishOutput: false);

    /// <summary>
    /// A publish output as the SDK writes it: <c>wwwroot</c>, an SDK-fingerprinted scoped CSS bundle, a precompressed
    /// <c>.gz</c> sibling, and <c>App.staticwebassets.endpoints.json</c> listing them.
    /// </summary>
    public static AssetFolder PublishOutput()
    {
        var folder = new AssetFolder(publishOutput: true);
        folder.Write("App.k3x9q2w7zp.styles.css", ".page[b-abc] { color: red; }\n");
        folder.Write("js/app.js.gz", [0x1f, 0x8b, 0x08, 0x00]);
        static object Endpoint(string route, string file, string type, string? label = null, string? encoding = null) => new
        {
            Route = route,
            AssetFile = file,
            Selectors = encoding is null ? Array.Empty<object>() : [new { Name = "Content-Encoding", Value = encoding, Quality = "0.1" }],
            ResponseHeaders = encoding is null
                ? new object[] { new { Name = "Content-Type", Value = type } }
                : [new { Name = "Content-Type", Value = type }, new { Name = "Content-Encoding", Value = encoding }],
            EndpointProperties = label is null ? Array.Empty<object>() : [new { Name = "label", Value = label }],
        };

        var endpoints = LogicalPaths.Select(p => Endpoint(p, p, ContentTypes[Path.GetExtension(p)]))
            .Append(Endpoint("App.k3x9q2w7zp.styles.css", "App.k3x9q2w7zp.styles.css", "text/css", label: "App.styles.css"))
            .Append(Endpoint("App.styles.css", "App.k3x9q2w7zp.styles.css", "text/css"))
            .Append(Endpoint("js/app.js", "js/app.js.gz", "text/javascript", encoding: "gzip"))
            .ToList();
        File.WriteAllText(Path.Combine(folder.Root, "App.staticwebassets.endpoints.json"),
            JsonSerializer.Serialize(new { Version = 1, ManifestType = "Publish", Endpoints = endpoints }));
        return folder;
    }

    public string PathOf(string relative) => Path.Combine(Assets, relative);

    public void Write(string relative, string text) => _folder.Write(Path.Combine(_assetsFolder, relative), text);

    public void Write(string relative, byte[] bytes) => _folder.Write(Path.Combine(_assetsFolder, relative), bytes);

    public void Dispose() => _folder.Dispose();
}
