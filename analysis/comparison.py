"""Compare groups with honest uncertainty: rates with document-bootstrap intervals, and
permutation tests that respect the documents.

Statements of one document are not independent (one press conference returns to one topic,
one readout repeats one frame), so:

* :func:`estimate_rates` gives each group's rate of a 0/1 column (a frame) per 100 statements
  and per 1,000 words, with a percentile interval from a **bootstrap that resamples documents**
  (all statements of a drawn document come along). A group seen in few documents or with zero
  hits has a degenerate bootstrap ([0, 0] for 0 of 10), so by default the interval is widened to
  at least the Wilson score interval of the statement counts (per 100 statements) or the exact
  Poisson interval of the match counts (per 1,000 words): small counts always show as wide
  intervals, never as confident points.
* :func:`compare_rates` compares two groups: the difference of their rates with a document
  bootstrap interval (documents resampled jointly; by default widened to at least Newcombe's
  score interval of the counts), and a two-sided **permutation test that
  shuffles the group labels within each document** (``strata="doc_id"``): the null hypothesis is
  that, inside a document, which group says a statement is unrelated to the frame. Documents in
  which only one of the groups speaks keep their labels (they carry no within-document contrast);
  ``n_mixed_documents`` says how many documents informed the test.
* :func:`analysis.plots.comparison.plot_rates` draws points with interval whiskers (no bars) and the counts behind them.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from scipy import stats

__all__ = ["RATE_COLUMNS", "compare_rates", "estimate_rates"]

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


def _check(statements: pd.DataFrame, columns: Sequence[str], by: str, cluster: str | None) -> None:
    needed = {by, "n_words", *columns} | ({cluster} if cluster else set())
    missing = needed - set(statements.columns)
    if missing:
        raise KeyError(
            f"table lacks column(s) {sorted(missing)}; score it with analysis.frames.score_frames "
            "(frame columns are its frame names, e.g. 'peninsula')"
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


def _wilson(hits: float, n: float, level: float) -> tuple[float, float]:
    if n <= 0:
        return float("nan"), float("nan")
    z = stats.norm.ppf(0.5 + level / 2)
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _newcombe(hits_a: float, n_a: float, hits_b: float, n_b: float, level: float) -> tuple[float, float]:
    """Newcombe's (1998) hybrid score interval for a difference of two proportions (method 10)."""
    p_a, p_b = hits_a / n_a, hits_b / n_b
    l_a, u_a = _wilson(hits_a, n_a, level)
    l_b, u_b = _wilson(hits_b, n_b, level)
    difference = p_a - p_b
    return difference - np.sqrt((p_a - l_a) ** 2 + (u_b - p_b) ** 2), difference + np.sqrt((u_a - p_a) ** 2 + (p_b - l_b) ** 2)


def _poisson(count: float, exposure: float, level: float) -> tuple[float, float]:
    if exposure <= 0:
        return float("nan"), float("nan")
    alpha = 1 - level
    low = stats.chi2.ppf(alpha / 2, 2 * count) / 2 if count > 0 else 0.0
    high = stats.chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2
    return low / exposure, high / exposure


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
        Seed; the same seed gives the same intervals.

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
    _check(statements, columns, by, cluster)
    present = sorted(statements[by].dropna().astype(str).unique())
    groups = list(groups) if groups is not None else present
    rng = np.random.default_rng(random_state)
    tail = (1 - level) / 2 * 100
    rows = []
    for group in groups:
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
                s_low, s_high = _wilson(hits, n_stat, level)
                low, high = min(low, 100 * s_low), max(high, 100 * s_high)
                if n_words:
                    p_low, p_high = _poisson(matches, n_words, level)
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
    table = pd.DataFrame(rows, columns=list(RATE_COLUMNS))
    for column in ("n_statements", "n_words", "n_documents", "n_hits", "n_matches"):
        table[column] = table[column].astype("int64")
    return table


def _empty_rate(group, column) -> dict:
    row = dict.fromkeys(RATE_COLUMNS, float("nan"))
    row.update(group=group, frame=column, n_statements=0, n_words=0, n_documents=0, n_hits=0, n_matches=0)
    return row


