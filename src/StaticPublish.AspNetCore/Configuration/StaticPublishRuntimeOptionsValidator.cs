using Microsoft.Extensions.Options;
using StaticPublish.Core.Errors;

namespace StaticPublish.AspNetCore.Configuration;

/// <summary>Validates the <c>StaticPublish</c> section at startup; each failure names the setting and what to do.</summary>
internal sealed class StaticPublishRuntimeOptionsValidator : IValidateOptions<StaticPublishRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, StaticPublishRuntimeOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ManifestPath))
        {
            failures.Add("StaticPublish:ManifestPath must not be empty.");
        }

        if (options.BaseUrl is not null && !(Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            failures.Add($"StaticPublish:BaseUrl '{options.BaseUrl}' is not an absolute http(s) URL.");
        }

        if (options.UrlMode is StaticAssetUrlMode.S3Public or StaticAssetUrlMode.S3Presigned && string.IsNullOrWhiteSpace(options.Storage?.BucketName))
        {
            failures.Add($"StaticPublish:Storage:BucketName is required for UrlMode {options.UrlMode}.");
        }

        var signsCloudFront = options.UrlMode == StaticAssetUrlMode.CloudFrontSigned || options.SignedCookies.Enabled;
        if (signsCloudFront && string.IsNullOrWhiteSpace(options.CloudFront.KeyPairId))
        {
            failures.Add("StaticPublish:CloudFront:KeyPairId is required to sign CloudFront URLs or cookies.");
        }

        if (signsCloudFront && string.IsNullOrWhiteSpace(options.CloudFront.PrivateKey) && string.IsNullOrWhiteSpace(options.CloudFront.PrivateKeyFile))
        {
            failures.Add("StaticPublish:CloudFront:PrivateKey (from user secrets or a secret store) or StaticPublish:CloudFront:PrivateKeyFile is required to sign CloudFront URLs or cookies.");
        }

        if (options.SignedCookies.Enabled && options.UrlMode != StaticAssetUrlMode.Public)
        {
            failures.Add("StaticPublish:SignedCookies needs UrlMode Public: with cookies, pages use plain URLs.");
        }

        if (options.SignedUrlLifetime <= TimeSpan.Zero)
        {
            failures.Add("StaticPublish:SignedUrlLifetime must be positive.");
        }

        if (options.SignedUrlWindow <= TimeSpan.Zero || options.SignedUrlWindow > options.SignedUrlLifetime)
        {
            failures.Add("StaticPublish:SignedUrlWindow must be positive and no longer than SignedUrlLifetime.");
        }

        return failures.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(failures.Select(f => $"{ErrorCodes.InvalidSetting}: {f}"));
    }
}
