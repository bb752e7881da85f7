namespace StaticPublish.Core.Settings;

/// <summary>Where a setting can be given.</summary>
[Flags]
public enum SettingFaces
{
    /// <summary>As a <c>StaticPublish*</c> MSBuild property.</summary>
    MSBuild = 1,

    /// <summary>As a <c>staticpublish</c> option and its <c>STATICPUBLISH_*</c> variable.</summary>
    CommandLine = 2,

    /// <summary>Both.</summary>
    Both = MSBuild | CommandLine,
}
