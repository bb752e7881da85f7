using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Publishing;

/// <summary>
/// Lists the files of a plain folder of assets under <see cref="PlainFolderOptions"/>: dotfiles and links that lead
/// out of the folder (or nowhere) are left out unless asked for, and a folder that holds an app's publish output is
/// refused, because publishing it would make the app's settings and binaries public.
/// </summary>
internal static class PlainFolder
{
    /// <summary>The standard folder for well-known URIs (RFC 8615), which sites publish on purpose.</summary>
    private const string WellKnown = ".well-known";

    /// <summary>The files, as (absolute path, path relative to the root with '/'), and what was left out, with why.</summary>
    public static (List<(string Path, string Relative)> Files, List<string> LeftOut) List(string root, PlainFolderOptions options)
    {
        var full = Path.GetFullPath(root);
        if (!options.AllowAppOutput && AppOutputEvidence(full) is { Count: > 0 } evidence)
        {
            throw new StaticPublishException(ErrorCodes.NotAnAssetFolder,
                $"'{full}' looks like an app's publish output, not a folder of static assets (it holds {string.Join(", ", evidence)}): publishing it would make the app's settings and binaries public. "
                + "Point at its wwwroot, or at the publish folder with its *.staticwebassets.endpoints.json, or pass --force if these files are meant to be public.");
        }

        var files = new List<(string, string)>();
        var leftOut = new List<string>();
        var realRoot = Real(new DirectoryInfo(full));
        Walk(new DirectoryInfo(full), "", realRoot, options, files, leftOut, new HashSet<string>(StringComparer.Ordinal) { realRoot });
        return (files, leftOut);
    }

    private static void Walk(DirectoryInfo directory, string relative, string realRoot, PlainFolderOptions options,
        List<(string, string)> files, List<string> leftOut, HashSet<string> visited)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            if (entry.Name.StartsWith('.') && entry.Name != WellKnown && !options.IncludeDotfiles)
            {
                leftOut.Add($"{path} (a dotfile)");
                continue;
            }

            var isDirectory = entry is DirectoryInfo;
            if (entry.LinkTarget is not null)
            {
                var target = entry.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null || !target.Exists)
                {
                    leftOut.Add($"{path} (a link to nothing)");
                    continue;
                }

                if (!IsInside(Real(target), realRoot) && !options.FollowLinksOutOfFolder)
                {
                    leftOut.Add($"{path} (a link out of the folder)");
                    continue;
                }

                isDirectory = target is DirectoryInfo;
            }

            if (!isDirectory)
            {
                files.Add((entry.FullName, path));
            }
            else if (visited.Add(Real((DirectoryInfo)(entry.LinkTarget is null ? entry : entry.ResolveLinkTarget(true)!))))
            {
                // Read through the link's own path, so relative names stay those of the folder.
                Walk(new DirectoryInfo(entry.FullName), path, realRoot, options, files, leftOut, visited);
            }
        }
    }

    /// <summary>What makes a folder an app's publish output rather than assets: the .NET host's files and the app's settings.</summary>
    private static List<string> AppOutputEvidence(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var names = Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>().ToList();
        var evidence = names.Where(n => n.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase)
                || n.EndsWith(".runtimeconfig.json", StringComparison.OrdinalIgnoreCase)
                || (n.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && n.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal).ToList();
        if (names.Contains("web.config", StringComparer.OrdinalIgnoreCase) && names.Any(n => n.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
        {
            evidence.Add("web.config beside DLLs");
        }

        return evidence;
    }

    private static string Real(FileSystemInfo entry) =>
        Path.GetFullPath(entry.LinkTarget is null ? entry.FullName : entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? entry.FullName)
            .TrimEnd(Path.DirectorySeparatorChar);

    private static bool IsInside(string path, string root) =>
        path == root || path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
