using Amazon.S3.Model;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Publishing.Rules;
using StaticPublish.Core.Settings;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.Core.Text;
using StaticPublish.Testing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Publishing;

/// <summary>
/// Publish rules and encryption against the real server, in a bucket whose policy denies every PUT without
/// <c>x-amz-server-side-encryption</c> (RGW enforces it). SSE-KMS uses the local server's test keys: over plain HTTP
/// RGW refuses AES256.
/// </summary>
[TestClass]
public sealed class RulesTests : BucketTestClass<RulesTests>
{
    private const string Html = "html";
    private const string Downloads = "downloads";
    private const string Precompressed = "precompressed";

    [ClassInitialize(InheritanceBehavior.None)]
    public static async Task RequireEncryptionAsync(TestContext context)
    {
        await Bucket.Client.PutBucketPolicyAsync(new PutBucketPolicyRequest
        {
            BucketName = Bucket.BucketName,
            Policy = $$"""
                {"Version":"2012-10-17","Statement":[{"Sid":"DenyUnencryptedPuts","Effect":"Deny","Principal":"*","Action":"s3:PutObject",
                  "Resource":"arn:aws:s3:::{{Bucket.BucketName}}/*","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"} } } ] }
                """,
        });
    }

    [TestMethod]
    public async Task Three_rules_with_kms_publish_to_a_bucket_that_requires_encryption_and_changing_one_rule_reuploads_only_its_objects()
    {
        using var tree = Site();
        var options = Options(tree, Rules(htmlCacheControl: "no-cache"));

        var first = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        Assert.AreEqual(14, first.UploadedObjects, "7 assets, each under its fingerprinted and its original name");
        var objects = first.Manifest.Assets.SelectMany(a => new[] { (Path: a.Key, a.Value.Key), (Path: a.Key, a.Value.Original!.Key) }).ToList();
        foreach (var (path, key) in objects)
        {
            var head = await Bucket.Client.GetObjectMetadataAsync(Bucket.BucketName, key);
            Assert.AreEqual("aws:kms", head.ServerSideEncryptionMethod?.Value, key);
            Assert.AreEqual("testkey-1", head.ServerSideEncryptionKeyManagementServiceKeyId, key);
            var fingerprinted = key == first.Manifest.Assets[path].Key;
            var (cacheControl, disposition, encoding) = path switch
            {
                _ when path.EndsWith(".html", StringComparison.Ordinal) => ("no-cache", null, null),
                _ when path.StartsWith("downloads/", StringComparison.Ordinal) => (Default(fingerprinted), "attachment", path.EndsWith(".txt", StringComparison.Ordinal) ? "gzip" : null),
                _ when path.StartsWith("precompressed/", StringComparison.Ordinal) => (Default(fingerprinted), null, null),
                _ => (Default(fingerprinted), (string?)null, (string?)"gzip"),
            };
            Assert.IsTrue(CacheControlHeader.AreEquivalent(cacheControl, head.Headers.CacheControl), $"{key}: {head.Headers.CacheControl}");
            Assert.AreEqual(disposition, head.Headers.ContentDisposition, key);
            Assert.AreEqual(encoding, head.Headers.ContentEncoding, key);
        }

        Assert.AreEqual("no-cache", first.Manifest.Assets["index.html"].CacheControl, "the manifest records the rule's Cache-Control");
        Assert.AreEqual("no-cache", first.Manifest.Assets["index.html"].Original!.CacheControl);

        await using var proxy = new RecordingProxy();
        var changed = options with { Rules = Rules(htmlCacheControl: "no-cache, no-store"), Storage = WithProxy(options.Storage, proxy.Url) };
        var second = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, changed);

