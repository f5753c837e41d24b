"""Statements: documents to speaker-attributed sentences (who said what), with ``voice`` computed once.

* :mod:`~analysis.statements.attribution`: :func:`attribute_statements`;
* :mod:`~analysis.statements.rules`: the attribution rules; :mod:`~analysis.statements.subjects`: subjects of
  narrated sentences; :mod:`~analysis.statements.cues`: their lexicon; :mod:`~analysis.statements.announcements`:
  the page's own announcements (a briefing header naming its official, plans and schedules);
  :mod:`~analysis.statements.occasions`: photo captions and a speaker's recollection of someone's words;
  :mod:`~analysis.statements.principals`: "The President" on a presidential office's page is its own;
* :mod:`~analysis.statements.confidence`: ``confidence`` per rule, :func:`select_confident`;
* :mod:`~analysis.statements.accuracy`: accuracy against span-matched hand labels, per house style;
* :mod:`~analysis.statements.schema`: the documented columns, :func:`assign_voice`;
* :mod:`~analysis.statements.summaries`: volume per speaker, side, document.
"""

from .attribution import attribute_statements
from .confidence import DEFAULT_MIN_CONFIDENCE, assign_confidence, select_confident
from .cues import Cues, load_cues
from .schema import STATEMENT_COLUMNS, TURN_GENRES, assign_voice
from .summaries import select_speakers, summarize_reported_speakers, summarize_speakers, summarize_uncertain

__all__ = [
    "DEFAULT_MIN_CONFIDENCE",
    "STATEMENT_COLUMNS",
    "TURN_GENRES",
    "Cues",
    "assign_confidence",
    "assign_voice",
    "attribute_statements",
    "load_cues",
    "select_confident",
    "select_speakers",
    "summarize_reported_speakers",
    "summarize_speakers",
    "summarize_uncertain",
]
