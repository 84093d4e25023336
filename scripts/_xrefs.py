"""Shared by the build-time identifier scripts (geonames_ids.py, iso3166_codes.py): write
reviewed identifiers into the gazetteer's YAML, keeping everything else as it is."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from namenorm.gazetteer.model import default_paths

_ENTRY = re.compile(r"- id: ([a-z0-9-]+)$")


def write_xrefs(field: str, values: dict[str, str], paths: Iterable[Path] | None = None) -> int:
    """Add ``field: value`` under ``xrefs:`` to the entry of each entity id in ``values`` that
    does not have that field yet (``value`` is written as given, quotes included); returns how
    many were written."""
    written = 0
    for path in default_paths() if paths is None else paths:
        lines = path.read_text(encoding="utf-8").split("\n")
        changed = False
        i = 0
        while i < len(lines):
            m = _ENTRY.match(lines[i])
            if not m or m.group(1) not in values:
                i += 1
                continue
            j = i + 1
            while j < len(lines) and lines[j].startswith("  ") and lines[j] != "  names:":
                j += 1
            block = lines[i + 1 : j]
            if any(x.strip().startswith(f"{field}:") for x in block):
                i = j
                continue
            line = f"    {field}: {values[m.group(1)]}"
            if "  xrefs:" in block:
                lines.insert(i + 2 + block.index("  xrefs:"), line)
            else:
                lines[j:j] = ["  xrefs:", line]
            changed = True
            written += 1
            i = j
        if changed:
            path.write_text("\n".join(lines), encoding="utf-8")
    return written
