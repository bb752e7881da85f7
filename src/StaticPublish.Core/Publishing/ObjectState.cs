using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// A short digest of what an object holds and how it was stored: <c>{content}.{headers}</c>, each 12 hex characters.
/// The content part covers the decoded bytes (their SRI hash) and the encoding; the headers part covers everything
/// else written with the PUT (type, Cache-Control, disposition, ACL, encryption, storage class, metadata, tags). Release
/// records keep it per object, and every object carries it as <c>x-amz-meta-staticpublish</c>, so an object that is in
/// the bucket without a release record (a publish that was interrupted) is proven by one HEAD instead of re-uploaded.
/// </summary>
internal static class ObjectState
{
    /// <summary>The user-metadata name (without <c>x-amz-meta-</c>) every published object carries its state in.</summary>
    public const string MetadataName = "staticpublish";

    public static string Compute(string integrity, string? contentEncoding, S3ObjectHeaders headers) =>
        Compute(integrity, contentEncoding, HeadersDigest(headers));

    /// <summary>The state from the content and a <see cref="HeadersDigest"/> made once for headers that objects share.</summary>
    public static string Compute(string integrity, string? contentEncoding, string headersDigest) =>
        Digest(integrity + "\n" + (contentEncoding ?? "")) + "." + headersDigest;

    /// <summary>The part of a state that covers the headers (everything but the state's own metadata).</summary>
    public static string HeadersDigest(S3ObjectHeaders headers)
    {
        var text = new StringBuilder()
            .Append(headers.ContentType).Append('\n')
            .Append(headers.CacheControl).Append('\n')
            .Append(headers.ContentDisposition).Append('\n')
            .Append(headers.CannedAcl).Append('\n')
            .Append(headers.StorageClass).Append('\n')
            .Append(headers.ServerSideEncryption.ToString()).Append('\n')
            .Append(headers.KmsKeyId).Append('\n');
        foreach (var (name, value) in headers.Metadata.Where(m => m.Key != MetadataName).OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            text.Append("m:").Append(name).Append('=').Append(value).Append('\n');
        }

        foreach (var (name, value) in headers.Tagging.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            text.Append("t:").Append(name).Append('=').Append(value).Append('\n');
        }

        return Digest(text.ToString());
    }

    /// <summary>Why two states differ, for plan output.</summary>
    public static string Difference(string previous, string current) =>
        string.Equals(ContentPart(previous), ContentPart(current), StringComparison.Ordinal) ? "headers changed" : "content changed";

    private static string ContentPart(string state) => state.Split('.', 2)[0];

    private static string Digest(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 6).ToLower(CultureInfo.InvariantCulture);
}
