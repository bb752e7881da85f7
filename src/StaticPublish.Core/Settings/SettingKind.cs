namespace StaticPublish.Core.Settings;

/// <summary>How a setting's text is read. Every face reads text the same way; empty text means the default.</summary>
public enum SettingKind
{
    /// <summary>Trimmed text.</summary>
    Text,

    /// <summary><c>true</c>/<c>false</c> (also <c>1</c>/<c>0</c>, <c>yes</c>/<c>no</c>, <c>on</c>/<c>off</c>).</summary>
    Flag,

    /// <summary>A whole number.</summary>
    Number,

    /// <summary>Values separated by <c>;</c> or <c>,</c>.</summary>
    List,

    /// <summary>Globs separated by <c>;</c> only, because a glob may hold a comma (<c>{a,b}</c>).</summary>
    Globs,

    /// <summary>A duration such as <c>30s</c>, <c>12h</c>, <c>7d</c>, <c>1d12h</c>, <c>0</c> or <c>01:30:00</c>.</summary>
    Duration,
}
