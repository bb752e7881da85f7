using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Tests.Units;

[TestClass]
public sealed class OptionsTests
{
    [TestMethod]
    public void Defaults_follow_django_storages()
    {
        var options = new S3StorageOptions();

        Assert.AreEqual("", options.Location);
        Assert.IsNull(options.DefaultAcl);
        Assert.IsTrue(options.QuerystringAuth);
        Assert.AreEqual(TimeSpan.FromSeconds(3600), options.QuerystringExpire);
        Assert.IsTrue(options.FileOverwrite);
        Assert.IsFalse(options.Gzip);
        CollectionAssert.AreEqual(
            new[] { "text/css", "text/javascript", "application/javascript", "application/x-javascript", "image/svg+xml" },
            options.GzipContentTypes.ToArray());
        Assert.AreEqual(0, options.MaxMemorySize);
        Assert.IsFalse(options.AutoCreateBucket);
        Assert.IsTrue(options.UseSsl);
        Assert.IsTrue(options.VerifySsl);
        Assert.AreEqual("https", options.UrlProtocol);
        Assert.AreEqual(S3AddressingStyle.Auto, options.AddressingStyle);
    }

    [TestMethod]
    [DataRow(null, S3AddressingStyle.Auto, false)]
    [DataRow("http://127.0.0.1:9000", S3AddressingStyle.Auto, true)]
    [DataRow("http://127.0.0.1:9000", S3AddressingStyle.Virtual, false)]
    [DataRow(null, S3AddressingStyle.Path, true)]
    public void Auto_addressing_is_path_style_only_with_a_custom_endpoint(string? endpoint, S3AddressingStyle style, bool pathStyle) =>
        Assert.AreEqual(pathStyle, new S3StorageOptions { EndpointUrl = endpoint, AddressingStyle = style }.UsesPathStyle);

    [TestMethod]
    [DataRow(null, null, false)]
    [DataRow("http://127.0.0.1:9000", null, true)]
    [DataRow("http://127.0.0.1:9000", false, false)]
    [DataRow(null, true, true)]
    public void Checksums_when_required_default_on_for_custom_endpoints(string? endpoint, bool? setting, bool expected) =>
        Assert.AreEqual(expected, new S3StorageOptions { EndpointUrl = endpoint, ChecksumsWhenRequired = setting }.UsesChecksumsWhenRequired);

    [TestMethod]
    [DataRow("BucketName", "", "is required")]
    [DataRow("BucketName", "Invalid_Bucket", "not a valid bucket name")]
    [DataRow("BucketName", "ab", "3 to 63")]
    [DataRow("BucketName", "192.168.1.1", "IP address")]
    [DataRow("BucketName", "-starts-with-dash", "start and end")]
    [DataRow("Location", "static/../x", "'..'")]
    [DataRow("EndpointUrl", "localhost:9000", "absolute http")]
    [DataRow("ProxyUrl", "ftp://proxy", "absolute http")]
    [DataRow("CaBundlePath", "/no/such/ca.pem", "does not exist")]
    [DataRow("AccessKey", "only-access", "together")]
    [DataRow("UrlProtocol", "ftp", "'http' or 'https'")]
    [DataRow("CloudFrontKeyPairId", "K2JCJMDEHXQW5F", "together")]
    [DataRow("MaxMemorySize", "-1", "0 (no limit)")]
    [DataRow("MultipartPartSize", "1024", "5 MiB")]
    public void Validate_names_the_setting_with_SPUB2003(string setting, string value, string problem)
    {
        var options = new S3StorageOptions { BucketName = "assets" };
        switch (setting)
        {
            case "BucketName": options.BucketName = value; break;
            case "Location": options.Location = value; break;
            case "EndpointUrl": options.EndpointUrl = value; break;
            case "ProxyUrl": options.ProxyUrl = value; break;
            case "CaBundlePath": options.CaBundlePath = value; break;
            case "AccessKey": options.AccessKey = value; break;
            case "UrlProtocol": options.UrlProtocol = value; break;
            case "CloudFrontKeyPairId": options.CloudFrontKeyPairId = value; setting = "CloudFrontPrivateKeyPem"; break;
            case "MaxMemorySize": options.MaxMemorySize = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "MultipartPartSize": options.MultipartPartSize = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: Assert.Fail("unknown setting " + setting); break;
        }

        var error = Assert.ThrowsExactly<StaticPublishException>(options.Validate);

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
        StringAssert.Contains(error.Message, setting == "AccessKey" ? "SecretKey" : setting);
        StringAssert.Contains(error.Message, problem);
    }

    [TestMethod]
    public void CloudFront_signing_needs_a_custom_domain()
    {
        var options = new S3StorageOptions { BucketName = "assets", CloudFrontKeyPairId = "K1", CloudFrontPrivateKeyPem = "pem" };

        var error = Assert.ThrowsExactly<StaticPublishException>(options.Validate);

        StringAssert.Contains(error.Message, "CustomDomain");
    }

    [TestMethod]
    public void Policy_hooks_must_be_json_objects()
    {
        var options = new S3StorageOptions { BucketName = "assets", PolicyHooks = [new S3PolicyHook("assets", "[1,2]")] };

        var error = Assert.ThrowsExactly<StaticPublishException>(options.Validate);

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
        StringAssert.Contains(error.Message, "PolicyHooks");
    }

    [TestMethod]
    public void A_valid_configuration_passes() => new S3StorageOptions
    {
        BucketName = "my-assets.example",
        Location = "static/v1",
        EndpointUrl = "https://s3.example.com",
        AccessKey = "a",
        SecretKey = "b",
    }.Validate();
}
