using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.Core.Text;
using StaticPublish.Testing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Publishing;

[TestClass]
public sealed partial class PipelineTests : BucketTestClass<PipelineTests>
{
    private static StorageFixture Fixture => new(Bucket);

    [TestMethod]
    public async Task A_publish_uploads_fingerprinted_objects_with_headers_and_rewritten_references()
    {
        using var tree = new AssetTree();
        var log = new RecordingPublishLog();
        var options = Options(tree, o => o with { KeepNamePatterns = ["js/loader/**"] });

        var result = await new StaticAssetPublisher(log).PublishDirectoryAsync(tree.Root, options);

        var manifest = result.Manifest;
        Assert.AreEqual(1, manifest.Version);
        Assert.AreEqual("https://cdn.example.com/static/", manifest.BaseUrl);
        var site = manifest.Assets["css/site.css"];
        StringAssert.Matches(site.Key, KeyPattern(options, "css/site", "css"));
        Assert.AreEqual(site.Key[(options.Storage.Location.Length + 1)..], site.Path);
        Assert.AreEqual("text/css", site.ContentType);
        Assert.AreEqual("gzip", site.ContentEncoding);
        Assert.AreEqual(StaticPublishOptions.DefaultCacheControl, site.CacheControl);
        Assert.IsTrue(site.Fingerprinted);
        var font = manifest.Assets["fonts/My Font.woff2"];
        Assert.AreEqual("font/woff2", font.ContentType);
        Assert.IsNull(font.ContentEncoding, "woff2 is already compressed");
        StringAssert.Contains(font.Path, "My%20Font.", "paths are URL-encoded");
        Assert.IsNull(manifest.Assets["data/tiny.json"].ContentEncoding, "gzip that saves under 5% is skipped");
        var boot = manifest.Assets["js/loader/boot.js"];
        Assert.IsFalse(boot.Fingerprinted);
        Assert.AreEqual(options.Storage.Location + "/js/loader/boot.js", boot.Key);
        Assert.AreEqual(StaticPublishOptions.DefaultUnfingerprintedCacheControl, boot.CacheControl);

        // Every entry exists with exactly the manifest's headers, and decodes to the bytes the SRI hash describes.
        foreach (var (path, entry) in manifest.Assets)
        {
            var head = await Fixture.Bucket.Client.GetObjectMetadataAsync(Fixture.Bucket.BucketName, entry.Key);
            Assert.AreEqual(entry.ContentType, head.Headers.ContentType, path);
            Assert.AreEqual(entry.ContentEncoding, head.Headers.ContentEncoding, path);
            Assert.IsTrue(CacheControlHeader.AreEquivalent(entry.CacheControl, head.Headers.CacheControl), $"{path}: {head.Headers.CacheControl}");
            Assert.AreEqual(entry.Size, head.ContentLength, path);
            var decoded = await DownloadDecodedAsync(entry);
            Assert.AreEqual(entry.Integrity, "sha256-" + Convert.ToBase64String(SHA256.HashData(decoded)), path);
        }

        // Rewritten CSS references resolve to objects that exist; comments, data: and absolute URLs stay as written.
        var css = Encoding.UTF8.GetString(await DownloadDecodedAsync(site));
        var cssDirectory = site.Key[..site.Key.LastIndexOf('/')];
        foreach (var reference in new[] { "base.", "../fonts/My%20Font.", "../fonts/my-font.", "../img/logo.", "site.css." })
        {
            var match = Regex.Match(css, Regex.Escape(reference) + @"[0-9a-z]{10}\.[a-z0-9]+");
            Assert.IsTrue(match.Success, $"'{reference}…' is rewritten in {css}");
            var key = cssDirectory + "/" + Uri.UnescapeDataString(match.Value);
            var normalized = string.Join('/', key.Split('/').Aggregate(new List<string>(), (acc, s) => { if (s == "..") { acc.RemoveAt(acc.Count - 1); } else { acc.Add(s); } return acc; }));
            CollectionAssert.Contains(manifest.Assets.Values.Select(e => e.Key).ToList(), normalized, $"{match.Value} resolves to a published object");
        }

        StringAssert.Contains(css, "?v=2#iefix", "query and fragment are kept");
        StringAssert.Contains(css, "url(data:image/png;base64,AAAA)");
        StringAssert.Contains(css, "url(https://example.com/x.png)");
        StringAssert.Contains(css, "/* url(../img/in-comment.png) is a comment */");
        StringAssert.Matches(css, new Regex(@"url\(\.\./img/logo\.[0-9a-z]{10}\.png\)"), "a root-relative reference becomes relative to the CSS file");
        var js = Encoding.UTF8.GetString(await DownloadDecodedAsync(manifest.Assets["js/app.js"]));
        StringAssert.Matches(js, new Regex(@"//# sourceMappingURL=app\.js\.[0-9a-z]{10}\.map"));

        // A missing target and a cycle are warnings naming the file; the publish still succeeds.
        Assert.IsTrue(log.Warnings.Any(w => w.Code == ErrorCodes.MissingReference && w.File!.EndsWith("missing.css", StringComparison.Ordinal) && w.Message.Contains("does-not-exist.png", StringComparison.Ordinal)));
        Assert.IsTrue(log.Warnings.Any(w => w.Code == ErrorCodes.ReferenceCycle && w.Message.Contains("cycle-a.css", StringComparison.Ordinal)));

        // One release record, under the app's own history, is StaticPublish's only object; the local manifest is written.
        var keys = await Fixture.Bucket.ListKeysAsync(options.Storage.Location + "/_staticpublish/");
        Assert.HasCount(1, keys);
        StringAssert.Matches(keys[0], new Regex($"^{Regex.Escape(options.Storage.Location)}/_staticpublish/apps/[A-Za-z0-9._-]+/releases/[0-9]{{8}}T[0-9]{{9}}Z-{result.Release}\\.json$"));
        Assert.IsTrue(File.Exists(options.ManifestPath));
        Assert.AreEqual(30, result.ObjectCount, "14 fingerprinted assets twice (fingerprinted and original name), and two kept names");
        StringAssert.Matches(result.Summary, new Regex(@"^StaticPublish: 16 assets in 30 objects, 30 uploaded \([0-9.]+ KB, \d+ gzipped\), 0 unchanged, [0-9.]+ s$"));
    }

