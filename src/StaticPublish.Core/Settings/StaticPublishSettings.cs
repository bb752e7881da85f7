using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing;
using StaticPublish.Core.Publishing.Rules;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Text;

namespace StaticPublish.Core.Settings;

/// <summary>
/// The settings of one run, read once from the text the user gave (MSBuild properties, or options and variables):
/// the one place where text becomes options, empty means the default, and an error names the setting the way the
/// user wrote it. The MSBuild task and the command line both build their options here.
/// </summary>
public sealed class StaticPublishSettings
{
    private readonly Dictionary<StaticPublishSetting, object> _given;
    private readonly Dictionary<StaticPublishSetting, SettingSource> _sources;
    private readonly SettingFaces _face;

    private StaticPublishSettings(Dictionary<StaticPublishSetting, object> given, Dictionary<StaticPublishSetting, SettingSource> sources, SettingFaces face)
    {
        _given = given;
        _sources = sources;
        _face = face;
    }

    /// <summary>
    /// Reads the given settings: keys are <see cref="StaticPublishSetting.Name"/>s, and empty or missing text means
    /// the default. <paramref name="sourceOf"/> says where each came from (the face's usual source when null).
    /// </summary>
    /// <exception cref="StaticPublishException"><c>SPUB2003</c> for an unknown setting or text that is not a value of its kind.</exception>
    public static StaticPublishSettings From(IEnumerable<KeyValuePair<string, string?>> values, SettingFaces face, Func<string, SettingSource>? sourceOf = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var given = new Dictionary<StaticPublishSetting, object>();
        var sources = new Dictionary<StaticPublishSetting, SettingSource>();
        foreach (var (name, text) in values)
        {
            var setting = SettingTable.Find(name) is { } found && found.Faces.HasFlag(face)
                ? found
                : throw new StaticPublishException(ErrorCodes.InvalidSetting,
                    $"'{name}' is not a StaticPublish setting{(face == SettingFaces.MSBuild ? " MSBuild passes" : "")}. The settings are: {string.Join(", ", SettingTable.All.Where(s => s.Faces.HasFlag(face)).Select(s => s.Name))}.");
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var source = sourceOf?.Invoke(setting.Name) ?? (face == SettingFaces.MSBuild ? SettingSource.MSBuildProperty : SettingSource.Option);
            sources[setting] = source;
            given[setting] = SettingText.Parse(setting.Kind, text, setting.NameIn(source));
        }

        return new StaticPublishSettings(given, sources, face);
    }

    /// <summary>Whether the setting was given (not empty).</summary>
    public bool IsGiven(StaticPublishSetting setting) => _given.ContainsKey(setting);

    /// <summary>The setting's value, else its default.</summary>
    public T Get<T>(StaticPublishSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return (T)(_given.TryGetValue(setting, out var value) ? value : setting.Default!);
    }

    /// <summary>The setting's name as the user gave it, or as they would give it in this face.</summary>
    public string NameOf(StaticPublishSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.NameIn(_sources.TryGetValue(setting, out var source) ? source : _face == SettingFaces.MSBuild ? SettingSource.MSBuildProperty : SettingSource.Option);
    }

    /// <summary>How to give a setting in this face, for errors about a missing one.</summary>
    public string HowToSet(StaticPublishSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return _face == SettingFaces.MSBuild
            ? $"Set {setting.Property} in the project file or pass -p:{setting.Property}=<{setting.HelpName}>"
            : setting.Variable is null
                ? $"Pass {setting.Option} <{setting.HelpName}>"
                : $"Pass {setting.Option} <{setting.HelpName}> or set {setting.Variable}";
    }

    /// <summary>The storage options. Validated where they are used, with errors naming these settings.</summary>
    /// <param name="bucket">A bucket named elsewhere (as in <c>s3://bucket/key</c>) that wins over the setting.</param>
    /// <exception cref="StaticPublishException"><c>SPUB2003</c> when no bucket was given.</exception>
    public S3StorageOptions ToStorageOptions(string? bucket = null)
    {
        bucket ??= Get<string?>(SettingTable.Bucket);
        if (bucket is null)
        {
            throw new StaticPublishException(ErrorCodes.InvalidSetting, $"No bucket was given. {HowToSet(SettingTable.Bucket)}.");
        }

        return new S3StorageOptions
        {
            BucketName = bucket,
            Location = Get<string>(SettingTable.Prefix),
            Region = Get<string?>(SettingTable.Region),
            EndpointUrl = Get<string?>(SettingTable.Endpoint),
            AddressingStyle = IsGiven(SettingTable.ForcePathStyle)
                ? Get<bool>(SettingTable.ForcePathStyle) ? S3AddressingStyle.Path : S3AddressingStyle.Virtual
                : S3AddressingStyle.Auto,
            ChecksumsWhenRequired = IsGiven(SettingTable.ChecksumsWhenRequired) ? Get<bool>(SettingTable.ChecksumsWhenRequired) : null,
            CaBundlePath = Get<string?>(SettingTable.CaBundle),
            DefaultAcl = Get<string?>(SettingTable.Acl),
            ObjectParameters = new S3ObjectParameters
            {
                ServerSideEncryption = Read(SettingTable.ServerSideEncryption, ObjectHeaderText.Encryption),
                KmsKeyId = Get<string?>(SettingTable.KmsKeyId),
                StorageClass = Read(SettingTable.StorageClass, ObjectHeaderText.StorageClass),
            },
            SettingName = NameOfOptionsProperty,
        };
    }

