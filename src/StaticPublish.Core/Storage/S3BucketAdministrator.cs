using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Storage;

/// <summary>
/// The bucket itself rather than its objects: creating it, the public-read policy statement StaticPublish manages
/// (merged by Sid into whatever else the policy says), policy hooks, and the CORS rule StaticPublish manages (merged
/// by id into the other rules). Every change is idempotent and comes back as one line saying what changed.
/// </summary>
internal sealed class S3BucketAdministrator(S3ObjectStore store)
{
    /// <summary>
    /// Makes sure each bucket exists, that public ones carry StaticPublish's public-read statement and private ones
    /// do not, then applies the policy hooks.
    /// </summary>
    public async Task<IReadOnlyList<string>> InitializeAsync(IEnumerable<S3BucketDefinition> buckets, IEnumerable<S3PolicyHook> hooks, CancellationToken cancellationToken)
    {
        var changes = new List<string>();
        foreach (var bucket in buckets)
        {
            if (await CreateIfMissingAsync(bucket.Name, cancellationToken).ConfigureAwait(false))
            {
                changes.Add($"created bucket '{bucket.Name}'");
            }

            var current = await GetPolicyAsync(bucket.Name, cancellationToken).ConfigureAwait(false);
            if (bucket.IsPublic)
            {
                var wanted = PolicyDocuments.WithPublicRead(current, bucket.Name, bucket.PublicPrefix);
                if (!PolicyDocuments.AreEquivalent(current, wanted))
                {
                    await PutPolicyAsync(bucket.Name, wanted, cancellationToken).ConfigureAwait(false);
                    changes.Add(string.IsNullOrEmpty(bucket.PublicPrefix)
                        ? $"made bucket '{bucket.Name}' public-read"
                        : $"made '{bucket.PublicPrefix.Trim('/')}/' in bucket '{bucket.Name}' public-read");
                }
            }
            else if (PolicyDocuments.HasPublicRead(current))
            {
                if (PolicyDocuments.WithoutPublicRead(current) is { } rest)
                {
                    await PutPolicyAsync(bucket.Name, rest, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await S3ErrorTranslator.RunAsync(store.Context("DeleteBucketPolicy", bucket: bucket.Name),
                        () => store.Client.DeleteBucketPolicyAsync(new DeleteBucketPolicyRequest { BucketName = bucket.Name }, cancellationToken), cancellationToken)
                        .ConfigureAwait(false);
                }

                changes.Add($"made bucket '{bucket.Name}' private (removed StaticPublish's public-read statement)");
            }
        }

        foreach (var hook in hooks)
        {
            var current = await GetPolicyAsync(hook.Bucket, cancellationToken).ConfigureAwait(false);
            if (!PolicyDocuments.AreEquivalent(current, hook.PolicyJson))
            {
                await PutPolicyAsync(hook.Bucket, hook.PolicyJson, cancellationToken).ConfigureAwait(false);
                changes.Add($"applied the policy hook to bucket '{hook.Bucket}'");
            }
        }

        return changes;
    }

    /// <summary>Creates the bucket unless it exists; true when it was created.</summary>
    public async Task<bool> CreateIfMissingAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            await S3ErrorTranslator.RunAsync(store.Context("HeadBucket", bucket: bucket),
                () => store.Client.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }, cancellationToken), cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (StaticPublishException e) when (e.Code == ErrorCodes.BucketNotFound)
        {
            // Missing: create it below.
        }

        var request = new PutBucketRequest { BucketName = bucket };
        var region = store.Options.Region ?? S3ClientFactory.DefaultRegion;

        // us-east-1 takes no location constraint, and S3-compatible stores reject most constraints.
        if (string.IsNullOrEmpty(store.Options.EndpointUrl) && region != S3ClientFactory.DefaultRegion)
        {
            request.BucketRegionName = region;
        }

        try
        {
            await store.Client.PutBucketAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou")
        {
            return false;
        }
        catch (Exception e) when (S3ErrorTranslator.IsTranslatable(e, cancellationToken))
        {
            throw S3ErrorTranslator.Translate(e, store.Context("CreateBucket", bucket: bucket));
        }
    }

    /// <summary>Makes StaticPublish's CORS rule allow GET and HEAD from exactly <paramref name="origins"/>; other rules are kept.</summary>
    /// <returns>One line when the rule changed; empty when it was already in place.</returns>
    public async Task<IReadOnlyList<string>> EnsureCorsAsync(IReadOnlyList<string> origins, CancellationToken cancellationToken)
    {
        var rules = await GetCorsRulesAsync(cancellationToken).ConfigureAwait(false);
        if (rules.FirstOrDefault(r => r.Id == S3BucketCors.RuleId) is { } current && S3BucketCors.IsWanted(current, origins))
        {
            return [];
        }

        var request = new PutCORSConfigurationRequest
        {
            BucketName = store.Bucket,
            Configuration = new CORSConfiguration { Rules = [S3BucketCors.Rule(origins), .. rules.Where(r => r.Id != S3BucketCors.RuleId)] },
        };
        await store.RunAsync("PutBucketCors", null, () => store.Client.PutCORSConfigurationAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        return [$"allowed GET and HEAD from {string.Join(", ", origins)} on bucket '{store.Bucket}' (CORS for fonts, modules and integrity-checked CSS and JS)"];
    }

    /// <summary>Whether StaticPublish's CORS rule already allows GET and HEAD from exactly <paramref name="origins"/>.</summary>
    public async Task<bool> IsCorsInPlaceAsync(IReadOnlyList<string> origins, CancellationToken cancellationToken) =>
        (await GetCorsRulesAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Id == S3BucketCors.RuleId) is { } current
        && S3BucketCors.IsWanted(current, origins);

    private async Task<List<CORSRule>> GetCorsRulesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await store.Client.GetCORSConfigurationAsync(new GetCORSConfigurationRequest { BucketName = store.Bucket }, cancellationToken).ConfigureAwait(false);
            return response.Configuration?.Rules ?? [];
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchCORSConfiguration" || (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket"))
        {
            return [];
        }
        catch (Exception e) when (S3ErrorTranslator.IsTranslatable(e, cancellationToken))
        {
            throw S3ErrorTranslator.Translate(e, store.Context("GetBucketCors"));
        }
    }

    private async Task<string?> GetPolicyAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            var response = await store.Client.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(response.Policy) ? null : response.Policy;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucketPolicy" || (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket"))
        {
            return null;
        }
        catch (Exception e) when (S3ErrorTranslator.IsTranslatable(e, cancellationToken))
        {
            throw S3ErrorTranslator.Translate(e, store.Context("GetBucketPolicy", bucket: bucket));
        }
    }

    private async Task PutPolicyAsync(string bucket, string policy, CancellationToken cancellationToken) =>
        await S3ErrorTranslator.RunAsync(store.Context("PutBucketPolicy", bucket: bucket),
            () => store.Client.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy }, cancellationToken), cancellationToken).ConfigureAwait(false);
}
