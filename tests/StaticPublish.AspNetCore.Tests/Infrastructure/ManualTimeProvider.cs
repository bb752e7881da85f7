namespace StaticPublish.AspNetCore.Tests.Infrastructure;

/// <summary>A clock tests move by hand, to step through signing windows.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
