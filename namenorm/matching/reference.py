"""The slow reference: candidates by scanning every alias, for tests to hold the index against.

:func:`brute_force` ranks the entities for a query as :meth:`namenorm.Resolver.candidates`
does, through the same steps (:func:`namenorm.matching.candidates.gather`), but its
:class:`~namenorm.matching.candidates.Source` scores every alias instead of asking the index's
tables, and tries every alias for a proposed dictionary form whose fold key, phonetic key,
plain text or normalized text is the form's. The index promises to find exactly the aliases a
scan would accept (docs/resolver.md), so both must give the same ranking; the property tests
check it. Nothing in the package calls this module.

>>> import namenorm
>>> [m.id for m in brute_force(namenorm.default_resolver(), "Xankendi")][:1]
['stepanakert']
"""

from __future__ import annotations

from collections.abc import Iterable

from namenorm.index.tables import Index
from namenorm.keys import QueryKeys
from namenorm.matching.candidates import Source, gather
from namenorm.matching.match import Match, explain
from namenorm.matching.resolver import Resolver

__all__ = ["brute_force", "scan_source"]


def scan_source(index: Index) -> Source:
    """Every alias, for a query; the aliases sharing a key with a proposed dictionary form."""

    def every(q: QueryKeys) -> Iterable[int]:
        return range(len(index.aliases))

    def same_key(qv: QueryKeys) -> Iterable[int]:
        return [
            i
            for i, a in enumerate(index.aliases)
            if a.fold_c == qv.fold_c
            or a.phon_c == qv.phon_c
            or a.plain == qv.norm_fold
            or a.norm == qv.norm
        ]

    return Source(every, same_key)


def brute_force(
    resolver: Resolver, query: str, types: frozenset[str] | None = None
) -> list[Match]:
    """Every entity for ``query``, best first, as :meth:`Resolver.candidates` ranks them,
    found by scoring every alias (slow)."""
    index = resolver.index
    found = gather(index, query, types, scan_source(index))
    if found is None:
        return []
    query, q, entries = found
    entries.sort(key=lambda e: (-e.capped, e.eid))
    return [
        explain(index, query, q, e.ei, e.i, e.ev, e.capped, e.cut, e.inflection) for e in entries
    ]
