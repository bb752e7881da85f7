namespace StaticPublish.Browser.Tests.Infrastructure;

/// <summary>One request a page made, with Playwright's resource type (document, stylesheet, script, image, font, ...).</summary>
internal sealed record PageRequest(string Url, string ResourceType);
