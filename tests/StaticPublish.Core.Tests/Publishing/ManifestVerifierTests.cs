using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Publishing;

[TestClass]
public sealed class ManifestVerifierTests : BucketTestClass<ManifestVerifierTests>
{
    private static StorageFixture Fixture => new(Bucket);

    [TestMethod]
    public async Task A_fresh_publish_verifies_shallow_and_deep_and_reports_progress_per_entry()
    {
        using var tree = new AssetTree();
        var (options, result) = await PublishAsync(tree);
        using var storage = new S3Storage(options.Storage);
        var checkedKeys = new System.Collections.Concurrent.ConcurrentBag<string>();

        var shallow = await ManifestVerifier.VerifyAsync(storage, result.Manifest);
        var deep = await ManifestVerifier.VerifyAsync(storage, result.Manifest, deep: true, concurrency: 3, onChecked: e => checkedKeys.Add(e.Key));

        Assert.IsTrue(shallow.IsValid, string.Join(Environment.NewLine, shallow.Mismatches));
        Assert.IsTrue(deep.IsValid, string.Join(Environment.NewLine, deep.Mismatches));
        Assert.AreEqual(result.ObjectCount, deep.Checked, "each entry and its original-name copy");
        Assert.AreEqual(result.Manifest.Assets.Values.Sum(e => e.Original is null ? e.Size : 2 * e.Size), deep.Bytes);
        CollectionAssert.AreEquivalent(result.Manifest.Assets.Values.SelectMany(e => new[] { e.Key, e.Original!.Key }).ToList(), checkedKeys.ToList(),
            "progress is reported per object, original names included");
        StringAssert.StartsWith(deep.Summary, $"StaticPublish verify (deep): {deep.Checked} objects (");
        StringAssert.Contains(deep.Summary, $"{deep.Checked} match, 0 mismatched");
    }