def compare_rates(
    statements: pd.DataFrame,
    columns: Sequence[str],
    *,
    by: str = "voice",
    a: str = "CN",
    b: str = "ROK",
    strata: str | None = "doc_id",
    n_permutations: int = 2000,
    n_boot: int = 2000,
    level: float = 0.95,
    min_interval: bool = True,
    random_state: int = 0,
) -> pd.DataFrame:
    """Difference of two groups' rates (per 100 statements), its interval and permutation p-value.

    Parameters
    ----------
    statements : pandas.DataFrame
        Scored statements with ``by``, ``doc_id`` and the 0/1 ``columns``.
    columns : sequence of str
        The 0/1 columns to compare.
    by : str, default "voice"
        Grouping column.
    a, b : str, default "CN", "ROK"
        The two groups; the difference is ``a - b``.
    strata : str or None, default "doc_id"
        Permute the labels of ``a`` and ``b`` statements within each value of this column
        (documents); None permutes across all statements (treats them as independent).
    n_permutations, n_boot : int, default 2000
        Permutations and bootstrap replicates (documents resampled jointly for both groups).
    level : float, default 0.95
    min_interval : bool, default True
        Widen the bootstrap interval to at least Newcombe's hybrid score interval (from the two
        Wilson intervals): a group with 0 hits in 44 statements is not a certain 0.
    random_state : int, default 0

    Returns
    -------
    pandas.DataFrame
        One row per column: ``frame``, ``group_a``, ``group_b``, ``n_a``, ``n_b`` (statements),
        ``hits_a``, ``hits_b``, ``docs_a``, ``docs_b``, ``per_100_a``, ``per_100_b``,
        ``difference`` (points per 100 statements), ``difference_low``/``difference_high``,
        ``p_value`` (two-sided; NaN when a group is empty), ``n_mixed_documents`` (documents
        holding both groups: the only ones the within-document permutation can shuffle).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> st = pd.DataFrame({"doc_id": np.repeat(np.arange(20), 10), "voice": np.tile(["CN", "ROK"], 100),
    ...                    "n_words": 10, "frame": rng.integers(0, 2, 200)})
    >>> bool(compare_rates(st, ["frame"], n_permutations=499, n_boot=200)["p_value"].iloc[0] > 0.05)
    True
    """
    columns = list(columns)
    _check(statements, columns, by, "doc_id")
    if strata is not None and strata not in statements.columns:
        raise KeyError(f"no column `{strata}` to permute within; use strata=None or a column of the table")
    labels = statements[by].astype(str)
    both = statements[labels.isin([str(a), str(b)])]
    is_a = (both[by].astype(str) == str(a)).to_numpy()
    values = both[columns].astype(float).to_numpy()
    rng = np.random.default_rng(random_state)
    rows = []
    n_a, n_b = int(is_a.sum()), int((~is_a).sum())
    docs = both["doc_id"].to_numpy()
    mixed = both.groupby("doc_id")[by].nunique() if len(both) else pd.Series(dtype=int)
    n_mixed = int((mixed > 1).sum())
    if n_a == 0 or n_b == 0:
        for column in columns:
            rows.append(_empty_comparison(column, a, b, n_a, n_b, both, is_a, values, columns, n_mixed))
        return pd.DataFrame(rows)
    observed = values[is_a].mean(axis=0) - values[~is_a].mean(axis=0)
    permuted = _permuted_differences(is_a, values, both[strata].to_numpy() if strata else None, n_permutations, rng)
    p_values = (1 + (np.abs(permuted) >= np.abs(observed) - 1e-12).sum(axis=0)) / (1 + n_permutations)
    low, high = _bootstrap_difference(docs, is_a, values, n_boot, level, rng)
    if min_interval:
        for j in range(len(columns)):
            n_low, n_high = _newcombe(values[is_a, j].sum(), n_a, values[~is_a, j].sum(), n_b, level)
            low[j], high[j] = min(low[j], n_low), max(high[j], n_high)
    for j, column in enumerate(columns):
        rows.append(
            {
                "frame": column,
                "group_a": a,
                "group_b": b,
                "n_a": n_a,
                "n_b": n_b,
                "hits_a": int(values[is_a, j].sum()),
                "hits_b": int(values[~is_a, j].sum()),
                "docs_a": int(both.loc[is_a, "doc_id"].nunique()),
                "docs_b": int(both.loc[~is_a, "doc_id"].nunique()),
                "per_100_a": 100 * values[is_a, j].mean(),
                "per_100_b": 100 * values[~is_a, j].mean(),
                "difference": 100 * observed[j],
                "difference_low": 100 * low[j],
                "difference_high": 100 * high[j],
                "p_value": float(p_values[j]),
                "n_mixed_documents": n_mixed,
            }
        )
    return pd.DataFrame(rows)


