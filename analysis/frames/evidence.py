"""Evidence behind the numbers: the praise matrix (praiser x target) and keyword in context."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..statements.schema import require_columns
from .lexicon import Lexicon, as_lexicon
from .matching import find_frame_matches
from .patterns import compile_phrase

__all__ = ["compute_praise_matrix", "find_kwic"]


def compute_praise_matrix(
    scored: pd.DataFrame, *, praiser: str = "voice", target: str = "praise_target_side", include_protocol: bool = False
) -> pd.DataFrame:
    """Count leadership praise by praiser and target.

    Parameters
    ----------
    scored : pandas.DataFrame
        The output of :func:`score_frames`.
    praiser : str, default "voice"
        Who praises: ``voice``, ``voice_speaker``, ``side`` or ``speaker``.
    target : str, default "praise_target_side"
        ``praise_target_side`` (persons replaced by their side) or ``praise_target``.
    include_protocol : bool, default False
        Count protocol statements too (the courtesies of a speech to the Assembly's officers,
        column ``protocol``, :mod:`analysis.statements.protocol`); by default they are left out:
        protocol is not praise between the parties.

    Returns
    -------
    pandas.DataFrame
        Tidy: ``praiser``, ``target``, ``n_statements`` (a statement praising two targets counts
        once for each), ``statement_ids`` (``;``-separated, to trace every count), sorted by
        praiser and target.

    Examples
    --------
    >>> scored = pd.DataFrame({"statement_id": ["a:1", "a:2", "b:1"], "voice": ["ROK", "ROK", "CN"],
    ...     "leadership_praise": [1, 1, 1], "praise_target_side": ["CN", "CN;ROK", "joint"]})
    >>> compute_praise_matrix(scored)[["praiser", "target", "n_statements"]].values.tolist()
    [['CN', 'joint', 1], ['ROK', 'CN', 2], ['ROK', 'ROK', 1]]
    """
    require_columns(scored, ("statement_id", praiser, target, "leadership_praise"))
    praised = scored[scored["leadership_praise"] == 1]
    if not include_protocol and "protocol" in praised.columns:
        praised = praised[~praised["protocol"].fillna(False).astype(bool)]
    rows = [
        (who, one, sid)
        for who, targets, sid in praised[[praiser, target, "statement_id"]].itertuples(index=False)
        for one in str(targets).split(";")
        if one
    ]
    table = pd.DataFrame(rows, columns=["praiser", "target", "statement_id"])
    if table.empty:
        return pd.DataFrame({"praiser": pd.Series(dtype=object), "target": pd.Series(dtype=object),
                             "n_statements": pd.Series(dtype="int64"), "statement_ids": pd.Series(dtype=object)})
    grouped = table.groupby(["praiser", "target"], sort=True)
    return pd.DataFrame(
        {"n_statements": grouped.size(), "statement_ids": grouped["statement_id"].agg(";".join)}
    ).reset_index()


def find_kwic(
    statements: pd.DataFrame,
    *,
    term: str | None = None,
    frame: str | None = None,
    facet: str | None = None,
    lexicon: Lexicon | str | Path | None = None,
    width: int = 60,
    matches: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Keyword in context: every statement that carries a term, a frame or a facet.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements (or scored) table; needs ``statement_id`` and ``text``.
    term : str, optional
        A phrase, matched like a lexicon term (:func:`compile_phrase`).
    frame : str, optional
        A frame of the lexicon; with ``facet``, one of its facets.
    lexicon : Lexicon or path, optional
        For ``frame``; default :data:`FRAMES_LEXICON`.
    width : int, default 60
        Characters of context on each side.
    matches : pandas.DataFrame, optional
        Precomputed :func:`find_frame_matches` output.

    Returns
    -------
    pandas.DataFrame
        One row per match: ``statement_id``, ``doc_id``, ``date``, ``speaker``, ``side``,
        ``voice`` (those present in ``statements``), ``left``, ``match``, ``right``, ``text``.

    Examples
    --------
    >>> st = pd.DataFrame({"statement_id": ["d:1"], "doc_id": ["d"], "speaker": ["Lu Kang"],
    ...                    "text": ["We support dialogue on the Korean Peninsula."]})
    >>> find_kwic(st, term="Korean Peninsula", width=10)[["speaker", "left", "match"]].values.tolist()
    [['Lu Kang', 'ue on the', 'Korean Peninsula']]
    """
    require_columns(statements, ("statement_id", "text"))
    if (term is None) == (frame is None):
        raise ValueError("give either term= or frame= (with facet= for a facet)")
    if term is not None:
        pattern = compile_phrase(term)
        rows = [
            (sid, m.start(), m.end())
            for sid, text in statements[["statement_id", "text"]].itertuples(index=False)
            for m in pattern.finditer(str(text))
        ]
    else:
        lexicon = as_lexicon(lexicon)
        found = lexicon.frame(frame)
        if facet is not None and facet not in found.facet_names:
            raise KeyError(f"frame `{frame}` has no facet `{facet}`; facets: {', '.join(found.facet_names) or 'none'}")
        if matches is None:
            matches = find_frame_matches(statements, lexicon)
        chosen = matches[(matches["frame"] == frame) & (matches["facet"] == (facet or ""))
                         & matches["statement_id"].isin(statements["statement_id"])]
        rows = list(chosen[["statement_id", "start", "end"]].itertuples(index=False, name=None))
    keep = [c for c in ("statement_id", "doc_id", "date", "speaker", "side", "voice", "voice_speaker", "text") if c in statements.columns]
    by_id = statements[keep].drop_duplicates("statement_id").set_index("statement_id", drop=False)
    records = []
    for sid, start, end in rows:
        row = by_id.loc[sid]
        text = str(row["text"])
        records.append(
            {
                **{c: row[c] for c in keep if c != "text"},
                "left": " ".join(text[max(0, start - width) : start].split()),
                "match": text[start:end],
                "right": " ".join(text[end : end + width].split()),
                "text": text,
            }
        )
    columns = [c for c in keep if c != "text"] + ["left", "match", "right", "text"]
    return pd.DataFrame(records, columns=columns)
