using System.Text.Json;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Publishing.Rules;
using StaticPublish.Core.Settings;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Text;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Units;

[TestClass]
public sealed class PublishRulesTests
{
    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    [TestMethod]
    [DataRow("index.html", "html")]
    [DataRow("docs/guide/page.HTML", "html")]
    [DataRow("downloads/report.pdf", "downloads")]
    [DataRow("downloads/sub/page.html", "html")]
    [DataRow("archives/2024/logs.tar.gz", "archives")]
    [DataRow("css/site.css", null)]
    [DataRow("report.pdf", null)]
    public void The_first_rule_that_matches_in_declaration_order_applies(string path, string? expected)
    {
        var rules = PublishRules.FromItems(
        [
            Item("html", ("Pattern", "**/*.html"), ("CacheControl", "no-cache")),
            Item("downloads", ("Pattern", "downloads/**"), ("ContentDisposition", "attachment")),
            Item("archives", ("Pattern", "archives/**"), ("Gzip", "false")),
        ]);

        Assert.AreEqual(expected, rules.Match(path)?.Name);
    }

    [TestMethod]
    public void Items_and_the_file_read_the_same_rule_the_same_way()
    {
        using var folder = TempFolder.Create("sp-rules-");
        folder.Write("staticpublish.json", """
            {
              "$schema": "./build/staticpublish.schema.json",
              // comments are allowed
              "rules": [
                { "pattern": "downloads/**", "contentDisposition": "attachment", "gzip": false, "keepName": "yes", "storageClass": "standard_ia",
                  "contentType": "application/pdf", "cacheControl": "public, max-age=600", "metadata": { "Owner": "web", "build": "42" }, "tags": "team=web;tier=static" }
              ]
            }
            """);

        var fromFile = PublishRules.FromFile(Path.Combine(folder.Root, "staticpublish.json")).All.Single();
        var fromItem = PublishRules.FromItems([Item("downloads/**", ("Pattern", "downloads/**"), ("ContentDisposition", "attachment"), ("Gzip", "false"),
            ("KeepName", "yes"), ("StorageClass", "standard_ia"), ("ContentType", "application/pdf"), ("CacheControl", "public, max-age=600"),
            ("Metadata", "Owner=web;build=42"), ("Tags", "team=web;tier=static"))]).All.Single();

        Assert.AreEqual(fromItem.Describe(), fromFile.Describe());
        Assert.AreEqual("downloads/**: ContentType=application/pdf, ContentDisposition=attachment, CacheControl=public, max-age=600, Gzip=false, KeepName=true, StorageClass=STANDARD_IA, Metadata=build=42;owner=web, Tags=team=web;tier=static",
            fromFile.Describe(), "metadata names are lower-cased as S3 stores them, the storage class upper-cased");
        StringAssert.StartsWith(fromFile.Origin, "rule 1 ('downloads/**') in '");
        Assert.AreEqual("StaticPublishRule item 'downloads/**'", fromItem.Origin);
    }

