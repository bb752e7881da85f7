using System.Collections.Concurrent;

namespace StaticPublish.AspNetCore.Urls;

/// <summary>
/// Signed URLs per (asset, window). Within a window every lookup returns the same string, so browsers and page caches
/// keep working, and each URL is signed once. Entries of past windows are dropped when a new window starts.
/// </summary>
internal sealed class WindowedUrlCache(TimeProvider time, TimeSpan window, TimeSpan lifetime, Func<StaticAsset, DateTimeOffset, string> sign)
{
    private readonly ConcurrentDictionary<(StaticAsset Asset, long Window), string> _urls = new();
    private long _newestWindow;

    public string Get(StaticAsset asset)
    {
        var windowIndex = time.GetUtcNow().UtcTicks / window.Ticks;
        if (_urls.TryGetValue((asset, windowIndex), out var url))
        {
            return url;
        }

        if (windowIndex > Interlocked.Read(ref _newestWindow))
        {
            Interlocked.Exchange(ref _newestWindow, windowIndex);
            foreach (var key in _urls.Keys)
            {
                if (key.Window < windowIndex)
                {
                    _urls.TryRemove(key, out _);
                }
            }
        }

        return _urls.GetOrAdd((asset, windowIndex), static (key, state) => state.sign(key.Asset, state.expires), (sign, expires: ExpiresFor(windowIndex)));
    }

    /// <summary>Every URL of a window expires together: at the window's end plus the lifetime.</summary>
    public DateTimeOffset ExpiresFor(long windowIndex) => new DateTimeOffset((windowIndex + 1) * window.Ticks, TimeSpan.Zero) + lifetime;
}
