"""``import namenorm`` stays light: neither PyYAML nor the annotator is loaded until used, and
every public name is still there."""

from __future__ import annotations

import json
import subprocess
import sys

import namenorm

_PROBE = """
import json, sys
import namenorm
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after(code: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    return set(json.loads(proc.stdout.splitlines()[-1]))


def test_import_loads_neither_yaml_nor_the_annotator():
    loaded = _modules_after(_PROBE)
    assert "yaml" not in loaded
    assert "namenorm.mentions.annotator" not in loaded
    assert "namenorm.gazetteer.load" not in loaded


def test_a_lookup_from_the_bundled_index_reads_no_yaml():
    loaded = _modules_after(_PROBE.replace("import namenorm\n",
                                           "import namenorm\nnamenorm.resolve('Baku')\n"))
    assert "yaml" not in loaded, "is the bundled index stale? run python scripts/build_index.py"
    assert "namenorm.text.romanize" not in loaded  # only building an index romanizes


def test_every_public_name_is_there():
    for name in namenorm.__all__:
        assert getattr(namenorm, name) is not None, name
    assert set(namenorm.__all__) <= set(dir(namenorm))
    from namenorm import Annotator, Mention, annotate, rewrite  # noqa: F401


def test_an_unknown_name_is_an_attribute_error():
    try:
        namenorm.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("namenorm.no_such_name did not raise")


def test_a_cli_lookup_imports_only_its_own_command():
    code = _PROBE.replace(
        "import namenorm\n",
        "import io, contextlib\nfrom namenorm.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['lookup', 'Baku'])\n",
    )
    loaded = _modules_after(code)
    assert "namenorm.cli.lookup" in loaded
    for other in ("namenorm.cli.annotate", "namenorm.cli.calibrate", "namenorm.cli.entities"):
        assert other not in loaded, other


def test_every_command_still_has_its_options(capsys):
    from namenorm.cli.main import COMMANDS, main

    for name in COMMANDS:
        try:
            main([name, "--help"])
        except SystemExit as exc:
            assert exc.code == 0, name
        usage = capsys.readouterr().out
        assert usage.startswith(f"usage: namenorm {name} [-h]"), name
        assert usage.splitlines()[0].strip() != f"usage: namenorm {name} [-h]", name  # more
