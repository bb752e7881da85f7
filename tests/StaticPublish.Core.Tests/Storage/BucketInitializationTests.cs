using System.Net;
using Amazon.S3.Model;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.Testing;

namespace StaticPublish.Core.Tests.Storage;

[TestClass]
public sealed class BucketInitializationTests
{
    private static LocalS3Server _server = null!;
    private static readonly HttpClient Http = new();

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext _) => _server = await TestServer.GetAsync();

    [TestMethod]
    public async Task Missing_buckets_are_created_public_ones_open_and_private_ones_closed_idempotently()
    {
        var publicBucket = UniqueName("pub");
        var privateBucket = UniqueName("priv");
        var options = _server.CreateOptions(privateBucket);
        options.QuerystringAuth = false;
        options.Buckets = [new S3BucketDefinition(publicBucket, IsPublic: true), new S3BucketDefinition(privateBucket, IsPublic: false)];
        using var storage = new S3Storage(options);
        try
        {
            var first = await storage.InitializeBucketsAsync();
            var second = await storage.InitializeBucketsAsync();

            CollectionAssert.AreEquivalent(
                new[] { $"created bucket '{publicBucket}'", $"made bucket '{publicBucket}' public-read", $"created bucket '{privateBucket}'" },
                first.ToArray());
            Assert.IsEmpty(second, "a second run changes nothing");

            await storage.Client.PutObjectAsync(new PutObjectRequest { BucketName = publicBucket, Key = "hello.txt", ContentBody = "hi" });
            await storage.SaveAsync("hello.txt", new MemoryStream("hi"u8.ToArray()));
            using var open = await Http.GetAsync(new Uri($"{_server.Settings.Endpoint}{publicBucket}/hello.txt"));
            using var closed = await Http.GetAsync(new Uri(storage.Url("hello.txt")));
            Assert.AreEqual(HttpStatusCode.OK, open.StatusCode, "anyone can read the public bucket");
            Assert.AreEqual("hi", await open.Content.ReadAsStringAsync());
            Assert.AreEqual(HttpStatusCode.Forbidden, closed.StatusCode, "the private bucket stays private");
        }
        finally
        {
            await DeleteBucketAsync(storage, publicBucket);
            await DeleteBucketAsync(storage, privateBucket);
        }
    }

    [TestMethod]
    public async Task A_public_prefix_opens_only_that_prefix_and_turning_private_removes_the_policy()
    {
        var bucket = UniqueName("prefix");
        var options = _server.CreateOptions(bucket);
        options.Buckets = [new S3BucketDefinition(bucket, IsPublic: true, PublicPrefix: "static")];
        using (var storage = new S3Storage(options))
        {
            await storage.InitializeBucketsAsync();
            await storage.SaveAsync("static/app.js", new MemoryStream("js"u8.ToArray()));
            await storage.SaveAsync("private/notes.txt", new MemoryStream("no"u8.ToArray()));

            using var inside = await Http.GetAsync(new Uri($"{_server.Settings.Endpoint}{bucket}/static/app.js"));
            using var outside = await Http.GetAsync(new Uri($"{_server.Settings.Endpoint}{bucket}/private/notes.txt"));
            Assert.AreEqual(HttpStatusCode.OK, inside.StatusCode);
            Assert.AreEqual(HttpStatusCode.Forbidden, outside.StatusCode);
        }

        options.Buckets = [new S3BucketDefinition(bucket, IsPublic: false)];
        using var closedStorage = new S3Storage(options);
        try
        {
            var changes = await closedStorage.InitializeBucketsAsync();

            CollectionAssert.AreEqual(new[] { $"made bucket '{bucket}' private (removed StaticPublish's public-read statement)" }, changes.ToArray());
            using var after = await Http.GetAsync(new Uri($"{_server.Settings.Endpoint}{bucket}/static/app.js"));
            Assert.AreEqual(HttpStatusCode.Forbidden, after.StatusCode);
        }
        finally
        {
            await DeleteBucketAsync(closedStorage, bucket);
        }
    }

    [TestMethod]
    public async Task Public_and_private_change_only_StaticPublishs_statement_and_keep_every_other_one()
    {
        var bucket = UniqueName("merge");
        var options = _server.CreateOptions(bucket);
        using var admin = new S3Storage(options);
        var others = $$"""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"DenyDeletes","Effect":"Deny","Principal":{"AWS":["*"]},"Action":["s3:DeleteObject"],"Resource":["arn:aws:s3:::{{bucket}}/protected/*"]},
              {"Sid":"ReadDownloads","Effect":"Allow","Principal":{"AWS":["*"]},"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::{{bucket}}/downloads/*"]}]}
            """;
        try
        {
            await admin.Client.PutBucketAsync(bucket);
            await admin.Client.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = others });
            await admin.SaveAsync("static/app.js", new MemoryStream("js"u8.ToArray()));
            await admin.SaveAsync("downloads/file.txt", new MemoryStream("dl"u8.ToArray()));

            options.Buckets = [new S3BucketDefinition(bucket, IsPublic: true, PublicPrefix: "static")];
            var madePublic = await InitializeAsync(options);
            var publicPolicy = (await admin.Client.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket })).Policy;
            using var publicAsset = await Http.GetAsync(new Uri($"{_server.Settings.Endpoint}{bucket}/static/app.js"));
            options.Buckets = [new S3BucketDefinition(bucket, IsPublic: false)];
            var madePrivate = await InitializeAsync(options);
            var again = await InitializeAsync(options);
            var privatePolicy = (await admin.Client.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket })).Policy;
            using var closedAsset = await Http.GetAsync(new Uri($"{_server.Settings.Endpoint}{bucket}/static/app.js"));
            using var download = await Http.GetAsync(new Uri($"{_server.Settings.Endpoint}{bucket}/downloads/file.txt"));

            CollectionAssert.AreEqual(new[] { $"made 'static/' in bucket '{bucket}' public-read" }, madePublic.ToArray());
            CollectionAssert.AreEquivalent(new[] { "DenyDeletes", "ReadDownloads", "StaticPublishPublicRead" }, Sids(publicPolicy), publicPolicy);
            Assert.AreEqual(HttpStatusCode.OK, publicAsset.StatusCode);
            Assert.HasCount(1, madePrivate);
            Assert.IsEmpty(again, "a second run changes nothing");
            CollectionAssert.AreEquivalent(new[] { "DenyDeletes", "ReadDownloads" }, Sids(privatePolicy), "only StaticPublish's own statement went: " + privatePolicy);
            Assert.AreEqual(HttpStatusCode.Forbidden, closedAsset.StatusCode, "the prefix is private again");
            Assert.AreEqual(HttpStatusCode.OK, download.StatusCode, "another statement's grant is untouched");
        }
        finally
        {
            await DeleteBucketAsync(admin, bucket);
        }
    }

    [TestMethod]
    public async Task Policy_hooks_are_applied_once()
    {
        var bucket = UniqueName("hook");
        var policy = $$"""
            {"Version":"2012-10-17","Statement":[{"Sid":"ReadDownloads","Effect":"Allow","Principal":{"AWS":["*"]},"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::{{bucket}}/downloads/*"]}]}
            """;
        var options = _server.CreateOptions(bucket);
        options.PolicyHooks = [new S3PolicyHook(bucket, policy)];
        using var storage = new S3Storage(options);
        try
        {
            var first = await storage.InitializeBucketsAsync();
            var second = await storage.InitializeBucketsAsync();
            await storage.SaveAsync("downloads/file.txt", new MemoryStream("dl"u8.ToArray()));

            CollectionAssert.AreEqual(new[] { $"created bucket '{bucket}'", $"applied the policy hook to bucket '{bucket}'" }, first.ToArray());
            Assert.IsEmpty(second);
            using var response = await Http.GetAsync(new Uri($"{_server.Settings.Endpoint}{bucket}/downloads/file.txt"));
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await DeleteBucketAsync(storage, bucket);
        }
    }

    private static async Task<IReadOnlyList<string>> InitializeAsync(S3StorageOptions options)
    {
        using var storage = new S3Storage(options);
        return await storage.InitializeBucketsAsync();
    }

    private static string[] Sids(string policy) =>
        [.. System.Text.Json.Nodes.JsonNode.Parse(policy)!["Statement"]!.AsArray().Select(s => s!["Sid"]!.GetValue<string>())];

    private static string UniqueName(string kind) => $"sp-init-{kind}-{Guid.NewGuid():N}"[..40];

    private static async Task DeleteBucketAsync(S3Storage storage, string bucket)
    {
        var listed = await storage.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        foreach (var item in listed.S3Objects ?? [])
        {
            await storage.Client.DeleteObjectAsync(bucket, item.Key);
        }

        await storage.Client.DeleteBucketAsync(bucket);
    }
}
