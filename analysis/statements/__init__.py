"""Statements: documents to speaker-attributed sentences (who said what), with ``voice`` computed once.

* :mod:`~analysis.statements.attribution`: :func:`attribute_statements`;
* :mod:`~analysis.statements.rules`: the attribution rules; :mod:`~analysis.statements.cues`: their lexicon;
* :mod:`~analysis.statements.schema`: the documented columns, :func:`assign_voice`;
* :mod:`~analysis.statements.summaries`: volume per speaker, side, document.
"""

from .attribution import attribute_statements
from .cues import Cues, load_cues
from .schema import STATEMENT_COLUMNS, TURN_GENRES, assign_voice
from .summaries import select_speakers, summarize_reported_speakers, summarize_speakers

__all__ = [
    "STATEMENT_COLUMNS",
    "TURN_GENRES",
    "Cues",
    "assign_voice",
    "attribute_statements",
    "load_cues",
    "select_speakers",
    "summarize_reported_speakers",
    "summarize_speakers",
]
