namespace StaticPublish.Cli;

/// <summary>The tool's exit codes, which CI scripts rely on.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Success = 0;

    /// <summary>The operation failed: a store error, a verify mismatch, a guard that stopped a prune, a doctor check.</summary>
    public const int Failure = 1;

    /// <summary>The command line or configuration is wrong: unknown option, missing argument, invalid setting.</summary>
    public const int Usage = 2;
}
