using StaticPublish.Core.Errors;
using StaticPublish.Core.Settings;

namespace StaticPublish.Core.Tests.Settings;

[TestClass]
public sealed class SettingTextTests
{
    [TestMethod]
    [DataRow("0", 0.0)]
    [DataRow("30s", 30.0)]
    [DataRow("15m", 900.0)]
    [DataRow("1.5h", 5400.0)]
    [DataRow("7d", 604800.0)]
    [DataRow("2w", 1209600.0)]
    [DataRow("1d12h", 129600.0)]
    [DataRow(" 01:30:00 ", 5400.0)]
    public void Durations_read_units_sums_and_timespans(string text, double seconds) =>
        Assert.AreEqual(TimeSpan.FromSeconds(seconds), SettingText.Duration(text, "--older-than"));

    [TestMethod]
    [DataRow("soon", "which is not a duration such as 30s")]
    [DataRow("-1d", "which is not a duration such as 30s")]
    [DataRow("-01:00:00", "which is not a duration such as 30s")]
    [DataRow("7x", "which is not a duration such as 30s")]
    [DataRow("99999999999d", "which is not a duration TimeSpan can hold")]
    public void Bad_durations_are_SPUB2003_naming_the_setting(string text, string problem)
    {
        var error = Assert.ThrowsExactly<StaticPublishException>(() => SettingText.Duration(text, "--older-than"));

        Assert.AreEqual(ErrorCodes.InvalidSetting, error.Code);
        StringAssert.StartsWith(error.Message, $"--older-than is '{text}', {problem}");
    }

    [TestMethod]
    [DataRow("true", true)]
    [DataRow("YES", true)]
    [DataRow(" on ", true)]
    [DataRow("1", true)]
    [DataRow("False", false)]
    [DataRow("no", false)]
    [DataRow("off", false)]
    [DataRow("0", false)]
    public void Flags_read_the_usual_spellings(string text, bool value) => Assert.AreEqual(value, SettingText.Flag(text, "x"));

    [TestMethod]
    [DataRow(SettingKind.Flag, "maybe", "true or false")]
    [DataRow(SettingKind.Number, "1e3", "a whole number")]
    [DataRow(SettingKind.Number, "99999999999", "a whole number")]
    public void Other_bad_text_is_SPUB2003_saying_what_was_expected(SettingKind kind, string text, string expected)
    {
        var error = Assert.ThrowsExactly<StaticPublishException>(() => SettingText.Parse(kind, text, "StaticPublishX"));

        Assert.AreEqual($"StaticPublishX is '{text}', which is not {expected}.", error.Message);
    }
}
