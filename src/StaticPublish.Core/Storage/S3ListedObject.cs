namespace StaticPublish.Core.Storage;

/// <summary>One object from a LIST: its key, size and last-modified time.</summary>
internal sealed record S3ListedObject(string Key, long Size, DateTimeOffset LastModified);
