namespace StaticPublish.Core.Storage;

/// <summary>What a failed S3 call was doing, so its error can name the operation, bucket and key.</summary>
/// <param name="Operation">The S3 operation, e.g. <c>PutObject</c>.</param>
/// <param name="Endpoint">The endpoint URL, or a description of the AWS region endpoint.</param>
/// <param name="Bucket">The bucket.</param>
/// <param name="Key">The object key, or <see langword="null"/> for bucket operations.</param>
internal sealed record S3CallContext(string Operation, string Endpoint, string Bucket, string? Key = null)
{
    /// <summary>Whether requests go to a custom endpoint with virtual-hosted addressing, whose bucket host names rarely resolve.</summary>
    public bool VirtualHostedCustomEndpoint { get; init; }

    public string Describe() => Key is null
        ? $"{Operation} on bucket '{Bucket}'"
        : $"{Operation} of '{Key}' in bucket '{Bucket}'";

    /// <summary>The IAM permission the operation needs, for access-denied advice.</summary>
    public string RequiredPermission => Operation switch
    {
        "PutObject" or "CreateMultipartUpload" or "UploadPart" or "CompleteMultipartUpload" => "s3:PutObject",
        "GetObject" => "s3:GetObject",
        "HeadObject" => "s3:GetObject",
        "DeleteObject" or "DeleteObjects" => "s3:DeleteObject",
        "ListObjectsV2" or "HeadBucket" => "s3:ListBucket",
        "CreateBucket" => "s3:CreateBucket",
        "PutBucketPolicy" or "DeleteBucketPolicy" => "s3:PutBucketPolicy",
        "GetBucketPolicy" => "s3:GetBucketPolicy",
        "PutBucketCors" => "s3:PutBucketCORS",
        _ => $"s3:{Operation}",
    };
}
