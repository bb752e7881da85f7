namespace StaticPublish.Core.Publishing;

/// <summary>
/// Where the publish pipeline reports to. The MSBuild task maps this to build messages, the command line to its
/// console output.
/// </summary>
public interface IPublishLog
{
    /// <summary>A warning with a <c>SPUB</c> code, naming the file it is about when there is one.</summary>
    void Warning(string code, string? file, string message);

    /// <summary>A detail worth showing at normal verbosity.</summary>
    void Info(string message);

    /// <summary>A detail for detailed verbosity only.</summary>
    void Detail(string message);

    /// <summary>Called after each object upload finishes, for progress displays.</summary>
    void Uploaded(string key, long bytes);

    /// <summary>
    /// Called once, after planning and before the first upload, with the number and bytes of the assets to upload,
    /// so a progress display knows its totals. Not called for a dry run.
    /// </summary>
    void UploadStarting(int objects, long bytes)
    {
    }
}
