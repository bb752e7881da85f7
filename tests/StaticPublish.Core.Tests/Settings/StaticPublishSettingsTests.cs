using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Settings;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Tests.Settings;

/// <summary>The one seam both faces read their settings through: defaults, empty text, and errors named as given.</summary>
[TestClass]
public sealed class StaticPublishSettingsTests
{
    [TestMethod]
    [DataRow(SettingFaces.MSBuild)]
    [DataRow(SettingFaces.CommandLine)]
    public void With_only_a_bucket_every_option_is_the_options_type_default(SettingFaces face)
    {
        var options = Read(face, ("Bucket", "assets")).ToPublishOptions();
        var defaults = new StaticPublishOptions { Storage = new S3StorageOptions() };

        Assert.AreEqual("assets", options.Storage.BucketName);
        Assert.AreEqual("", options.Storage.Location);
        Assert.AreEqual(S3AddressingStyle.Auto, options.Storage.AddressingStyle);
        Assert.IsNull(options.Storage.ChecksumsWhenRequired);
        Assert.AreEqual(defaults.CacheControl, options.CacheControl);
        Assert.AreEqual(defaults.UnfingerprintedCacheControl, options.UnfingerprintedCacheControl);
        CollectionAssert.AreEqual(defaults.GzipContentTypes.ToArray(), options.GzipContentTypes.ToArray());
        CollectionAssert.AreEqual(defaults.CorsOrigins.ToArray(), options.CorsOrigins.ToArray());
        Assert.AreEqual(defaults.Concurrency, options.Concurrency);
        Assert.AreEqual(defaults.KeepReleases, options.KeepReleases);
        Assert.AreEqual(defaults.MaxDeletes, options.MaxDeletes);
        Assert.AreEqual(defaults.PruneMinimumAge, options.PruneMinimumAge);
        Assert.AreEqual(defaults.Cors, options.Cors);
        Assert.AreEqual(defaults.OriginalNames, options.OriginalNames);
        Assert.AreEqual(defaults.Prune, options.Prune);
        Assert.AreEqual(defaults.DryRun, options.DryRun);
        Assert.IsNull(options.BaseUrl);
        Assert.IsNull(options.AppName);
        Assert.IsNull(options.ManifestPath);
    }

    [TestMethod]
    public void Empty_and_blank_text_means_the_default_the_way_an_unset_MSBuild_property_is_empty()
    {
        var options = Read(SettingFaces.MSBuild, ("Bucket", "assets"), ("Concurrency", ""), ("CacheControl", "  "), ("Cors", ""), ("GzipContentTypes", "")).ToPublishOptions();

        Assert.AreEqual(StaticPublishOptions.DefaultConcurrency, options.Concurrency);
        Assert.AreEqual(StaticPublishOptions.DefaultCacheControl, options.CacheControl);
        Assert.IsTrue(options.Cors);
        Assert.HasCount(StaticPublishOptions.DefaultGzipContentTypes.Count, options.GzipContentTypes);
    }

    [TestMethod]
    public void Given_text_becomes_typed_options()
    {
        var options = Read(SettingFaces.MSBuild,
            ("StaticPublishBucket", "assets"), ("Prefix", "static"), ("Endpoint", "http://127.0.0.1:9000"), ("ForcePathStyle", "false"),
            ("ChecksumsWhenRequired", "no"), ("Acl", "public-read"), ("Concurrency", " 4 "), ("PruneOlderThan", "1d12h"),
            ("GzipContentTypes", "text/css; application/json,image/svg+xml"), ("KeepNamePatterns", "robots.txt;{a,b}/*.js"),
            ("CorsOrigins", "https://a.example;https://b.example"), ("OriginalNames", "OFF"), ("AppName", "shop")).ToPublishOptions();

        Assert.AreEqual("static", options.Storage.Location);
        Assert.AreEqual("http://127.0.0.1:9000", options.Storage.EndpointUrl);
        Assert.AreEqual(S3AddressingStyle.Virtual, options.Storage.AddressingStyle);
        Assert.IsFalse(options.Storage.ChecksumsWhenRequired);
        Assert.AreEqual("public-read", options.Storage.DefaultAcl);
        Assert.AreEqual(4, options.Concurrency);
        Assert.AreEqual(TimeSpan.FromHours(36), options.PruneMinimumAge);
        CollectionAssert.AreEqual(new[] { "text/css", "application/json", "image/svg+xml" }, options.GzipContentTypes.ToArray(), "lists split at ';' and ','");
        CollectionAssert.AreEqual(new[] { "robots.txt", "{a,b}/*.js" }, options.KeepNamePatterns.ToArray(), "globs split at ';' only");
        CollectionAssert.AreEqual(new[] { "https://a.example", "https://b.example" }, options.CorsOrigins.ToArray());
        Assert.IsFalse(options.OriginalNames);
        Assert.AreEqual("shop", options.AppName);
    }

    [TestMethod]
    [DataRow(SettingFaces.MSBuild, SettingSource.MSBuildProperty, "StaticPublishConcurrency is 'many', which is not a whole number.")]
    [DataRow(SettingFaces.CommandLine, SettingSource.Option, "--concurrency is 'many', which is not a whole number.")]
    [DataRow(SettingFaces.CommandLine, SettingSource.Variable, "STATICPUBLISH_CONCURRENCY is 'many', which is not a whole number.")]
    public void Text_that_is_not_a_value_is_SPUB2003_naming_the_setting_as_given(SettingFaces face, SettingSource source, string message)
    {
        var error = Assert.ThrowsExactly<StaticPublishException>(() =>
            StaticPublishSettings.From([KeyValuePair.Create("Concurrency", (string?)"many")], face, _ => source));

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
        Assert.AreEqual(message, error.Message);
    }

