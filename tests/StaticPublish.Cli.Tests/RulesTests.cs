using System.Text.Json;
using StaticPublish.Cli.Tests.Infrastructure;
using StaticPublish.Core.Errors;
using StaticPublish.TestUtilities;

namespace StaticPublish.Cli.Tests;

/// <summary>The command line's publish rules: <c>staticpublish.json</c> in the current folder, or <c>--rules</c>.</summary>
[TestClass]
public sealed class RulesTests : BucketTestClass<RulesTests>
{
    [TestMethod]
    public async Task Staticpublish_json_in_the_current_folder_applies_its_rules_and_plan_names_each_assets_rule()
    {
        using var folder = AssetFolder.Plain();
        File.WriteAllText(Path.Combine(folder.Root, "staticpublish.json"), """
            {
              "$schema": "../build/staticpublish.schema.json",
              "rules": [
                { "pattern": "css/**", "cacheControl": "no-cache", "metadata": { "owner": "web" } },
                { "pattern": "js/*.js", "gzip": false, "keepName": true }
              ]
            }
            """);
        var prefix = UniqueNames.Prefix("rules");
        var environment = Tool.Environment(Bucket.EnvironmentVariables, ("STATICPUBLISH_PREFIX", prefix));
        var manifest = Path.Combine(folder.Root, "out", "staticpublish.manifest.json");

        var plan = await Tool.RunInAsync(folder.Root, environment, "plan", "assets", "--json");
        var publish = await Tool.RunInAsync(folder.Root, environment, "publish", "assets", "--manifest", manifest);

        Assert.AreEqual(0, plan.ExitCode, plan.ToString());
        Assert.AreEqual(0, publish.ExitCode, publish.ToString());
        using var document = JsonDocument.Parse(plan.Output);
        var rules = document.RootElement.GetProperty("actions").EnumerateArray()
            .Where(a => a.GetProperty("path").GetString() is not null)
            .ToLookup(a => a.GetProperty("path").GetString()!, a => a.GetProperty("rule").GetString());
        CollectionAssert.AreEqual(new[] { "css/**", "css/**" }, rules["css/site.css"].ToArray(), "both names of the asset");
        CollectionAssert.AreEqual(new[] { "js/*.js" }, rules["js/app.js"].ToArray(), "a kept name is one object");
        Assert.IsNull(rules["img/logo.svg"].First());
        var css = await Bucket.Client.GetObjectMetadataAsync(Bucket.BucketName, $"{prefix}/css/site.css");
        Assert.AreEqual("no-cache", css.Headers.CacheControl);
        Assert.AreEqual("web", css.Metadata["owner"]);
        var js = await Bucket.Client.GetObjectMetadataAsync(Bucket.BucketName, $"{prefix}/js/app.js");
        Assert.IsNull(js.Headers.ContentEncoding, "gzip false");
        StringAssert.Contains(publish.Output, $"2 publish rules from {Path.Combine(folder.Root, "staticpublish.json")}");
    }

    [TestMethod]
    public async Task A_rule_change_in_the_file_is_a_header_change_of_exactly_its_objects_in_the_text_plan()
    {
        using var folder = AssetFolder.Plain();
        var rules = Path.Combine(folder.Root, "rules.json");
        var prefix = UniqueNames.Prefix("rules");
        var environment = Tool.Environment(Bucket.EnvironmentVariables, ("STATICPUBLISH_PREFIX", prefix), ("STATICPUBLISH_RULES", rules));
        File.WriteAllText(rules, """{ "rules": [ { "pattern": "**/*.svg", "contentDisposition": "inline" } ] }""");
        var publish = await Tool.RunAsync(environment, "publish", folder.Assets, "--manifest", Path.Combine(folder.Root, "out.json"));
        File.WriteAllText(rules, """{ "rules": [ { "pattern": "**/*.svg", "contentDisposition": "attachment" } ] }""");

        var plan = await Tool.RunAsync(environment, "plan", folder.Assets);

        Assert.AreEqual(0, publish.ExitCode, publish.ToString());
        Assert.AreEqual(0, plan.ExitCode, plan.ToString());
        var uploads = plan.Lines.Where(l => l.StartsWith("upload  ", StringComparison.Ordinal) && !l.Contains("/_staticpublish/", StringComparison.Ordinal)).ToList();
        Assert.HasCount(2, uploads, plan.ToString());
        Assert.IsTrue(uploads.All(l => l.Contains("/img/logo.", StringComparison.Ordinal) && l.Contains("headers changed", StringComparison.Ordinal) && l.EndsWith(", rule **/*.svg)", StringComparison.Ordinal)),
            string.Join('\n', uploads));
    }

    [TestMethod]
    [DataRow("""{ "rules": [ { "pattern": "**/*.css", "gzip": "maybe" } ] }""", "The rule 1 ('**/*.css') in '{0}' has gzip 'maybe', which is not true or false.")]
    [DataRow("""{ "rules": [ { "pattern": "**/*.css", "expires": "1d" } ] }""", "The rule 1 ('**/*.css') in '{0}' has the field 'expires', which publish rules do not have.")]
    public async Task A_bad_rules_file_fails_with_one_coded_error_naming_the_file_and_the_field_and_uploads_nothing(string json, string message)
    {
        using var folder = AssetFolder.Plain();
        var rules = Path.Combine(folder.Root, "staticpublish.json");
        File.WriteAllText(rules, json);
        var prefix = UniqueNames.Prefix("bad");

        var result = await Tool.RunInAsync(folder.Root, Tool.Environment(Bucket.EnvironmentVariables, ("STATICPUBLISH_PREFIX", prefix)),
            "publish", "assets", "--manifest", Path.Combine(folder.Root, "out.json"));

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.StartsWith(result.Error.Trim(), $"staticpublish: error {ErrorCodes.InvalidRule}: " + string.Format(System.Globalization.CultureInfo.InvariantCulture, message, rules));
        Assert.IsFalse(File.Exists(Path.Combine(folder.Root, "out.json")));
        Assert.IsEmpty(await Bucket.ListKeysAsync(prefix + "/"));
    }

    [TestMethod]
    public async Task A_bad_encryption_setting_names_the_option_or_the_variable()
    {
        using var folder = AssetFolder.Plain();

        var option = await Tool.RunAsync(Bucket.EnvironmentVariables, "plan", folder.Assets, "--server-side-encryption", "kms");
        var variable = await Tool.RunAsync(Tool.Environment(Bucket.EnvironmentVariables, ("STATICPUBLISH_STORAGE_CLASS", "cold")), "plan", folder.Assets);

        Assert.AreEqual(2, option.ExitCode, option.ToString());
        StringAssert.Contains(option.Error, "SPUB2003: --server-side-encryption is 'kms', which is not AES256 or aws:kms.");
        Assert.AreEqual(2, variable.ExitCode, variable.ToString());
        StringAssert.Contains(variable.Error, "SPUB2003: STATICPUBLISH_STORAGE_CLASS is 'cold', which is not a storage class");
    }
}
