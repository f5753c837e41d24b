"""Rates by group with document-bootstrap intervals (see :mod:`analysis.comparison`).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from ..statements.protocol import exclude_protocol
from .intervals import check_columns, make_generator, poisson_interval, wilson_interval

__all__ = ["RATE_COLUMNS", "estimate_rates"]

#: Columns of :func:`estimate_rates`.
RATE_COLUMNS = (
    "group",
    "frame",
    "n_statements",
    "n_words",
    "n_documents",
    "n_hits",
    "n_matches",
    "per_100",
    "per_100_low",
    "per_100_high",
    "per_1000_words",
    "per_1000_words_low",
    "per_1000_words_high",
)


def _per_document(frame: pd.DataFrame, columns: Sequence[str], cluster: str | None):
    """Per-document sums: statements, words, hits per column, matches per column."""
    keys = frame[cluster] if cluster else pd.Series(np.arange(len(frame)), index=frame.index)
    hits = frame[list(columns)].astype(float)
    matches = pd.DataFrame({c: frame[f"{c}_n"].astype(float) if f"{c}_n" in frame.columns else hits[c] for c in columns}, index=frame.index)
    grouped = pd.DataFrame({"n": 1.0, "words": frame["n_words"].astype(float)}, index=frame.index).groupby(keys.to_numpy(), sort=True).sum()
    return (
        grouped["n"].to_numpy(),
        grouped["words"].to_numpy(),
        hits.groupby(keys.to_numpy(), sort=True).sum().to_numpy(),
        matches.groupby(keys.to_numpy(), sort=True).sum().to_numpy(),
    )


def estimate_rates(
    statements: pd.DataFrame,
    columns: Sequence[str],
    *,
    by: str = "voice",
    groups: Sequence[str] | None = None,
    cluster: str | None = "doc_id",
    n_boot: int = 2000,
    level: float = 0.95,
    min_interval: bool = True,
    random_state: int = 0,
    include_protocol: bool = False,
) -> pd.DataFrame:
    """Rates of 0/1 columns by group, with document-bootstrap intervals.

    Parameters
    ----------
    statements : pandas.DataFrame
        Scored statements (:func:`analysis.frames.score_frames`): ``by``, ``n_words``,
        ``cluster`` and the 0/1 ``columns``; a column ``<column>_n`` (matches per statement), if
        present, is the numerator of the per-1,000-words rate (else the 0/1 column).
    columns : sequence of str
        The 0/1 columns (frames, facets) to rate.
    by : str, default "voice"
        The grouping column (``voice``, ``side``, ``voice_speaker``, ``speaker`` ...).
    groups : sequence of str, optional
        Groups to report, in order; a group absent from the table gets a row with zero
        statements and empty (NaN) rates. Default: every group, sorted.
    cluster : str or None, default "doc_id"
        The resampling unit of the bootstrap; None resamples statements (ignores dependence).
    n_boot : int, default 2000
        Bootstrap replicates.
    level : float, default 0.95
        Interval coverage.
    min_interval : bool, default True
        Widen each interval to at least the Wilson interval (per 100 statements) or the exact
        Poisson interval (per 1,000 words) of the raw counts.
    random_state : int, default 0
        Seed; the same seed gives the same intervals. Each group draws its document resamples
        from its own generator, derived from the seed and the group's label (a stable hash, not
        Python's salted ``hash()``); the frames of a group share its resamples. So a group's
        intervals depend only on its own statements, the seed and ``n_boot``: not on which other
        groups or frames are asked for, nor on their order.

    include_protocol : bool, default False
        Count protocol statements (``protocol``, the courtesies of a speech to the Assembly's
        officers) in the frames the protocol cues list (``leadership_praise``); by default they
        count as 0 there (:func:`analysis.statements.protocol.exclude_protocol`).

    Returns
    -------
    pandas.DataFrame
        :data:`RATE_COLUMNS`, one row per group and column, in the order of ``groups`` then
        ``columns``: counts (``n_statements``, ``n_words``, ``n_documents``, ``n_hits`` statements
        with the frame, ``n_matches`` frame matches), ``per_100`` (statements with the frame per
        100 statements) and ``per_1000_words`` (matches per 1,000 words) with ``_low``/``_high``.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "voice": ["CN", "ROK", "CN", "CN"],
    ...                    "n_words": [10, 10, 10, 10], "peninsula": [1, 0, 0, 1]})
    >>> rates = estimate_rates(st, ["peninsula"], n_boot=200)
    >>> rates[["group", "n_statements", "n_hits", "per_100"]].round(1).values.tolist()
    [['CN', 3, 2, 66.7], ['ROK', 1, 0, 0.0]]
    >>> bool(rates.loc[1, "per_100_high"] > 50)  # one statement: a wide interval, not a confident 0
    True
    """
    columns = list(columns)
    if not include_protocol:
        statements = exclude_protocol(statements, columns)
    check_columns(statements, columns, by, cluster)
    present = sorted(statements[by].dropna().astype(str).unique())
    groups = list(groups) if groups is not None else present
    rows = []
    for group in groups:
        rng = make_generator(random_state, "rates", group)
        part = statements[statements[by].astype(str) == str(group)]
        n_stat, n_words = len(part), float(part["n_words"].sum())
        n_docs = int(part[cluster].nunique()) if cluster else n_stat
        if n_stat == 0:
            for column in columns:
                rows.append(_empty_rate(group, column))
            continue
        n_d, words_d, hits_d, matches_d = _per_document(part, columns, cluster)
        weights = rng.multinomial(len(n_d), np.full(len(n_d), 1 / len(n_d)), size=n_boot).astype(float)
        boot_n, boot_words = weights @ n_d, weights @ words_d
        boot_hits, boot_matches = weights @ hits_d, weights @ matches_d
        rows.extend(_group_rows(group, columns, (n_stat, n_words, n_docs), (hits_d, matches_d), (boot_n, boot_words, boot_hits, boot_matches),
                                level=level, min_interval=min_interval))
    table = pd.DataFrame(rows, columns=list(RATE_COLUMNS))
    for column in ("n_statements", "n_words", "n_documents", "n_hits", "n_matches"):
        table[column] = table[column].astype("int64")
    return table


def _group_rows(group, columns, sizes, counts, boot, *, level: float, min_interval: bool) -> list[dict]:
    """The rate rows of one group: point estimates, bootstrap percentiles, and the Wilson / Poisson floors."""
    n_stat, n_words, n_docs = sizes
    hits_d, matches_d = counts
    boot_n, boot_words, boot_hits, boot_matches = boot
    tail = (1 - level) / 2 * 100
    rows = []
    for j, column in enumerate(columns):
        hits, matches = float(hits_d[:, j].sum()), float(matches_d[:, j].sum())
        per_100 = 100 * hits / n_stat
        per_words = 1000 * matches / n_words if n_words else float("nan")
        low, high = np.percentile(100 * boot_hits[:, j] / boot_n, [tail, 100 - tail])
        if n_words:
            w_low, w_high = np.percentile(1000 * boot_matches[:, j] / np.maximum(boot_words, 1e-12), [tail, 100 - tail])
        else:
            w_low = w_high = float("nan")
        if min_interval:
            s_low, s_high = wilson_interval(hits, n_stat, level)
            low, high = min(low, 100 * s_low), max(high, 100 * s_high)
            if n_words:
                p_low, p_high = poisson_interval(matches, n_words, level)
                w_low, w_high = min(w_low, 1000 * p_low), max(w_high, 1000 * p_high)
        rows.append(
            {
                "group": group,
                "frame": column,
                "n_statements": n_stat,
                "n_words": int(n_words),
                "n_documents": n_docs,
                "n_hits": int(hits),
                "n_matches": int(matches),
                "per_100": per_100,
                "per_100_low": float(low),
                "per_100_high": float(high),
                "per_1000_words": per_words,
                "per_1000_words_low": float(w_low),
                "per_1000_words_high": float(w_high),
            }
        )
    return rows


def _empty_rate(group, column) -> dict:
    row = dict.fromkeys(RATE_COLUMNS, float("nan"))
    row.update(group=group, frame=column, n_statements=0, n_words=0, n_documents=0, n_hits=0, n_matches=0)
    return row
