using System.CommandLine;
using StaticPublish.Cli.Configuration;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Settings;
using StaticPublish.Core.Signing;
using StaticPublish.Core.Storage;

namespace StaticPublish.Cli.Commands;

/// <summary>
/// <c>sign-url &lt;url&gt;</c>: a CloudFront-signed URL (canned or custom policy) for an https URL, or an S3 presigned
/// URL for <c>s3://bucket/key</c>. The private key comes from a file or an environment variable, never from an argument.
/// </summary>
internal sealed class SignUrlCommand(CliContext context)
{
    /// <summary>The variable holding the CloudFront private key's PEM text.</summary>
    public const string PrivateKeyVariable = "STATICPUBLISH_CLOUDFRONT_PRIVATE_KEY";

    // SigV4 presigned URLs are valid for at most seven days.
    private static readonly TimeSpan MaxPresignedLifetime = TimeSpan.FromDays(7);

    private readonly Argument<string> _url = new("url")
    {
        Description = "The viewer URL to CloudFront-sign (https://cdn.example.com/private/report.pdf), or s3://bucket/key for an S3 presigned URL.",
    };

    private readonly CliOption<string?> _keyPairId = new("--key-pair-id",
        "The CloudFront public key id (or key pair id) in the distribution's trusted key group.",
        "STATICPUBLISH_CLOUDFRONT_KEY_PAIR_ID", Values.Text, helpName: "id");

    private readonly CliOption<string?> _privateKeyFile = new("--private-key-file",
        $"A PEM file with the CloudFront private key (RSA 2048 or ECDSA P-256). Or put the PEM text in {PrivateKeyVariable}.",
        "STATICPUBLISH_CLOUDFRONT_PRIVATE_KEY_FILE", Values.Text, helpName: "file");

    private readonly CliOption<TimeSpan> _expiresIn = new("--expires-in",
        "How long the URL works, e.g. 15m, 1h, 7d.", "STATICPUBLISH_EXPIRES_IN", SettingText.Duration, TimeSpan.FromHours(1), helpName: "duration");

    private readonly CliOption<string> _policy = new("--policy",
        "canned, or custom (implied by --ip, --not-before and --resource).", null, Values.Choice("canned", "custom"), "canned", helpName: "canned|custom");

    private readonly CliOption<string?> _resource = new("--resource",
        "The custom policy's resource, which may use * and ? wildcards (default: the URL).", null, Values.Text, helpName: "url");

    private readonly CliOption<string?> _ip = new("--ip", "Custom policy: the viewer address or CIDR range allowed.", null, Values.Text, helpName: "address");

    private readonly CliOption<DateTimeOffset?> _notBefore = new("--not-before",
        "Custom policy: when the URL starts to work, as an ISO 8601 date-time or a duration from now.", null, (text, name) => Values.Instant(text, name), helpName: "time");

    private readonly CliOption<string> _hash = new("--hash", "The signature hash: sha1 (CloudFront's default) or sha256.", null, Values.Choice("sha1", "sha256"), "sha1", helpName: "sha1|sha256");

    private CliSettings _settings = null!;

    public static Command Create(CliContext context) => new SignUrlCommand(context).Create();

    private Command Create()
    {
        var command = new Command("sign-url", "Print a CloudFront-signed URL (canned or custom policy), or an S3 presigned URL for s3://bucket/key.")
        {
            _url, _keyPairId.Option, _privateKeyFile.Option, _expiresIn.Option, _policy.Option, _resource.Option, _ip.Option, _notBefore.Option, _hash.Option,
        };
        _settings = context.Settings.For(command);
        command.SetAction((parse, cancellationToken) => CliApplication.GuardAsync(context.Console, () => Task.FromResult(Run(parse))));
        return command;
    }

    private int Run(ParseResult parse)
    {
        var environment = context.Environment;
        var url = parse.GetValue(_url)!;
        var expiresIn = _expiresIn.Get(parse, environment);
        if (expiresIn <= TimeSpan.Zero)
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting, "--expires-in must be longer than 0.");
        }

        if (expiresIn >= DateTimeOffset.MaxValue - DateTimeOffset.UtcNow)
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting, "--expires-in ends after the year 9999; give a shorter duration.");
        }

        context.Console.Line(url.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)
            ? Presign(parse, url, expiresIn)
            : SignCloudFront(parse, url, DateTimeOffset.UtcNow + expiresIn));
        return ExitCodes.Success;
    }

    private string Presign(ParseResult parse, string url, TimeSpan expiresIn)
    {
        var path = url["s3://".Length..];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == path.Length - 1)
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting, $"'{url}' is not s3://bucket/key. Name the bucket and the object key.");
        }

        if (expiresIn > MaxPresignedLifetime)
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting, "--expires-in must be at most 7d for an S3 presigned URL (a SigV4 limit).");
        }

        var options = _settings.Read(parse, context.Environment).ToStorageOptions(bucket: path[..slash]);
        options.Location = "";
        using var storage = new S3Storage(options);
        return storage.Url(Uri.UnescapeDataString(path[(slash + 1)..]), expiresIn);
    }

    private string SignCloudFront(ParseResult parse, string url, DateTimeOffset expires)
    {
        var environment = context.Environment;
        var keyPairId = _keyPairId.Get(parse, environment);
        if (string.IsNullOrEmpty(keyPairId))
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting,
                $"CloudFront signing needs the key pair id: pass --key-pair-id or set {_keyPairId.EnvironmentVariable}. For an S3 presigned URL, give s3://bucket/key instead.");
        }

        var hash = _hash.Get(parse, environment) == "sha256" ? CloudFrontHashAlgorithm.Sha256 : CloudFrontHashAlgorithm.Sha1;
        var keyFile = _privateKeyFile.Get(parse, environment);
        var pem = environment(PrivateKeyVariable);
        using var signer = !string.IsNullOrEmpty(keyFile)
            ? CloudFrontSigner.FromPemFile(keyPairId, keyFile, hash)
            : !string.IsNullOrEmpty(pem)
                ? new CloudFrontSigner(keyPairId, pem, hash, PrivateKeyVariable)
                : throw new StaticPublishException(ErrorCodes.InvalidSetting,
                    $"CloudFront signing needs the private key: pass --private-key-file <pem file>, or put the PEM text in {PrivateKeyVariable}. It is never taken as an argument, which would end up in logs.");

        var resource = _resource.Get(parse, environment);
        var ip = _ip.Get(parse, environment);
        var notBefore = _notBefore.Get(parse, environment);
        var conditions = resource is not null || ip is not null || notBefore is not null;
        var custom = _policy.IsGiven(parse, environment) ? _policy.Get(parse, environment) == "custom" : conditions;
        if (!custom && conditions)
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting, "--resource, --ip and --not-before need a custom policy; drop --policy canned.");
        }

        return custom
            ? signer.SignCustom(url, new CloudFrontPolicy(resource ?? url, expires, notBefore, ip))
            : signer.SignCanned(url, expires);
    }
}
