using Microsoft.Build.Framework;
using StaticPublish.Build.Tests.Infrastructure;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.TestUtilities;

namespace StaticPublish.Build.Tests;

/// <summary>
/// The task in process, as MSBuild calls it: settings items in, coded errors or output items out, never an
/// exception (which MSBuild would turn into an MSB4018 stack dump).
/// </summary>
[TestClass]
public sealed class TaskTests : BucketTestClass<TaskTests>
{
    [ClassInitialize]
    public static void Initialize(TestContext _)
    {
        // The task takes credentials from the AWS SDK chain only; these are the test server's, the same values the
        // end-to-end publishes in this assembly pass to their child processes.
        foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION" })
        {
            Environment.SetEnvironmentVariable(name, Bucket.EnvironmentVariables[name]);
        }
    }

    [TestMethod]
    [DataRow("", "StaticPublishConcurrency", "8", "No bucket was given. Set StaticPublishBucket in the project file or pass -p:StaticPublishBucket=<name>.")]
    [DataRow("assets", "StaticPublishConcurrency", "many", "StaticPublishConcurrency is 'many', which is not a whole number.")]
    [DataRow("assets", "StaticPublishConcurrency", "0", "StaticPublishConcurrency must be between 1 and 256, not 0.")]
    [DataRow("assets", "StaticPublishCors", "sometimes", "StaticPublishCors is 'sometimes', which is not true or false.")]
    [DataRow("assets", "StaticPublishPruneOlderThan", "soon", "StaticPublishPruneOlderThan is 'soon', which is not a duration")]
    [DataRow("assets", "StaticPublishBukket", "assets", "'StaticPublishBukket' is not a StaticPublish setting MSBuild passes.")]
    [DataRow("assets", "StaticPublishEndpoint", "localhost:9000", "StaticPublishEndpoint 'localhost:9000' is not an absolute http:// or https:// URL")]
    public void Bad_settings_are_one_coded_error_and_never_an_exception(string bucket, string property, string value, string message)
    {
        using var folder = TempFolder.Create("sp-task-");
        folder.Write("wwwroot/site.css", "body { }");
        var (task, engine) = NewTask(folder.Root, ("StaticPublishBucket", bucket), (property, value));

        var succeeded = task.Execute();

        Assert.IsFalse(succeeded);
        var error = engine.Errors.Single();
        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
        StringAssert.StartsWith(error.Message, message);
        Assert.IsFalse(File.Exists(Path.Combine(folder.Root, AssetManifest.FileName)), "nothing is written");
    }

    [TestMethod]
    public void A_publish_returns_one_item_per_asset_and_a_second_one_skips_everything()
    {
        using var folder = TempFolder.Create("sp-task-");
        folder.Write("wwwroot/css/site.css", string.Concat(Enumerable.Repeat("body { color: #123456; }\n", 40)));
        folder.Write("wwwroot/robots.txt", "User-agent: *\n");
        var prefix = UniqueNames.Prefix("task");
        var settings = new[]
        {
            ("StaticPublishBucket", Bucket.BucketName), ("StaticPublishPrefix", prefix), ("StaticPublishEndpoint", Bucket.EnvironmentVariables["STATICPUBLISH_ENDPOINT"]),
            ("StaticPublishBaseUrl", "https://cdn.example.com/" + prefix), ("StaticPublishKeepNamePatterns", "robots.txt"), ("StaticPublishAppName", "TaskApp"),
        };

        var (first, firstEngine) = NewTask(folder.Root, settings);
        Assert.IsTrue(first.Execute(), string.Join('\n', firstEngine.Errors.Select(e => e.Message)));
        var (second, secondEngine) = NewTask(folder.Root, settings);
        Assert.IsTrue(second.Execute(), string.Join('\n', secondEngine.Errors.Select(e => e.Message)));

        Assert.AreEqual(Path.Combine(folder.Root, AssetManifest.FileName), first.ManifestFile);
        Assert.AreEqual(first.Release, second.Release, "an unchanged publish keeps its release id");
        var css = first.PublishedAssets.Single(i => i.ItemSpec == "css/site.css");
        StringAssert.Matches(css.GetMetadata("ObjectKey"), new System.Text.RegularExpressions.Regex($"^{prefix}/css/site\\.[a-z0-9]{{10}}\\.css$"));
        Assert.AreEqual($"{prefix}/css/site.css", css.GetMetadata("OriginalKey"));
        Assert.AreEqual($"https://cdn.example.com/{prefix}/" + css.GetMetadata("ObjectKey")[(prefix.Length + 1)..], css.GetMetadata("Url"));
        Assert.AreEqual("text/css", css.GetMetadata("ContentType"));
        Assert.AreEqual("gzip", css.GetMetadata("ContentEncoding"));
        Assert.AreEqual(StaticPublishOptions.DefaultCacheControl, css.GetMetadata("CacheControl"));
        StringAssert.StartsWith(css.GetMetadata("Integrity"), "sha256-");
        Assert.AreEqual("True", css.GetMetadata("Fingerprinted"));
        Assert.AreEqual("Upload", css.GetMetadata("Action"));
        var robots = first.PublishedAssets.Single(i => i.ItemSpec == "robots.txt");
        Assert.AreEqual($"{prefix}/robots.txt", robots.GetMetadata("ObjectKey"));
        Assert.AreEqual("", robots.GetMetadata("OriginalKey"));
        Assert.AreEqual("False", robots.GetMetadata("Fingerprinted"));
        Assert.AreEqual(StaticPublishOptions.DefaultUnfingerprintedCacheControl, robots.GetMetadata("CacheControl"));
        Assert.HasCount(2, first.PublishedAssets);
        CollectionAssert.AreEqual(new[] { "Skip", "Skip" }, second.PublishedAssets.Select(i => i.GetMetadata("Action")).ToArray());
        Assert.IsTrue(firstEngine.Messages.Any(m => m.Importance == MessageImportance.Low && m.Message == $"[setting] StaticPublishPrefix={prefix}"),
            "the effective settings are logged at low importance");
        Assert.IsTrue(firstEngine.Messages.Any(m => m.Message == "[setting] StaticPublishConcurrency=64 (default)"));
    }

