using System.Net;

namespace StaticPublish.Core.Storage;

/// <summary>S3's bucket naming rules, checked before a request so the error can say what is wrong.</summary>
internal static class BucketNames
{
    public static bool IsValid(string? name, out string problem)
    {
        problem = "";
        if (string.IsNullOrEmpty(name) || name.Length is < 3 or > 63)
        {
            problem = "it must be 3 to 63 characters long.";
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-'))
            {
                problem = $"it may hold only lowercase letters, digits, '.' and '-', and '{c}' is none of these.";
                return false;
            }
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
        {
            problem = "it must start and end with a letter or a digit.";
            return false;
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            problem = "it must not contain two dots in a row.";
            return false;
        }

        if (IPAddress.TryParse(name, out _))
        {
            problem = "it must not look like an IP address.";
            return false;
        }

        return true;
    }
}
