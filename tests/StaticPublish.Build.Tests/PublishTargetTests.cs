using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using StaticPublish.Build.Tests.Infrastructure;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Text;
using StaticPublish.Testing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Build.Tests;

/// <summary>Real <c>dotnet publish</c> runs of a copy of the sample app against the real local S3 server.</summary>
[TestClass]
public sealed partial class PublishTargetTests
{
    private static SampleWorkspace _workspace = null!;
    private static S3TestBucket _bucket = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext _)
    {
        var server = await TestServer.GetAsync();
        _bucket = await server.CreateBucketAsync("sp-e2e");
        _workspace = SampleWorkspace.Create();
        var build = await ChildProcess.DotNetAsync(_workspace.App, ["build", "-c", "Release"]);
        Assert.AreEqual(0, build.ExitCode, build.ToString());
    }

    [ClassCleanup]
    public static async Task CleanupAsync()
    {
        _workspace?.Dispose();
        if (_bucket is not null)
        {
            await _bucket.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task Publish_ships_every_asset_with_exactly_the_manifest_headers()
    {
        var prefix = NewPrefix();
        var output = NewOutput();

        var result = await PublishAsync(output, prefix);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Matches(result.Combined, SummaryLine());
        var manifest = ReadManifest(output);
        Assert.AreEqual("https://cdn.example.com/static/", manifest.BaseUrl);
        var keys = (await _bucket.ListKeysAsync(prefix + "/")).ToHashSet(StringComparer.Ordinal);
        Assert.IsFalse(keys.Any(k => k.EndsWith(".gz", StringComparison.Ordinal) || k.EndsWith(".br", StringComparison.Ordinal)), "the SDK's precompressed siblings are not uploaded");

        // The RCL, the scoped CSS bundles, fonts and names with spaces and unicode are all there.
        foreach (var path in new[]
        {
            "_content/SampleComponents/background.png", "_content/SampleComponents/components.css",
            "_content/SampleComponents/SampleComponents.bundle.scp.css", "SampleApp.styles.css", "css/site.css",
            "fonts/Open Sans Regular.woff2", "img/hero banner.svg", "img/ünïcödé-pattern.svg", "lib/bootstrap/dist/css/bootstrap.min.css",
        })
        {
            Assert.IsTrue(manifest.Assets.ContainsKey(path), $"'{path}' is in the manifest");
        }

        foreach (var (path, entry) in manifest.Assets)
        {
            StringAssert.StartsWith(entry.Key, prefix + "/", path);
            var head = await _bucket.Client.GetObjectMetadataAsync(_bucket.BucketName, entry.Key);
            Assert.AreEqual(entry.ContentType, head.Headers.ContentType, path);
            Assert.AreEqual(entry.ContentEncoding, head.Headers.ContentEncoding, path);
            Assert.IsTrue(CacheControlHeader.AreEquivalent(entry.CacheControl, head.Headers.CacheControl), $"{path}: {head.Headers.CacheControl}");
            Assert.AreEqual(entry.Size, head.ContentLength, path);
            if (Path.GetExtension(path).Length > 0)
            {
                Assert.AreNotEqual("application/octet-stream", entry.ContentType, path);
            }

            var decoded = await DownloadDecodedAsync(entry);
            Assert.AreEqual(entry.Integrity, "sha256-" + Convert.ToBase64String(SHA256.HashData(decoded)), path);
            var source = Path.Combine(output, "wwwroot", path);
            if (entry.ContentType != "text/css" && !entry.Key.EndsWith(".js", StringComparison.Ordinal) && File.Exists(source))
            {
                CollectionAssert.AreEqual(await File.ReadAllBytesAsync(source), decoded, $"{path} decodes to the source bytes");
            }
        }

        Assert.AreEqual("gzip", manifest.Assets["css/site.css"].ContentEncoding);
        Assert.AreEqual("font/woff2", manifest.Assets["fonts/Open Sans Regular.woff2"].ContentType);

        // Every relative reference in every published CSS file resolves to an object in the bucket.
        var checkedReferences = 0;
        foreach (var entry in manifest.Assets.Values.Where(e => e.ContentType == "text/css"))
        {
            var css = Encoding.UTF8.GetString(await DownloadDecodedAsync(entry));
            foreach (Match match in CssReference().Matches(css))
            {
                var url = match.Groups["url"].Value;
                if (url.StartsWith("data:", StringComparison.Ordinal) || url.Contains("//", StringComparison.Ordinal) || url.StartsWith('#'))
                {
                    continue;
                }

                var target = Resolve(entry.Key, Uri.UnescapeDataString(url.Split('?', '#')[0]));
                Assert.IsTrue(keys.Contains(target), $"'{url}' in {entry.Key} resolves to '{target}', which is in the bucket");
                Assert.IsTrue(manifest.Assets.Values.Single(e => e.Key == target).Fingerprinted, $"{target} is fingerprinted");
                checkedReferences++;
            }
        }

        Assert.IsGreaterThanOrEqualTo(8, checkedReferences, "fonts.css, colors.css, components.css and SampleApp.styles.css references were checked");
        Assert.IsTrue(keys.Any(k => k.StartsWith($"{prefix}/_staticpublish/apps/SampleApp/releases/", StringComparison.Ordinal) && k.EndsWith($"-{manifest.Release}.json", StringComparison.Ordinal)),
            "the release is recorded under the app's own history (its assembly name)");

        // Standard types where the SDK's endpoints manifest gives legacy ones.
        Assert.AreEqual("application/json", manifest.Assets["lib/bootstrap/dist/css/bootstrap.min.css.map"].ContentType);
        Assert.AreEqual("font/woff", manifest.Assets["fonts/open-sans-latin-400-normal.woff"].ContentType);
        Assert.AreEqual("text/javascript", manifest.Assets["js/site.js"].ContentType);

        // Every fingerprinted asset is also under its original name, for libraries that load files by name.
        foreach (var (path, entry) in manifest.Assets.Where(a => a.Value.Fingerprinted))
        {
            Assert.AreEqual($"{prefix}/{path}", entry.Original?.Key, path);
            Assert.IsTrue(keys.Contains(entry.Original!.Key), $"{entry.Original.Key} is in the bucket");
        }

        // An asset StaticPublish did not rewrite gets exactly the name and integrity the SDK's own endpoint gives it: no second fingerprint.
        using var endpoints = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(output, "SampleApp.staticwebassets.endpoints.json")));
        var sameNames = 0;
        foreach (var endpoint in endpoints.RootElement.GetProperty("Endpoints").EnumerateArray())
        {
            var properties = endpoint.GetProperty("EndpointProperties").EnumerateArray().ToDictionary(p => p.GetProperty("Name").GetString()!, p => p.GetProperty("Value").GetString()!);
            var compressed = endpoint.GetProperty("ResponseHeaders").EnumerateArray().Any(h => h.GetProperty("Name").GetString() == "Content-Encoding");
            if (compressed || !properties.ContainsKey("fingerprint") || !properties.TryGetValue("label", out var label) || !manifest.Assets.TryGetValue(label, out var entry))
            {
                continue;
            }

            var file = await File.ReadAllBytesAsync(Path.Combine(output, "wwwroot", endpoint.GetProperty("AssetFile").GetString()!));
            var sdkIntegrity = properties.GetValueOrDefault("integrity");
            if (entry.Integrity == "sha256-" + Convert.ToBase64String(SHA256.HashData(file)))
            {
                Assert.AreEqual($"{prefix}/{endpoint.GetProperty("Route").GetString()}", entry.Key, $"{label} keeps the SDK's fingerprint {properties["fingerprint"]}");
                Assert.AreEqual(sdkIntegrity, entry.Integrity, $"{label} has the SDK's integrity");
                sameNames++;
            }
            else
            {
                // Only CSS and JS are rewritten; any other file keeps the SDK's bytes, so it must have the SDK's integrity.
                Assert.IsTrue(Path.GetExtension(label) is ".css" or ".js" or ".mjs",
                    $"{label} is neither CSS nor JS, yet its integrity {entry.Integrity} is not the SHA-256 of the SDK's file ({sdkIntegrity})");
            }
        }

        Assert.IsGreaterThanOrEqualTo(40, sameNames, "the unchanged assets were compared with the SDK's names");
    }

    [TestMethod]
    public async Task A_second_publish_uploads_nothing_and_sends_no_per_object_HEAD()
    {
        var prefix = NewPrefix();
        Assert.AreEqual(0, (await PublishAsync(NewOutput(), prefix)).ExitCode);
        await using var proxy = new RecordingProxy(_bucket.Server.Settings.Endpoint);
        var output = NewOutput();

        var second = await PublishAsync(output, prefix, endpoint: proxy.Url);

        Assert.AreEqual(0, second.ExitCode, second.ToString());
        StringAssert.Matches(second.Combined, new Regex(@"StaticPublish: \d+ assets in \d+ objects, 0 uploaded \(0 B, 0 gzipped\), \d+ unchanged"));
        var requests = proxy.Requests.Select(r => $"{r.Method} {r.PathAndQuery}").ToList();
        Assert.IsFalse(requests.Any(r => r.StartsWith("HEAD", StringComparison.Ordinal) || r.StartsWith("PUT", StringComparison.Ordinal)), string.Join('\n', requests));
        Assert.HasCount(3, requests, "one LIST, the previous release record and the CORS rule:\n" + string.Join('\n', requests));
    }

    [TestMethod]
    public async Task A_changed_file_or_cache_control_reuploads_just_what_changed()
    {
        var prefix = NewPrefix();
        var before = NewOutput();
        Assert.AreEqual(0, (await PublishAsync(before, prefix)).ExitCode);
        var colors = _workspace.PathOf("SampleApp/wwwroot/css/theme/colors.css");
        var original = await File.ReadAllTextAsync(colors);
        try
        {
            await File.WriteAllTextAsync(colors, original.Replace("#258cfb", "#ff6600", StringComparison.Ordinal));
            var after = NewOutput();

            var changed = await PublishAsync(after, prefix, build: true);

            Assert.AreEqual(0, changed.ExitCode, changed.ToString());
            StringAssert.Contains(changed.Combined, " 4 uploaded (", "colors.css and fonts.css, which imports it, each under both names");
            var old = ReadManifest(before).Assets;
            var now = ReadManifest(after).Assets;
            var differing = now.Where(p => old[p.Key].Key != p.Value.Key).Select(p => p.Key).Order().ToArray();
            CollectionAssert.AreEqual(new[] { "css/fonts.css", "css/theme/colors.css" }, differing);
        }
        finally
        {
            await File.WriteAllTextAsync(colors, original);
        }

        var recached = await PublishAsync(NewOutput(), prefix, extra: ["-p:StaticPublishCacheControl=public%2C max-age=600"]);

        Assert.AreEqual(0, recached.ExitCode, recached.ToString());
        var manifest = ReadManifest(before);
        var fingerprinted = manifest.Assets.Values.Count(e => e.Fingerprinted);
        // Every fingerprinted object gets the new header. The original names of colors.css and fonts.css go up too:
        // they still held the edited bytes, and only they, since original names keep their own Cache-Control.
        StringAssert.Contains(recached.Combined, $" {fingerprinted + 2} uploaded (", "a header-only change re-uploads every object it applies to");
        var head = await _bucket.Client.GetObjectMetadataAsync(_bucket.BucketName, manifest.Assets["img/logo.png"].Key);
        Assert.AreEqual("public, max-age=600", head.Headers.CacheControl);
    }

    [TestMethod]
    public async Task StaticPublishRule_items_in_the_project_reach_the_objects_with_encryption()
    {
        var prefix = NewPrefix();
        var output = NewOutput();
        // Items a project would declare, imported from outside the shared sample so other tests never see them.
        var rules = Path.Combine(_workspace.Root, $"rules-{prefix}.targets");
        await File.WriteAllTextAsync(rules, """
            <Project>
              <ItemGroup>
                <StaticPublishRule Include="theme" Pattern="css/theme/**" CacheControl="no-cache" Metadata="owner=design" />
                <StaticPublishRule Include="images" Pattern="img/**" ContentDisposition="inline" />
              </ItemGroup>
            </Project>
            """);

        var result = await PublishAsync(output, prefix, extra: [$"-p:CustomAfterMicrosoftCommonTargets={rules}", "-p:StaticPublishServerSideEncryption=aws:kms", "-p:StaticPublishKmsKeyId=testkey-1"]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var manifest = ReadManifest(output);
        var colors = await _bucket.Client.GetObjectMetadataAsync(_bucket.BucketName, manifest.Assets["css/theme/colors.css"].Key);
        Assert.AreEqual("no-cache", colors.Headers.CacheControl);
        Assert.AreEqual("design", colors.Metadata["owner"]);
        Assert.AreEqual("aws:kms", colors.ServerSideEncryptionMethod?.Value);
        var logo = await _bucket.Client.GetObjectMetadataAsync(_bucket.BucketName, manifest.Assets["img/logo.png"].Key);
        Assert.AreEqual("inline", logo.Headers.ContentDisposition);
        var site = await _bucket.Client.GetObjectMetadataAsync(_bucket.BucketName, manifest.Assets["css/site.css"].Key);
        Assert.IsNull(site.Headers.ContentDisposition);
        Assert.AreEqual(manifest.Assets["css/site.css"].CacheControl, site.Headers.CacheControl);
    }

    [TestMethod]
    public async Task A_dry_run_writes_nothing()
    {
        var prefix = NewPrefix();
        var output = NewOutput();

        var result = await PublishAsync(output, prefix, extra: ["-p:StaticPublishDryRun=true"]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Matches(result.Combined, new Regex(@"StaticPublish \(dry run\): \d+ assets in \d+ objects, \d+ to upload"));
        StringAssert.Contains(result.Combined, "would upload");
        Assert.IsEmpty(await _bucket.ListKeysAsync(prefix + "/"));
        Assert.IsFalse(File.Exists(Path.Combine(output, AssetManifest.FileName)));
    }

    [TestMethod]
    public async Task A_wrong_bucket_fails_with_SPUB1001_and_leaves_no_manifest()
    {
        var output = NewOutput();

        var result = await PublishAsync(output, NewPrefix(), bucket: "sp-no-such-bucket-" + Guid.NewGuid().ToString("N")[..8]);

        Assert.AreNotEqual(0, result.ExitCode);
        StringAssert.Contains(result.Combined, "error SPUB1001: The bucket 'sp-no-such-bucket-");
        Assert.IsFalse(result.Combined.Contains("   at ", StringComparison.Ordinal), "no stack trace:\n" + result.Combined);
        Assert.IsFalse(File.Exists(Path.Combine(output, AssetManifest.FileName)));
    }

    [TestMethod]
    public async Task A_missing_bucket_property_is_SPUB2003()
    {
        var result = await PublishAsync(NewOutput(), NewPrefix(), bucket: "");

        Assert.AreNotEqual(0, result.ExitCode);
        StringAssert.Contains(result.Combined, "error SPUB2003: No bucket was given. Set StaticPublishBucket in the project file or pass -p:StaticPublishBucket=<name>.");
    }

    [TestMethod]
    public async Task An_unreachable_endpoint_is_SPUB1003()
    {
        var result = await PublishAsync(NewOutput(), NewPrefix(), endpoint: "http://127.0.0.1:9");

        Assert.AreNotEqual(0, result.ExitCode);
        StringAssert.Contains(result.Combined, "error SPUB1003: Could not reach the S3 endpoint http://127.0.0.1:9");
    }

    [TestMethod]
    public async Task A_design_time_build_never_runs_the_target()
    {
        var result = await ChildProcess.DotNetAsync(_workspace.App,
        [
            "msbuild", "-t:StaticPublish", "-p:Configuration=Release", "-p:DesignTimeBuild=true", "-p:StaticPublishEnabled=true",
            "-p:StaticPublishBucket=any", "-p:StaticPublishEndpoint=http://127.0.0.1:9", "-v:n",
        ], Credentials());

        // Had the target run, the unreachable endpoint would have failed the build with SPUB1003.
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.IsFalse(result.Combined.Contains("SPUB", StringComparison.Ordinal), result.Combined);
        Assert.IsFalse(result.Combined.Contains("StaticPublish:", StringComparison.Ordinal), result.Combined);
    }

    private static async Task<ProcessResult> PublishAsync(string output, string prefix, string? bucket = null, string? endpoint = null, bool build = false, string[]? extra = null)
    {
        var arguments = new List<string>
        {
            "publish", "-c", "Release", "-o", output,
            "-p:StaticPublishEnabled=true",
            $"-p:StaticPublishBucket={bucket ?? _bucket.BucketName}",
            $"-p:StaticPublishPrefix={prefix}",
            $"-p:StaticPublishEndpoint={endpoint ?? _bucket.Server.Settings.Endpoint.ToString().TrimEnd('/')}",
            "-p:StaticPublishBaseUrl=https://cdn.example.com/static/",
        };
        if (!build)
        {
            arguments.Add("--no-build");
        }

        arguments.AddRange(extra ?? []);
        return await ChildProcess.DotNetAsync(_workspace.App, arguments, Credentials());
    }

    private static Dictionary<string, string> Credentials() => new()
    {
        ["AWS_ACCESS_KEY_ID"] = _bucket.Server.Settings.AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = _bucket.Server.Settings.SecretKey,
        ["AWS_REGION"] = _bucket.Server.Settings.Region,
    };

    private static AssetManifest ReadManifest(string output)
    {
        var path = Path.Combine(output, AssetManifest.FileName);
        Assert.IsTrue(File.Exists(path), $"{path} exists");
        return JsonSerializer.Deserialize<AssetManifest>(File.ReadAllBytes(path))!;
    }

    private static string NewPrefix() => "p" + Guid.NewGuid().ToString("N")[..10];

    private static string NewOutput() => Path.Combine(_workspace.Root, "out-" + Guid.NewGuid().ToString("N")[..8]);

    private static string Resolve(string fromKey, string relative)
    {
        var segments = fromKey.Split('/').SkipLast(1).ToList();
        foreach (var segment in relative.Split('/'))
        {
            if (segment == "..")
            {
                segments.RemoveAt(segments.Count - 1);
            }
            else if (segment is not ("." or ""))
            {
                segments.Add(segment);
            }
        }

        return string.Join('/', segments);
    }

    private static async Task<byte[]> DownloadDecodedAsync(AssetManifestEntry entry)
    {
        using var response = await _bucket.Client.GetObjectAsync(_bucket.BucketName, entry.Key);
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        if (entry.ContentEncoding != "gzip")
        {
            return copy.ToArray();
        }

        copy.Position = 0;
        await using var gunzip = new GZipStream(copy, CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await gunzip.CopyToAsync(decoded);
        return decoded.ToArray();
    }

    [GeneratedRegex(@"^\s*StaticPublish: \d{2,} assets in \d{2,} objects, \d+ uploaded \([0-9.]+ [KM]?B, \d+ gzipped\), \d+ unchanged, [0-9.]+ s$", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"(?:url\(\s*['""]?(?<url>[^'""\)]+)['""]?\s*\)|@import\s+['""](?<url>[^'""]+)['""])")]
    private static partial Regex CssReference();
}
