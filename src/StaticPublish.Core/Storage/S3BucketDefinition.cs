namespace StaticPublish.Core.Storage;

/// <summary>
/// A bucket that <see cref="S3Storage.InitializeBucketsAsync"/> makes sure exists (django-minio-backend's
/// public and private bucket lists).
/// </summary>
/// <param name="Name">The bucket name.</param>
/// <param name="IsPublic">
/// Whether anyone may read objects, granted by a bucket policy. A private bucket that carries the policy
/// StaticPublish wrote earlier has it removed.
/// </param>
/// <param name="PublicPrefix">Limits public reads to keys under this prefix; <see langword="null"/> means the whole bucket.</param>
public sealed record S3BucketDefinition(string Name, bool IsPublic, string? PublicPrefix = null);