    [TestMethod]
    public async Task Missing_objects_changed_headers_and_changed_bytes_are_each_reported()
    {
        using var tree = new AssetTree();
        var (options, result) = await PublishAsync(tree);
        var client = Fixture.Bucket.Client;
        var bucket = Fixture.Bucket.BucketName;
        var missing = result.Manifest.Assets["img/logo.png"];
        var recached = result.Manifest.Assets["css/site.css"];
        var tampered = result.Manifest.Assets["unicodé/ファイル 1.txt"];
        await client.DeleteObjectAsync(bucket, missing.Key);
        await client.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = recached.Key,
            DestinationBucket = bucket,
            DestinationKey = recached.Key,
            MetadataDirective = S3MetadataDirective.REPLACE,
            ContentType = recached.ContentType,
            Headers = { CacheControl = "no-cache", ContentEncoding = recached.ContentEncoding },
        });
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = tampered.Key,
            ContentType = tampered.ContentType,
            Headers = { CacheControl = tampered.CacheControl },
            InputStream = new MemoryStream(Encoding.UTF8.GetBytes("HELLO")),

            // Chunked signing would store 'aws-chunked' as the object's Content-Encoding on RGW.
            UseChunkEncoding = false,
        });
        using var storage = new S3Storage(options.Storage);

        var shallow = await ManifestVerifier.VerifyAsync(storage, result.Manifest);
        var deep = await ManifestVerifier.VerifyAsync(storage, result.Manifest, deep: true);

        Assert.IsFalse(shallow.IsValid);
        CollectionAssert.AreEquivalent(
            new[] { (missing.Key, ManifestMismatchKind.Missing), (recached.Key, ManifestMismatchKind.CacheControl) },
            shallow.Mismatches.Select(m => (m.Key, m.Kind)).ToArray(), "a same-size change of bytes needs --deep: " + string.Join("; ", shallow.Mismatches));
        CollectionAssert.AreEquivalent(
            new[] { (missing.Key, ManifestMismatchKind.Missing), (recached.Key, ManifestMismatchKind.CacheControl), (tampered.Key, ManifestMismatchKind.Integrity) },
            deep.Mismatches.Select(m => (m.Key, m.Kind)).ToArray());
        var cacheControl = shallow.Mismatches.Single(m => m.Kind == ManifestMismatchKind.CacheControl);
        Assert.AreEqual($"{recached.Key}: Cache-Control is 'no-cache', the manifest says '{recached.CacheControl}'", cacheControl.ToString());
        Assert.AreEqual($"{missing.Key}: missing from the bucket", shallow.Mismatches.Single(m => m.Kind == ManifestMismatchKind.Missing).ToString());
        Assert.AreEqual(2, shallow.MismatchedObjects);
        var error = deep.CreateException("out/staticpublish.manifest.json");
        Assert.AreEqual(ErrorCodes.VerificationFailed, error.Code);
        StringAssert.StartsWith(error.Message, $"3 of {deep.Checked} objects in bucket '{bucket}' do not match the manifest 'out/staticpublish.manifest.json'");
    }

    [TestMethod]
    public async Task A_missing_or_stale_original_name_copy_is_a_mismatch()
    {
        using var tree = new AssetTree();
        var (options, result) = await PublishAsync(tree);
        var client = Fixture.Bucket.Client;
        var bucket = Fixture.Bucket.BucketName;
        var gone = result.Manifest.Assets["img/logo.png"].Original!;
        var stale = result.Manifest.Assets["css/base.css"];
        await client.DeleteObjectAsync(bucket, gone.Key);
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = stale.Original!.Key,
            ContentType = stale.ContentType,
            Headers = { CacheControl = stale.Original.CacheControl, ContentEncoding = stale.ContentEncoding },
            InputStream = new MemoryStream(Encoding.UTF8.GetBytes("an older release's bytes")),
            UseChunkEncoding = false,
        });
        using var storage = new S3Storage(options.Storage);

        var report = await ManifestVerifier.VerifyAsync(storage, result.Manifest);

        CollectionAssert.AreEquivalent(
            new[] { (gone.Key, ManifestMismatchKind.Missing), (stale.Original.Key, ManifestMismatchKind.Size) },
            report.Mismatches.Select(m => (m.Key, m.Kind)).ToArray(), string.Join("; ", report.Mismatches));
        Assert.AreEqual(ErrorCodes.VerificationFailed, report.CreateException("m.json").Code);
    }

    [TestMethod]
    public async Task A_bucket_without_cors_fails_the_cross_origin_check_with_the_fix_and_passes_once_published_with_cors()
    {
        // CORS is per bucket, so this test has a bucket of its own.
        await using var bucket = await Fixture.Bucket.Server.CreateBucketAsync("sp-cors");
        using var tree = new AssetTree();
        var options = new StaticPublishOptions
        {
            Storage = bucket.CreateOptions("site"),
            ManifestPath = Path.Combine(tree.Root + "-out", AssetManifest.FileName),
            Cors = false,
        };
        var result = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);
        using var storage = new S3Storage(options.Storage);

        var without = await ManifestVerifier.VerifyAsync(storage, result.Manifest, corsOrigin: "https://app.example.com");
        await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options with { Cors = true, CorsOrigins = ["https://app.example.com"] });
        var with = await ManifestVerifier.VerifyAsync(storage, result.Manifest, corsOrigin: "https://app.example.com");
        var other = await ManifestVerifier.VerifyAsync(storage, result.Manifest, corsOrigin: "https://elsewhere.example.com");

        Assert.IsEmpty(without.Mismatches, "every object is there");
        Assert.IsFalse(without.IsValid);
        var error = without.CreateException("out/staticpublish.manifest.json");
        Assert.AreEqual(ErrorCodes.CorsCheckFailed, error.Code);
        StringAssert.Contains(error.Message, "sent no Access-Control-Allow-Origin to a GET from https://app.example.com");
        StringAssert.Contains(error.Message, "init-bucket --origin");
        Assert.IsTrue(with.IsValid, string.Join("; ", with.CorsChecks.Select(c => c.Result)));
        Assert.AreEqual("https://app.example.com", with.CorsChecks[0].Result.AllowOrigin);
        Assert.IsFalse(other.IsValid, "an origin the rule does not name is refused");
    }

    [TestMethod]
    public async Task A_cdn_that_answers_without_cors_fails_verify_although_the_bucket_allows_it()
    {
        // The "CDN": another bucket without CORS, serving the checked object publicly at the same path.
        using var tree = new AssetTree();
        var (options, result) = await PublishAsync(tree);
        await using var cdn = await Fixture.Bucket.Server.CreateBucketAsync("sp-cdn");
        using var storage = new S3Storage(options.Storage);
        var sample = result.Manifest.Assets.Values.First(e => e.Fingerprinted);
        using (var original = await Fixture.Bucket.Client.GetObjectAsync(Fixture.Bucket.BucketName, sample.Key))
        {
            await cdn.Client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = cdn.BucketName,
                Key = "static/" + Uri.UnescapeDataString(sample.Path),
                InputStream = new MemoryStream(await Bytes.ReadAllAsync(original.ResponseStream)),
                CannedACL = S3CannedACL.PublicRead,
                UseChunkEncoding = false,
            });
        }

        var cdnUrl = $"{cdn.Server.Settings.Endpoint}{cdn.BucketName}/static/";
        var report = await ManifestVerifier.VerifyAsync(storage, result.Manifest, corsOrigin: "https://app.example.com", baseUrl: cdnUrl);
        var unreachable = await ManifestVerifier.VerifyAsync(storage, result.Manifest, corsOrigin: "https://app.example.com", baseUrl: "http://127.0.0.1:9/static/");

        Assert.IsTrue(report.CorsChecks[0].Result.Allowed, "the bucket answers CORS");
        Assert.IsFalse(report.IsValid, "the CDN does not");
        StringAssert.Contains(report.CreateException("m.json").Message, $"{cdnUrl}{sample.Path} sent no Access-Control-Allow-Origin");
        Assert.IsTrue(unreachable.IsValid, "a CDN that does not answer from here is reported, not held against the bucket");
        StringAssert.Contains(unreachable.CorsChecks[1].Result.ToString(), "did not answer");
    }

    [TestMethod]
    public async Task Upload_totals_are_reported_before_the_first_upload()
    {
        using var tree = new AssetTree();
        var first = new TotalsLog();
        var second = new TotalsLog();
        var options = Options(tree);

        var result = await new StaticAssetPublisher(first).PublishDirectoryAsync(tree.Root, options);
        await new StaticAssetPublisher(second).PublishDirectoryAsync(tree.Root, options);

        Assert.AreEqual(("totals", (long)result.UploadedObjects, result.UploadedBytes), first.Events[0]);
        var uploads = first.Events.Skip(1).ToList();
        Assert.IsTrue(uploads.All(e => e.Kind == "uploaded"), "totals come once, before every upload");
        Assert.AreEqual(result.UploadedObjects, uploads.Count);
        Assert.AreEqual(result.UploadedBytes, uploads.Sum(e => e.Bytes));
        CollectionAssert.AreEqual(new[] { ("totals", 0L, 0L) }, second.Events.ToArray(), "an unchanged publish announces nothing to upload");
    }

    private static async Task<(StaticPublishOptions Options, PublishResult Result)> PublishAsync(AssetTree tree)
    {
        var options = Options(tree);
        var result = await new StaticAssetPublisher().PublishDirectoryAsync(tree.Root, options);
        var written = AssetManifestReader.Read(options.ManifestPath!);
        Assert.AreEqual(result.Release, written.Release, "the manifest file reads back");
        return (options, result);
    }

    private static StaticPublishOptions Options(AssetTree tree) => new()
    {
        Storage = Fixture.Options(),
        ManifestPath = Path.Combine(tree.Root + "-out", AssetManifest.FileName),
    };

    private sealed class TotalsLog : IPublishLog
    {
        private readonly Lock _gate = new();

        public List<(string Kind, long Count, long Bytes)> Events { get; } = [];

        public void Warning(string code, string? file, string message)
        {
        }

        public void Info(string message)
        {
        }

        public void Detail(string message)
        {
        }

        public void Uploaded(string key, long bytes)
        {
            lock (_gate)
            {
                Events.Add(("uploaded", 1, bytes));
            }
        }

        public void UploadStarting(int objects, long bytes)
        {
            lock (_gate)
            {
                Events.Add(("totals", objects, bytes));
            }
        }
    }
}
