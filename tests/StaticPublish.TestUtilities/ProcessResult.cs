namespace StaticPublish.TestUtilities;

/// <summary>How a child process ended, and what it wrote.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    /// <summary>Standard output's lines, trimmed, without empty ones.</summary>
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Both streams, output first.</summary>
    public string Combined => Output + Error;

    public override string ToString() =>
        $"exit code {ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}{Output}--- stderr ---{Environment.NewLine}{Error}";
}
