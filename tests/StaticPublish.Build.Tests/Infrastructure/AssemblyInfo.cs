// Classes run in parallel (each has its own workspace and bucket prefix); tests within a class run in order.
[assembly: Parallelize(Workers = 0, Scope = ExecutionScope.ClassLevel)]
