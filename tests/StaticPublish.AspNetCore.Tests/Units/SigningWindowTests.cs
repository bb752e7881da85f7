using StaticPublish.AspNetCore.Urls;

namespace StaticPublish.AspNetCore.Tests.Units;

[TestClass]
public sealed class SigningWindowTests
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan OneHour = TimeSpan.FromHours(1);

    [TestMethod]
    [DataRow("2026-11-21T12:00:00Z", "2026-11-21T13:05:00Z", DisplayName = "the first tick of a window")]
    [DataRow("2026-11-21T12:01:30Z", "2026-11-21T13:05:00Z", DisplayName = "inside a window")]
    [DataRow("2026-11-21T12:04:59.9999999Z", "2026-11-21T13:05:00Z", DisplayName = "the last tick of a window")]
    [DataRow("2026-11-21T12:05:00Z", "2026-11-21T13:10:00Z", DisplayName = "the next window")]
    public void Everything_signed_in_a_window_expires_at_the_windows_end_plus_the_lifetime(string now, string expires)
    {
        var window = SigningWindow.At(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), FiveMinutes, OneHour);

        Assert.AreEqual(DateTimeOffset.Parse(expires, System.Globalization.CultureInfo.InvariantCulture), window.Expires);
    }

    [TestMethod]
    public void Moments_in_one_window_share_its_index_and_the_next_window_has_the_next_index()
    {
        var start = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

        var first = SigningWindow.At(start, FiveMinutes, OneHour);
        var later = SigningWindow.At(start.AddMinutes(4), FiveMinutes, OneHour);
        var next = SigningWindow.At(start.AddMinutes(5), FiveMinutes, OneHour);

        Assert.AreEqual(first, later);
        Assert.AreEqual(first.Index + 1, next.Index);
    }

    [TestMethod]
    public void A_url_signed_at_any_moment_stays_valid_for_at_least_the_lifetime_and_at_most_one_window_more()
    {
        var start = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        for (var seconds = 0; seconds < 600; seconds += 7)
        {
            var now = start.AddSeconds(seconds);

            var valid = SigningWindow.At(now, FiveMinutes, OneHour).Expires - now;

            Assert.IsTrue(valid > OneHour && valid <= OneHour + FiveMinutes, $"{now:O}: valid for {valid}");
        }
    }

    [TestMethod]
    public void Times_in_other_offsets_fall_in_the_same_utc_window()
    {
        var utc = new DateTimeOffset(2026, 11, 21, 12, 3, 0, TimeSpan.Zero);

        Assert.AreEqual(SigningWindow.At(utc, FiveMinutes, OneHour), SigningWindow.At(utc.ToOffset(TimeSpan.FromHours(5.5)), FiveMinutes, OneHour));
    }
}
