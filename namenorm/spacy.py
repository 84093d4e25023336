"""A spaCy pipeline component that marks namenorm's mentions as entities.

Install the extra (``pip install "namenorm[spacy]"``); the component is registered through
spaCy's ``spacy_factories`` entry point, so a blank pipeline needs no model and no import:

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("namenorm")
>>> [(e.text, e.label_, e._.namenorm_id) for e in nlp("Shelling hit Steppe cart.").ents]
[('Steppe cart', 'GPE', 'stepanakert')]

Each entity span gets ``._.namenorm_id``, ``._.namenorm_name``, ``._.namenorm_score``,
``._.namenorm_method`` and ``._.namenorm_kind``. Labels follow spaCy's English scheme: people
``PERSON``, places ``GPE``, organizations ``ORG``, events ``EVENT`` and demonyms ``NORP``. Entities
already on the document (from a model's NER) are kept where they do not overlap a mention, or
replaced where they do with ``overwrite_ents=True``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from namenorm.matching.resolver import Resolver
from namenorm.mentions.annotator import Annotator

__all__ = ["LABELS", "NamenormComponent", "create_component"]

#: spaCy labels by namenorm type (``demonym`` is the label of demonym mentions).
LABELS = {
    "person": "PERSON",
    "place": "GPE",
    "organization": "ORG",
    "event": "EVENT",
    "demonym": "NORP",
}
_ATTRIBUTES = ("id", "name", "score", "method", "kind")

for _attr in _ATTRIBUTES:
    if not Span.has_extension(f"namenorm_{_attr}"):
        Span.set_extension(f"namenorm_{_attr}", default=None)


class NamenormComponent:
    """Runs :meth:`namenorm.Annotator.annotate` on each document and sets its entities."""

    def __init__(
        self,
        annotator: Annotator,
        *,
        overwrite_ents: bool = False,
        labels: dict[str, str] | None = None,
    ) -> None:
        self.annotator = annotator
        self.overwrite_ents = overwrite_ents
        self.labels = {**LABELS, **(labels or {})}

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for m in self.annotator.annotate(doc.text):
            label = self.labels["demonym" if m.kind == "demonym" else m.type]
            span = doc.char_span(m.start, m.end, label=label, alignment_mode="expand")
            if span is None:
                continue
            span._.namenorm_id = m.id
            span._.namenorm_name = m.name
            span._.namenorm_score = m.score
            span._.namenorm_method = m.method
            span._.namenorm_kind = m.kind
            spans.append(span)
        existing = list(doc.ents)
        if self.overwrite_ents:
            # filter_spans prefers longer spans, then earlier ones: ours go first so that they
            # win ties against the existing entities
            doc.ents = filter_spans(spans + existing)
        else:
            taken = {i for e in existing for i in range(e.start, e.end)}
            kept = [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
            doc.ents = sorted(existing + filter_spans(kept), key=lambda s: s.start)
        return doc


@Language.factory(
    "namenorm",
    default_config={
        "demonyms": True,
        "types": None,
        "gazetteer": None,
        "include_default": True,
        "overwrite_ents": False,
    },
)
def create_component(
    nlp: Language,
    name: str,
    demonyms: bool,
    types: Iterable[str] | None,
    gazetteer: str | list[str] | None,
    include_default: bool,
    overwrite_ents: bool,
) -> NamenormComponent:
    """Build the component: ``gazetteer`` adds YAML files (a path or a list of paths) to the
    bundled gazetteer, or replaces it with ``include_default=False``."""
    resolver: Any = None
    if gazetteer:
        paths = [gazetteer] if isinstance(gazetteer, (str, Path)) else list(gazetteer)
        resolver = Resolver.from_paths(*paths, include_default=include_default)
    annotator = Annotator(resolver, demonyms=demonyms, types=types)
    return NamenormComponent(annotator, overwrite_ents=overwrite_ents)
