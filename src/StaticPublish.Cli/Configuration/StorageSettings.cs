using System.CommandLine;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;

namespace StaticPublish.Cli.Configuration;

/// <summary>
/// Where the bucket is: options every command takes (they may come before or after the command name). Credentials
/// never come from here: they come from the AWS SDK chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE,
/// instance roles), so they stay out of command lines and CI logs.
/// </summary>
internal sealed class StorageSettings
{
    public CliOption<string?> Bucket { get; } = new("--bucket", "The S3 bucket (StaticPublishBucket).", "STATICPUBLISH_BUCKET", Values.Text, helpName: "name");

    public CliOption<string?> Prefix { get; } = new("--prefix", "The key prefix (StaticPublishPrefix).", "STATICPUBLISH_PREFIX", Values.Text, helpName: "prefix");

    public CliOption<string?> Region { get; } = new("--region",
        "The region (StaticPublishRegion). Default: AWS_REGION, then us-east-1.", "STATICPUBLISH_REGION", Values.Text, helpName: "region");

    public CliOption<string?> Endpoint { get; } = new("--endpoint",
        "An S3-compatible endpoint URL (StaticPublishEndpoint); implies path-style addressing.", "STATICPUBLISH_ENDPOINT", Values.Text, helpName: "url");

    public CliOption<bool> ForcePathStyle { get; } = new("--force-path-style",
        "Path-style (true) or virtual-hosted (false) addressing (StaticPublishForcePathStyle). Default: path-style with --endpoint.",
        "STATICPUBLISH_FORCE_PATH_STYLE", Values.Flag, helpName: "true|false");

    public CliOption<bool> ChecksumsWhenRequired { get; } = new("--checksums-when-required",
        "Send request checksums only when required (true), as S3-compatible stores need. Default: true with --endpoint.",
        "STATICPUBLISH_CHECKSUMS_WHEN_REQUIRED", Values.Flag, helpName: "true|false");

    public CliOption<string?> CaBundle { get; } = new("--ca-bundle",
        "A PEM file of CA certificates to trust for the endpoint's TLS certificate.", "STATICPUBLISH_CA_BUNDLE", Values.Text, helpName: "file");

    /// <summary>Adds the options to the root command, recursively, so every command takes them.</summary>
    public void AddTo(Command root)
    {
        foreach (var option in new Option[] { Bucket.Option, Prefix.Option, Region.Option, Endpoint.Option, ForcePathStyle.Option, ChecksumsWhenRequired.Option, CaBundle.Option })
        {
            option.Recursive = true;
            root.Add(option);
        }
    }

    /// <summary>Reads and validates the storage options.</summary>
    /// <exception cref="StaticPublishException"><c>SPUB2003</c> for a missing bucket or an invalid value.</exception>
    public S3StorageOptions Read(ParseResult parse, Func<string, string?> environment, string? bucketOverride = null, string? acl = null)
    {
        var bucket = bucketOverride ?? Bucket.Get(parse, environment);
        if (string.IsNullOrWhiteSpace(bucket))
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting, $"No bucket was given. Pass --bucket <name> or set {Bucket.EnvironmentVariable}.");
        }

        var options = new S3StorageOptions
        {
            BucketName = bucket,
            Location = Prefix.Get(parse, environment) ?? "",
            Region = NullIfEmpty(Region.Get(parse, environment)),
            EndpointUrl = NullIfEmpty(Endpoint.Get(parse, environment)),
            AddressingStyle = ForcePathStyle.IsGiven(parse, environment)
                ? ForcePathStyle.Get(parse, environment) ? S3AddressingStyle.Path : S3AddressingStyle.Virtual
                : S3AddressingStyle.Auto,
            ChecksumsWhenRequired = ChecksumsWhenRequired.IsGiven(parse, environment) ? ChecksumsWhenRequired.Get(parse, environment) : null,
            CaBundlePath = NullIfEmpty(CaBundle.Get(parse, environment)),
            DefaultAcl = NullIfEmpty(acl),
        };
        options.Validate();
        return options;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
