using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace StaticPublish.AspNetCore.Tests.Infrastructure;

/// <summary>The sample app in memory, over a published folder, with test settings, clock and log capture.</summary>
internal sealed class SampleAppFactory(
    string contentRoot, string environment, IReadOnlyDictionary<string, string?> settings, TimeProvider? time = null, string? pathBase = null,
    Action<StaticPublish.AspNetCore.Configuration.StaticPublishRuntimeOptions>? configure = null)
    : WebApplicationFactory<Program>
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(contentRoot);
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureServices(services =>
        {
            if (time is not null)
            {
                services.Replace(ServiceDescriptor.Singleton(time));
            }

            if (configure is not null)
            {
                services.Configure(configure);
            }

            if (pathBase is not null)
            {
                services.AddTransient<IStartupFilter>(_ => new PathBaseStartupFilter(pathBase));
            }
        });
    }

    private sealed class PathBaseStartupFilter(string pathBase) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UsePathBase(pathBase);
            next(app);
        };
    }
}