    [TestMethod]
    public async Task Every_fingerprinted_asset_is_also_stored_under_its_original_name_with_the_same_bytes_and_a_short_cache_control()
    {
        using var tree = new AssetTree();
        var options = Options(tree, o => o with { KeepNamePatterns = ["js/loader/**"] });

        var result = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        foreach (var (path, entry) in result.Manifest.Assets)
        {
            if (!entry.Fingerprinted)
            {
                Assert.IsNull(entry.Original, $"{path} keeps its name, so it has no second copy");
                continue;
            }

            Assert.AreEqual(options.Storage.Location + "/" + path, entry.Original!.Key, path);
            Assert.AreEqual(StaticPublishOptions.DefaultUnfingerprintedCacheControl, entry.Original.CacheControl, path);
            var head = await Fixture.Bucket.Client.GetObjectMetadataAsync(Fixture.Bucket.BucketName, entry.Original.Key);
            Assert.AreEqual(entry.ContentType, head.Headers.ContentType, path);
            Assert.AreEqual(entry.ContentEncoding, head.Headers.ContentEncoding, path);
            Assert.IsTrue(CacheControlHeader.AreEquivalent(entry.Original.CacheControl, head.Headers.CacheControl), $"{path}: {head.Headers.CacheControl}");
            Assert.AreEqual(entry.Size, head.ContentLength, path);
            Assert.IsFalse(string.IsNullOrEmpty(head.Metadata["x-amz-meta-staticpublish"]), $"{path} carries its state for resumed publishes");
            CollectionAssert.AreEqual(await DownloadStoredAsync(entry.Key), await DownloadStoredAsync(entry.Original.Key), $"{path}: both names hold the same bytes");
        }

        // The rewritten CSS is the same under both names: its references point at fingerprinted targets either way.
        var site = Encoding.UTF8.GetString(await DownloadDecodedAsync(result.Manifest.Assets["css/site.css"] with { Key = result.Manifest.Assets["css/site.css"].Original!.Key }));
        StringAssert.Matches(site, new Regex(@"url\(\.\./img/logo\.[0-9a-z]{10}\.png\)"));
    }

