namespace StaticPublish.Core.Storage;

/// <summary>A bucket policy applied during bucket initialisation (django-minio-backend's <c>MINIO_POLICY_HOOKS</c>).</summary>
/// <param name="Bucket">The bucket the policy is for.</param>
/// <param name="PolicyJson">The policy document. It replaces any policy the bucket has.</param>
public sealed record S3PolicyHook(string Bucket, string PolicyJson);
