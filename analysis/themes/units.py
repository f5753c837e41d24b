"""The unit a theme is fitted on: a statement, a speaker's turn, a paragraph, or a window of sentences.

A sentence is short and formulaic ("We have noted the reports."); the answer it belongs to says
what it is about. A speech whose source lost its paragraph breaks (the Korean speeches are one
paragraph each) is cut into windows of consecutive sentences instead. :func:`build_units` groups the statements table into units, and every
statement keeps the ``unit_id`` of its unit, so that a theme fitted on units reaches every
statement.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..statements import TURN_GENRES

__all__ = ["DEFAULT_WINDOW", "UNITS", "UNIT_COLUMNS", "build_units", "unit_ids"]

#: The units a theme model can be fitted on.
UNITS = ("statement", "turn", "paragraph", "window")

#: Sentences per unit with ``unit="window"``: about a paragraph of a speech.
DEFAULT_WINDOW = 8

#: Columns of :func:`build_units`.
UNIT_COLUMNS = ("unit_id", "doc_id", "date", "genre", "speaker", "side", "voice", "n_statements", "first_statement", "text")

_TURN_STARTS = frozenset({"turn", "opening"})


def unit_ids(statements: pd.DataFrame, unit: str, *, window: int = DEFAULT_WINDOW) -> np.ndarray:
    """The unit of each statement, as ``doc_id:first sentence`` of the unit, in the statements' order.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements table, in document order (``doc_id``, ``paragraph``, ``sentence``,
        ``speaker``; ``rule`` and ``genre`` for turns).
    unit : {"statement", "turn", "paragraph", "window"}
        ``statement``: each its own unit. ``paragraph``: the statements of one paragraph of
        one document. ``window``: ``window`` consecutive statements of one document (the last
        window of a document may be shorter), for speeches without paragraph breaks. ``turn``: in press conferences and interviews (:data:`TURN_GENRES`), a
        speaker's turn: from a turn marker ("Q:", "A:", a journalist's outlet) to the next one,
        over its paragraphs; a change of speaker inside it starts a new unit too. In other
        genres (readouts, speeches), which have no turns, a paragraph.

    window : int, default :data:`DEFAULT_WINDOW`
        Statements per unit with ``unit="window"``.

    Returns
    -------
    numpy.ndarray of str

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": "d", "genre": "press-conference", "paragraph": [1, 1, 2, 3, 3],
    ...     "sentence": [1, 2, 3, 4, 5], "speaker": ["journalist", "journalist", "Geng Shuang", "Geng Shuang", "Geng Shuang"],
    ...     "rule": ["turn", "turn", "turn", "turn-continued", "turn-continued"]})
    >>> unit_ids(st, "turn").tolist()
    ['d:1', 'd:1', 'd:3', 'd:3', 'd:3']
    >>> unit_ids(st, "paragraph").tolist()
    ['d:1', 'd:1', 'd:3', 'd:4', 'd:4']
    >>> unit_ids(st, "window", window=2).tolist()
    ['d:1', 'd:1', 'd:3', 'd:3', 'd:5']
    """
    if unit not in UNITS:
        raise ValueError(f"unit={unit!r}: use one of {', '.join(UNITS)}")
    if unit == "window" and (isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1):
        raise ValueError(f"window={window!r}: give the number of sentences per unit, an integer of 1 or more")
    needed = {"statement": ["doc_id", "sentence"], "window": ["doc_id", "sentence"], "paragraph": ["doc_id", "paragraph", "sentence"],
              "turn": ["doc_id", "paragraph", "sentence", "speaker", "rule", "genre"]}[unit]  # fmt: skip
    missing = [c for c in needed if c not in statements.columns]
    if missing:
        raise KeyError(f"unit={unit!r} needs the columns {missing} of the statements table (analysis.statements.attribute_statements makes them); or use unit='statement'")
    doc = statements["doc_id"].astype(str).to_numpy()
    sentence = statements["sentence"].to_numpy()
    new_doc = np.r_[True, doc[1:] != doc[:-1]]
    if unit == "statement":
        start = np.ones(len(doc), dtype=bool)
    elif unit == "window":
        doc_start = np.maximum.accumulate(np.where(new_doc, np.arange(len(doc)), 0)) if len(doc) else np.zeros(0, dtype=int)
        start = (np.arange(len(doc)) - doc_start) % int(window) == 0
    else:
        paragraph = statements["paragraph"].to_numpy()
        new_paragraph = new_doc | np.r_[True, paragraph[1:] != paragraph[:-1]]
        if unit == "paragraph":
            start = new_paragraph
        else:
            speaker = statements["speaker"].astype(str).to_numpy()
            turns = statements["genre"].isin(TURN_GENRES).to_numpy()
            marker = statements["rule"].isin(_TURN_STARTS).to_numpy() & new_paragraph
            new_speaker = np.r_[True, speaker[1:] != speaker[:-1]]
            start = new_doc | new_speaker | np.where(turns, marker, new_paragraph)
    first = np.maximum.accumulate(np.where(start, np.arange(len(doc)), 0)) if len(doc) else np.zeros(0, dtype=int)
    return np.array([f"{d}:{s}" for d, s in zip(doc[first], sentence[first])], dtype=object)


def build_units(statements: pd.DataFrame, unit: str = "turn", *, window: int = DEFAULT_WINDOW) -> pd.DataFrame:
    """The units of a statements table: their texts joined, their speaker, side and voice.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements table (see :func:`unit_ids`).
    unit : {"statement", "turn", "paragraph", "window"}, default "turn"
    window : int, default :data:`DEFAULT_WINDOW`
        Statements per unit with ``unit="window"``.

    Returns
    -------
    pandas.DataFrame
        :data:`UNIT_COLUMNS`, one row per unit in document order: ``text`` is the unit's
        statements joined by a space; ``speaker``, ``side``, ``voice`` (and ``date``,
        ``genre``) those of its first statement; ``n_statements``.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": "d", "date": pd.Timestamp("2020-01-02"), "genre": "speech", "paragraph": [1, 1, 2],
    ...     "sentence": [1, 2, 3], "speaker": "Wang Yi", "side": "CN", "text": ["Peace matters.", "So does trade.", "Thank you."]})
    >>> build_units(st, "paragraph")[["unit_id", "n_statements", "text"]].values.tolist()
    [['d:1', 2, 'Peace matters. So does trade.'], ['d:3', 1, 'Thank you.']]
    """
    ids = unit_ids(statements, unit, window=window)
    table = statements.assign(unit_id=ids, _order=np.arange(len(statements)))
    for column in ("date", "genre", "speaker", "side", "voice"):
        if column not in table.columns:
            table[column] = table["side"] if column == "voice" and "side" in table.columns else None
    grouped = table.groupby("unit_id", sort=False)
    units = grouped.agg(
        doc_id=("doc_id", "first"), date=("date", "first"), genre=("genre", "first"), speaker=("speaker", "first"),
        side=("side", "first"), voice=("voice", "first"), n_statements=("text", "size"), first_statement=("_order", "first"),
        text=("text", " ".join),
    ).reset_index()  # fmt: skip
    return units[list(UNIT_COLUMNS)]
