namespace StaticPublish.Core.Publishing;

/// <summary>
/// What a plain folder of assets (one without the SDK's endpoints manifest) may contribute. The defaults publish
/// only what is plainly meant to be public: no dotfiles, nothing reached through a link that leads out of the
/// folder, and never a folder that looks like an app's own publish output.
/// </summary>
public sealed record PlainFolderOptions
{
    /// <summary>Include files and folders whose names start with '.' (<c>.env</c>, <c>.git</c>). <c>.well-known</c> is always included.</summary>
    public bool IncludeDotfiles { get; init; }

    /// <summary>Follow links whose targets are outside the folder.</summary>
    public bool FollowLinksOutOfFolder { get; init; }

    /// <summary>Publish a folder even though it looks like an app's publish output (DLLs, <c>*.deps.json</c>, <c>appsettings*.json</c>).</summary>
    public bool AllowAppOutput { get; init; }
}
