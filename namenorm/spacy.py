"""A spaCy pipeline component that marks namenorm's mentions as entities.

Install the extra (``pip install "namenorm[spacy]"``); the component is registered through
spaCy's ``spacy_factories`` entry point, so a blank pipeline needs no model and no import:

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("namenorm")
>>> [(e.text, e.label_, e._.namenorm_id) for e in nlp("Shelling hit Steppe cart.").ents]
[('Steppe cart', 'GPE', 'stepanakert')]

Each entity span gets ``._.namenorm_id``, ``._.namenorm_name``, ``._.namenorm_score``,
``._.namenorm_method`` and ``._.namenorm_kind``; each token of a mention ``._.namenorm_id``; the
document ``._.namenorm_mentions`` (every :class:`~namenorm.Mention`, also those that lost to an
existing entity). Labels follow spaCy's English scheme: people
``PERSON``, places ``GPE``, organizations ``ORG``, events ``EVENT`` and demonyms ``NORP``. Entities
already on the document (from a model's NER) are kept where they do not overlap a mention, or
replaced where they do with ``overwrite_ents=True``.

The config takes ``gazetteer`` (YAML files added to the bundled gazetteer, or used alone with
``include_default=False``) or ``index`` (a file saved by ``namenorm build-index``).
``nlp.to_disk(folder)`` copies those files into the pipeline's folder and ``spacy.load(folder)``
reads them from there, so the folder can move to another machine.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from namenorm._checks import check_bool, check_instance, check_items, check_path, check_paths
from namenorm.matching.match import check_types
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
if not Token.has_extension("namenorm_id"):
    Token.set_extension("namenorm_id", default=None)
if not Doc.has_extension("namenorm_mentions"):
    Doc.set_extension("namenorm_mentions", default=None)

_SETTINGS = "namenorm.json"


class NamenormComponent:
    """Runs :meth:`namenorm.Annotator.annotate` on each document and sets its entities.

    The resolver is built on first use, from the bundled gazetteer, ``gazetteer`` files or a
    saved ``index``; :meth:`to_disk` and :meth:`from_disk` carry those files with the pipeline.
    """

    def __init__(
        self,
        annotator: Annotator | None = None,
        *,
        overwrite_ents: bool = False,
        labels: dict[str, str] | None = None,
        demonyms: bool = True,
        types: Iterable[str] | None = None,
        gazetteer: str | Path | Sequence[str | Path] | None = None,
        index: str | Path | None = None,
        include_default: bool = True,
    ) -> None:
        _check_options(annotator, overwrite_ents, labels, demonyms, types, gazetteer, index,
                       include_default)
        if gazetteer and index:
            raise ValueError("give gazetteer files or a saved index, not both")
        self._annotator = annotator
        self._lock = threading.Lock()
        self.overwrite_ents: bool = overwrite_ents
        self.labels: dict[str, str] = {**LABELS, **(labels or {})}
        self.demonyms: bool = demonyms
        self.types: list[str] | None = (
            None if types is None else [types] if isinstance(types, str) else list(types)
        )
        self.gazetteer: list[Path] = [Path(p) for p in _paths(gazetteer)]
        self.index: Path | None = Path(index) if index else None
        self.include_default: bool = include_default

    @property
    def annotator(self) -> Annotator:
        """The annotator, built once on first use."""
        if self._annotator is None:
            with self._lock:
                if self._annotator is None:
                    self._annotator = Annotator(self._resolver(), demonyms=self.demonyms,
                                                types=self.types)
        return self._annotator

    def _resolver(self) -> Resolver | None:
        if self.index is not None:
            return Resolver.load(self.index)
        if self.gazetteer:
            return Resolver.from_paths(*self.gazetteer, include_default=self.include_default)
        return None  # the bundled resolver

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.annotator.annotate(doc.text)
        doc._.namenorm_mentions = mentions
        spans = []
        for m in mentions:
            label = self.labels["demonym" if m.kind == "demonym" else m.type]
            span = doc.char_span(m.start, m.end, label=label, alignment_mode="expand")
            if span is None:
                continue
            span._.namenorm_id = m.id
            span._.namenorm_name = m.name
            span._.namenorm_score = m.score
            span._.namenorm_method = m.method
            span._.namenorm_kind = m.kind
            for token in span:
                token._.namenorm_id = m.id
            spans.append(span)
        doc.ents = self._merged(spans, list(doc.ents))
        return doc

    def _merged(self, spans: list[Span], existing: list[Span]) -> list[Span]:
        if self.overwrite_ents:
            # filter_spans prefers longer spans, then earlier ones: ours go first so that they
            # win ties against the existing entities
            return filter_spans(spans + existing)
        taken = {i for e in existing for i in range(e.start, e.end)}
        kept = [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
        return sorted(existing + filter_spans(kept), key=lambda s: s.start)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Copy the gazetteer files or the saved index into ``path`` (the component's folder)."""
        folder = Path(check_path("path", path))
        check_items("exclude", exclude, str, "str")
        folder.mkdir(parents=True, exist_ok=True)
        names: list[str] = []
        for i, source in enumerate(self.gazetteer):
            for j, f in enumerate(_yaml_files(source)):
                name = f"gazetteer-{i}-{j}-{f.name}"
                shutil.copyfile(f, folder / name)
                names.append(name)
        index = None
        if self.index is not None:
            index = "index.nnidx"
            shutil.copyfile(self.index, folder / index)
        settings = {"gazetteer": names, "index": index, "include_default": self.include_default}
        (folder / _SETTINGS).write_text(json.dumps(settings, indent=1), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> NamenormComponent:
        """Use the files :meth:`to_disk` stored in ``path`` (wherever the folder is now)."""
        folder = Path(check_path("path", path))
        check_items("exclude", exclude, str, "str")
        settings_file = folder / _SETTINGS
        if settings_file.exists():
            settings = json.loads(settings_file.read_text(encoding="utf-8"))
            self.gazetteer = [folder / name for name in settings["gazetteer"]]
            self.index = folder / settings["index"] if settings["index"] else None
            self.include_default = bool(settings["include_default"])
            self._annotator = None
        return self


def _check_options(
    annotator: object, overwrite_ents: object, labels: object, demonyms: object, types: object,
    gazetteer: object, index: object, include_default: object,
) -> None:
    check_instance("annotator", annotator, Annotator, optional=True)
    check_bool("overwrite_ents", overwrite_ents)
    if labels is not None:
        check_instance("labels", labels, dict)
        check_items("labels", labels.values(), str, "str labels")  # type: ignore[attr-defined]
    check_bool("demonyms", demonyms)
    if types is not None:  # entity types: one str or an iterable of them
        check_types(types)  # type: ignore[arg-type]
    if gazetteer is not None and not isinstance(gazetteer, (str, Path)):
        check_paths("gazetteer", gazetteer)
    check_path("index", index, optional=True)
    check_bool("include_default", include_default)


def _paths(given: str | Path | Sequence[str | Path] | None) -> list[str | Path]:
    if not given:
        return []
    return [given] if isinstance(given, (str, Path)) else list(given)


def _yaml_files(source: Path) -> list[Path]:
    if source.is_dir():
        return sorted(p for p in source.rglob("*") if p.suffix in (".yaml", ".yml"))
    return [source]


@Language.factory(
    "namenorm",
    default_config={
        "demonyms": True,
        "types": None,
        "gazetteer": None,
        "index": None,
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
    index: str | None,
    include_default: bool,
    overwrite_ents: bool,
) -> NamenormComponent:
    """Build the component: ``gazetteer`` adds YAML files (a path or a list of paths) to the
    bundled gazetteer, or replaces it with ``include_default=False``; ``index`` is a saved index
    file. Files are read on first use (or from the pipeline folder by :meth:`from_disk`)."""
    return NamenormComponent(
        overwrite_ents=overwrite_ents, demonyms=demonyms, types=types, gazetteer=gazetteer,
        index=index, include_default=include_default,
    )
