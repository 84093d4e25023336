import importlib.util

# Keep pytest's doctest collection away from the module that runs the CLI on import.
collect_ignore = ["namenorm/__main__.py", "scripts"]

# The spaCy component's doctest needs the optional spacy extra.
try:
    import spacy  # noqa: F401
except ImportError:
    collect_ignore.append("namenorm/spacy.py")

# namenorm.spark imports pyspark, pyarrow and pandas (the spark extra); without them, skip it
# (tests/test_spark.py says so; in CI the extra is installed and a missing one is an error).
if not all(importlib.util.find_spec(m) for m in ("pyspark", "pyarrow", "pandas")):
    collect_ignore.append("namenorm/spark.py")
