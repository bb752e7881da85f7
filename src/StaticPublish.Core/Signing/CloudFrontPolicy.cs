using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Signing;

/// <summary>
/// What a CloudFront signature allows: a resource, until when, and optionally from when and from which addresses.
/// Immutable; invalid values are rejected when it is created.
/// </summary>
/// <remarks>
/// With only <see cref="Resource"/> and <see cref="Expires"/> it is a canned policy (<see cref="IsCanned"/>), which
/// CloudFront rebuilds from the request, so signed URLs carry just <c>Expires</c>. Anything else makes it a custom
/// policy, which travels in full as <c>Policy</c>.
/// </remarks>
public sealed class CloudFrontPolicy
{
    // UnsafeRelaxedJsonEscaping keeps '&', '+' and '\'' literal, as botocore's json.dumps does; CloudFront compares
    // the policy text with the request, so HTML-safe escapes like \u0026 would not match.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static readonly SearchValues<char> Ipv6Characters = SearchValues.Create("0123456789abcdefABCDEF:.");

    private readonly long _expiresEpoch;
    private readonly long? _notBeforeEpoch;

    /// <summary>Creates a policy.</summary>
    /// <param name="resource">
    /// The URL the signature allows. For a custom policy it may use the wildcards <c>*</c> (any characters) and
    /// <c>?</c> (one character), for example <c>https://cdn.example.com/private/*</c>.
    /// </param>
    /// <param name="expires">The end of the allowed window (<c>DateLessThan</c>), sent as whole Unix seconds.</param>
    /// <param name="notBefore">The start of the allowed window (<c>DateGreaterThan</c>), if any.</param>
    /// <param name="ipAddress">
    /// The viewer addresses allowed (<c>IpAddress</c>), if any: an IPv4 or IPv6 address or CIDR range. A bare address
    /// gets <c>/32</c> (IPv4) or <c>/128</c> (IPv6), as botocore does.
    /// </param>
    /// <exception cref="StaticPublishException">
    /// <see cref="ErrorCodes.InvalidSetting"/>: the resource is empty, the expiry is not after the start or before
    /// 1970, or the IP address does not parse.
    /// </exception>
    public CloudFrontPolicy(string resource, DateTimeOffset expires, DateTimeOffset? notBefore = null, string? ipAddress = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Length == 0)
        {
            throw new StaticPublishException(
                ErrorCodes.InvalidSetting,
                "The CloudFront policy resource is empty. Set it to the URL to allow, for example 'https://cdn.example.com/private/*'.");
        }

        _expiresEpoch = expires.ToUnixTimeSeconds();
        if (_expiresEpoch <= 0)
        {
            throw new StaticPublishException(
                ErrorCodes.InvalidSetting,
                string.Create(CultureInfo.InvariantCulture, $"The CloudFront policy expiry {expires:O} for '{resource}' is not after 1970-01-01T00:00:00Z. Use a time in the future."));
        }

        if (notBefore is { } start)
        {
            _notBeforeEpoch = start.ToUnixTimeSeconds();
            // Compared in whole seconds, because that is all CloudFront sees.
            if (_notBeforeEpoch >= _expiresEpoch)
            {
                throw new StaticPublishException(
                    ErrorCodes.InvalidSetting,
                    string.Create(CultureInfo.InvariantCulture, $"The CloudFront policy for '{resource}' expires at {expires:O}, which is not after its start {start:O} (in whole seconds). Make the expiry later than the start."));
            }
        }

