// Classes run in parallel (each has its own buckets or prefixes); tests within a class run in order.
[assembly: Parallelize(Workers = 0, Scope = ExecutionScope.ClassLevel)]