        var htmlKeys = objects.Where(o => o.Path.EndsWith(".html", StringComparison.Ordinal)).Select(o => o.Key).Order(StringComparer.Ordinal).ToArray();
        var put = proxy.Requests.Where(r => r.Method == "PUT" && !r.PathAndQuery.Contains("cors", StringComparison.Ordinal))
            .Select(r => KeyOf(r.PathAndQuery)).Where(k => !k.Contains("/_staticpublish/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(htmlKeys, put, "only the objects of the changed rule are uploaded again");
        Assert.HasCount(4, htmlKeys);
        CollectionAssert.AreEquivalent(Enumerable.Repeat("headers changed", 4).ToArray(),
            second.Actions.Where(a => a.Kind == PlannedActionKind.Upload && a.LogicalPath is not null).Select(a => a.Reason).ToArray());
        Assert.IsFalse(proxy.Requests.Any(r => r.Method == "HEAD"), "the previous release record proves the rest");
        var head2 = await Bucket.Client.GetObjectMetadataAsync(Bucket.BucketName, htmlKeys[0]);
        Assert.IsTrue(CacheControlHeader.AreEquivalent("no-cache, no-store", head2.Headers.CacheControl), head2.Headers.CacheControl);
        Assert.AreEqual("aws:kms", head2.ServerSideEncryptionMethod?.Value);
        Assert.AreEqual(Html, second.Actions.First(a => a.LogicalPath == "index.html").Rule, "the plan names each asset's rule");
        Assert.IsNull(second.Actions.First(a => a.LogicalPath == "css/site.css").Rule);
    }

    [TestMethod]
    public async Task Without_encryption_the_publish_fails_with_a_coded_error_naming_the_setting_and_writes_nothing()
    {
        using var tree = Site();
        var prefix = UniqueNames.Prefix("rules");
        var manifest = Path.Combine(tree.Root + "-out", AssetManifest.FileName);
        var fromSettings = StaticPublishSettings.From(
            [KeyValuePair.Create("StaticPublishBucket", (string?)Bucket.BucketName), KeyValuePair.Create("StaticPublishPrefix", (string?)prefix)],
            SettingFaces.MSBuild).ToPublishOptions();
        var options = fromSettings with { Storage = Bucket.CreateOptions(prefix), ManifestPath = manifest, Rules = Rules(htmlCacheControl: "no-cache") };

        var error = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options));

