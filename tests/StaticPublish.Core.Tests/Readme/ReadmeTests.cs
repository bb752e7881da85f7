using StaticPublish.Core.Settings;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Readme;

[TestClass]
public sealed class ReadmeTests
{
    private const string Begin = "// begin-readme-storage";
    private const string End = "// end-readme-storage";

    [TestMethod]
    public void The_readme_storage_example_is_the_compiled_one()
    {
        var root = RepoPaths.Root;
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var source = File.ReadAllText(Path.Combine(root, "tests", "StaticPublish.Core.Tests", "Readme", "ReadmeExample.cs"));

        var compiled = Dedent(Between(source, Begin, End));

        StringAssert.Contains(readme.Replace("\r\n", "\n", StringComparison.Ordinal), compiled,
            "README.md must show the S3Storage example exactly as Readme/ReadmeExample.cs compiles it");
    }

    [TestMethod]
    public async Task The_readme_storage_example_runs_against_the_server()
    {
        var fixture = await StorageFixture.CreateAsync("sp-readme");
        await using var bucket = fixture.Bucket;
        var directory = Directory.CreateTempSubdirectory("sp-readme-");
        try
        {
            var report = Path.Combine(directory.FullName, "report.pdf");
            await File.WriteAllBytesAsync(report, Bytes.Random(2000));

            var url = await ReadmeExample.RunAsync(bucket.CreateOptions(), report, CancellationToken.None);

            using var http = new HttpClient();
            CollectionAssert.AreEqual(Bytes.Random(2000), await http.GetByteArrayAsync(new Uri(url)));
            CollectionAssert.AreEqual(new[] { "media/reports/report.pdf" }, (await bucket.ListKeysAsync()).ToArray());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void Every_error_code_is_in_the_readme_table_and_the_table_has_no_other()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var documented = System.Text.RegularExpressions.Regex.Matches(readme, @"^\| (SPUB\d{4}) \|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToList();
        var defined = typeof(StaticPublish.Core.Errors.ErrorCodes).GetFields()
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.HasCount(defined.Distinct().Count(), defined, "each code means one thing");
        CollectionAssert.AreEquivalent(defined, documented, "README's error table lists exactly the codes in ErrorCodes");
    }

    [TestMethod]
    public void The_readme_property_table_is_the_settings_table()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var expected = new System.Text.StringBuilder()
            .Append("| property | default | meaning |\n|---|---|---|\n")
            .Append("| `StaticPublishEnabled` | `false` | opt in |\n");
        foreach (var setting in SettingTable.All.Where(s => s.Faces.HasFlag(SettingFaces.MSBuild)))
        {
            var value = setting.DescribeDefault();
            var shown = value is null ? "none" : setting.DefaultText is null && !setting.IsRequired ? $"`{value}`" : value;
            expected.Append(System.Globalization.CultureInfo.InvariantCulture, $"| `{setting.Property}` | {shown} | {setting.Description} |\n");
        }

        var table = Between(readme, "<!-- begin-settings-table -->", "<!-- end-settings-table -->");
        Assert.AreEqual(expected.ToString(), table, "README's property table is generated from SettingTable; paste the expected text");
    }

    [TestMethod]
    public void The_targets_pass_exactly_the_MSBuild_settings_to_the_task()
    {
        var targets = File.ReadAllText(Path.Combine(RepoPaths.Root, "build", "StaticPublish.Build.targets"));
        var passed = System.Text.RegularExpressions.Regex.Matches(targets, @"<_StaticPublishSetting Include=""(\w+)"" Value=""\$\((\w+)\)""")
            .Select(m => (Item: m.Groups[1].Value, Property: m.Groups[2].Value)).ToList();

        CollectionAssert.AreEqual(
            SettingTable.All.Where(s => s.Faces.HasFlag(SettingFaces.MSBuild)).Select(s => s.Property).ToArray(),
            passed.Select(p => p.Item).ToArray(),
            "one _StaticPublishSetting item per MSBuild setting, in table order");
        foreach (var (item, property) in passed)
        {
            Assert.IsTrue(property == item || (item == "StaticPublishAppName" && property == "_StaticPublishAppName"), $"{item} passes $({property})");
        }
    }

    private static string Between(string text, string begin, string end)
    {
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        var stop = text.IndexOf(end, StringComparison.Ordinal);
        Assert.IsTrue(start >= 0 && stop > start, "the example markers are present");
        var body = text[(text.IndexOf('\n', start) + 1)..stop];
        return body[..(body.LastIndexOf('\n') + 1)].Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Dedent(string block)
    {
        var lines = block.Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }
}
