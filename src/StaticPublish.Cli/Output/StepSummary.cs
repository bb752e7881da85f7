using System.Text;
using StaticPublish.Core.Errors;

namespace StaticPublish.Cli.Output;

/// <summary>Appends a markdown summary to the file GitHub Actions names in <c>GITHUB_STEP_SUMMARY</c>, when it is set.</summary>
internal sealed class StepSummary(Func<string, string?> environment, CliConsole console)
{
    public const string Variable = "GITHUB_STEP_SUMMARY";

    /// <summary>Appends a heading, a one-row-per-item table and optional notes.</summary>
    public void Append(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IEnumerable<string>? notes = null)
    {
        var path = environment(Variable);
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var markdown = new StringBuilder();
        markdown.Append("### ").AppendLine(title).AppendLine();
        markdown.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        markdown.Append('|').AppendJoin("", headers.Select(_ => "---|")).AppendLine();
        foreach (var row in rows)
        {
            markdown.Append("| ").AppendJoin(" | ", row.Select(Cell)).AppendLine(" |");
        }

        foreach (var note in notes ?? [])
        {
            markdown.AppendLine().Append("- ").Append(Cell(note));
        }

        markdown.AppendLine().AppendLine();
        try
        {
            File.AppendAllText(path, markdown.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Warning(ErrorCodes.LocalFileFailed, path, $"The step summary could not be written: {e.Message}");
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
