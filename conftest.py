# Keep pytest's doctest collection away from the module that runs the CLI on import.
collect_ignore = ["namenorm/__main__.py", "scripts"]

# The spaCy component's doctest needs the optional spacy extra.
try:
    import spacy  # noqa: F401
except ImportError:
    collect_ignore.append("namenorm/spacy.py")
