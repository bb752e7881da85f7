using StaticPublish.Cli.Output;

namespace StaticPublish.Cli.Tests;

[TestClass]
public sealed class PlainProgressTests
{
    [TestMethod]
    [DataRow(12, 12)]
    [DataRow(PlainProgress.EveryItemLimit, PlainProgress.EveryItemLimit)]
    [DataRow(PlainProgress.EveryItemLimit + 1, 10)]
    [DataRow(9812, 10)]
    public void Uploads_get_a_line_each_up_to_the_limit_and_a_line_per_tenth_beyond_it(int items, int lines)
    {
        using var output = new StringWriter();
        var progress = new PlainProgress(output, "uploaded", everyItem: true);

        progress.SetTotals(items, items * 100L);
        for (var i = 0; i < items; i++)
        {
            progress.Advance($"static/f{i}.css", 100);
        }

        var written = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(lines, written.Length);
        StringAssert.EndsWith(written[^1].TrimEnd(), $"[{items}/{items} files, {StaticPublish.Core.Publishing.PublishResult.FormatBytes(items * 100L)}/{StaticPublish.Core.Publishing.PublishResult.FormatBytes(items * 100L)}]");
    }
}
