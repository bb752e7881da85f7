using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/StaticPublish.AspNetCore.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(StaticPublish.AspNetCore.Benchmarks.UrlLookupBenchmarks).Assembly).Run(args);