    [TestMethod]
    [DataRow("Pattern", "", "The StaticPublishRule item 'bad' has no Pattern. MSBuild expands wildcards in Include against the project folder, so the rule's glob goes in Pattern")]
    [DataRow("Colour", "red", "The StaticPublishRule item 'bad' has the field 'Colour', which publish rules do not have. The fields are: Pattern, ContentType, ContentDisposition, CacheControl, Gzip, KeepName, StorageClass, Metadata, Tags.")]
    [DataRow("Pattern", "/wwwroot/*.html", "The StaticPublishRule item 'bad' has Pattern '/wwwroot/*.html', which starts with '/'")]
    [DataRow("Pattern", "img/*.{png,jpg}", "The StaticPublishRule item 'bad' has Pattern 'img/*.{png,jpg}', which holds '{'")]
    [DataRow("Pattern", "img/logo-?.png", "The StaticPublishRule item 'bad' has Pattern 'img/logo-?.png', which holds '?'")]
    [DataRow("Pattern", "a/**b/*.js", "The StaticPublishRule item 'bad' has Pattern 'a/**b/*.js', whose part '**b' is empty")]
    [DataRow("Gzip", "maybe", "The StaticPublishRule item 'bad' has Gzip 'maybe', which is not true or false.")]
    [DataRow("KeepName", "2", "The StaticPublishRule item 'bad' has KeepName '2', which is not true or false.")]
    [DataRow("StorageClass", "COLD", "The StaticPublishRule item 'bad' has StorageClass 'COLD', which is not a storage class; use one of STANDARD, STANDARD_IA")]
    [DataRow("StorageClass", "GLACIER", "The StaticPublishRule item 'bad' has StorageClass 'GLACIER', whose objects cannot be served until they are restored")]
    [DataRow("Metadata", "owner=web;build", "The StaticPublishRule item 'bad' has Metadata 'owner=web;build', whose part 'build' is not name=value; write name=value pairs separated by ';'")]
    [DataRow("Metadata", "my key=x", "The Metadata of the StaticPublishRule item 'bad' has the name 'my key'; use letters, digits, '-', '_' and '.'")]
    [DataRow("Metadata", "staticpublish=x", "The Metadata of the StaticPublishRule item 'bad' uses the name 'staticpublish', which StaticPublish keeps each object's state under")]
    [DataRow("Metadata", "a=1;A=2", "The Metadata of the StaticPublishRule item 'bad' names 'A' twice")]
    [DataRow("Tags", "a=1;b=2;c=3;d=4;e=5;f=6;g=7;h=8;i=9;j=10;k=11", "The Tags of the StaticPublishRule item 'bad' has 11 tags; S3 keeps at most 10")]
    [DataRow("ContentType", "manifest", "The StaticPublishRule item 'bad' has ContentType 'manifest', which is not a content type")]
    [DataRow("ContentDisposition", "attachment; filename=\"über.pdf\"", "The StaticPublishRule item 'bad' has ContentDisposition 'attachment; filename=\"über.pdf\"', which has characters other than printable ASCII")]
    [DataRow("ContentType", "text/plain; charset=\"ü\"", "The StaticPublishRule item 'bad' has ContentType 'text/plain; charset=\"ü\"', which has characters other than printable ASCII")]
    [DataRow("CacheControl", "max-age=\"", "The StaticPublishRule item 'bad' has CacheControl 'max-age=\"', which is not a Cache-Control")]
    public void A_bad_item_is_one_coded_error_naming_the_item_and_the_field(string field, string value, string message)
    {
        var fields = new List<(string, string)> { (field, value) };
        if (field != "Pattern")
        {
            fields.Insert(0, ("Pattern", "**/*.html"));
        }

        var error = Assert.ThrowsExactly<StaticPublishException>(() => PublishRules.FromItems([Item("bad", [.. fields])]));

        Assert.AreEqual(ErrorCodes.InvalidRule, error.Code);
        StringAssert.StartsWith(error.Message, message);
        StringAssert.EndsWith(error.Message, "Nothing was published.");
    }