    [TestMethod]
    [DataRow(SettingFaces.MSBuild, SettingSource.MSBuildProperty, "Concurrency", "0", "StaticPublishConcurrency must be between 1 and 256, not 0.")]
    [DataRow(SettingFaces.CommandLine, SettingSource.Option, "Concurrency", "0", "--concurrency must be between 1 and 256, not 0.")]
    [DataRow(SettingFaces.CommandLine, SettingSource.Variable, "KeepReleases", "0", "STATICPUBLISH_KEEP_RELEASES must be at least 1, not 0.")]
    [DataRow(SettingFaces.MSBuild, SettingSource.MSBuildProperty, "Endpoint", "localhost:9000", "StaticPublishEndpoint 'localhost:9000' is not an absolute http:// or https:// URL")]
    [DataRow(SettingFaces.CommandLine, SettingSource.Option, "Prefix", "static/../x", "--prefix 'static/../x' must not contain '.' or '..' segments.")]
    [DataRow(SettingFaces.MSBuild, SettingSource.MSBuildProperty, "BaseUrl", "cdn.example.com", "StaticPublishBaseUrl 'cdn.example.com' is not an absolute http:// or https:// URL")]
    public void Validation_names_the_setting_as_given(SettingFaces face, SettingSource source, string name, string text, string message)
    {
        var options = StaticPublishSettings.From([KeyValuePair.Create("Bucket", (string?)"assets"), KeyValuePair.Create(name, (string?)text)], face, _ => source)
            .ToPublishOptions();

        var error = Assert.ThrowsExactly<StaticPublishException>(options.Validate);

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
        StringAssert.StartsWith(error.Message, message);
    }

    [TestMethod]
    [DataRow(SettingFaces.MSBuild, "No bucket was given. Set StaticPublishBucket in the project file or pass -p:StaticPublishBucket=<name>.")]
    [DataRow(SettingFaces.CommandLine, "No bucket was given. Pass --bucket <name> or set STATICPUBLISH_BUCKET.")]
    public void A_missing_bucket_says_how_to_give_one_in_that_face(SettingFaces face, string message)
    {
        var error = Assert.ThrowsExactly<StaticPublishException>(() => Read(face).ToStorageOptions());

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
        Assert.AreEqual(message, error.Message);
    }

    [TestMethod]
    [DataRow("Bucketname")]
    [DataRow("IncludeDotfiles")]
    public void A_setting_the_face_does_not_have_is_SPUB2003_listing_the_ones_it_has(string name)
    {
        var error = Assert.ThrowsExactly<StaticPublishException>(() => Read(SettingFaces.MSBuild, (name == "Bucketname" ? "StaticPublishBucketName" : name, "x")));

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
        StringAssert.Contains(error.Message, "is not a StaticPublish setting MSBuild passes. The settings are: Bucket, Prefix,");
        Assert.IsFalse(error.Message.Contains("IncludeDotfiles,", StringComparison.Ordinal), "command-line-only settings are not offered to MSBuild");
    }

    [TestMethod]
    public void Plan_only_is_a_dry_run_with_no_manifest_even_for_a_plain_folder_without_one()
    {
        var folder = Directory.CreateTempSubdirectory("sp-settings-");
        try
        {
            var settings = Read(SettingFaces.CommandLine, ("Bucket", "assets"));

            var plan = settings.ToPublishOptions(folder.FullName, planOnly: true);
            var publish = Assert.ThrowsExactly<StaticPublishException>(() => settings.ToPublishOptions(folder.FullName));

            Assert.IsTrue(plan.DryRun);
            Assert.IsNull(plan.ManifestPath);
            Assert.AreEqual(Path.GetFileName(folder.FullName), plan.AppName, "the app name defaults to the folder's");
            StringAssert.Contains(publish.Message, "is a plain folder of assets, so the manifest has no default place. Give --manifest a path outside it");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void Describe_lists_each_setting_of_the_face_once_and_marks_defaults()
    {
        var lines = Read(SettingFaces.MSBuild, ("Bucket", "assets"), ("Concurrency", "4")).Describe().ToList();

        Assert.HasCount(SettingTable.All.Count(s => s.Faces.HasFlag(SettingFaces.MSBuild)), lines);
        CollectionAssert.Contains(lines, "StaticPublishBucket=assets");
        CollectionAssert.Contains(lines, "StaticPublishConcurrency=4");
        CollectionAssert.Contains(lines, "StaticPublishKeepReleases=5 (default)");
        CollectionAssert.Contains(lines, "StaticPublishCacheControl=public, max-age=31536000, immutable (default)");
    }

    [TestMethod]
    public void The_table_names_each_setting_once_in_every_face()
    {
        foreach (var names in new Func<StaticPublishSetting, string?>[] { s => s.Name, s => s.Property, s => s.Option, s => s.Variable })
        {
            var given = SettingTable.All.Select(names).OfType<string>().ToList();
            Assert.HasCount(given.Count, given.Distinct(StringComparer.OrdinalIgnoreCase), "no two settings share a name");
        }

        Assert.AreEqual("--unfingerprinted-cache-control", SettingTable.UnfingerprintedCacheControl.Option);
        Assert.AreEqual("STATICPUBLISH_UNFINGERPRINTED_CACHE_CONTROL", SettingTable.UnfingerprintedCacheControl.Variable);
        Assert.AreEqual("StaticPublishUnfingerprintedCacheControl", SettingTable.UnfingerprintedCacheControl.Property);
    }

    private static StaticPublishSettings Read(SettingFaces face, params (string Name, string Text)[] values) =>
        StaticPublishSettings.From(values.Select(v => KeyValuePair.Create(v.Name, (string?)v.Text)), face);
}
