using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Tests.Readme;

/// <summary>The S3Storage example from README.md, compiled and run here. ReadmeTests checks the two stay identical.</summary>
internal static class ReadmeExample
{
    public static async Task<string> RunAsync(S3StorageOptions settings, string reportPath, CancellationToken cancellationToken)
    {
        // begin-readme-storage
        var options = new S3StorageOptions
        {
            BucketName = settings.BucketName,      // e.g. "my-media"
            Location = "media",                    // every key lives under media/
            EndpointUrl = settings.EndpointUrl,    // null for AWS; http://127.0.0.1:9000 for MinIO
            AccessKey = settings.AccessKey,        // null: use the AWS credential chain
            SecretKey = settings.SecretKey,
            FileOverwrite = false,                 // a clash gets report_Ab3dE9x.pdf
            Gzip = true,                           // css, js and svg are stored gzipped
            ObjectParameters = new S3ObjectParameters { CacheControl = "public, max-age=86400" },
        };
        using var storage = new S3Storage(options);
        await storage.InitializeBucketsAsync(cancellationToken);   // creates the bucket if missing

        var name = await storage.SaveAsync("reports/report.pdf", File.OpenRead(reportPath), cancellationToken: cancellationToken);
        await using (var stream = await storage.OpenAsync(name, cancellationToken))
        {
            Console.WriteLine($"{name}: {stream.Length} bytes, exists={await storage.ExistsAsync(name, cancellationToken)}");
        }

        var listing = await storage.ListAsync("reports", cancellationToken);   // directories and files
        var url = storage.Url(name);                                         // presigned for an hour
        // end-readme-storage
        Console.WriteLine(string.Join(", ", listing.Files));
        return url;
    }
}
