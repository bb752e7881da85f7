using Amazon.S3;
using Amazon.S3.Model;

namespace StaticPublish.Core.Storage;

/// <summary>
/// Uploads one object: a single PUT below the multipart threshold, parts above it. Every PUT and every part
/// carries <c>Content-MD5</c>, so the store verifies the bytes without aws-chunked checksum trailers. A failed
/// multipart upload is aborted, so no parts are left behind.
/// </summary>
internal sealed class S3ObjectWriter(IAmazonS3 client, string endpoint, long multipartThreshold, long partSize, int partConcurrency = 4)
{
    public async Task WriteAsync(string bucket, string key, UploadPayload payload, S3ObjectHeaders headers, CancellationToken cancellationToken)
    {
        if (payload.Length >= multipartThreshold)
        {
            await WriteMultipartAsync(bucket, key, payload, headers, cancellationToken).ConfigureAwait(false);
            return;
        }

        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            ContentType = headers.ContentType,
            MD5Digest = payload.ComputeMd5Base64(0, payload.Length),
            AutoCloseStream = true,
            UseChunkEncoding = false,
        };
        Apply(headers, request.Headers, request.Metadata, v => request.CannedACL = v, v => request.StorageClass = v,
            v => request.ServerSideEncryptionMethod = v, v => request.ServerSideEncryptionKeyManagementServiceKeyId = v, v => request.TagSet = v);

        var context = new S3CallContext("PutObject", endpoint, bucket, key);
        await S3ErrorTranslator.RunAsync(context, async () =>
        {
            request.InputStream = payload.OpenRead();
            await client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteMultipartAsync(string bucket, string key, UploadPayload payload, S3ObjectHeaders headers, CancellationToken cancellationToken)
    {
        var initiate = new InitiateMultipartUploadRequest { BucketName = bucket, Key = key, ContentType = headers.ContentType };
        Apply(headers, initiate.Headers, initiate.Metadata, v => initiate.CannedACL = v, v => initiate.StorageClass = v,
            v => initiate.ServerSideEncryptionMethod = v, v => initiate.ServerSideEncryptionKeyManagementServiceKeyId = v, v => initiate.TagSet = v);

        var started = await S3ErrorTranslator.RunAsync(new S3CallContext("CreateMultipartUpload", endpoint, bucket, key),
            () => client.InitiateMultipartUploadAsync(initiate, cancellationToken), cancellationToken).ConfigureAwait(false);
        var uploadId = started.UploadId;
        try
        {
            var partCount = (int)((payload.Length + partSize - 1) / partSize);
            var etags = new PartETag[partCount];
            await Parallel.ForEachAsync(Enumerable.Range(0, partCount),
                new ParallelOptions { MaxDegreeOfParallelism = partConcurrency, CancellationToken = cancellationToken },
                async (index, token) =>
                {
                    var offset = index * partSize;
                    var size = Math.Min(partSize, payload.Length - offset);
                    var part = new UploadPartRequest
                    {
                        BucketName = bucket,
                        Key = key,
                        UploadId = uploadId,
                        PartNumber = index + 1,
                        PartSize = size,
                        MD5Digest = payload.ComputeMd5Base64(offset, size),
                        UseChunkEncoding = false,
                    };
                    var response = await S3ErrorTranslator.RunAsync(new S3CallContext("UploadPart", endpoint, bucket, key), async () =>
                    {
                        using var stream = payload.OpenRange(offset, size);
                        part.InputStream = stream;
                        return await client.UploadPartAsync(part, token).ConfigureAwait(false);
                    }, token).ConfigureAwait(false);
                    etags[index] = new PartETag(index + 1, response.ETag);
                }).ConfigureAwait(false);

            await S3ErrorTranslator.RunAsync(new S3CallContext("CompleteMultipartUpload", endpoint, bucket, key),
                () => client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
                {
                    BucketName = bucket,
                    Key = key,
                    UploadId = uploadId,
                    PartETags = [.. etags],
                }, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Best effort, and not cancellable: parts left behind cost storage until a lifecycle rule removes them.
            try
            {
                await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (Exception abortFailure) when (S3ErrorTranslator.IsTranslatable(abortFailure, CancellationToken.None))
            {
                // The original failure is the one worth reporting.
            }

            throw;
        }
    }

    /// <summary>Puts the headers, metadata, ACL, storage class, encryption and tags on a PUT or a multipart initiation.</summary>
    private static void Apply(
        S3ObjectHeaders headers,
        HeadersCollection target,
        MetadataCollection metadata,
        Action<S3CannedACL> setAcl,
        Action<S3StorageClass> setStorageClass,
        Action<ServerSideEncryptionMethod> setEncryption,
        Action<string> setKmsKey,
        Action<List<Tag>> setTags)
    {
        if (headers.ContentEncoding is not null)
        {
            target.ContentEncoding = headers.ContentEncoding;
        }

        if (headers.CacheControl is not null)
        {
            target.CacheControl = headers.CacheControl;
        }

        if (headers.ContentDisposition is not null)
        {
            target.ContentDisposition = headers.ContentDisposition;
        }

        foreach (var (name, value) in headers.Metadata)
        {
            metadata[name] = value;
        }

        if (headers.CannedAcl is not null)
        {
            setAcl(new S3CannedACL(headers.CannedAcl));
        }

        if (headers.StorageClass is not null)
        {
            setStorageClass(new S3StorageClass(headers.StorageClass));
        }

        switch (headers.ServerSideEncryption)
        {
            case S3ServerSideEncryption.Aes256:
                setEncryption(ServerSideEncryptionMethod.AES256);
                break;
            case S3ServerSideEncryption.Kms:
                setEncryption(ServerSideEncryptionMethod.AWSKMS);
                if (!string.IsNullOrEmpty(headers.KmsKeyId))
                {
                    setKmsKey(headers.KmsKeyId);
                }

                break;
            default:
                break;
        }

        if (headers.Tagging.Count > 0)
        {
            setTags([.. headers.Tagging.Select(t => new Tag { Key = t.Key, Value = t.Value })]);
        }
    }
}