    [TestMethod]
    [DataRow("Gzip", "maybe", "The StaticPublishRule item 'html' has Gzip 'maybe', which is not true or false.")]
    [DataRow("Expires", "1d", "The StaticPublishRule item 'html' has the field 'Expires', which publish rules do not have.")]
    [DataRow("StorageClass", "ARCHIVE", "The StaticPublishRule item 'html' has StorageClass 'ARCHIVE', which is not a storage class")]
    [DataRow("Metadata", "owner", "The StaticPublishRule item 'html' has Metadata 'owner', whose part 'owner' is not name=value")]
    [DataRow("Pattern", "", "The StaticPublishRule item 'html' has no Pattern. MSBuild expands wildcards in Include against the project folder")]
    public async Task A_bad_rule_item_is_one_coded_error_naming_the_item_and_the_field_and_nothing_is_written(string field, string value, string message)
    {
        using var folder = TempFolder.Create("sp-task-");
        folder.Write("wwwroot/index.html", "<p>hi</p>");
        var prefix = UniqueNames.Prefix("task");
        var (task, engine) = NewTask(folder.Root, ("StaticPublishBucket", Bucket.BucketName), ("StaticPublishPrefix", prefix),
            ("StaticPublishEndpoint", Bucket.EnvironmentVariables["STATICPUBLISH_ENDPOINT"]));
        var metadata = new Dictionary<string, string> { ["Pattern"] = "**/*.html", ["CacheControl"] = "no-cache" };
        metadata[field] = value;
        task.Rules = [new Microsoft.Build.Utilities.TaskItem("html", metadata)];

        var succeeded = task.Execute();

        Assert.IsFalse(succeeded);
        var error = engine.Errors.Single();
        Assert.AreEqual(ErrorCodes.InvalidRule, error.Code);
        StringAssert.StartsWith(error.Message, message);
        Assert.IsFalse(File.Exists(Path.Combine(folder.Root, AssetManifest.FileName)), "nothing is written");
        Assert.IsEmpty(await Bucket.ListKeysAsync(prefix + "/"), "nothing is uploaded");
    }

    [TestMethod]
    public async Task Rule_items_apply_in_declaration_order_with_kms_encryption_and_the_items_report_each_assets_cache_control()
    {
        using var folder = TempFolder.Create("sp-task-");
        folder.Write("wwwroot/index.html", "<p>home</p>");
        folder.Write("wwwroot/downloads/guide.html", "<p>guide</p>");
        folder.Write("wwwroot/downloads/guide.pdf", "%PDF-1.4 not really");
        var prefix = UniqueNames.Prefix("task");
        var (task, engine) = NewTask(folder.Root, ("StaticPublishBucket", Bucket.BucketName), ("StaticPublishPrefix", prefix),
            ("StaticPublishEndpoint", Bucket.EnvironmentVariables["STATICPUBLISH_ENDPOINT"]), ("StaticPublishServerSideEncryption", "aws:kms"),
            ("StaticPublishKmsKeyId", "testkey-1"));
        task.Rules =
        [
            new Microsoft.Build.Utilities.TaskItem("html", new Dictionary<string, string> { ["Pattern"] = "**/*.html", ["CacheControl"] = "no-cache" }),
            new Microsoft.Build.Utilities.TaskItem("downloads", new Dictionary<string, string> { ["Pattern"] = "downloads/**", ["ContentDisposition"] = "attachment" }),
        ];

        Assert.IsTrue(task.Execute(), string.Join('\n', engine.Errors.Select(e => e.Message)));

        var items = task.PublishedAssets.ToDictionary(i => i.ItemSpec);
        Assert.AreEqual("no-cache", items["index.html"].GetMetadata("CacheControl"));
        Assert.AreEqual("no-cache", items["downloads/guide.html"].GetMetadata("CacheControl"), "the first matching rule wins");
        Assert.AreEqual(StaticPublishOptions.DefaultCacheControl, items["downloads/guide.pdf"].GetMetadata("CacheControl"));
        var guide = await Bucket.Client.GetObjectMetadataAsync(Bucket.BucketName, items["downloads/guide.html"].GetMetadata("ObjectKey"));
        Assert.IsNull(guide.Headers.ContentDisposition, "the html rule came first");
        var pdf = await Bucket.Client.GetObjectMetadataAsync(Bucket.BucketName, items["downloads/guide.pdf"].GetMetadata("ObjectKey"));
        Assert.AreEqual("attachment", pdf.Headers.ContentDisposition);
        Assert.AreEqual("aws:kms", pdf.ServerSideEncryptionMethod?.Value);
        Assert.IsTrue(engine.Messages.Any(m => m.Message?.Contains("2 publish rules from StaticPublishRule items", StringComparison.Ordinal) == true));
    }

    private static (PublishStaticAssets Task, RecordingBuildEngine Engine) NewTask(string publishDirectory, params (string Property, string Value)[] settings)
    {
        var engine = new RecordingBuildEngine();
        var task = new PublishStaticAssets
        {
            BuildEngine = engine,
            PublishDirectory = publishDirectory,
            Settings = [.. settings.Select(s => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(s.Property, new Dictionary<string, string> { ["Value"] = s.Value }))],
        };
        return (task, engine);
    }
}
