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
* :func:`compare_rates` compares two groups. Its ``difference`` is the **document-stratified**
  difference (``strata="doc_id"``): inside each document holding both groups, the difference of
  their rates, averaged over those documents with Mantel–Haenszel weights
  ``n_a n_b / (n_a + n_b)``; its interval comes from a bootstrap of those documents (by default
  widened to at least a Newcombe score interval), and its two-sided **permutation test shuffles
  the group labels within each document** and recomputes the same statistic (null centred on
  zero): interval and p-value speak of one quantity. Documents in which only one group speaks
  carry no within-document contrast and count for nothing (``n_strata`` says how many counted).
  The difference of the groups' overall rates, all statements pooled across documents, stands
  apart as ``pooled_difference`` with its own document-bootstrap interval. ``strata`` can be
  any column and ``units`` the exchangeable unit inside it: ``strata="year", units="doc_id"``
  compares speeches paired by year (the mean yearly difference, an exact sign-flip test).
* Every resampling draws from its own generator, derived from the seed and the group labels,
  so a group's numbers do not depend on which other groups or frames were asked for.
* :func:`analysis.plots.comparison.plot_rates` draws points with interval whiskers (no bars) and the counts behind them.
"""

from __future__ import annotations

import hashlib
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


def _generator(random_state: int | None, *keys) -> np.random.Generator:
    """An independent generator for one purpose (a group, a pair of groups, a resampling), derived
    from the seed and a stable hash (SHA-256) of the keys' text: the same seed and keys give the
    same stream on any machine and in any process (Python's hash() of a string is salted per
    process), and no draw for one group depends on which other groups were asked for."""

    if random_state is None:
        seed = list(np.random.SeedSequence().entropy.to_bytes(16, "little"))
    elif isinstance(random_state, (int, np.integer)) and random_state >= 0:
        seed = [int(random_state)]
    else:
        raise ValueError(f"random_state must be a non-negative integer or None, not {random_state!r}")
    words = []
    for key in keys:
        digest = hashlib.sha256(str(key).encode("utf-8")).digest()
        words.extend(int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4))
    return np.random.default_rng(np.random.SeedSequence(seed + words))


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
        Seed; the same seed gives the same intervals. Each group draws its document resamples
        from its own generator, derived from the seed and the group's label (a stable hash, not
        Python's salted ``hash()``); the frames of a group share its resamples. So a group's
        intervals depend only on its own statements, the seed and ``n_boot``: not on which other
        groups or frames are asked for, nor on their order.

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
    tail = (1 - level) / 2 * 100
    rows = []
    for group in groups:
        rng = _generator(random_state, "rates", group)
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


#: Two-unit strata up to this many give an exact sign-flip test (all relabellings enumerated).
_MAX_EXACT = 2**16


def compare_rates(
    statements: pd.DataFrame,
    columns: Sequence[str],
    *,
    by: str = "voice",
    a: str = "CN",
    b: str = "ROK",
    strata: str | None = "doc_id",
    units: str | None = None,
    cluster: str = "doc_id",
    n_permutations: int = 2000,
    n_boot: int = 2000,
    level: float = 0.95,
    min_interval: bool = True,
    random_state: int = 0,
) -> pd.DataFrame:
    """Stratified difference of two groups' rates (per 100 statements), its interval and the
    permutation p-value of that same difference; the pooled difference beside it.

    **The tested quantity.** Inside each stratum ``s`` (a value of ``strata``: a document by
    default) holding both groups, the groups' units are exchangeable under the null hypothesis.
    A unit is a statement (``units=None``) or all statements of one group in one value of
    ``units`` (e.g. one speech, ``units="doc_id"``), rated by its share of statements with the
    frame. With ``m_a``, ``m_b`` the units of ``a`` and ``b`` in the stratum and ``p_a``,
    ``p_b`` the mean of their rates, the stratum's difference is ``d_s = p_a - p_b`` and::

        difference = sum_s w_s d_s / sum_s w_s,    w_s = m_a m_b / (m_a + m_b)

    the Mantel–Haenszel (Cochran–Mantel–Haenszel) weights of a risk difference (Greenland &
    Robins 1985): a stratum counts as much as the precision of its own contrast, and strata
    where only one group speaks count nothing. With statements as units this is the MH risk
    difference; with one unit per group in every stratum (one CN and one ROK speech a year,
    ``strata="year", units="doc_id"``) all weights are 1/2 and it is the mean over strata of
    the per-stratum difference.

    **The interval** (``difference_low``, ``difference_high``) is the percentile interval of
    that statistic over ``n_boot`` bootstrap samples of the strata holding both groups (strata
    drawn with replacement, each with all its statements). With ``min_interval`` it is widened
    to at least Newcombe's hybrid score interval of ``P_a - P_b`` (``P_g = sum_s w_s p_gs /
    sum_s w_s``, so ``P_a - P_b`` is the difference), from Wilson intervals with effective sample
    sizes ``1 / sum_u c_u**2 / n_u`` (``c_u`` a unit's weight in ``P_g``, ``n_u`` its
    statements; with balanced strata, the group's statements): zero hits are never a certain 0.

    **The test** (``p_value``, two-sided) relabels the units within each stratum, keeping each
    stratum's numbers of ``a`` and ``b`` units, and recomputes the same statistic; the weights do
    not change under relabelling and each ``d_s`` has mean zero, so the null distribution is
    centred on zero by construction. When every stratum holds exactly one unit of each group the
    relabellings are sign flips of the ``d_s``: all ``2**n_strata`` are enumerated when there are
    at most 2**16 (``p_method="exact"``, the observed labelling included), else ``n_permutations``
    are drawn (``p_method="monte carlo"``, ``p = (1 + #{|D*| >= |D|}) / (1 + n_permutations)``).

    **The pooled difference** (``pooled_difference``, ``pooled_low``, ``pooled_high``) is the
    difference of the groups' overall rates, all statements pooled across documents, with a
    bootstrap of ``cluster`` (documents resampled jointly for both groups; with ``min_interval``
    at least Newcombe's interval of the counts). It answers "how different are the groups'
    statements overall", which mixes the groups' contrast with the documents they appear in; it
    is not what ``p_value`` tests.

    With ``strata=None`` there is one stratum: ``statistic="pooled"``, ``difference`` and its
    interval are the pooled ones, and the test permutes the labels of all statements.

    Parameters
    ----------
    statements : pandas.DataFrame
        Scored statements with ``by``, ``cluster``, ``n_words``, ``strata`` (and ``units``) and
        the 0/1 ``columns``.
    columns : sequence of str
        The 0/1 columns to compare.
    by : str, default "voice"
        Grouping column.
    a, b : str, default "CN", "ROK"
        The two groups; every difference is ``a - b``.
    strata : str or None, default "doc_id"
        The column whose values are the strata (``"year"`` for speeches paired by year).
    units : str or None, default None
        The exchangeable unit within a stratum: None for statements, or a column (``"doc_id"``)
        whose value, with the group, makes one unit. Needs ``strata``.
    cluster : str, default "doc_id"
        The resampling unit of the pooled bootstrap (and what ``docs_a``, ``docs_b`` and
        ``n_mixed_documents`` count).
    n_permutations, n_boot : int, default 2000
        Monte Carlo relabellings (when the test is not enumerated) and bootstrap replicates.
    level : float, default 0.95
    min_interval : bool, default True
        Widen both intervals to at least Newcombe's hybrid score interval (from two Wilson
        intervals): a group with 0 hits in 44 statements is not a certain 0.
    random_state : int, default 0
        Seed. The relabellings, the strata bootstrap and the pooled bootstrap each draw from
        their own generator derived from the seed and the labels ``a`` and ``b`` (a stable
        hash), and all frames share them: a frame's numbers do not depend on the other frames
        asked for, and the intervals not on ``n_permutations``.

    Returns
    -------
    pandas.DataFrame
        One row per column: ``frame``, ``group_a``, ``group_b``, ``n_a``, ``n_b`` (statements),
        ``hits_a``, ``hits_b``, ``docs_a``, ``docs_b``, ``per_100_a``, ``per_100_b`` (pooled
        rates); ``statistic`` (``"stratified"``, or ``"pooled"`` when ``strata=None``),
        ``strata``, ``units`` (``"statement"`` or the column), ``n_strata`` (strata holding
        both groups: the only ones that inform ``difference`` and the test), ``difference``
        (points per 100 statements), ``difference_low``/``difference_high``, ``p_value``,
        ``p_method`` (``"exact"``, ``"monte carlo"``, None without a test); ``pooled_difference``,
        ``pooled_low``/``pooled_high``; ``n_mixed_documents`` (values of ``cluster`` holding both
        groups). Differences, intervals and p-values are NaN when a group is empty or no stratum
        holds both groups.

    Raises
    ------
    KeyError
        A column that is not in the table.
    ValueError
        ``units`` without ``strata``, or statements of ``a``/``b`` without a stratum or unit.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> st = pd.DataFrame({"doc_id": np.repeat(np.arange(20), 10), "voice": np.tile(["CN", "ROK"], 100),
    ...                    "n_words": 10, "frame": rng.integers(0, 2, 200)})
    >>> row = compare_rates(st, ["frame"], n_permutations=499, n_boot=200).iloc[0]
    >>> row["statistic"], int(row["n_strata"]), bool(row["p_value"] > 0.05)
    ('stratified', 20, True)

    Speeches paired by year (one per group and year): the mean yearly difference, a sign-flip test.

    >>> years = pd.DataFrame({"year": np.repeat([2001, 2002, 2003], 4), "doc_id": np.repeat(list("abcdef"), 2),
    ...                       "voice": np.repeat(["CN", "ROK"] * 3, 2), "n_words": 10,
    ...                       "frame": [1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0]})
    >>> row = compare_rates(years, ["frame"], strata="year", units="doc_id", n_boot=200).iloc[0]
    >>> round(float(row["difference"]), 1), row["p_method"], float(row["p_value"])
    (66.7, 'exact', 0.25)
    """
    columns = list(columns)
    _check(statements, columns, by, cluster)
    for role, column in (("strata", strata), ("units", units)):
        if column is not None and column not in statements.columns:
            raise KeyError(f"no column `{column}` for {role}=; use {role}=None or a column of the table")
    if units is not None and strata is None:
        raise ValueError(f"units={units!r} needs strata (the column within which units are relabelled), e.g. strata='year'")
    labels = statements[by].astype(str)
    both = statements[labels.isin([str(a), str(b)])]
    is_a = (both[by].astype(str) == str(a)).to_numpy()
    values = both[columns].astype(float).to_numpy()
    n_a, n_b = int(is_a.sum()), int((~is_a).sum())
    docs = both[cluster].to_numpy()
    mixed = both.groupby(cluster)[by].nunique() if len(both) else pd.Series(dtype=int)
    n_mixed = int((mixed > 1).sum())
    k = len(columns)
    nan = np.full(k, np.nan)
    difference, low, high, p_values, p_method, n_strata = nan.copy(), nan.copy(), nan.copy(), nan.copy(), None, 0
    pooled, pooled_low, pooled_high = nan.copy(), nan.copy(), nan.copy()
    if n_a and n_b:
        pooled = values[is_a].mean(axis=0) - values[~is_a].mean(axis=0)
        pooled_low, pooled_high = _bootstrap_difference(docs, is_a, values, n_boot, level, _generator(random_state, "compare", a, b, "pooled"))
        if min_interval:
            for j in range(k):
                n_low, n_high = _newcombe(values[is_a, j].sum(), n_a, values[~is_a, j].sum(), n_b, level)
                pooled_low[j], pooled_high[j] = min(pooled_low[j], n_low), max(pooled_high[j], n_high)
        stratum, unit_a, unit_rates, unit_n = _units(both, is_a, values, strata, units, a, b)
        stratified = _stratified(stratum, unit_a, unit_rates, unit_n)
        n_strata = stratified["n_strata"]
        if n_strata:
            difference = stratified["difference"]
            p_values, p_method = _permutation_p(stratified, difference, n_permutations, _generator(random_state, "compare", a, b, "permutation"))
            if strata is None:
                low, high = pooled_low.copy(), pooled_high.copy()
            else:
                low, high = _bootstrap_strata(stratified, n_boot, level, _generator(random_state, "compare", a, b, "strata"))
                if min_interval:
                    for j in range(k):
                        n_low, n_high = _newcombe(*stratified["effective"][j], level)
                        low[j], high[j] = min(low[j], n_low), max(high[j], n_high)
    rows = []
    for j, column in enumerate(columns):
        rows.append(
            {
                "frame": column,
                "group_a": a,
                "group_b": b,
                "n_a": n_a,
                "n_b": n_b,
                "hits_a": int(values[is_a, j].sum()) if n_a else 0,
                "hits_b": int(values[~is_a, j].sum()) if n_b else 0,
                "docs_a": int(both.loc[is_a, cluster].nunique()) if n_a else 0,
                "docs_b": int(both.loc[~is_a, cluster].nunique()) if n_b else 0,
                "per_100_a": 100 * values[is_a, j].mean() if n_a else float("nan"),
                "per_100_b": 100 * values[~is_a, j].mean() if n_b else float("nan"),
                "statistic": "stratified" if strata is not None else "pooled",
                "strata": strata,
                "units": units if units is not None else "statement",
                "n_strata": n_strata,
                "difference": 100 * difference[j],
                "difference_low": 100 * low[j],
                "difference_high": 100 * high[j],
                "p_value": float(p_values[j]),
                "p_method": p_method,
                "pooled_difference": 100 * pooled[j],
                "pooled_low": 100 * pooled_low[j],
                "pooled_high": 100 * pooled_high[j],
                "n_mixed_documents": n_mixed,
            }
        )
    return pd.DataFrame(rows)


def _units(both: pd.DataFrame, is_a, values, strata, units, a, b):
    """The exchangeable units: stratum code, is-a label, rates (units x columns), statements each."""
    for role, column in (("strata", strata), ("units", units)):
        if column is not None and both[column].isna().any():
            raise ValueError(
                f"{int(both[column].isna().sum())} statement(s) of {a} or {b} have no `{column}` ({role}); "
                "fill the column or drop those statements first"
            )
    stratum = pd.factorize(both[strata])[0] if strata is not None else np.zeros(len(both), dtype=int)
    if units is None:
        return stratum, is_a, values, np.ones(len(both))
    keys = pd.DataFrame({"stratum": stratum, "unit": pd.factorize(both[units])[0], "a": is_a})
    grouped = pd.DataFrame(values).groupby([keys["stratum"], keys["unit"], keys["a"]], sort=True)
    sums, sizes = grouped.sum(), grouped.size()
    index = sums.index.to_frame(index=False)
    n = sizes.to_numpy(dtype=float)
    return index["stratum"].to_numpy(), index["a"].to_numpy(dtype=bool), sums.to_numpy() / n[:, None], n


def _stratified(stratum, unit_a, rates, unit_n) -> dict:
    """The weighted stratified difference and what its test and bootstrap need (strata with both groups)."""
    n_codes = int(stratum.max()) + 1 if len(stratum) else 0
    m_a = np.bincount(stratum[unit_a], minlength=n_codes).astype(float)
    m_b = np.bincount(stratum[~unit_a], minlength=n_codes).astype(float)
    keep = (m_a > 0) & (m_b > 0)
    inside = keep[stratum]
    codes = pd.factorize(stratum[inside])[0] if inside.any() else np.zeros(0, dtype=int)
    stratum, unit_a, rates, unit_n = codes, unit_a[inside], rates[inside], unit_n[inside]
    m_a, m_b = m_a[keep], m_b[keep]
    n_strata, k = int(keep.sum()), rates.shape[1]
    sum_a, total = np.zeros((n_strata, k)), np.zeros((n_strata, k))
    np.add.at(sum_a, stratum[unit_a], rates[unit_a])
    np.add.at(total, stratum, rates)
    weights = m_a * m_b / (m_a + m_b)
    with np.errstate(invalid="ignore", divide="ignore"):
        p_a, p_b = sum_a / m_a[:, None], (total - sum_a) / m_b[:, None]
        contribution = weights[:, None] * (p_a - p_b)  # = sum_a - m_a * total / (m_a + m_b)
        difference = contribution.sum(axis=0) / weights.sum()
    effective = []
    if n_strata:
        share = weights / weights.sum()
        coefficient = np.where(unit_a, share[stratum] / m_a[stratum], share[stratum] / m_b[stratum])
        for j in range(k):
            n_eff = [1 / np.sum(coefficient[side] ** 2 / unit_n[side]) for side in (unit_a, ~unit_a)]
            big_p = [share @ p_a[:, j], share @ p_b[:, j]]
            effective.append((big_p[0] * n_eff[0], n_eff[0], big_p[1] * n_eff[1], n_eff[1]))
    return {
        "n_strata": n_strata, "stratum": stratum, "unit_a": unit_a, "rates": rates, "m_a": m_a, "m_b": m_b,
        "weights": weights, "contribution": contribution, "difference": difference, "effective": effective,
        "expected_a": (m_a[:, None] * total / (m_a + m_b)[:, None]).sum(axis=0),
    }


def _permutation_p(stratified: dict, observed: np.ndarray, n_permutations: int, rng) -> tuple[np.ndarray, str]:
    """Two-sided p-value of the stratified difference under relabelling of the units within strata."""
    tolerance = 1e-10
    weight_sum = stratified["weights"].sum()
    n_strata = stratified["n_strata"]
    if np.all(stratified["m_a"] == 1) and np.all(stratified["m_b"] == 1) and 2**n_strata <= _MAX_EXACT:
        signs = 1 - 2 * ((np.arange(2**n_strata)[:, None] >> np.arange(n_strata)[None, :]) & 1)
        flipped = signs @ stratified["contribution"] / weight_sum
        return (np.abs(flipped) >= np.abs(observed) - tolerance).mean(axis=0), "exact"
    sums = _permuted_sums(stratified["unit_a"], stratified["rates"], stratified["stratum"], n_permutations, rng)
    permuted = (sums - stratified["expected_a"]) / weight_sum
    return (1 + (np.abs(permuted) >= np.abs(observed) - tolerance).sum(axis=0)) / (1 + n_permutations), "monte carlo"


def _permuted_sums(unit_a: np.ndarray, rates: np.ndarray, stratum: np.ndarray, n_permutations: int, rng) -> np.ndarray:
    """Sum of the a-labelled units' rates, labels shuffled within strata: (n_permutations, columns)."""
    n = len(unit_a)
    order = np.argsort(stratum, kind="stable")
    keys, sorted_labels = stratum[order].astype(float), unit_a[order]
    rates = rates[order]
    out = np.empty((n_permutations, rates.shape[1]))
    chunk = max(1, 2_000_000 // max(n, 1))
    for start in range(0, n_permutations, chunk):
        size = min(chunk, n_permutations - start)
        noise = rng.random((size, n))
        positions = np.argsort(keys[None, :] + noise, axis=1)  # grouped by stratum, random within
        labels = np.zeros((size, n), dtype=bool)
        np.put_along_axis(labels, positions, np.broadcast_to(sorted_labels, (size, n)), axis=1)
        out[start : start + size] = labels.astype(float) @ rates
    return out


def _bootstrap_strata(stratified: dict, n_boot: int, level: float, rng) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of the stratified difference over bootstrap samples of the strata."""
    n_strata = stratified["n_strata"]
    draws = rng.multinomial(n_strata, np.full(n_strata, 1 / n_strata), size=n_boot).astype(float)
    replicates = (draws @ stratified["contribution"]) / (draws @ stratified["weights"])[:, None]
    tail = (1 - level) / 2 * 100
    return np.percentile(replicates, tail, axis=0), np.percentile(replicates, 100 - tail, axis=0)


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


