"""Every match of every frame and facet in every statement: the evidence table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..inputs.speakers import SpeakerRegistry, load_speakers
from ..statements.schema import require_columns
from ..text.layout import ReadingView
from .lexicon import Lexicon, as_lexicon
from .search import JoinedTexts, check_reading_views, find_candidates, join_reading_views, resolve_overlaps
from .targets import find_mentions, find_targets

__all__ = ["MATCH_COLUMNS", "find_frame_matches"]

#: Columns of :func:`find_frame_matches`.
MATCH_COLUMNS = ("statement_id", "frame", "facet", "entry", "match", "start", "end", "target", "target_side")


def find_frame_matches(
    statements: pd.DataFrame,
    lexicon: Lexicon | str | Path | None = None,
    *,
    speakers=None,
    joined: tuple[list[ReadingView], JoinedTexts] | None = None,
) -> pd.DataFrame:
    """Every match of every frame (and facet) in every statement: the evidence.

    Parameters
    ----------
    statements : pandas.DataFrame
        Needs ``statement_id`` and ``text``; ``date``, ``side`` and ``reported_side`` are used
        for targets when present.
    lexicon : Lexicon or path, optional
        Default: :data:`FRAMES_LEXICON`.
    speakers : SpeakerRegistry or path, optional
        Names targets of directed frames by the registry's aliases (see :func:`score_frames`).
    joined : tuple, optional
        The statements' reading views and their word index,
        :func:`analysis.frames.search.join_reading_views` of the statements' texts, if the caller
        has built them (:func:`score_frames` does, to find stance cues in the same index); built
        here otherwise. ValueError if they were built from other texts.

    Returns
    -------
    pandas.DataFrame
        :data:`MATCH_COLUMNS`: ``frame``, ``facet`` (empty for frame matches), ``entry`` (the
        lexicon term or pattern), ``match`` (the text matched), ``start``/``end`` (character
        offsets in the statement's ``text``), ``target``/``target_side`` (for a directed frame:
        who the match is about, ``;``-separated, ``unspecified`` if nobody is named; else
        empty), in statement and position order. Facet matches are listed only for statements
        that carry their frame; a pattern with ``require_target`` and no target is not listed.

    Examples
    --------
    >>> lex = Lexicon.from_text("frames:\\n  rok:\\n    terms: [Korea, Republic of Korea]\\n")
    >>> st = pd.DataFrame({"statement_id": ["d:1"], "text": ["The Republic of Korea and Korea."]})
    >>> find_frame_matches(st, lex)[["entry", "match", "start"]].values.tolist()
    [['Republic of Korea', 'Republic of Korea', 4], ['Korea', 'Korea', 26]]

    A word split across a line end is read whole; offsets and ``match`` are those of the stored text:

    >>> lex = Lexicon.from_text("frames:\\n  un:\\n    terms: [Secretary-General]\\n")
    >>> st = pd.DataFrame({"statement_id": ["d:1"], "text": ["The Secretary-\\nGeneral spoke."]})
    >>> find_frame_matches(st, lex)[["match", "start", "end"]].values.tolist()
    [['Secretary-\\nGeneral', 4, 22]]
    """
    lexicon = as_lexicon(lexicon)
    registry = _registry(speakers)
    require_columns(statements, ("statement_id", "text"))
    texts = statements["text"].fillna("").astype(str).tolist()
    ids = statements["statement_id"].tolist()
    dates = statements["date"].array if "date" in statements.columns else [None] * len(texts)  # read for a few only
    if {"side", "speaker"} <= set(statements.columns):
        require_columns(statements, ["voice"])  # computed once, by attribute_statements
    voices = statements["voice"].tolist() if "voice" in statements.columns else [None] * len(texts)
    originals = texts
    if joined is None:
        joined = join_reading_views(texts)  # "Secretary-\nGeneral" reads "Secretary-General"
    else:
        check_reading_views(joined, texts)
    views, joined = joined
    texts = [view.view for view in views]
    rows = []
    for frame in lexicon.frames:
        found = resolve_overlaps(find_candidates(frame.entries, joined) + find_candidates(frame.exclude + lexicon.ignore, joined, block=True))
        carriers = set()
        if frame.target_column:  # who each statement with a match names, found once per statement
            mentioned = find_mentions(lexicon, registry, texts, dates, sorted({index for index, *_ in found}))
        for index, start, end, entry in found:
            target = side = ""
            if frame.target_column:
                named = find_targets(frame, texts[index], start, end, entry, voices[index], mentioned[index])
                if not named and entry.require_target:
                    continue
                target = ";".join(sorted({t for t, _ in named})) if named else "unspecified"
                side = ";".join(sorted({s for _, s in named})) if named else "unspecified"
            carriers.add(index)
            rows.append((index, frame.name, "", entry.text, texts[index][start:end], start, end, target, side))
        if frame.facets and carriers:
            carrying = sorted(carriers)
            among = JoinedTexts([texts[i] for i in carrying])
            for facet, entries in frame.facets:
                for position, start, end, entry in resolve_overlaps(find_candidates(entries, among)):
                    index = carrying[position]
                    rows.append((index, frame.name, facet, entry.text, texts[index][start:end], start, end, "", ""))
    rows = [_to_stored(row, views[row[0]], originals[row[0]]) if views[row[0]].changed else row for row in rows]
    rows.sort(key=lambda r: (r[0], r[5], r[1], r[2]))
    table = pd.DataFrame(rows, columns=["index", *MATCH_COLUMNS[1:]])
    table.insert(0, "statement_id", [ids[i] for i in table["index"]])
    table = table.drop(columns="index")
    for column in ("start", "end"):
        table[column] = table[column].astype("int64")
    return table.reset_index(drop=True)


def _to_stored(row: tuple, view, text: str) -> tuple:
    """A match row with its offsets and matched text in the stored statement text."""
    start, end = view.to_text(row[5]), view.to_text(row[6])
    return (*row[:4], text[start:end], start, end, *row[7:])


def _registry(speakers):
    if speakers is None:
        return None
    return speakers if isinstance(speakers, SpeakerRegistry) else load_speakers(speakers)
