"""The statements table: its documented columns, and ``voice``, computed once here.

Columns (:data:`STATEMENT_COLUMNS`), in order:

``statement_id``
    ``doc_id:sentence``.
``doc_id``, ``date``, ``genre``
    From the document.
``paragraph``, ``sentence``
    1-based paragraph number; 1-based sentence number within the document.
``speaker``, ``side``
    Canonical name (or ``journalist``, an outlet, ``joint``, ``narrator``, ``unknown``) and side.
``cue``, ``rule``
    What decided the attribution (a verb or turn marker) and which rule applied.
``confidence``
    The rule's measured reliability (:mod:`analysis.statements.confidence`); 0 when the side is ``unknown``.
``reported_speaker``, ``reported_side``
    Whose words a press-conference turn reports, else empty.
``start``, ``end``
    The sentence's character span in the document ``text``.
``n_words``, ``text``
    The sentence and its number of words (:func:`analysis.text.tokens.n_words`).
``voice``, ``voice_speaker``
    Whose position the statement expresses (:func:`assign_voice`): the reported side (speaker)
    when the statement reports someone, else its own. Computed once, by
    :func:`analysis.statements.attribute_statements`; later stages read these columns.
``protocol``
    True for the courtesies of a speech to the Assembly's officers ("congratulate you on your
    election"), :func:`analysis.statements.protocol.flag_protocol`; not counted as leadership praise.
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

__all__ = ["STATEMENT_COLUMNS", "TURN_GENRES", "VOICE_COLUMNS", "assign_voice", "require_columns"]

STATEMENT_COLUMNS = (
    "statement_id",
    "doc_id",
    "date",
    "genre",
    "paragraph",
    "sentence",
    "speaker",
    "side",
    "cue",
    "rule",
    "confidence",
    "reported_speaker",
    "reported_side",
    "start",
    "end",
    "n_words",
    "text",
    "voice",
    "voice_speaker",
    "protocol",
)
#: The columns :func:`assign_voice` adds (the two before ``protocol``, the last of :data:`STATEMENT_COLUMNS`).
VOICE_COLUMNS = ("voice", "voice_speaker")

TURN_GENRES = ("press-conference", "remarks", "interview")


def assign_voice(statements: pd.DataFrame) -> pd.DataFrame:
    """Add ``voice`` and ``voice_speaker``: whose position each statement expresses.

    ``voice`` is ``reported_side`` when the statement reports someone's words ("President Moon
    said ..." in a journalist's question), else ``side``; ``voice_speaker`` likewise from
    ``reported_speaker`` / ``speaker``. The input is not changed.

    Examples
    --------
    >>> st = pd.DataFrame({"speaker": ["Geng Shuang", "journalist"], "side": ["CN", "press"],
    ...                    "reported_speaker": [None, "Moon Jae-in"], "reported_side": [None, "ROK"]})
    >>> assign_voice(st)[["voice", "voice_speaker"]].values.tolist()
    [['CN', 'Geng Shuang'], ['ROK', 'Moon Jae-in']]
    """
    missing = {"speaker", "side"} - set(statements.columns)
    if missing:
        raise KeyError(f"statements lack column(s) {sorted(missing)}; make them with analysis.statements.attribute_statements")
    out = statements.copy()
    reported_side = out["reported_side"] if "reported_side" in out else pd.Series(None, index=out.index, dtype=object)
    reported_speaker = out["reported_speaker"] if "reported_speaker" in out else pd.Series(None, index=out.index, dtype=object)
    out["voice"] = reported_side.where(reported_side.notna(), out["side"]).astype(object)
    out["voice_speaker"] = reported_speaker.where(reported_side.notna() & reported_speaker.notna(), out["speaker"]).astype(object)
    return out


def require_columns(table: pd.DataFrame, columns: Iterable[str], *, what: str = "statements") -> None:
    """Raise KeyError naming the missing columns and where they come from.

    Examples
    --------
    >>> require_columns(pd.DataFrame({"text": ["x"]}), ["text", "voice"])
    Traceback (most recent call last):
    ...
    KeyError: "the statements table lacks column(s) ['voice']; make it with analysis.statements.attribute_statements (voice: analysis.statements.assign_voice on your own table)"
    """
    missing = sorted(set(columns) - set(table.columns))
    if missing:
        raise KeyError(
            f"the {what} table lacks column(s) {missing}; make it with analysis.statements.attribute_statements "
            "(voice: analysis.statements.assign_voice on your own table)"
        )