def _empty_comparison(column, a, b, n_a, n_b, both, is_a, values, columns, n_mixed) -> dict:
    j = columns.index(column)
    return {
        "frame": column, "group_a": a, "group_b": b, "n_a": n_a, "n_b": n_b,
        "hits_a": int(values[is_a, j].sum()) if n_a else 0, "hits_b": int(values[~is_a, j].sum()) if n_b else 0,
        "docs_a": int(both.loc[is_a, "doc_id"].nunique()) if n_a else 0,
        "docs_b": int(both.loc[~is_a, "doc_id"].nunique()) if n_b else 0,
        "per_100_a": 100 * values[is_a, j].mean() if n_a else float("nan"),
        "per_100_b": 100 * values[~is_a, j].mean() if n_b else float("nan"),
        "difference": float("nan"), "difference_low": float("nan"), "difference_high": float("nan"),
        "p_value": float("nan"), "n_mixed_documents": n_mixed,
    }


def _permuted_differences(is_a: np.ndarray, values: np.ndarray, strata, n_permutations: int, rng) -> np.ndarray:
    """Differences of means (a - b) under labels permuted within strata: (n_permutations, columns)."""
    n = len(is_a)
    n_a = int(is_a.sum())
    if strata is None:
        movable = np.arange(n)
        fixed_sum = np.zeros(values.shape[1])
    else:
        codes = pd.factorize(strata)[0]
        per_stratum = pd.DataFrame({"code": codes, "a": is_a}).groupby("code")["a"].agg(["min", "max"])
        mixed_codes = per_stratum.index[per_stratum["min"] != per_stratum["max"]]
        mask = np.isin(codes, mixed_codes)
        movable = np.flatnonzero(mask)
        fixed_sum = values[~mask & is_a].sum(axis=0)
    total = values.sum(axis=0)
    if len(movable) == 0:
        observed = fixed_sum / n_a - (total - fixed_sum) / (n - n_a)
        return np.tile(observed, (n_permutations, 1))
    sub_values = values[movable]
    sub_labels = is_a[movable]
    if strata is None:
        keys = np.zeros(len(movable))
    else:
        keys = pd.factorize(codes[movable])[0].astype(float)
    order = np.argsort(keys, kind="stable")
    sorted_labels = sub_labels[order]
    out = np.empty((n_permutations, values.shape[1]))
    chunk = max(1, 2_000_000 // max(len(movable), 1))
    for start in range(0, n_permutations, chunk):
        size = min(chunk, n_permutations - start)
        noise = rng.random((size, len(movable)))
        positions = np.argsort(keys[None, :] + noise, axis=1)  # grouped by stratum, random within
        labels = np.zeros((size, len(movable)), dtype=bool)
        np.put_along_axis(labels, positions, np.broadcast_to(sorted_labels, (size, len(movable))), axis=1)
        sum_a = fixed_sum + labels.astype(float) @ sub_values
        out[start : start + size] = sum_a / n_a - (total - sum_a) / (n - n_a)
    return out


def _bootstrap_difference(docs, is_a, values, n_boot: int, level: float, rng):
    codes, unique = pd.factorize(docs)
    n_docs = len(unique)
    per_doc = np.zeros((n_docs, 4, values.shape[1]))
    np.add.at(per_doc[:, 0, :], codes[is_a], values[is_a])
    np.add.at(per_doc[:, 1, :], codes[~is_a], values[~is_a])
    count_a = np.bincount(codes[is_a], minlength=n_docs).astype(float)
    count_b = np.bincount(codes[~is_a], minlength=n_docs).astype(float)
    weights = rng.multinomial(n_docs, np.full(n_docs, 1 / n_docs), size=n_boot).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate_a = (weights @ per_doc[:, 0, :]) / (weights @ count_a)[:, None]
        rate_b = (weights @ per_doc[:, 1, :]) / (weights @ count_b)[:, None]
    difference = rate_a - rate_b
    tail = (1 - level) / 2 * 100
    return np.nanpercentile(difference, tail, axis=0), np.nanpercentile(difference, 100 - tail, axis=0)


