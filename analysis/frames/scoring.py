"""Frame scores per statement: 0/1 and counts per frame, evidence, facets, stance, praise targets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..statements.schema import require_columns
from .context import find_context_matches
from .lexicon import Lexicon, as_lexicon
from .matching import find_frame_matches
from .officers import assign_officer_targets
from .search import JoinedTexts, find_candidates, join_reading_views, resolve_overlaps
from .targets import classify_stance, group_by_statement

__all__ = ["score_frames"]


def score_frames(
    statements: pd.DataFrame,
    lexicon: Lexicon | str | Path | None = None,
    *,
    speakers=None,
    matches: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Add frame scores, evidence, facets, stance and praise targets to the statements table.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements table (:func:`analysis.statements.attribute_statements`); needs
        ``statement_id``, ``text``, ``speaker``, ``side`` (``date``, ``reported_*`` are used if present).
    lexicon : Lexicon or path, optional
        Default: :data:`FRAMES_LEXICON`.
    speakers : SpeakerRegistry or path, optional
        The speakers registry: its aliases name praise targets (persons under their canonical
        name, collectives under their side) and give a person's side. Without it only the
        lexicon's ``targets`` are used.
    matches : pandas.DataFrame, optional
        The output of :func:`find_frame_matches` for these statements, if already computed
        (then ``speakers`` is not used: pass it to :func:`find_frame_matches`).

    Returns
    -------
    pandas.DataFrame
        A copy of ``statements`` with :meth:`Lexicon.columns`: per frame ``<frame>`` (1 if any match, else 0),
        ``<frame>_n`` (number of matches) and ``<frame>_terms`` (the matched text, ``" | "``
        separated); per facet ``<frame>_<facet>`` (0/1, only where the frame is 1);
        ``<frame>_stance`` (``endorsement``, ``mention`` or ``""``) for frames with stance cues;
        and for a directed frame its target column (``praise_target``: ``;``-separated sorted
        targets, ``unspecified`` when none is named, ``""`` without praise) and ``<column>_side``
        (persons replaced by their side); with a ``protocol`` column, praise of the Assembly's
        officers has target ``UN officers`` (:func:`analysis.frames.officers.assign_officer_targets`).
        For a frame with a ``context`` rule (:mod:`analysis.frames.context`), ``<frame>_context``:
        the ``statement_id`` of the sentence before that supplied the praised object ("" when the
        statement carries the frame by its own words alone); its match counts in ``<frame>_n`` and
        ``<frame>_terms`` and its target, read in that sentence, in the target column.

    Examples
    --------
    >>> st = pd.DataFrame({"statement_id": ["d:1", "d:2"], "speaker": ["Moon Jae-in", "Wang Yi"],
    ...     "side": ["ROK", "CN"], "voice": ["ROK", "CN"], "text": ["The ROK speaks highly of China's achievements.",
    ...     "We need to uphold multilateralism and support the WHO."]})
    >>> scored = score_frames(st)
    >>> scored[["leadership_praise", "praise_target", "multilateralism", "multilateralism_stance"]].values.tolist()
    [[1, 'CN', 0, ''], [0, '', 1, 'endorsement']]
    >>> scored.loc[1, "multilateralism_terms"]
    'multilateralism | WHO'
    """
    lexicon = as_lexicon(lexicon)
    out = statements
    require_columns(out, ("statement_id", "text"))
    texts = out["text"].fillna("").astype(str).tolist()
    joined = None  # the reading views and word index of the frames' search: the stance cues are found in it
    if matches is None:
        joined = join_reading_views(texts)
        matches = find_frame_matches(out, lexicon, speakers=speakers, joined=joined)
    in_context = find_context_matches(out, lexicon, matches, speakers=speakers)
    if len(in_context):
        matches = pd.concat([matches, in_context[matches.columns]], ignore_index=True)
    n = len(out)
    ids = pd.Index(out["statement_id"])
    if not ids.is_unique:
        raise ValueError("statement_id must be unique in the statements table (it is `doc_id:sentence` in attribute_statements)")
    position = ids.get_indexer(matches["statement_id"])  # row of each match's statement
    if (position < 0).any():
        raise ValueError("matches name statements that are not in the table: compute them with find_frame_matches on these statements")
    frame_of, facet_of = matches["frame"].to_numpy(), matches["facet"].to_numpy()
    fields = [matches[c].to_numpy() for c in ("entry", "match", "start", "end", "target", "target_side")]
    new: dict[str, object] = {}  # the new columns, in order, added at once
    spaced: dict[str, str] = {}  # matched text -> with its white space as single spaces
    for frame in lexicon.frames:
        is_frame = frame_of == frame.name
        rows = np.flatnonzero(is_frame & (facet_of == ""))
        counts = np.bincount(position[rows], minlength=n).astype("int64")
        terms: dict[int, list[str]] = {}  # by statement position; only statements with matches
        spans: dict[int, list[tuple[int, int, str]]] = {}
        targets: dict[int, set] = {}
        sides: dict[int, set] = {}
        for i, entry, match, start, end, target, side in zip(position[rows].tolist(), *(f[rows].tolist() for f in fields)):
            if match not in spaced:
                spaced[match] = " ".join(match.split())
            terms.setdefault(i, []).append(spaced[match])
            spans.setdefault(i, []).append((start, end, entry))
            if frame.target_column:
                targets.setdefault(i, set()).update(t for t in str(target).split(";") if t)
                sides.setdefault(i, set()).update(s for s in str(side).split(";") if s)
        new[frame.name] = (counts > 0).astype("int64")
        new[f"{frame.name}_n"] = counts
        joined_terms = [""] * n
        for i, found in terms.items():
            joined_terms[i] = " | ".join(found)
        new[f"{frame.name}_terms"] = joined_terms
        for facet in frame.facet_names:
            flags = np.zeros(n, dtype="int64")
            flags[position[is_frame & (facet_of == facet)]] = 1
            new[f"{frame.name}_{facet}"] = flags
        if frame.has_stance:
            new[f"{frame.name}_stance"] = _stance_column(frame, texts, counts, spans, joined)
        if frame.target_column:
            for column, found in ((frame.target_column, targets), (f"{frame.target_column}_side", sides)):
                values = [""] * n
                for i, named in found.items():
                    values[i] = _join_targets(named)
                new[column] = values
        if frame.context is not None:
            new[f"{frame.name}_context"] = _context_column(in_context, frame.name, ids)
    scored = pd.concat([out, pd.DataFrame(new, index=out.index)], axis=1)
    return assign_officer_targets(scored)  # praise in speeches' protocol is of `UN officers` (needs `protocol`)