    [TestMethod]
    public async Task With_original_names_off_only_fingerprinted_names_are_stored()
    {
        using var tree = new AssetTree();
        var options = Options(tree) with { OriginalNames = false };

        var result = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        Assert.AreEqual(16, result.ObjectCount);
        Assert.IsTrue(result.Manifest.Assets.Values.All(e => e.Original is null));
        var keys = (await Fixture.Bucket.ListKeysAsync(options.Storage.Location + "/")).Where(k => !k.Contains("/_staticpublish/", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEquivalent(result.Manifest.Assets.Values.Select(e => e.Key).ToList(), keys);
    }

    [TestMethod]
    public async Task A_second_publish_uploads_nothing_and_sends_no_HEAD()
    {
        using var tree = new AssetTree();
        var options = Options(tree);
        var first = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);
        var manifestBytes = await File.ReadAllBytesAsync(options.ManifestPath!);
        var written = File.GetLastWriteTimeUtc(options.ManifestPath!);
        await using var proxy = new RecordingProxy();
        var proxied = options with { Storage = Copy(options.Storage, s => s.ProxyUrl = proxy.Url) };

        var second = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, proxied);

        Assert.AreEqual(first.Release, second.Release, "an unchanged publish keeps its release id");
        Assert.AreEqual(0, second.UploadedObjects);
        Assert.AreEqual(32, second.UnchangedObjects, "original names count as objects, and are unchanged too");
        var methods = proxy.Requests.Select(r => r.Method).ToList();
        Assert.IsFalse(methods.Contains("HEAD"), string.Join(", ", methods));
        Assert.IsFalse(methods.Contains("PUT"), string.Join(", ", methods));
        Assert.HasCount(3, methods, "one LIST, the previous release record and the CORS rule: " + string.Join(", ", proxy.Requests.Select(r => r.PathAndQuery)));
        CollectionAssert.AreEqual(manifestBytes, await File.ReadAllBytesAsync(options.ManifestPath!), "the manifest is byte-identical");
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(options.ManifestPath!), "an unchanged manifest is not rewritten");
    }

    [TestMethod]
    public async Task A_publish_allows_cross_origin_GET_and_HEAD_by_merging_one_rule_into_the_buckets_cors()
    {
        // CORS is per bucket, so this test has a bucket of its own, with a rule somebody else manages.
        await using var bucket = await Fixture.Bucket.Server.CreateBucketAsync("sp-cors");
        await bucket.Client.PutCORSConfigurationAsync(new Amazon.S3.Model.PutCORSConfigurationRequest
        {
            BucketName = bucket.BucketName,
            Configuration = new Amazon.S3.Model.CORSConfiguration
            {
                Rules = [new Amazon.S3.Model.CORSRule { Id = "uploads", AllowedMethods = ["PUT"], AllowedOrigins = ["https://admin.example.com"] }],
            },
        });
        using var tree = new AssetTree();
        var options = new StaticPublishOptions { Storage = bucket.CreateOptions("site"), ManifestPath = Path.Combine(tree.Root + "-out", AssetManifest.FileName) };
        var log = new RecordingPublishLog();

        var first = await new StaticAssetPublisher(log).PublishDirectoryAsync(tree.Root, options);
        await using var proxy = new RecordingProxy();
        var second = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root,
            options with { Storage = Copy(options.Storage, s => { s.BucketName = bucket.BucketName; s.ProxyUrl = proxy.Url; }) });

        StringAssert.Contains(first.CorsChange, "allowed GET and HEAD from *");
        Assert.IsNull(second.CorsChange, "a rule that is already right is not written again");
        Assert.IsFalse(proxy.Requests.Any(r => r.Method == "PUT" && r.PathAndQuery.Contains("cors", StringComparison.Ordinal)));
        var rules = (await bucket.Client.GetCORSConfigurationAsync(bucket.BucketName)).Configuration.Rules;
        CollectionAssert.AreEquivalent(new[] { "StaticPublishAssets", "uploads" }, rules.Select(r => r.Id).ToArray(), "the other rule is kept");
        var ours = rules.Single(r => r.Id == "StaticPublishAssets");
        CollectionAssert.AreEquivalent(new[] { "GET", "HEAD" }, ours.AllowedMethods.ToArray());
        CollectionAssert.AreEqual(new[] { "*" }, ours.AllowedOrigins.ToArray());

        // A browser's GET from any origin now gets its answer.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, await new S3Storage(options.Storage).Store.PresignGetAsync(first.Manifest.Assets["css/site.css"].Key, TimeSpan.FromMinutes(1)));
        request.Headers.Add("Origin", "https://app.example.com");
        using var response = await http.SendAsync(request);
        Assert.AreEqual("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [TestMethod]
    public async Task With_cors_off_the_bucket_configuration_is_not_touched()
    {
        using var tree = new AssetTree();
        await using var proxy = new RecordingProxy();
        var options = Options(tree) with { Cors = false };

        await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options with { Storage = Copy(options.Storage, s => s.ProxyUrl = proxy.Url) });

        Assert.IsFalse(proxy.Requests.Any(r => r.PathAndQuery.Contains("cors", StringComparison.Ordinal)), string.Join(", ", proxy.Requests.Select(r => r.PathAndQuery)));
    }

    [TestMethod]
    public async Task A_store_that_refuses_the_cors_configuration_gets_a_coded_warning_that_says_what_to_do_and_the_publish_goes_on()
    {
        using var tree = new AssetTree();
        await using var proxy = new RecordingProxy { Intercept = r => r.PathAndQuery.Contains("cors", StringComparison.Ordinal) ? ProxyReply.AccessDenied : null };
        var log = new RecordingPublishLog();
        var options = Options(tree);

        var result = await new StaticAssetPublisher(log).PublishDirectoryAsync(tree.Root, options with { Storage = Copy(options.Storage, s => s.ProxyUrl = proxy.Url) });

        Assert.AreEqual(32, result.UploadedObjects);
        var warning = log.Warnings.Single(w => w.Code == ErrorCodes.CorsNotConfigured);
        StringAssert.Contains(warning.Message, "staticpublish init-bucket --origin");
        StringAssert.Contains(warning.Message, "response headers policy");
        StringAssert.Contains(warning.Message, "StaticPublishCors=false");
    }

    [TestMethod]
    public async Task Assets_that_would_be_octet_stream_get_one_warning_listing_their_extensions()
    {
        using var tree = new AssetTree();
        tree.Write("data/a.foo", "x");
        tree.Write("data/b.foo", "y");
        tree.Write("data/c.bar", "z");
        tree.Write("bin/app.dll", "MZ");
        tree.Write("lib/pdfjs/cmaps/UniJIS-UTF16-H.bcmap", "\u00e0RCopyright");
        tree.Write("LICENSE", "MIT");
        var log = new RecordingPublishLog();

        await new StaticAssetPublisher(log).PublishDirectoryAsync(tree.Root, Options(tree) with { DryRun = true });

        var warning = log.Warnings.Single(w => w.Code == ErrorCodes.ContentTypeFallback);
        StringAssert.Contains(warning.Message, ".bar (1, e.g. 'data/c.bar'), .foo (2, e.g. 'data/a.foo')");
        Assert.IsFalse(warning.Message.Contains(".dll", StringComparison.Ordinal), "a known binary type is octet-stream on purpose");
        Assert.IsFalse(warning.Message.Contains(".bcmap", StringComparison.Ordinal), "pdf.js's cmaps are binary, fetched as bytes");
        Assert.IsFalse(warning.Message.Contains("LICENSE", StringComparison.Ordinal), "a name without an extension is not an unknown extension");
    }

    [TestMethod]
    public async Task Apps_sharing_a_prefix_keep_separate_release_histories()
    {
        using var tree = new AssetTree();
        using var other = new AssetTree();
        other.Write("css/site.css", ".other{color:green}");
        var options = Options(tree);
        var location = options.Storage.Location;

        await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options with { AppName = "Shop" });
        await new StaticAssetPublisher().PublishDirectoryAsync(other.Root, options with { AppName = "Admin", Storage = Copy(options.Storage, _ => { }) });
        var again = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options with { AppName = "Shop" });

        // Shop's previous release is its own, not Admin's newer one: only the original name both apps use, which Admin
        // overwrote with its own site.css, goes up again (Admin's record is not Shop's, and the size differs).
        var uploads = again.Actions.Where(a => a.Kind == PlannedActionKind.Upload && a.ObjectKind != PublishedObjectKind.ReleaseRecord).ToList();
        Assert.HasCount(1, uploads, string.Join(", ", uploads));
        Assert.AreEqual((location + "/css/site.css", "content changed"), (uploads[0].Key, uploads[0].Reason));
        var records = await Fixture.Bucket.ListKeysAsync(location + "/_staticpublish/apps/");
        Assert.HasCount(1, records.Where(k => k.StartsWith($"{location}/_staticpublish/apps/Shop/releases/", StringComparison.Ordinal)).ToList());
        Assert.HasCount(1, records.Where(k => k.StartsWith($"{location}/_staticpublish/apps/Admin/releases/", StringComparison.Ordinal)).ToList());
    }

    [TestMethod]
    public async Task A_changed_file_reuploads_it_and_the_css_that_references_it()
    {
        using var tree = new AssetTree();
        var options = Options(tree);
        var first = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);
        tree.Write("img/bg.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>");
        var log = new RecordingPublishLog();

        var second = await new StaticAssetPublisher(log).PublishDirectoryAsync(tree.Root, options);

        var uploaded = second.Actions.Where(a => a.Kind == PlannedActionKind.Upload && a.LogicalPath is not null).Select(a => a.LogicalPath).Distinct().Order().ToArray();
        CollectionAssert.AreEqual(new[] { "css/base.css", "css/site.css", "img/bg.svg" }, uploaded, "the svg, the CSS importing it, and the CSS importing that");
        Assert.AreEqual(6, second.UploadedObjects, "each under its fingerprinted and its original name");
        var bg = second.Manifest.Assets["img/bg.svg"];
        CollectionAssert.AreEqual(await DownloadStoredAsync(bg.Key), await DownloadStoredAsync(bg.Original!.Key), "the original name holds the new bytes");
        Assert.AreNotEqual(first.Release, second.Release);
        Assert.AreNotEqual(first.Manifest.Assets["css/site.css"].Key, second.Manifest.Assets["css/site.css"].Key);
        Assert.AreEqual(first.Manifest.Assets["img/logo.png"].Key, second.Manifest.Assets["img/logo.png"].Key);
        var keys = await Fixture.Bucket.ListKeysAsync(options.Storage.Location + "/");
        CollectionAssert.Contains(keys.ToList(), first.Manifest.Assets["css/site.css"].Key, "old fingerprinted objects are retained for running instances");
    }

    [TestMethod]
    public async Task A_cache_control_change_reuploads_with_the_new_header()
    {
        using var tree = new AssetTree();
        var options = Options(tree);
        await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        var changed = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options with { CacheControl = "public, max-age=600" });

        var fingerprinted = changed.Manifest.Assets.Values.Where(e => e.Fingerprinted).ToList();
        Assert.AreEqual(fingerprinted.Count, changed.Actions.Count(a => a.Reason == "headers changed"));
        var head = await Fixture.Bucket.Client.GetObjectMetadataAsync(Fixture.Bucket.BucketName, fingerprinted[0].Key);
        Assert.AreEqual("public, max-age=600", head.Headers.CacheControl);
    }

    [TestMethod]
    public async Task An_acl_change_reuploads_every_object_with_the_new_acl()
    {
        using var tree = new AssetTree();
        var options = Options(tree);
        var first = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);
        var logo = first.Manifest.Assets["img/logo.png"];
        using var http = new HttpClient();
        var url = new Uri($"{Fixture.Bucket.Server.Settings.Endpoint}{Fixture.Bucket.BucketName}/{logo.Key}");
        using (var before = await http.GetAsync(url))
        {
            Assert.AreEqual(System.Net.HttpStatusCode.Forbidden, before.StatusCode);
        }

        var changed = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root,
            options with { Storage = Copy(options.Storage, s => s.DefaultAcl = "public-read") });
        var again = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root,
            options with { Storage = Copy(options.Storage, s => s.DefaultAcl = "public-read") });

        Assert.AreEqual(32, changed.Actions.Count(a => a.Reason == "headers changed"), "every object, original names included");
        Assert.AreEqual(0, again.UploadedObjects, "the new ACL is remembered");
        using var after = await http.GetAsync(url);
        Assert.AreEqual(System.Net.HttpStatusCode.OK, after.StatusCode);
    }

    [TestMethod]
    public async Task An_unchanged_asset_missing_from_the_bucket_is_compressed_again_and_restored()
    {
        using var tree = new AssetTree();
        var options = Options(tree);
        var first = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);
        var site = first.Manifest.Assets["css/site.css"];
        await Fixture.Bucket.Client.DeleteObjectAsync(Fixture.Bucket.BucketName, site.Key);

        var second = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        Assert.AreEqual(first.Release, second.Release);
        CollectionAssert.AreEqual(new[] { "css/site.css" }, second.Actions.Where(a => a.Kind == PlannedActionKind.Upload && a.LogicalPath is not null).Select(a => a.LogicalPath).ToArray());
        var head = await Fixture.Bucket.Client.GetObjectMetadataAsync(Fixture.Bucket.BucketName, site.Key);
        Assert.AreEqual(site.Size, head.ContentLength, "the gzip made at upload time has the size the manifest reused");
        Assert.AreEqual(site.Integrity, "sha256-" + Convert.ToBase64String(SHA256.HashData(await DownloadDecodedAsync(site))));
    }

    [TestMethod]
    public async Task A_reused_gzip_size_that_no_longer_matches_is_corrected_before_the_manifest_is_written()
    {
        // As when the previous release was compressed by another zlib (or level): its recorded size is not what this
        // machine's gzip produces. Simulated by editing the size in the bucket's previous release record.
        using var tree = new AssetTree();
        var options = Options(tree);
        var first = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);
        var releaseKey = (await Fixture.Bucket.ListKeysAsync(options.Storage.Location + "/_staticpublish/apps/")).Single();
        var site = first.Manifest.Assets["css/site.css"];
        var record = await ReadRecordAsync(releaseKey);
        record.Manifest.Assets["css/site.css"] = site with { Size = site.Size + 7 };
        await PutRecordAsync(releaseKey, record);

        var second = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        var entry = second.Manifest.Assets["css/site.css"];
        Assert.AreEqual(site.Size, entry.Size, "the manifest carries the size of the bytes actually uploaded");
        var head = await Fixture.Bucket.Client.GetObjectMetadataAsync(Fixture.Bucket.BucketName, entry.Key);
        Assert.AreEqual(entry.Size, head.ContentLength);
        Assert.AreEqual(first.Release, second.Release);
    }

    [TestMethod]
    public async Task A_bucket_published_with_sha384_integrity_gets_every_object_once_more_and_the_log_says_why()
    {
        using var tree = new AssetTree();
        var options = Options(tree);
        var first = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);
        // What a build that wrote sha384 left behind: sha384 in the record's manifest, object states over it, and so
        // another release id (the id hashes the states).
        var (key, record) = await NewestRecordAsync(options);
        foreach (var (path, entry) in record.Manifest.Assets.ToList())
        {
            record.Manifest.Assets[path] = entry with { Integrity = "sha384-" + entry.Integrity["sha256-".Length..] };
        }

        foreach (var objectKey in record.Objects.Keys.ToList())
        {
            record.Objects[objectKey] = "000000000000." + record.Objects[objectKey].Split('.')[1];
        }

        const string OldRelease = "0123456789ab";
        await Fixture.Bucket.Client.DeleteObjectAsync(Fixture.Bucket.BucketName, key);
        await PutRecordAsync(key[..(key.LastIndexOf('-') + 1)] + OldRelease + ".json", record with { Release = OldRelease, Manifest = record.Manifest with { Release = OldRelease } });
        var log = new RecordingPublishLog();

        var second = await new StaticAssetPublisher(log).PublishDirectoryAsync(tree.Root, options);

        Assert.AreEqual(first.UploadedObjects, second.UploadedObjects, "every object is uploaded once more");
        Assert.AreEqual(first.Release, second.Release, "the same bytes make the same release as before the record was aged");
        Assert.HasCount(1, log.Infos.Where(i => i.Contains("sha384 integrity", StringComparison.Ordinal)).ToList(), string.Join("\n", log.Infos));
        var afterwards = new RecordingPublishLog();
        var third = await new StaticAssetPublisher(afterwards).PublishDirectoryAsync(tree.Root, options);
        Assert.AreEqual(0, third.UploadedObjects, string.Join("; ", third.Actions.Where(x => x.Kind == PlannedActionKind.Upload).Select(x => x.Key + " " + x.Reason)));
        Assert.IsFalse(afterwards.Infos.Any(i => i.Contains("sha384", StringComparison.Ordinal)), "said once: the new record is sha256");
    }

    [TestMethod]
    public async Task A_declined_gzip_is_recorded_and_not_made_again_for_the_same_bytes()
    {
        using var tree = new AssetTree();
        var options = Options(tree);
        var first = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);
        Assert.IsNull(first.Manifest.Assets["data/tiny.json"].ContentEncoding, "gzip that saves under 5% is skipped");
        var (firstKey, firstRecord) = await NewestRecordAsync(options);
        Assert.IsNotNull(firstRecord.GzipDeclined);
        Assert.IsTrue(firstRecord.GzipDeclined.TryGetValue("data/tiny.json", out var declined) && declined > 2, "the record keeps the gzip size it declined");
        Assert.IsFalse(firstRecord.GzipDeclined.ContainsKey("css/site.css"), "a stored gzip is not a declined one");

        // A size only the record can give: if the asset were compressed again, the next record would carry the real one.
        firstRecord.GzipDeclined["data/tiny.json"] = 1_000_000;
        await PutRecordAsync(firstKey, firstRecord);
        tree.Write("js/added.js", "export const added = 1;");

        var second = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        Assert.AreNotEqual(first.Release, second.Release);
        Assert.IsNull(second.Manifest.Assets["data/tiny.json"].ContentEncoding);
        var (secondKey, secondRecord) = await NewestRecordAsync(options);
        Assert.AreNotEqual(firstKey, secondKey);
        Assert.AreEqual(1_000_000, secondRecord.GzipDeclined!["data/tiny.json"], "the unchanged asset was not compressed again");
    }

    [TestMethod]
    public async Task A_record_from_before_declined_gzips_were_kept_is_written_once_more_then_left_alone()
    {
        using var tree = new AssetTree();
        var options = Options(tree);
        var first = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);
        var (oldKey, oldRecord) = await NewestRecordAsync(options);
        await PutRecordAsync(oldKey, oldRecord with { GzipDeclined = null });

        var second = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        Assert.AreEqual(first.Release, second.Release);
        Assert.AreEqual(0, second.UploadedObjects);
        var (newKey, newRecord) = await NewestRecordAsync(options);
        Assert.AreNotEqual(oldKey, newKey, "the same release is recorded again, now with its declined gzips");
        Assert.IsTrue(newRecord.GzipDeclined!.ContainsKey("data/tiny.json"));
        await using var proxy = new RecordingProxy();
        var proxied = options with { Storage = Copy(options.Storage, s => s.ProxyUrl = proxy.Url) };

        await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, proxied);

        Assert.IsFalse(proxy.Requests.Any(r => r.Method == "PUT"), string.Join(", ", proxy.Requests.Select(r => r.Method + " " + r.PathAndQuery)));
        Assert.AreEqual(newKey, (await NewestRecordAsync(options)).Key);
    }

    [TestMethod]
    public async Task A_higher_gzip_threshold_stores_as_is_what_a_lower_one_gzipped_with_no_file_changed()
    {
        using var tree = new AssetTree();
        var options = Options(tree);
        var first = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);
        Assert.AreEqual("gzip", first.Manifest.Assets["css/site.css"].ContentEncoding);

        var second = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options with { MinimumGzipSavings = 0.99 });

        var site = second.Manifest.Assets["css/site.css"];
        Assert.IsNull(site.ContentEncoding, "a 99% threshold declines the stylesheet's gzip, recorded or not");
        var head = await Fixture.Bucket.Client.GetObjectMetadataAsync(Fixture.Bucket.BucketName, site.Key);
        Assert.IsNull(head.Headers.ContentEncoding);
        Assert.AreEqual(site.Size, head.ContentLength);
        Assert.IsTrue((await NewestRecordAsync(options)).Record.GzipDeclined!.ContainsKey("css/site.css"));
    }

    [TestMethod]
    public async Task A_lower_gzip_threshold_gzips_what_a_higher_one_declined_with_no_file_changed()
    {
        using var tree = new AssetTree();
        var strict = Options(tree, o => o with { MinimumGzipSavings = 0.99 });
        var first = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, strict);
        Assert.IsNull(first.Manifest.Assets["css/site.css"].ContentEncoding, "a 99% threshold declines the stylesheet's gzip");
        Assert.IsTrue((await NewestRecordAsync(strict)).Record.GzipDeclined!.ContainsKey("css/site.css"));

        var second = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, strict with { MinimumGzipSavings = 0.05 });

        var site = second.Manifest.Assets["css/site.css"];
        Assert.AreEqual("gzip", site.ContentEncoding, "the recorded gzip size saves more than 5%, so the asset is gzipped now");
        var head = await Fixture.Bucket.Client.GetObjectMetadataAsync(Fixture.Bucket.BucketName, site.Key);
        Assert.AreEqual("gzip", head.Headers.ContentEncoding);
        Assert.AreEqual(site.Size, head.ContentLength);
        Assert.IsFalse((await NewestRecordAsync(strict)).Record.GzipDeclined?.ContainsKey("css/site.css") ?? false);
    }

    [TestMethod]
    public async Task A_dry_run_writes_nothing()
    {
        using var tree = new AssetTree();
        var options = Options(tree) with { DryRun = true };

        var result = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        Assert.IsTrue(result.DryRun);
        Assert.AreEqual(32, result.UploadedObjects, "the plan lists every object");
        StringAssert.StartsWith(result.Summary, "StaticPublish (dry run): 16 assets in 32 objects, 32 to upload");
        Assert.IsEmpty(await Fixture.Bucket.ListKeysAsync(options.Storage.Location + "/"));
        Assert.IsFalse(File.Exists(options.ManifestPath));
    }

    [TestMethod]
    public async Task A_missing_bucket_fails_with_its_code_and_leaves_no_manifest()
    {
        using var tree = new AssetTree();
        var options = Options(tree);
        options = options with { Storage = Copy(options.Storage, s => s.BucketName = "sp-missing-" + Guid.NewGuid().ToString("N")[..10]) };

        var error = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options));

        Assert.AreEqual(ErrorCodes.BucketNotFound, error.Code);
        Assert.IsFalse(File.Exists(options.ManifestPath));
    }

    [TestMethod]
    public async Task Prune_keeps_what_recent_releases_reference_and_honours_the_guard()
    {
        using var tree = new AssetTree();
        var options = Options(tree) with { KeepReleases = 2 };
        var releases = new List<PublishResult>();
        for (var i = 0; i < 3; i++)
        {
            tree.Write("img/bg.svg", $"<svg xmlns=\"http://www.w3.org/2000/svg\"><text>{i}</text></svg>");
            releases.Add(await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options));
        }

        var guarded = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options with { Prune = true, MaxDeletes = 1 });
        Assert.IsNotNull(guarded.Prune!.SkippedReason, "four stale objects exceed the guard of one");
        Assert.AreEqual(0, guarded.Deleted);

        var pruned = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options with { Prune = true });

        var keys = (await Fixture.Bucket.ListKeysAsync(options.Storage.Location + "/")).ToHashSet();
        var oldest = releases[0].Manifest.Assets;
        Assert.AreEqual(4, pruned.Deleted, "bg.svg, base.css and site.css of the oldest release, and its release record");
        Assert.IsFalse(keys.Contains(oldest["img/bg.svg"].Key));
        Assert.IsFalse(keys.Contains(oldest["css/site.css"].Key));
        Assert.IsTrue(keys.Contains(oldest["img/logo.png"].Key), "objects the kept releases still use stay");
        foreach (var entry in releases[1].Manifest.Assets.Values.Concat(releases[2].Manifest.Assets.Values))
        {
            Assert.IsTrue(keys.Contains(entry.Key), $"{entry.Key} of a kept release stays");
            Assert.IsTrue(entry.Original is null || keys.Contains(entry.Original.Key), $"{entry.Original?.Key}, an original name of a kept release, stays");
        }

        Assert.HasCount(2, keys.Where(k => k.Contains("/_staticpublish/apps/", StringComparison.Ordinal)).ToList(), "the two kept releases' records stay");
    }

    private static async Task<(string Key, ReleaseRecord Record)> NewestRecordAsync(StaticPublishOptions options)
    {
        // Record keys sort by publication time.
        var key = (await Fixture.Bucket.ListKeysAsync(options.Storage.Location + "/_staticpublish/apps/")).Order(StringComparer.Ordinal).Last();
        return (key, await ReadRecordAsync(key));
    }

    private static async Task<ReleaseRecord> ReadRecordAsync(string key)
    {
        using var response = await Fixture.Bucket.Client.GetObjectAsync(Fixture.Bucket.BucketName, key);
        return System.Text.Json.JsonSerializer.Deserialize(response.ResponseStream, ManifestJsonContext.Default.ReleaseRecord)!;
    }

    private static async Task PutRecordAsync(string key, ReleaseRecord record) =>
        await Fixture.Bucket.Client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest
        {
            BucketName = Fixture.Bucket.BucketName,
            Key = key,
            ContentBody = Encoding.UTF8.GetString(ReleaseHistory.Serialize(record)),
            UseChunkEncoding = false,
        });

    private static StaticPublishOptions Options(AssetTree tree, Func<StaticPublishOptions, StaticPublishOptions>? configure = null)
    {
        var options = new StaticPublishOptions
        {
            Storage = Fixture.Options(),
            BaseUrl = "https://cdn.example.com/static",
            ManifestPath = Path.Combine(tree.Root + "-out", AssetManifest.FileName),
        };
        return configure?.Invoke(options) ?? options;
    }

    private static S3StorageOptions Copy(S3StorageOptions source, Action<S3StorageOptions> change)
    {
        var copy = Fixture.Bucket.CreateOptions(source.Location);
        copy.BucketName = source.BucketName;
        change(copy);
        return copy;
    }

    private static Regex KeyPattern(StaticPublishOptions options, string stem, string extension) =>
        new($"^{Regex.Escape(options.Storage.Location)}/{Regex.Escape(stem)}\\.[0-9a-z]{{10}}\\.{extension}$");

    private static async Task<byte[]> DownloadStoredAsync(string key)
    {
        using var response = await Fixture.Bucket.Client.GetObjectAsync(Fixture.Bucket.BucketName, key);
        return await Bytes.ReadAllAsync(response.ResponseStream);
    }

    private static async Task<byte[]> DownloadDecodedAsync(AssetManifestEntry entry)
    {
        var stored = await DownloadStoredAsync(entry.Key);
        if (entry.ContentEncoding != "gzip")
        {
            return stored;
        }

        await using var gunzip = new GZipStream(new MemoryStream(stored), CompressionMode.Decompress);
        return await Bytes.ReadAllAsync(gunzip);
    }
}
