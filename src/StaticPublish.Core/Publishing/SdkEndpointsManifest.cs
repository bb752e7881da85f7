namespace StaticPublish.Core.Publishing;

/// <summary>The .NET SDK's <c>{App}.staticwebassets.endpoints.json</c>, as far as StaticPublish reads it.</summary>
internal sealed record SdkEndpointsManifest
{
    public int Version { get; init; }

    public string? ManifestType { get; init; }

    public List<SdkEndpoint> Endpoints { get; init; } = [];
}

internal sealed record SdkEndpoint
{
    public string Route { get; init; } = "";

    public string AssetFile { get; init; } = "";

    public List<SdkNameValue> Selectors { get; init; } = [];

    public List<SdkNameValue> ResponseHeaders { get; init; } = [];

    public List<SdkNameValue> EndpointProperties { get; init; } = [];

    public string? Header(string name) => ResponseHeaders.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;

    public string? Property(string name) => EndpointProperties.FirstOrDefault(p => p.Name == name)?.Value;
}

internal sealed record SdkNameValue
{
    public string Name { get; init; } = "";

    public string Value { get; init; } = "";
}
