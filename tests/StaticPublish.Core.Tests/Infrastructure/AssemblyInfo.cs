// Classes run in parallel: each has its own bucket and each test its own location prefix.
[assembly: Parallelize(Workers = 0, Scope = ExecutionScope.ClassLevel)]
