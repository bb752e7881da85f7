using StaticPublish.Core.Text;

namespace StaticPublish.Core.Tests.Units;

[TestClass]
public sealed class CacheControlHeaderTests
{
    [TestMethod]
    [DataRow("public, max-age=300, must-revalidate", "public, must-revalidate, max-age=300", true)]
    [DataRow("Public, MAX-AGE=31536000, immutable", "public, max-age=31536000, immutable", true)]
    [DataRow("public, immutable", "immutable, public", true)]
    [DataRow("public, max-age=300", "public, max-age=301", false)]
    [DataRow("public, max-age=300", "private, max-age=300", false)]
    [DataRow("no-cache", "no-store", false)]
    [DataRow("public", null, false)]
    [DataRow(null, " ", true)]
    public void Values_compare_by_their_directives(string? left, string? right, bool equivalent) =>
        Assert.AreEqual(equivalent, CacheControlHeader.AreEquivalent(left, right));
}
