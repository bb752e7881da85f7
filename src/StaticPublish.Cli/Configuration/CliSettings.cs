using System.CommandLine;
using StaticPublish.Core.Settings;

namespace StaticPublish.Cli.Configuration;

/// <summary>
/// The table settings one command takes, plus the storage settings every command takes, read into Core's
/// <see cref="StaticPublishSettings"/> in one pass: a bad variable is one <c>SPUB2003</c> naming the variable.
/// </summary>
internal sealed class CliSettings
{
    /// <summary>Where the bucket is. Credentials never come from here, but from the AWS SDK chain, so they stay out of command lines and CI logs.</summary>
    private static readonly StaticPublishSetting[] StorageRows =
    [
        SettingTable.Bucket, SettingTable.Prefix, SettingTable.Region, SettingTable.Endpoint,
        SettingTable.ForcePathStyle, SettingTable.ChecksumsWhenRequired, SettingTable.CaBundle,
    ];

    private readonly IReadOnlyList<CliSetting> _storage;
    private readonly IReadOnlyList<CliSetting> _own;

    private CliSettings(IReadOnlyList<CliSetting> storage, IReadOnlyList<CliSetting> own)
    {
        _storage = storage;
        _own = own;
    }

    /// <summary>The storage settings alone.</summary>
    public static CliSettings Storage() => new([.. StorageRows.Select(row => new CliSetting(row))], []);

    /// <summary>Adds the storage options to the root command, so every command takes them, before or after its name.</summary>
    public void AddStorageTo(Command root)
    {
        foreach (var setting in _storage)
        {
            setting.Option.Recursive = true;
            root.Add(setting.Option);
        }
    }

    /// <summary>A command's own settings, added to <paramref name="command"/>, on top of the storage settings.</summary>
    public CliSettings For(Command command, params CliSetting[] own)
    {
        foreach (var setting in own)
        {
            command.Add(setting.Option);
        }

        return new CliSettings(_storage, own);
    }

    /// <summary>Reads what was given, options first, then variables.</summary>
    /// <exception cref="Core.Errors.StaticPublishException"><c>SPUB2003</c> naming the option or variable whose text is not valid.</exception>
    public StaticPublishSettings Read(ParseResult parse, Func<string, string?> environment)
    {
        var given = _storage.Concat(_own)
            .Select(s => (Setting: s.Setting, Value: s.Given(parse, environment)))
            .Where(s => s.Value is not null)
            .ToDictionary(s => s.Setting.Name, s => s.Value!.Value);
        return StaticPublishSettings.From(given.Select(g => KeyValuePair.Create(g.Key, (string?)g.Value.Text)), SettingFaces.CommandLine, name => given[name].Source);
    }
}
