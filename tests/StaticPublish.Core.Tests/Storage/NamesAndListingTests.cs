using System.Text;
using StaticPublish.Core.Errors;
using StaticPublish.Core.Storage;
using StaticPublish.Core.Tests.Infrastructure;
using StaticPublish.TestUtilities;

namespace StaticPublish.Core.Tests.Storage;

[TestClass]
public sealed class NamesAndListingTests : BucketTestClass<NamesAndListingTests>
{
    private static StorageFixture Fixture => new(Bucket);
    private static readonly HttpClient Http = new();

    [TestMethod]
    [DataRow("with space.txt")]
    [DataRow("plus+sign.txt")]
    [DataRow("hash#tag.txt")]
    [DataRow("question?mark.txt")]
    [DataRow("percent%20literal.txt")]
    [DataRow("ampersand&equals=.txt")]
    [DataRow("unicodé/日本語 ファイル.txt")]
    [DataRow("emoji 🚀.txt")]
    [DataRow("nested/deeper/still/file.txt")]
    [DataRow("tilde~and'quote.txt")]
    public async Task Special_character_names_round_trip_exactly(string name)
    {
        using var storage = Fixture.Storage();
        var data = Encoding.UTF8.GetBytes("content of " + name);

        var stored = await storage.SaveAsync(name, new MemoryStream(data));

        Assert.AreEqual(name, stored);
        Assert.IsTrue(await storage.ExistsAsync(name));
        var keys = await Fixture.Bucket.ListKeysAsync(storage.Options.Location + "/");
        CollectionAssert.AreEqual(new[] { storage.Options.Location + "/" + name }, keys.ToArray(), "the key is exactly location/name");
        await using (var opened = await storage.OpenAsync(name))
        {
            CollectionAssert.AreEqual(data, await Bytes.ReadAllAsync(opened));
        }

        var directory = name.Contains('/') ? name[..name.LastIndexOf('/')] : "";
        var listing = await storage.ListAsync(directory);
        CollectionAssert.Contains(listing.Files.ToList(), name[(name.LastIndexOf('/') + 1)..]);

        var presigned = await Http.GetByteArrayAsync(new Uri(storage.Url(name)));
        CollectionAssert.AreEqual(data, presigned, "the presigned URL encodes the key correctly");

        await storage.DeleteAsync(name);
        Assert.IsFalse(await storage.ExistsAsync(name));
    }

    [TestMethod]
    public async Task A_listing_split_into_ranges_holds_every_key_once_in_the_stores_order()
    {
        var options = Fixture.Options();
        using var store = new S3ObjectStore(options);
        var prefix = options.NormalizedLocation + "/";
        string[] names = ["a.txt", "b/1.txt", "b/2.txt", "b/3.txt", "c.txt", "d/z.txt", "d/\uE000.txt", "d/🚀.txt", "e.txt"];
        foreach (var name in names)
        {
            await store.PutAsync(prefix + name, UploadPayload.FromBytes([1]), new S3ObjectHeaders { ContentType = "text/plain" }, CancellationToken.None);
        }

        var whole = await store.ListAsync(prefix, CancellationToken.None);
        // Split keys that are stored, are not, sort between the emoji and U+E000 names, and lie outside the prefix.
        string[] splits = [prefix + "b/2.txt", prefix + "b/4", prefix + "d/\uE000.txt", prefix + "d/\uF000", prefix + "zzz", "elsewhere/x"];
        var ranged = await store.ListAsync(prefix, splits, concurrency: 3, CancellationToken.None);

        CollectionAssert.AreEqual(whole.Select(o => o.Key).ToList(), ranged.Select(o => o.Key).ToList());
        CollectionAssert.AreEqual(names.Select(n => prefix + n).ToList(), ranged.Select(o => o.Key).ToList(), "UTF-8 order: z, then U+E000, then the emoji (a surrogate pair, below U+E000 in UTF-16)");
    }

    [TestMethod]
    public async Task List_returns_directories_and_files_directly_under_a_path()
    {
        using var storage = Fixture.Storage();
        foreach (var name in new[] { "a.txt", "b.txt", "css/site.css", "css/lib/x.css", "img/logo.png", "img/icons/a.svg" })
        {
            await storage.SaveAsync(name, new MemoryStream([1]));
        }

        var root = await storage.ListAsync();
        var css = await storage.ListAsync("css");
        var img = await storage.ListAsync("img/");
        var none = await storage.ListAsync("missing");

        CollectionAssert.AreEqual(new[] { "css", "img" }, root.Directories.ToArray());
        CollectionAssert.AreEqual(new[] { "a.txt", "b.txt" }, root.Files.ToArray());
        CollectionAssert.AreEqual(new[] { "lib" }, css.Directories.ToArray());
        CollectionAssert.AreEqual(new[] { "site.css" }, css.Files.ToArray());
        CollectionAssert.AreEqual(new[] { "icons" }, img.Directories.ToArray());
        CollectionAssert.AreEqual(new[] { "logo.png" }, img.Files.ToArray());
        Assert.IsEmpty(none.Files);
        Assert.IsEmpty(none.Directories);
    }

    [TestMethod]
    public async Task List_pages_through_more_than_one_thousand_keys()
    {
        using var storage = Fixture.Storage();
        var names = Enumerable.Range(0, 1203).Select(i => $"many/f{i:D5}.txt").ToArray();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (name, token) => await storage.SaveAsync(name, new MemoryStream([7]), cancellationToken: token));

        var listing = await storage.ListAsync("many");

        Assert.HasCount(1203, listing.Files);
        CollectionAssert.AreEqual(names.Select(n => n["many/".Length..]).ToArray(), listing.Files.ToArray());
    }

    [TestMethod]
    public async Task Size_and_last_modified_come_from_the_object()
    {
        using var storage = Fixture.Storage();
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        await storage.SaveAsync("sized.bin", new MemoryStream(Bytes.Random(4321)));

        Assert.AreEqual(4321, await storage.GetSizeAsync("sized.bin"));
        var modified = await storage.GetLastModifiedAsync("sized.bin");
        Assert.AreEqual(TimeSpan.Zero, modified.Offset);
        Assert.IsTrue(modified > before && modified < DateTimeOffset.UtcNow.AddMinutes(5), $"last modified {modified:O} is about now");
    }

    [TestMethod]
    public async Task Delete_of_a_missing_name_is_not_an_error_and_exists_is_false()
    {
        using var storage = Fixture.Storage();

        await storage.DeleteAsync("never-saved.txt");

        Assert.IsFalse(await storage.ExistsAsync("never-saved.txt"));
    }

    [TestMethod]
    [DataRow("../escape.txt")]
    [DataRow("a/../../escape.txt")]
    [DataRow("/etc/passwd")]
    [DataRow("\\windows\\path")]
    [DataRow("C:\\temp\\x.txt")]
    [DataRow("")]
    public async Task Names_that_escape_the_location_are_rejected_before_any_request(string name)
    {
        using var storage = Fixture.Storage();

        var error = await Assert.ThrowsExactlyAsync<StaticPublishException>(() => storage.SaveAsync(name, new MemoryStream([1])));

        Assert.AreEqual(ErrorCodes.InvalidKeyName, error.Code);
        StringAssert.Contains(error.Message, $"'{name}'");
        Assert.IsEmpty(await Fixture.Bucket.ListKeysAsync(storage.Options.Location + "/"));
    }
}
