namespace StaticPublish.Testing;

/// <summary>One request a <see cref="RecordingProxy"/> forwarded.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query.</param>
/// <param name="Headers">The request headers, case-insensitive.</param>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers);