        Assert.AreEqual(ErrorCodes.AccessDenied, error.Code);
        StringAssert.Contains(error.Message, "set StaticPublishServerSideEncryption to AES256 or aws:kms");
        Assert.IsFalse(File.Exists(manifest), "no manifest");
        Assert.IsEmpty(await Bucket.ListKeysAsync(prefix + "/"), "nothing was stored");
    }

    [TestMethod]
    public async Task A_rule_sets_the_type_metadata_tags_and_storage_class_and_the_unmapped_extensions_get_one_warning()
    {
        using var tree = TempFolder.Create("sp-rules-");
        tree.Write("models/ship.glb", Bytes.Random(500, seed: 3));
        tree.Write("models/ship.xyz", Bytes.Random(500, seed: 4));
        tree.Write("data/blob.abc", Bytes.Random(500, seed: 5));
        var rules = PublishRules.FromItems([KeyValuePair.Create("models", (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["Pattern"] = "models/*.glb", ["ContentType"] = "model/gltf-binary", ["Metadata"] = "Owner=3d;build=42", ["Tags"] = "team=web;tier=static",
            ["StorageClass"] = "STANDARD", ["KeepName"] = "true",
        })]);
        var log = new RecordingPublishLog();

        var result = await new StaticAssetPublisher(log).PublishDirectoryAsync(tree.Root, Options(tree, rules));

        var ship = result.Manifest.Assets["models/ship.glb"];
        Assert.IsFalse(ship.Fingerprinted, "KeepName=true keeps the name");
        Assert.AreEqual("model/gltf-binary", ship.ContentType);
        var head = await Bucket.Client.GetObjectMetadataAsync(Bucket.BucketName, ship.Key);
        Assert.AreEqual("model/gltf-binary", head.Headers.ContentType);
        Assert.AreEqual("3d", head.Metadata["owner"]);
        Assert.AreEqual("42", head.Metadata["build"]);
        var tags = await Bucket.Client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = Bucket.BucketName, Key = ship.Key });
        CollectionAssert.AreEquivalent(new[] { "team=web", "tier=static" }, tags.Tagging.Select(t => $"{t.Key}={t.Value}").ToArray());
        var other = await Bucket.Client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = Bucket.BucketName, Key = result.Manifest.Assets["models/ship.xyz"].Key });
        Assert.IsTrue(other.Tagging is null or { Count: 0 }, "the rule applies to its pattern only");
        var warning = log.Warnings.Single(w => w.Code == ErrorCodes.ContentTypeFallback);
        StringAssert.Contains(warning.Message, ".abc (1, e.g. 'data/blob.abc'), .xyz (1, e.g. 'models/ship.xyz')");
        Assert.IsFalse(warning.Message.Contains(".glb", StringComparison.Ordinal), "a rule's type is a mapping: " + warning.Message);
        StringAssert.Contains(warning.Message, "ContentType=");
    }

    [TestMethod]
    public async Task A_storage_class_or_kms_key_change_is_a_header_change_that_reuploads_every_object()
    {
        using var tree = TempFolder.Create("sp-rules-");
        tree.Write("a.css", "a { color: red }");
        tree.Write("b.png", Bytes.Random(300, seed: 6));
        var options = Options(tree, PublishRules.None);
        await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);

        var storage = Bucket.CreateOptions(options.Storage.Location);
        storage.ObjectParameters = options.Storage.ObjectParameters with { KmsKeyId = "testkey-2", StorageClass = "STANDARD" };
        var second = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options with { Storage = storage });
        var third = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options with { Storage = storage });

        Assert.AreEqual(4, second.UploadedObjects);
        Assert.IsTrue(second.Actions.Where(a => a.LogicalPath is not null).All(a => a.Reason == "headers changed"), string.Join(", ", second.Actions.Select(a => a.Reason)));
        Assert.AreEqual(0, third.UploadedObjects, "and then it is unchanged");
        var head = await Bucket.Client.GetObjectMetadataAsync(Bucket.BucketName, second.Manifest.Assets["a.css"].Key);
        Assert.AreEqual("testkey-2", head.ServerSideEncryptionKeyManagementServiceKeyId);
    }

    private static TempFolder Site()
    {
        var tree = TempFolder.Create("sp-rules-");
        var page = "<!doctype html><title>x</title>" + string.Concat(Enumerable.Repeat("<p>hello, world</p>\n", 40));
        tree.Write("index.html", page);
        tree.Write("docs/page.html", page + "<p>docs</p>");
        tree.Write("downloads/guide.pdf", Bytes.Random(800, seed: 7));
        tree.Write("downloads/notes.txt", string.Concat(Enumerable.Repeat("release notes line\n", 40)));
        tree.Write("precompressed/lib.js", string.Concat(Enumerable.Repeat("export function f() { return 1; }\n", 40)));
        tree.Write("precompressed/data.json", "{\"items\": [" + string.Join(',', Enumerable.Range(0, 60)) + "]}");
        tree.Write("css/site.css", string.Concat(Enumerable.Repeat("body { color: #123456; }\n", 40)));
        return tree;
    }

    private static PublishRules Rules(string htmlCacheControl) => PublishRules.FromItems(
    [
        Rule(Html, ("Pattern", "**/*.html"), ("CacheControl", htmlCacheControl)),
        Rule(Downloads, ("Pattern", "downloads/**"), ("ContentDisposition", "attachment")),
        Rule(Precompressed, ("Pattern", "precompressed/**"), ("Gzip", "false")),
    ]);

    private static KeyValuePair<string, IReadOnlyDictionary<string, string>> Rule(string name, params (string Field, string Value)[] fields) =>
        KeyValuePair.Create(name, (IReadOnlyDictionary<string, string>)fields.ToDictionary(f => f.Field, f => f.Value));

    private static StaticPublishOptions Options(TempFolder tree, PublishRules rules)
    {
        var storage = Bucket.CreateOptions(UniqueNames.Prefix("rules"));
        storage.ObjectParameters = new S3ObjectParameters { ServerSideEncryption = S3ServerSideEncryption.Kms, KmsKeyId = "testkey-1" };
        return new StaticPublishOptions
        {
            Storage = storage,
            BaseUrl = "https://cdn.example.com/static",
            ManifestPath = Path.Combine(tree.Root + "-out", AssetManifest.FileName),
            Rules = rules,
        };
    }

    private static S3StorageOptions WithProxy(S3StorageOptions source, string proxy)
    {
        var copy = Bucket.CreateOptions(source.Location);
        copy.ObjectParameters = source.ObjectParameters;
        copy.ProxyUrl = proxy;
        return copy;
    }

    private static string Default(bool fingerprinted) => fingerprinted ? StaticPublishOptions.DefaultCacheControl : StaticPublishOptions.DefaultUnfingerprintedCacheControl;

    private static string KeyOf(string pathAndQuery) =>
        Uri.UnescapeDataString(pathAndQuery.Split('?')[0])[(Bucket.BucketName.Length + 2)..];
}
