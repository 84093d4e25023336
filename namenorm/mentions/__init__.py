"""Mentions in running text: tokens, candidate spans, document context, decisions.

The modules, in the order a document passes through them:

- :mod:`~namenorm.mentions.words`: the vocabulary read around names (titles, place words,
  function words);
- :mod:`~namenorm.mentions.tokens`: words with their offsets and how they join into names;
- :mod:`~namenorm.mentions.lexicon`: the gazetteer's aliases as token keys;
- :mod:`~namenorm.mentions.spans`: candidate spans;
- :mod:`~namenorm.mentions.context`: what the document says about a candidate (coherence,
  cues, the people it names);
- :mod:`~namenorm.mentions.decide`: which candidates name which entity;
- :mod:`~namenorm.mentions.select`: overlapping mentions;
- :mod:`~namenorm.mentions.annotator`: :class:`Annotator`, :func:`annotate`, :func:`rewrite`.

Weights, distances and thresholds are those of :class:`AnnotateConfig`.
"""

from namenorm._config import AnnotateConfig
from namenorm.mentions.annotator import (
    Annotator,
    annotate,
    annotator_for,
    rewrite,
    rewrite_explained,
)
from namenorm.mentions.mention import Mention

__all__ = [
    "AnnotateConfig",
    "Annotator",
    "Mention",
    "annotate",
    "annotator_for",
    "rewrite",
    "rewrite_explained",
]
