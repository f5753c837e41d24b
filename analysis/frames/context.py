"""Context rules: a sentence whose praised object is in the sentences before it.

A speech often thanks or pays tribute in a sentence of its own, after the sentence that names
who did what: "정부의 노력과 의료진의 헌신이 함께 이룬 성과입니다. 깊이 감사드립니다." The second
sentence carries praise, but a sentence-level lexicon cannot see its object. A frame's ``context``
rule in the lexicon (:class:`analysis.frames.lexicon.Context`) reads a window of the sentences
before it in the same document:

* the **trigger** sentence matches one of the rule's ``patterns`` (thanks, tribute, applause,
  pride), none of its ``exclude`` phrases anywhere in the sentence (a courtesy whose object is
  in the sentence itself: thanks for coming, for preparing, for the support), has at most
  ``max_words`` words, and carries no match of the frame of its own;
* one of the ``window`` statements before it (same ``doc_id``, nearest first; with a
  ``sentence`` column, at most ``window`` sentence numbers back) is the **antecedent**: it
  matches one of the rule's ``antecedent`` patterns (an actor's effort, dedication, role,
  achievement) or carries the frame by its own words, and none of its ``antecedent_exclude``
  phrases (support, hospitality, preparing the occasion).

The trigger then carries the frame; its target is read in the antecedent (as the frame's
targets are, before the antecedent's match; or the antecedent's own praise target). Scores stay
per statement: the window is read, never merged, and the antecedent's statement id is the
evidence (``<frame>_context`` in :func:`analysis.frames.score_frames`). The window is read in
the statements table given: score whole documents (a table holding only some sentences of a
document sees only those).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..inputs.speakers import SpeakerRegistry, load_speakers
from ..text.layout import make_reading_view
from ..text.tokens import n_words
from .lexicon import Frame, Lexicon, as_lexicon
from .matching import MATCH_COLUMNS, find_frame_matches
from .search import JoinedTexts, find_candidates, resolve_overlaps
from .targets import find_mentions, find_targets

__all__ = ["CONTEXT_COLUMNS", "find_context_matches", "list_previous_statements"]

#: Columns of :func:`find_context_matches`: :data:`MATCH_COLUMNS` and ``context``, the statement
#: id of the sentence that supplied the object.
CONTEXT_COLUMNS = (*MATCH_COLUMNS, "context")


def list_previous_statements(statements: pd.DataFrame, window: int) -> list[list[int]]:
    """For every row, the positions of up to ``window`` rows before it in the same document, nearest first.

    Rows are ordered by ``doc_id`` and ``sentence`` (table order without ``sentence``); with
    ``sentence``, a row more than ``window`` sentence numbers back is not in the window (the
    sentences between are not in the table). Without ``doc_id`` no row has a previous one.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["a", "a", "b", "a"], "sentence": [1, 2, 1, 5]})
    >>> list_previous_statements(st, 2)
    [[], [0], [], []]
    """
    previous: list[list[int]] = [[] for _ in range(len(statements))]
    if "doc_id" not in statements.columns or not len(statements):
        return previous
    docs = statements["doc_id"].to_numpy()
    numbers = statements["sentence"].to_numpy() if "sentence" in statements.columns else np.arange(len(statements))
    order = sorted(range(len(statements)), key=lambda i: (str(docs[i]), numbers[i], i))
    for k, i in enumerate(order):
        for j in reversed(order[max(0, k - window):k]):
            if docs[j] == docs[i] and numbers[i] - numbers[j] <= window:
                previous[i].append(j)
    return previous


def find_context_matches(statements: pd.DataFrame, lexicon: Lexicon | str | Path | None = None,
                         matches: pd.DataFrame | None = None, *, speakers=None) -> pd.DataFrame:
    """Matches made by the frames' context rules: a trigger sentence whose object is in the window before it.

    Parameters
    ----------
    statements : pandas.DataFrame
        Needs ``statement_id`` and ``text``; ``doc_id`` (without it no rule applies),
        ``sentence``, ``voice`` and ``date`` are read when present.
    lexicon : Lexicon or path, optional
        Default: :data:`analysis.frames.FRAMES_LEXICON` (which has no context rule).
    matches : pandas.DataFrame, optional
        :func:`find_frame_matches` of these statements, if already computed.
    speakers : SpeakerRegistry or path, optional
        Names targets in the antecedent by the registry's aliases.

    Returns
    -------
    pandas.DataFrame
        :data:`CONTEXT_COLUMNS`, one row per statement the rule makes carry a frame: the
        trigger's ``entry``, ``match``, ``start``, ``end`` (in the trigger's text), the
        ``target`` and ``target_side`` read in the antecedent, and ``context``, the
        antecedent's ``statement_id``.

    Examples
    --------
    >>> lex = Lexicon.from_text('''language: ko
    ... frames:
    ...   leadership_praise:
    ...     terms: [높이 평가]
    ...     context: {patterns: [감사드립니다], exclude: [참석], antecedent: [{pattern: 헌신, target: before}]}
    ...     targets: {column: praise_target}
    ... targets: {ROK: [의료진]}
    ... ''')
    >>> st = pd.DataFrame({"statement_id": ["d:1", "d:2"], "doc_id": "d", "sentence": [1, 2],
    ...                    "text": ["의료진의 헌신이 있었습니다.", "깊이 감사드립니다."]})
    >>> find_context_matches(st, lex)[["statement_id", "match", "target", "context"]].values.tolist()
    [['d:2', '감사드립니다', 'ROK', 'd:1']]
    """
    lexicon = as_lexicon(lexicon)
    frames = [frame for frame in lexicon.frames if frame.context is not None]
    if not frames or "doc_id" not in statements.columns or not len(statements):
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("start", "end") else object) for c in CONTEXT_COLUMNS})
    registry = None if speakers is None else speakers if isinstance(speakers, SpeakerRegistry) else load_speakers(speakers)
    if matches is None:
        matches = find_frame_matches(statements, lexicon, speakers=registry)
    views = [make_reading_view(text) for text in statements["text"].fillna("").astype(str)]
    texts = [view.view for view in views]
    joined = JoinedTexts(texts)
    ids = statements["statement_id"].tolist()
    voices = statements["voice"].tolist() if "voice" in statements.columns else [None] * len(texts)
    dates = statements["date"].array if "date" in statements.columns else [None] * len(texts)
    rows = []
    for frame in frames:
        own = matches[(matches["frame"] == frame.name) & (matches["facet"] == "")]
        carrying = pd.Index(ids).get_indexer(own["statement_id"].unique()).tolist()
        named = pd.Index(ids).get_indexer(own.loc[own["target"] != "unspecified", "statement_id"].unique()).tolist()
        own_targets = dict(zip(own["statement_id"], own["target"]))
        own_sides = dict(zip(own["statement_id"], own["target_side"]))
        triggers = _find_triggers(frame, joined, texts, set(named))
        previous = list_previous_statements(statements, frame.context.window)
        candidates = sorted({j for i in triggers for j in previous[i]})
        antecedents, excluded = _find_antecedents(frame, texts, candidates, set(carrying))
        named_in = sorted(j for j, value in antecedents.items() if value is not None)
        mentioned = find_mentions(lexicon, registry, texts, dates, named_in) if named_in else {}
        for i, (start, end, entry) in sorted(triggers.items()):
            source = _nearest(previous[i], antecedents, excluded)
            if source is None:
                continue
            found = antecedents[source]
            if found is None:  # the antecedent carries the frame by its own words: its targets
                target, side = own_targets.get(ids[source], "unspecified"), own_sides.get(ids[source], "unspecified")
            else:
                pairs = find_targets(frame, texts[source], *found, voices[source], mentioned[source])
                target = ";".join(sorted({t for t, _ in pairs})) if pairs else "unspecified"
                side = ";".join(sorted({s for _, s in pairs})) if pairs else "unspecified"
            a, b = views[i].to_text(start), views[i].to_text(end)
            text = str(statements["text"].iloc[i])
            rows.append((ids[i], frame.name, "", entry.text, text[a:b], a, b, target, side, ids[source]))
    return pd.DataFrame(rows, columns=list(CONTEXT_COLUMNS)).astype({"start": "int64", "end": "int64"})


def _find_triggers(frame: Frame, joined: JoinedTexts, texts: list[str], carrying: set) -> dict:
    """Statement position -> (start, end, entry) of the first trigger, for short statements that
    do not carry the frame with a named target of their own (``carrying``) and have no excluded phrase."""
    rule = frame.context
    excluded = {index for index, *_ in find_candidates(rule.exclude, joined)}
    triggers: dict[int, tuple] = {}
    for index, start, end, entry in resolve_overlaps(find_candidates(rule.entries, joined)):
        if index in carrying or index in excluded or index in triggers or n_words(texts[index]) > rule.max_words:
            continue
        triggers[index] = (start, end, entry)
    return triggers


def _nearest(previous: list[int], antecedents: dict, excluded: set) -> int | None:
    """The nearest antecedent in the window; none if an excluded statement (a courtesy) comes first."""
    for j in previous:
        if j in excluded:
            return None
        if j in antecedents:
            return j
    return None


def _find_antecedents(frame: Frame, texts: list[str], candidates: list[int], carrying: set) -> tuple[dict, set]:
    """Statement position -> (start, end, entry) of its first antecedent match, or None when it
    carries the frame by its own words; and the statements with an excluded phrase (left out)."""
    rule = frame.context
    among = JoinedTexts([texts[i] for i in candidates])
    excluded = {candidates[k] for k, *_ in find_candidates(rule.antecedent_exclude, among)}
    found: dict[int, tuple | None] = {}
    for k, start, end, entry in resolve_overlaps(find_candidates(rule.antecedent, among)):
        found.setdefault(candidates[k], (start, end, entry))
    for i in candidates:
        if i in carrying:
            found[i] = None
    return {i: value for i, value in found.items() if i not in excluded}, excluded
