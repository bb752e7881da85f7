using StaticPublish.AspNetCore.Configuration;
using StaticPublish.AspNetCore.Tests.Infrastructure;
using StaticPublish.AspNetCore.Urls;
using StaticPublish.Core.Storage;

namespace StaticPublish.AspNetCore.Tests.Units;

[TestClass]
public sealed class SignedStrategyTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 1, 30, TimeSpan.Zero);

    [TestMethod]
    public void A_signed_url_is_signed_once_per_asset_and_window_with_the_windows_expiry()
    {
        var time = new ManualTimeProvider(Start);
        var calls = new List<(string Path, string? Query, DateTimeOffset Expires)>();
        var strategy = AssetUrlStrategy.Signed(time, new StaticPublishRuntimeOptions(), (asset, query, expires) =>
        {
            calls.Add((asset.LogicalPath, query, expires));
            return $"{asset.UnsignedUrl}?sig={calls.Count}";
        });
        var asset = Asset("css/site.css");

        var first = strategy.Get(asset);
        var again = strategy.Get(asset);
        time.Now = Start.AddMinutes(4);
        var next = strategy.Get(asset);

        Assert.AreSame(first, again);
        Assert.AreNotEqual(first, next);
        Assert.HasCount(2, calls);
        Assert.AreEqual(new DateTimeOffset(2026, 11, 21, 13, 5, 0, TimeSpan.Zero), calls[0].Expires);
        Assert.AreEqual(new DateTimeOffset(2026, 11, 21, 13, 10, 0, TimeSpan.Zero), calls[1].Expires);
        Assert.IsNull(calls[0].Query);
    }

    [TestMethod]
    public void A_references_query_goes_to_the_signer_with_the_same_windows_expiry()
    {
        var calls = new List<(string? Query, DateTimeOffset Expires)>();
        var strategy = AssetUrlStrategy.Signed(new ManualTimeProvider(Start), new StaticPublishRuntimeOptions(), (asset, query, expires) =>
        {
            calls.Add((query, expires));
            return asset.UnsignedUrl;
        });

        strategy.Get(Asset("css/site.css"), "theme=dark");

        Assert.AreEqual(("theme=dark", new DateTimeOffset(2026, 11, 21, 13, 5, 0, TimeSpan.Zero)), calls.Single());
    }

    [TestMethod]
    public void The_runtime_storage_is_a_copy_and_the_bound_options_are_left_as_configured()
    {
        var configured = new S3StorageOptions
        {
            BucketName = "assets",
            Location = "media",
            EndpointUrl = "http://127.0.0.1:7480",
            CustomDomain = "cdn.example.com",
            AccessKey = "key",
            SecretKey = "secret",
            QuerystringAuth = false,
        };

        var runtime = StaticPublishStorage.ForRuntime(configured, presigned: true);

        Assert.AreNotSame(configured, runtime);
        Assert.AreEqual(("media", "cdn.example.com", false), (configured.Location, configured.CustomDomain, configured.QuerystringAuth));
        Assert.AreEqual(("", null, true), (runtime.Location, runtime.CustomDomain, runtime.QuerystringAuth));
        Assert.AreEqual(("assets", "http://127.0.0.1:7480", "key", "secret"), (runtime.BucketName, runtime.EndpointUrl, runtime.AccessKey, runtime.SecretKey));
    }

    private static StaticAsset Asset(string path) => new(path, ManifestEntries.Stylesheet(path), "https://cdn.example.com/static/" + path);
}
