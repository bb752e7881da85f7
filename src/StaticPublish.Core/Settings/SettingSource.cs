namespace StaticPublish.Core.Settings;

/// <summary>Where a given setting came from, so that an error names it the way the user wrote it.</summary>
public enum SettingSource
{
    /// <summary>A <c>StaticPublish*</c> MSBuild property.</summary>
    MSBuildProperty,

    /// <summary>A command-line option such as <c>--concurrency</c>.</summary>
    Option,

    /// <summary>A <c>STATICPUBLISH_*</c> environment variable.</summary>
    Variable,
}
