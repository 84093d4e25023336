# Keep pytest's doctest collection away from the module that runs the CLI on import.
collect_ignore = ["namenorm/__main__.py", "scripts"]
