using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StaticPublish.AspNetCore.Configuration;
using StaticPublish.AspNetCore.Cookies;
using StaticPublish.AspNetCore.Diagnostics;
using StaticPublish.AspNetCore.Urls;

namespace StaticPublish.AspNetCore;

/// <summary>
/// Loads the manifest while the app starts, so a missing or unreadable manifest fails startup (outside Development)
/// instead of the first request, watches for pages that load the manifest's assets from the app (see
/// <see cref="LocalAssetWatch"/>), and adds the signed-cookie middleware when it is enabled.
/// </summary>
internal sealed class StaticPublishStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // Without a manifest (Development) there is nothing to watch for, and no request pays for the watch.
        if (app.ApplicationServices.GetRequiredService<IStaticAssetUrls>().IsEnabled)
        {
            var watch = app.ApplicationServices.GetRequiredService<LocalAssetWatch>();
            app.Use(async (context, nextMiddleware) =>
            {
                await nextMiddleware(context).ConfigureAwait(false);
                watch.Observe(context);
            });
        }

        if (app.ApplicationServices.GetRequiredService<IOptions<StaticPublishRuntimeOptions>>().Value.SignedCookies.Enabled)
        {
            app.UseMiddleware<SignedCookieMiddleware>();
        }

        next(app);
    };
}
