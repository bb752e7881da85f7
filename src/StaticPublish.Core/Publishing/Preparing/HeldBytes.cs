namespace StaticPublish.Core.Publishing.Preparing;

/// <summary>Bytes made during preparation that wait for upload, in memory or in a private temp file.</summary>
/// <param name="Length">How many bytes.</param>
/// <param name="Bytes">The bytes, when held in memory.</param>
/// <param name="File">The temp file holding them otherwise.</param>
internal sealed record HeldBytes(long Length, byte[]? Bytes, string? File);