        Resource = resource;
        Expires = expires;
        NotBefore = notBefore;
        IpAddress = ipAddress is null ? null : NormalizeSourceIp(ipAddress);
    }

    /// <summary>The URL the signature allows; in a custom policy it may contain <c>*</c> and <c>?</c> wildcards.</summary>
    public string Resource { get; }

    /// <summary>The end of the allowed window. CloudFront sees it as whole Unix seconds, rounded down.</summary>
    public DateTimeOffset Expires { get; }

    /// <summary>The start of the allowed window, or <see langword="null"/> for none.</summary>
    public DateTimeOffset? NotBefore { get; }

    /// <summary>
    /// The allowed viewer addresses in CIDR form (a bare address already has <c>/32</c> or <c>/128</c> added), or
    /// <see langword="null"/> for any address.
    /// </summary>
    public string? IpAddress { get; }

    /// <summary>
    /// <see langword="true"/> when the policy has only <see cref="Resource"/> and <see cref="Expires"/>, so it can be
    /// sent as a canned policy.
    /// </summary>
    public bool IsCanned => NotBefore is null && IpAddress is null;

    /// <summary><see cref="Expires"/> as whole Unix seconds, rounded down.</summary>
    internal long ExpiresEpochSeconds => _expiresEpoch;

    /// <summary>
    /// The policy as the compact UTF-8 JSON CloudFront signs, byte for byte in botocore's layout:
    /// <c>{"Statement":[{"Resource":"…","Condition":{"DateLessThan":{"AWS:EpochTime":n}}}]}</c>, with
    /// <c>IpAddress</c> and then <c>DateGreaterThan</c> after <c>DateLessThan</c> when present.
    /// </summary>
    /// <returns>A new array each call, so callers may keep or change it.</returns>
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(128 + Resource.Length);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Statement"u8);
            writer.WriteStartObject();
            writer.WriteString("Resource"u8, Resource);
            writer.WriteStartObject("Condition"u8);
            WriteEpochTime(writer, "DateLessThan"u8, _expiresEpoch);
            if (IpAddress is not null)
            {
                writer.WriteStartObject("IpAddress"u8);
                writer.WriteString("AWS:SourceIp"u8, IpAddress);
                writer.WriteEndObject();
            }

            if (_notBeforeEpoch is { } start)
            {
                WriteEpochTime(writer, "DateGreaterThan"u8, start);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteEpochTime(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long epochSeconds)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("AWS:EpochTime"u8, epochSeconds);
        writer.WriteEndObject();
    }

    private static string NormalizeSourceIp(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? value : value.AsSpan(0, slash);
        if (!IsStrictAddress(addressText, out var family))
        {
            throw InvalidIp(value);
        }

        var maxPrefix = family == AddressFamily.InterNetworkV6 ? 128 : 32;
        if (slash < 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value}/{maxPrefix}");
        }

        var prefixText = value.AsSpan(slash + 1);
        var validPrefix = prefixText.Length is >= 1 and <= 3
            && !prefixText.ContainsAnyExceptInRange('0', '9')
            && (prefixText.Length == 1 || prefixText[0] != '0')
            && int.Parse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture) <= maxPrefix;
        return validPrefix ? value : throw InvalidIp(value);
    }

    // IPAddress.TryParse also takes forms such as "10.1", octal "010.0.0.1", scope ids and brackets, which AWS does
    // not read the same way, so only canonical dotted quads and plain IPv6 text pass.
    private static bool IsStrictAddress(ReadOnlySpan<char> text, out AddressFamily family)
    {
        family = AddressFamily.Unknown;
        if (!IPAddress.TryParse(text, out var address))
        {
            return false;
        }

        family = address.AddressFamily;
        return family switch
        {
            AddressFamily.InterNetwork => text.SequenceEqual(address.ToString()),
            AddressFamily.InterNetworkV6 => text.Contains(':') && !text.ContainsAnyExcept(Ipv6Characters),
            _ => false,
        };
    }

    private static StaticPublishException InvalidIp(string value) => new(
        ErrorCodes.InvalidSetting,
        $"The CloudFront policy IP address '{value}' is not an IPv4 or IPv6 address or CIDR range. Use a form like '192.0.2.10', '192.0.2.0/24', '2001:db8::1' or '2001:db8::/32'.");
}