    /// <summary>
    /// The publish options. With a <paramref name="publishDirectory"/>, the app name defaults to the folder's app and
    /// the manifest gets its place (none for a dry run). Validated by the publisher, with errors naming these settings.
    /// </summary>
    /// <param name="publishDirectory">The folder being published, or null when nothing is (prune, verify).</param>
    /// <param name="planOnly">A dry run whatever <see cref="SettingTable.DryRun"/> says, as <c>staticpublish plan</c> is.</param>
    /// <param name="rules">
    /// The MSBuild face's rules, from its items. Otherwise the command line reads <see cref="SettingTable.Rules"/>, or
    /// <see cref="PublishRules.FileName"/> in the current folder when there is one and a folder is being published.
    /// </param>
    /// <exception cref="StaticPublishException">
    /// <c>SPUB2003</c> when no bucket was given or the manifest has no valid place; <c>SPUB2008</c> for a bad rule.
    /// </exception>
    public StaticPublishOptions ToPublishOptions(string? publishDirectory = null, bool planOnly = false, PublishRules? rules = null)
    {
        var dryRun = planOnly || Get<bool>(SettingTable.DryRun);
        return new StaticPublishOptions
        {
            Storage = ToStorageOptions(),
            BaseUrl = Get<string?>(SettingTable.BaseUrl),
            CacheControl = Get<string>(SettingTable.CacheControl),
            UnfingerprintedCacheControl = Get<string>(SettingTable.UnfingerprintedCacheControl),
            GzipContentTypes = Get<string[]>(SettingTable.GzipContentTypes),
            KeepNamePatterns = Get<string[]>(SettingTable.KeepNamePatterns),
            Concurrency = Get<int>(SettingTable.Concurrency),
            DryRun = dryRun,
            Prune = Get<bool>(SettingTable.Prune),
            KeepReleases = Get<int>(SettingTable.KeepReleases),
            MaxDeletes = Get<int>(SettingTable.MaxDeletes),
            PruneMinimumAge = Get<TimeSpan>(SettingTable.PruneOlderThan),
            AppName = Get<string?>(SettingTable.AppName) ?? (publishDirectory is null ? null : StaticAssetCollector.AppNameOf(publishDirectory)),
            Cors = Get<bool>(SettingTable.Cors),
            CorsOrigins = Get<string[]>(SettingTable.CorsOrigins),
            OriginalNames = Get<bool>(SettingTable.OriginalNames),
            ManifestPath = publishDirectory is null || dryRun ? null : ManifestPlacement.Resolve(publishDirectory, Get<string?>(SettingTable.Manifest), NameOf(SettingTable.Manifest)),
            Rules = rules ?? (publishDirectory is null ? PublishRules.None : ReadRulesFile()),
            SettingName = NameOfOptionsProperty,
        };
    }

    /// <summary>What a plain folder of assets may contribute.</summary>
    public PlainFolderOptions ToPlainFolderOptions() => new()
    {
        IncludeDotfiles = Get<bool>(SettingTable.IncludeDotfiles),
        FollowLinksOutOfFolder = Get<bool>(SettingTable.FollowSymlinks),
        AllowAppOutput = Get<bool>(SettingTable.Force),
    };

    /// <summary>One <c>Name=value</c> line per setting of this face, defaults marked, for a low-importance log.</summary>
    public IEnumerable<string> Describe() => SettingTable.All.Where(s => s.Faces.HasFlag(_face)).Select(s => IsGiven(s)
        ? $"{NameOf(s)}={Show(_given[s])}"
        : $"{NameOf(s)}={s.DescribeDefault() ?? ""} (default)");

    private static string Show(object value) => value switch
    {
        string[] list => string.Join(';', list),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private PublishRules ReadRulesFile()
    {
        if (Get<string?>(SettingTable.Rules) is { } path)
        {
            return File.Exists(path)
                ? PublishRules.FromFile(path)
                : throw new StaticPublishException(ErrorCodes.InvalidSetting, $"{NameOf(SettingTable.Rules)} is '{path}', which does not exist. Point it at a rules file such as {PublishRules.FileName}.");
        }

        return _face == SettingFaces.CommandLine && File.Exists(PublishRules.FileName) ? PublishRules.FromFile(PublishRules.FileName) : PublishRules.None;
    }

    /// <summary>Reads a setting with an <see cref="ObjectHeaderText"/> reader; not given is the type's default.</summary>
    private T? Read<T>(StaticPublishSetting setting, Func<string, (T Value, string? Problem)> reader) =>
        Get<string?>(setting) is not { } text ? default
            : reader(text) is { Problem: null } read ? read.Value
            : throw new StaticPublishException(ErrorCodes.InvalidSetting, $"{NameOf(setting)} is {reader(text).Problem}.");

    private string? NameOfOptionsProperty(string property) =>
        SettingTable.All.FirstOrDefault(s => (s.OptionsProperty ?? s.Name) == property && s.Faces.HasFlag(_face)) is { } setting ? NameOf(setting) : null;
}
