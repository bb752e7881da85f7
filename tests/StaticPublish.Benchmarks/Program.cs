using System.Globalization;
using StaticPublish.Benchmarks;
using StaticPublish.Core.Errors;

// The publish benchmark's harness. run.sh drives it; it can also be run by hand:
//   StaticPublish.Benchmarks generate <dir> [--files N] [--mb M] [--seed S]
//   StaticPublish.Benchmarks publish <dir> --bucket B [--prefix P] [--concurrency N] [--manifest FILE] [--quiet]
//   StaticPublish.Benchmarks profile <dir>
// publish reads the endpoint and keys from STATICPUBLISH_TEST_S3_ENDPOINT, _ACCESS_KEY, _SECRET_KEY and _REGION.
try
{
    return args switch
    {
        ["generate", var dir, .. var rest] => CorpusGenerator.Run(dir, Arguments.Parse(rest, "--files", "--mb", "--seed", "--shape")),
        ["profile", var dir] => ProfileCommand.Run(dir),
        ["publish", var dir, .. var rest] => await PublishCommand.RunAsync(dir, Arguments.Parse(rest, "--bucket", "--prefix", "--concurrency", "--manifest", "--quiet")),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return Usage();
}
catch (StaticPublishException e)
{
    Console.Error.WriteLine($"error: {e.Code}: {e.Message}");
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          StaticPublish.Benchmarks generate <dir> [--files N] [--mb M] [--seed S]
              writes a deterministic corpus of at least N files (default 3200) and M MB (default 60) into <dir>
          StaticPublish.Benchmarks publish <dir> --bucket B [--prefix P] [--concurrency N] [--manifest FILE] [--quiet]
              publishes <dir> with StaticPublish to the S3 server in STATICPUBLISH_TEST_S3_ENDPOINT (keys from
              STATICPUBLISH_TEST_S3_ACCESS_KEY/_SECRET_KEY/_REGION); the last line is ELAPSED_SECONDS=<s>
          StaticPublish.Benchmarks profile <dir>
              times the local work a publish repeats every run (read, hash, gzip at three levels), no S3
        """);
    return 2;
}

namespace StaticPublish.Benchmarks
{
    /// <summary>Minimal <c>--name value</c> parsing; <c>--quiet</c> is a flag.</summary>
    internal sealed class Arguments
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public static Arguments Parse(IReadOnlyList<string> args, params string[] known)
        {
            var parsed = new Arguments();
            for (var i = 0; i < args.Count; i++)
            {
                var name = args[i];
                if (!known.Contains(name, StringComparer.Ordinal))
                {
                    throw new ArgumentException($"unknown option '{name}'");
                }

                if (name == "--quiet")
                {
                    parsed._values[name] = "true";
                    continue;
                }

                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"option '{name}' needs a value");
                }

                parsed._values[name] = args[++i];
            }

            return parsed;
        }

        public string? Get(string name) => _values.GetValueOrDefault(name);

        public bool Has(string name) => _values.ContainsKey(name);

        public int GetInt(string name, int fallback) =>
            Get(name) is { } value
                ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                    ? parsed
                    : throw new ArgumentException($"option '{name}' needs a positive whole number, not '{value}'")
                : fallback;
    }
}
