"""Entities and their names: the plain data of the gazetteer, checked by
:mod:`namenorm.gazetteer.validate` and collected by :class:`namenorm.gazetteer.model.Gazetteer`.

>>> Entity(id="baku", type="place", name="Baku", names=(Name("Bakı", lang="az"),)).names[1].script
'Latn'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from namenorm._checks import check_str
from namenorm.text.scripts import detect_script

__all__ = ["FLAGS", "KINDS", "TYPES", "Entity", "Name", "detect_script", "xref_key"]

TYPES = frozenset({"person", "place", "organization", "event"})
KINDS = frozenset(
    {
        "preferred", "official", "variant", "exonym", "historical", "abbreviation", "short",
        "demonym", "corruption", "generated",
    }
)  # fmt: skip
#: The boolean fields of a :class:`Name`.
FLAGS = ("exact_only", "needs_context", "shared")


@dataclass(frozen=True)
class Name:
    """One name of an entity: its text and what is known about it.

    ``exact_only`` names match only when the query is the same string (case kept);
    ``needs_context`` names are ordinary words too and do not resolve a bare lookup;
    ``shared`` names legitimately belong to several entities.
    """

    text: str
    lang: str | None = None
    script: str | None = None
    kind: str = "variant"
    period: str | None = None
    exact_only: bool = False
    needs_context: bool = False
    shared: bool = False
    scheme: str | None = None

    def __post_init__(self) -> None:
        _check_text("name text", self.text)
        for key in ("lang", "script", "period", "scheme"):
            _check_optional(f"{key} of name {self.text!r}", getattr(self, key))
        if check_str(f"kind of name {self.text!r}", self.kind) not in KINDS:
            raise ValueError(
                f"kind {self.kind!r} of name {self.text!r} is not one of {', '.join(sorted(KINDS))}"
            )
        for flag in FLAGS:
            if not isinstance(getattr(self, flag), bool):
                raise TypeError(f"{flag} of name {self.text!r} must be True or False")
        if self.script is None:
            object.__setattr__(self, "script", detect_script(self.text))


@dataclass(frozen=True)
class Entity:
    """A canonical person, place or organization. ``names[0]`` is the canonical ``name``."""

    id: str
    type: str
    name: str
    names: tuple[Name, ...] = ()
    category: str | None = None
    country: str | None = None
    parent: str | None = None
    role: str | None = None
    near_miss: tuple[str, ...] = ()
    xrefs: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: Region tags (``south-caucasus-area``, ``post-soviet-area``, ...): what code asks of where an
    #: entity belongs is asked of these tags on it, its country and its parents, never of ids.
    regions: tuple[str, ...] = ()
    #: Ids of countries that hold a well-known place of the same name (Georgia, the US state):
    #: a document that names such a country and nothing of the entity's region means that one.
    namesakes: tuple[str, ...] = ()
    source: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        _check_entity(self)
        if not self.names or self.names[0].kind != "preferred" or self.names[0].text != self.name:
            # The canonical name comes first; listing it again under names only adds its flags
            # (for example ``shared: true`` where two entities have the same canonical name).
            same = [n for n in self.names if n.text == self.name]
            preferred = Name(
                self.name,
                lang="en",
                kind="preferred",
                exact_only=any(n.exact_only for n in same),
                needs_context=any(n.needs_context for n in same),
                shared=any(n.shared for n in same),
            )
            rest = tuple(n for n in self.names if n.text != self.name)
            object.__setattr__(self, "names", (preferred, *rest))
        if not isinstance(self.xrefs, MappingProxyType):
            object.__setattr__(self, "xrefs", MappingProxyType(dict(self.xrefs)))


def _check_text(what: str, value: object) -> None:
    if not check_str(what, value).strip():
        raise ValueError(f"{what} must not be empty")


def _check_optional(what: str, value: object) -> None:
    check_str(what, value, optional=True)


def _strings(what: str, value: object) -> tuple[str, ...]:
    """``value`` as a tuple of str (a list is taken too); ``TypeError`` for anything else."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
        raise TypeError(f"{what} must be a tuple of str, not {type(value).__name__}")
    for item in value:
        if not isinstance(item, str):
            raise TypeError(f"{what} must hold str, not {type(item).__name__}")
    return tuple(value)


def _check_entity(e: Entity) -> None:
    """The checks an :class:`Entity` gets when it is made (the YAML loader's checks of forms
    and references come on top): ``TypeError`` for a field of the wrong type, ``ValueError``
    for an empty id or name or an unknown type. Lists are taken for tuples."""
    _check_text("entity id", e.id)
    if check_str(f"type of entity {e.id!r}", e.type) not in TYPES:
        raise ValueError(
            f"type {e.type!r} of entity {e.id!r} is not one of {', '.join(sorted(TYPES))}"
        )
    _check_text(f"name of entity {e.id!r}", e.name)
    for key in ("category", "country", "parent", "role", "source"):
        _check_optional(f"{key} of entity {e.id!r}", getattr(e, key))
    for key in ("near_miss", "regions", "namesakes"):
        object.__setattr__(e, key, _strings(f"{key} of entity {e.id!r}", getattr(e, key)))
    if isinstance(e.names, (str, bytes)) or not isinstance(e.names, (tuple, list)):
        raise TypeError(f"names of entity {e.id!r} must be a tuple of Name")
    for n in e.names:
        if not isinstance(n, Name):
            raise TypeError(f"names of entity {e.id!r} must hold Name, not {type(n).__name__}")
    object.__setattr__(e, "names", tuple(e.names))
    if not isinstance(e.xrefs, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in e.xrefs.items()
    ):
        raise TypeError(f"xrefs of entity {e.id!r} must map str to str")


def xref_key(scheme: str, value: str) -> tuple[str, str]:
    """How a cross-reference is compared: the scheme in lower case, the value in upper case
    (every scheme's identifiers are written so: ``Q399``, ``AM``, ``AM-ER``, digits).

    >>> xref_key("ISO3166", " am ")
    ('iso3166', 'AM')
    """
    return scheme.strip().lower(), value.strip().upper()
