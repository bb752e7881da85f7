using System.Text;
using StaticPublish.Core.Errors;

namespace StaticPublish.Core.Storage;

/// <summary>
/// Turns storage names into object keys under a location and back (django-storages' <c>clean_name</c> and
/// <c>safe_join</c>). A name is a relative path: backslashes become slashes, <c>.</c> segments and duplicate
/// slashes go, and <c>..</c> may not climb out of the location.
/// </summary>
public static class StorageNames
{
    /// <summary>S3's limit on a key's UTF-8 length.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Normalises a storage name, or throws <c>SPUB2001</c> if it is empty, absolute or escapes its root.</summary>
    public static string Clean(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IsClean(name))
        {
            // Most names (every key of a publish) are clean already: no copy, no split.
            return name;
        }

        if (name.Length == 0)
        {
            throw Invalid(name, "it is empty. Give a relative path such as 'uploads/report.pdf'.");
        }

        if (name.Any(char.IsControl))
        {
            var control = name.First(char.IsControl);
            throw new StaticPublishException(ErrorCodes.InvalidKeyName,
                $"The storage name '{Printable(name)}' is not allowed: it contains the control character U+{(int)control:X4}, which S3 keys, URLs and logs do not carry safely. Rename it.")
            { Key = name };
        }

        var slashed = name.Replace('\\', '/');
        if (slashed.StartsWith('/') || (slashed.Length >= 2 && slashed[1] == ':' && char.IsAsciiLetter(slashed[0])))
        {
            throw Invalid(name, "it is an absolute path. Give a path relative to the storage location.");
        }

        var segments = new List<string>();
        foreach (var segment in slashed.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (segments.Count == 0)
                    {
                        throw Invalid(name, "it climbs out of the storage location with '..'. Remove the '..' segments.");
                    }

                    segments.RemoveAt(segments.Count - 1);
                    continue;
                default:
                    segments.Add(segment);
                    break;
            }
        }

        if (segments.Count == 0)
        {
            throw Invalid(name, "it names the storage root, not a file.");
        }

        var cleaned = string.Join('/', segments);

        // A trailing slash is kept, as django-storages does, so a "directory" name stays one.
        return slashed.EndsWith('/') ? cleaned + "/" : cleaned;
    }

    /// <summary>
    /// Whether <see cref="Clean"/> would return the name unchanged: relative, no drive letter, no backslash or control
    /// character, and no empty, <c>.</c> or <c>..</c> segment (a single trailing slash is kept).
    /// </summary>
    private static bool IsClean(string name)
    {
        if (name.Length == 0 || name[0] == '/' || (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0])))
        {
            return false;
        }

        var start = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            if (i < name.Length)
            {
                var c = name[i];
                if (c == '\\' || char.IsControl(c))
                {
                    return false;
                }

                if (c != '/')
                {
                    continue;
                }
            }

            var length = i - start;
            var empty = length == 0 && i < name.Length;
            var dots = (length == 1 && name[start] == '.') || (length == 2 && name[start] == '.' && name[start + 1] == '.');
            if (empty || dots)
            {
                return false;
            }

            start = i + 1;
        }

        return true;
    }

    /// <summary>The object key for a storage name under a location (which may be empty).</summary>
    public static string ToKey(string location, string name)
    {
        var cleaned = Clean(name);
        var root = location.Trim('/');
        var key = root.Length == 0 ? cleaned : root + "/" + cleaned;
        if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            throw Invalid(name, $"its key is longer than S3's limit of {MaxKeyBytes} UTF-8 bytes. Use a shorter name.");
        }

        return key;
    }

    /// <summary>The key prefix for listing a directory: empty for the root, else ending with '/'.</summary>
    public static string ToDirectoryPrefix(string location, string path)
    {
        var root = location.Trim('/');
        var trimmed = path.Replace('\\', '/').Trim('/');
        if (trimmed.Length == 0 || trimmed == ".")
        {
            return root.Length == 0 ? "" : root + "/";
        }

        return ToKey(location, trimmed).TrimEnd('/') + "/";
    }

    /// <summary>The storage name of a key under a location.</summary>
    public static string FromKey(string location, string key)
    {
        var root = location.Trim('/');
        return root.Length == 0 ? key : key[(root.Length + 1)..];
    }

    /// <summary>The name with control characters shown as \uXXXX, so a message never carries them.</summary>
    private static string Printable(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    private static StaticPublishException Invalid(string name, string problem) =>
        new(ErrorCodes.InvalidKeyName, $"The storage name '{name}' is not allowed: {problem}") { Key = name };
}