def _stance_column(frame, texts: list[str], counts: np.ndarray, spans: dict, joined: tuple | None) -> list[str]:
    """``<frame>_stance`` of every statement: endorsement or mention where the frame matched, else ""."""
    carrying = np.flatnonzero(counts).tolist()
    cues = [group_by_statement(resolve_overlaps(found), len(carrying)) for found in _stance_cues(frame, texts, carrying, joined)]
    stance = [""] * len(texts)
    for k, i in enumerate(carrying):
        stance[i] = classify_stance(frame, texts[i], spans[i], *(c[k] for c in cues))
    return stance


def _stance_cues(frame, texts: list[str], carrying: list[int], joined: tuple | None) -> list[list]:
    """The candidates of the frame's endorse, endorse-after and oppose cues in the ``carrying`` statements'
    texts, as (position in ``carrying``, start, end, entry).

    Found in the word index of the frames' search (``joined``: :func:`join_reading_views` of
    ``texts``, which :func:`score_frames` passed to :func:`find_frame_matches`) for the statements
    its reading view left as they are, and in a small one of their own texts for the others;
    without it (``matches=`` given), in an index of the carrying statements' texts (the same candidates).
    """
    kinds = (frame.endorse, frame.endorse_after, frame.oppose)
    if joined is None:
        among = JoinedTexts([texts[i] for i in carrying])
        return [find_candidates(entries, among) for entries in kinds]
    views, joined = joined
    as_written = {i: k for k, i in enumerate(carrying) if not views[i].changed}  # view == text: offsets alike
    rejoined = [k for k, i in enumerate(carrying) if views[i].changed]
    among = JoinedTexts([texts[carrying[k]] for k in rejoined]) if rejoined else None
    found = []
    for entries in kinds:
        cues = [(as_written[i], start, end, entry) for i, start, end, entry in find_candidates(entries, joined) if i in as_written]
        if among is not None:
            cues += [(rejoined[p], start, end, entry) for p, start, end, entry in find_candidates(entries, among)]
        found.append(cues)
    return found


def _context_column(in_context: pd.DataFrame, frame: str, ids: pd.Index) -> list[str]:
    """``<frame>_context``: the statement id of the sentence that supplied the object, else ""."""
    values = [""] * len(ids)
    rows = in_context[in_context["frame"] == frame]
    for position, source in zip(ids.get_indexer(rows["statement_id"]).tolist(), rows["context"]):
        values[position] = source
    return values


def _join_targets(found: set) -> str:
    named = found - {"unspecified"}
    return ";".join(sorted(named)) if named else ("unspecified" if found else "")


def add_stance_indicators(
    scored: pd.DataFrame,
    lexicon: Lexicon | str | Path | None = None,
    *,
    names: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Add 0/1 columns ``<name>_endorsement`` and ``<name>_mention`` for every frame with stance cues.

    They turn ``<frame>_stance`` into indicators that :func:`analysis.comparison.estimate_rates`
    can count (the command line's ``frames --facets`` and notebook 02 use them).

    Parameters
    ----------
    scored : pandas.DataFrame
        :func:`score_frames` output.
    lexicon : Lexicon or path, optional
        The lexicon it was scored with (default :data:`analysis.paths.FRAMES_LEXICON`).
    names : dict, optional
        Column prefix per frame (default: the frame's name), e.g. ``{"multilateralism": "multilateral"}``.

    Returns
    -------
    pandas.DataFrame
        A copy of ``scored`` with the new columns.

    Examples
    --------
    >>> scored = pd.DataFrame({"multilateralism_stance": ["endorsement", "mention", ""]})
    >>> add_stance_indicators(scored, names={"multilateralism": "m"})[["m_endorsement", "m_mention"]].values.tolist()
    [[1, 0], [0, 1], [0, 0]]
    """
    lexicon = as_lexicon(lexicon)
    names = names or {}
    new = {}
    for frame in lexicon.frames:
        if frame.has_stance and f"{frame.name}_stance" in scored.columns:
            stance = scored[f"{frame.name}_stance"]
            prefix = names.get(frame.name, frame.name)
            new[f"{prefix}_endorsement"] = (stance == "endorsement").astype("int64")
            new[f"{prefix}_mention"] = (stance == "mention").astype("int64")
    return scored.assign(**new)
