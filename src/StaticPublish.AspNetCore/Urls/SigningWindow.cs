namespace StaticPublish.AspNetCore.Urls;

/// <summary>
/// The signing window a moment falls in. Signed URLs and cookies expire on window boundaries: everything signed in a
/// window expires together, at the window's end plus the lifetime, so the same URL repeats for a whole window and
/// browser and page caches keep working, while every URL stays valid for at least the lifetime.
/// </summary>
/// <param name="Index">The window's number: UTC ticks since 0001-01-01 divided by the window length.</param>
/// <param name="Expires">When everything signed in this window expires.</param>
internal readonly record struct SigningWindow(long Index, DateTimeOffset Expires)
{
    /// <summary>The window <paramref name="now"/> falls in, for windows of <paramref name="length"/>.</summary>
    public static SigningWindow At(DateTimeOffset now, TimeSpan length, TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, TimeSpan.Zero);
        var index = now.UtcTicks / length.Ticks;
        return new SigningWindow(index, new DateTimeOffset((index + 1) * length.Ticks, TimeSpan.Zero) + lifetime);
    }
}
