using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using StaticPublish.AspNetCore.Configuration;
using StaticPublish.AspNetCore.Urls;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Signing;

namespace StaticPublish.AspNetCore.Benchmarks;

/// <summary>The runtime's hot path: resolving a manifest path to a URL while rendering a view.</summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes the keys.
public class UrlLookupBenchmarks
#pragma warning restore CA1001
{
    private const string Path = "lib/bootstrap/dist/css/bootstrap.min.css";
    private const string AppRelativePath = "~/lib/bootstrap/dist/css/bootstrap.min.css";
    private StaticAssetUrls _unsigned = null!;
    private StaticAssetUrls _signed = null!;
    private CloudFrontSigner _rsa = null!;
    private CloudFrontSigner _ecdsa = null!;
    private RSA _rsaKey = null!;
    private ECDsa _ecKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        var manifest = new AssetManifest
        {
            Release = "0123456789abcdef",
            BaseUrl = "https://cdn.example.com/static/",
            Assets = new SortedDictionary<string, AssetManifestEntry>(StringComparer.Ordinal),
        };
        for (var i = 0; i < 2000; i++)
        {
            Add(manifest, $"lib/pkg{i}/dist/file{i}.js");
        }

        Add(manifest, Path);
        var catalog = new StaticAssetCatalog(manifest, manifest.BaseUrl, null);
        _unsigned = new StaticAssetUrls(catalog, AssetUrlStrategy.Unsigned, NullLogger<StaticAssetUrls>.Instance, null);

        _rsaKey = RSA.Create(2048);
        _ecKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _rsa = new CloudFrontSigner("K2JCJMDEHXQW5F", _rsaKey.ExportPkcs8PrivateKeyPem());
        _ecdsa = new CloudFrontSigner("K2JCJMDEHXQW5F", _ecKey.ExportPkcs8PrivateKeyPem(), CloudFrontHashAlgorithm.Sha256);
        var options = new StaticPublishRuntimeOptions();
        _signed = new StaticAssetUrls(catalog, AssetUrlStrategy.Signed(TimeProvider.System, options, AssetUrlStrategy.CloudFront(_rsa, options.CloudFront)),
            NullLogger<StaticAssetUrls>.Instance, null);
        _ = _signed.Get(Path);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rsa.Dispose();
        _ecdsa.Dispose();
        _rsaKey.Dispose();
        _ecKey.Dispose();
    }

    [Benchmark(Baseline = true, Description = "unsigned lookup (TryGet)")]
    public string UnsignedLookup() => _unsigned.TryGet(Path, out var url) ? url : "";

    [Benchmark(Description = "unsigned lookup (indexer, ~/ path)")]
    public string UnsignedIndexer() => _unsigned[AppRelativePath];

    [Benchmark(Description = "signed lookup, cached window")]
    public string SignedCachedWindow() => _signed.TryGet(Path, out var url) ? url : "";

    [Benchmark(Description = "first signature, RSA-2048 SHA-1")]
    public string FirstSignatureRsa() => _rsa.SignCanned("https://cdn.example.com/static/" + Path, DateTimeOffset.UtcNow.AddHours(1));

    [Benchmark(Description = "first signature, ECDSA P-256 SHA-256")]
    public string FirstSignatureEcdsa() => _ecdsa.SignCanned("https://cdn.example.com/static/" + Path, DateTimeOffset.UtcNow.AddHours(1));

    private static void Add(AssetManifest manifest, string path) => manifest.Assets[path] = new AssetManifestEntry
    {
        Key = "static/" + path,
        Path = path,
        Size = 1000,
        ContentType = "text/javascript",
        CacheControl = StaticPublishOptions.DefaultCacheControl,
        Integrity = "sha256-AAAA",
        Fingerprinted = true,
    };
}
