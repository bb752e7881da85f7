using System.Collections.Concurrent;

namespace StaticPublish.AspNetCore.Urls;

/// <summary>
/// Signed URLs per (asset, window). Within a window every lookup returns the same string, so browsers and page caches
/// keep working, and each URL is signed once. Entries of past windows are dropped when a new window starts.
/// </summary>
internal sealed class WindowedUrlCache(Func<StaticAsset, DateTimeOffset, string> sign)
{
    private readonly ConcurrentDictionary<(StaticAsset Asset, long Window), string> _urls = new();
    private long _newestWindow;

    public string Get(StaticAsset asset, SigningWindow window)
    {
        if (_urls.TryGetValue((asset, window.Index), out var url))
        {
            return url;
        }

        if (window.Index > Interlocked.Read(ref _newestWindow))
        {
            Interlocked.Exchange(ref _newestWindow, window.Index);
            foreach (var key in _urls.Keys)
            {
                if (key.Window < window.Index)
                {
                    _urls.TryRemove(key, out _);
                }
            }
        }

        return _urls.GetOrAdd((asset, window.Index), static (key, state) => state.sign(key.Asset, state.Expires), (sign, window.Expires));
    }
}
