// Classes run in parallel: the page tests share one published app and one browser (each test has its own browser
// context), and the CORS test has its own bucket and app. Tests within a class run in order.
[assembly: Parallelize(Workers = 0, Scope = ExecutionScope.ClassLevel)]
