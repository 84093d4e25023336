"""Answers stored with a saved index (:mod:`namenorm.index.answers`): made from the resolver's
own answers when the index is saved, and made back into the same :class:`Match` when a query is
one of the stored texts.

A record lists the strings of a match, each by number: its :data:`FIELDS`, then the steps of its
explanation; its score is kept beside it. A record is stored only when it gives back the very
match it was made from, so a stored answer and the full path cannot differ while the index and
the code that answered are the same (``tests/test_compiled.py`` checks the bundled index).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from namenorm._config import Config
from namenorm.index.answers import StoredAnswers
from namenorm.matching.match import Match

__all__ = ["FIELDS", "answers_apply", "compute_answers", "stored_match"]

#: The fields of a match a record holds first, in order (then the explanation's steps).
FIELDS = (
    "id", "name", "type", "method", "alias", "alias_kind", "alias_lang", "alias_scheme", "ending",
)  # fmt: skip

_DEFAULT = Config()


def answers_apply(config: Config) -> bool:
    """Whether stored answers hold under ``config``: they are computed under the default
    config, and only the size of the answer cache may differ."""
    return config == _DEFAULT or replace(config, cache_size=_DEFAULT.cache_size) == _DEFAULT


def stored_match(answers: StoredAnswers, query: str) -> tuple[bool, Match | None]:
    """``(True, answer)`` when an answer to ``query`` is stored (None: no match), else
    ``(False, None)``."""
    found = answers.find(query)
    if found is None:
        return False, None
    record, score = found
    if not record:
        return True, None
    s = answers.strings  # numbers below len(FIELDS) may be NONE; the steps never are
    at = answers.string
    return True, Match(
        id=s[record[0]],
        name=s[record[1]],
        type=s[record[2]],
        score=score,
        method=s[record[3]],
        alias=s[record[4]],
        alias_kind=s[record[5]],
        alias_lang=at(record[6]),
        query=query,
        explanation=tuple(s[n] for n in record[len(FIELDS) :]),
        alias_scheme=at(record[7]),
        ending=at(record[8]),
    )


def _record(match: Match) -> tuple[float, list[str | None]]:
    strings: list[str | None] = [getattr(match, name) for name in FIELDS]
    return match.score, [*strings, *match.explanation]


def compute_answers(
    texts: Iterable[str], resolve: Callable[[str], Match | None], config: Config
) -> StoredAnswers | None:
    """The answers of ``resolve`` (the full path of a resolver under ``config``, over an index
    without stored answers) for each of ``texts``, kept where a record gives them back whole;
    None under a config other than the default (see :func:`answers_apply`)."""
    if not answers_apply(config):
        return None
    records: dict[str, tuple[float, list[str | None]] | None] = {}
    given: dict[str, Match | None] = {}
    for text in dict.fromkeys(texts):
        if "\n" in text:
            continue  # the stored texts are lines
        answer = given[text] = resolve(text)
        if answer is None:
            records[text] = None
            continue
        record = _record(answer)
        if any(s is not None and "\n" in s for s in record[1]) or answer.query != text:
            continue
        records[text] = record
    answers = StoredAnswers.from_records(records)
    for text in records:  # every record must give back the answer it was made from
        if stored_match(answers, text) != (True, given[text]):
            raise RuntimeError(f"the stored answer of {text!r} differs from the resolver's")
    return answers