    [TestMethod]
    [DataRow("""{ "rules": [ { "pattern": "**/*.html" }, { "pattern": "downloads/**", "gzip": "maybe" } ] }""", "The rule 2 ('downloads/**') in '{0}' has gzip 'maybe', which is not true or false.")]
    [DataRow("""{ "rules": [ { "pattern": "**/*.html", "cache-control": "no-cache" } ] }""", "The rule 1 ('**/*.html') in '{0}' has the field 'cache-control', which publish rules do not have. The fields are: pattern, contentType,")]
    [DataRow("""{ "rules": [ { "cacheControl": "no-cache" } ] }""", "The rule 1 in '{0}' has no pattern. Give the glob of logical paths it applies to")]
    [DataRow("""{ "rules": [ { "pattern": "**/*", "metadata": "a" } ] }""", "The rule 1 ('**/*') in '{0}' has metadata 'a', whose part 'a' is not name=value")]
    [DataRow("""{ "rules": [ { "pattern": "**/*", "storageClass": "cold" } ] }""", "The rule 1 ('**/*') in '{0}' has storageClass 'cold', which is not a storage class")]
    [DataRow("""{ "rules": [ "**/*.html" ] }""", "The rule 1 in '{0}' is not an object")]
    [DataRow("""{ "rule": [] }""", "The rules file '{0}' has the property 'rule'; it takes \"$schema\" and \"rules\" only.")]
    [DataRow("""{ "$schema": "x" }""", "The rules file '{0}' has no \"rules\" array")]
    [DataRow("""{ "rules": [ { "pattern": "a" }, ] }""", "The rules file '{0}' is not a JSON object (line 1)")]
    public void A_bad_rules_file_is_one_coded_error_naming_the_file_the_rule_and_the_field(string json, string message)
    {
        using var folder = TempFolder.Create("sp-rules-");
        folder.Write("staticpublish.json", json);
        var path = folder.PathOf("staticpublish.json");

        var error = Assert.ThrowsExactly<StaticPublishException>(() => PublishRules.FromFile(path));

        Assert.AreEqual(ErrorCodes.InvalidRule, error.Code);
        StringAssert.StartsWith(error.Message, string.Format(System.Globalization.CultureInfo.InvariantCulture, message, path));
    }

    [TestMethod]
    public void The_committed_schema_describes_exactly_the_fields_and_storage_classes_the_reader_takes()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "build", "staticpublish.schema.json")));
        var rule = schema.RootElement.GetProperty("$defs").GetProperty("rule").GetProperty("properties");

        CollectionAssert.AreEqual(RuleReader.Fields.Select(f => RuleReader.Shown(f, camelCase: true)).ToArray(), rule.EnumerateObject().Select(p => p.Name).ToArray());
        CollectionAssert.AreEqual(ObjectHeaderText.StorageClasses.ToArray(),
            rule.GetProperty("storageClass").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToArray());
    }

    [TestMethod]
    [DataRow("aws:kms", S3ServerSideEncryption.Kms)]
    [DataRow("AES256", S3ServerSideEncryption.Aes256)]
    [DataRow("", S3ServerSideEncryption.None)]
    public void Encryption_settings_become_the_storage_object_parameters(string text, S3ServerSideEncryption expected)
    {
        var settings = StaticPublishSettings.From(
            [KeyValuePair.Create("Bucket", (string?)"assets"), KeyValuePair.Create("ServerSideEncryption", (string?)text), KeyValuePair.Create("StorageClass", (string?)"onezone_ia")],
            SettingFaces.MSBuild);

        var parameters = settings.ToStorageOptions().ObjectParameters;

        Assert.AreEqual(expected, parameters.ServerSideEncryption);
        Assert.AreEqual("ONEZONE_IA", parameters.StorageClass);
    }

    [TestMethod]
    [DataRow(SettingFaces.MSBuild, "StaticPublishServerSideEncryption", "aes", "StaticPublishServerSideEncryption is 'aes', which is not AES256 or aws:kms.")]
    [DataRow(SettingFaces.CommandLine, "StorageClass", "DEEP_ARCHIVE", "--storage-class is 'DEEP_ARCHIVE', whose objects cannot be served until they are restored")]
    [DataRow(SettingFaces.CommandLine, "KmsKeyId", "key-1", "--kms-key-id is only used with --server-side-encryption set to Kms (aws:kms).")]
    public void A_bad_encryption_or_storage_class_setting_is_one_coded_error_naming_it(SettingFaces face, string name, string value, string message)
    {
        var error = Assert.ThrowsExactly<StaticPublishException>(() =>
            StaticPublishSettings.From([KeyValuePair.Create("Bucket", (string?)"assets"), KeyValuePair.Create(name, (string?)value)], face).ToStorageOptions().Validate());

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
        StringAssert.StartsWith(error.Message, message);
    }

    private static KeyValuePair<string, IReadOnlyDictionary<string, string>> Item(string name, params (string Field, string Value)[] fields) =>
        KeyValuePair.Create(name, fields.Length == 0 ? NoFields : fields.ToDictionary(f => f.Field, f => f.Value));
}
