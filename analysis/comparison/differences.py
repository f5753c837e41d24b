"""The difference of two groups' rates: stratified (what the permutation test tests) and pooled
(see :mod:`analysis.comparison`)."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from ..statements.protocol import exclude_protocol
from .intervals import check_columns, make_generator, newcombe_interval

__all__ = ["compare_rates"]

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
    include_protocol: bool = False,
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
    A single stratum with one unit of each group (one year of speeches, paired) has no test: its
    two sign flips give ``|D|`` twice, so ``p`` would be 1 whatever the data; ``p_value`` is NaN
    and ``p_method`` None (``n_strata`` says why). Exact sign-flip p-values cannot fall below
    ``2 / 2**n_strata``: with five years or fewer no difference can reach p < 0.05.

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

    include_protocol : bool, default False
        Count protocol statements (``protocol``, the courtesies of a speech to the Assembly's
        officers) in the frames the protocol cues list (``leadership_praise``); by default they
        count as 0 there (:func:`analysis.statements.protocol.exclude_protocol`).

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
    if not include_protocol:
        statements = exclude_protocol(statements, columns)
    check_columns(statements, columns, by, cluster)
    for role, column in (("strata", strata), ("units", units)):
        if column is not None and column not in statements.columns:
            raise KeyError(f"no column `{column}` for {role}=; use {role}=None or a column of the table")
    if units is not None and strata is None:
        raise ValueError(f"units={units!r} needs strata (the column within which units are relabelled), e.g. strata='year'")
    labels = statements[by].astype(str)
    both = statements[labels.isin([str(a), str(b)])]
    is_a = (both[by].astype(str) == str(a)).to_numpy()
    values = both[columns].astype(float).to_numpy()
    docs = both[cluster].to_numpy()
    mixed = both.groupby(cluster)[by].nunique() if len(both) else pd.Series(dtype=int)
    n_mixed = int((mixed > 1).sum())
    found = _differences(both, is_a, values, docs, (a, b, strata, units), n_permutations=n_permutations, n_boot=n_boot,
                         level=level, min_interval=min_interval, random_state=random_state)
    return _comparison_rows(columns, both, is_a, values, found, a=a, b=b, strata=strata, units=units, cluster=cluster, n_mixed=n_mixed)


def _differences(both, is_a, values, docs, design, *, n_permutations, n_boot, level, min_interval, random_state) -> dict:
    """The stratified and pooled differences (fractions), their intervals and the p-values, per column."""
    a, b, strata, units = design
    n_a, n_b = int(is_a.sum()), int((~is_a).sum())
    k = values.shape[1]
    nan = np.full(k, np.nan)
    difference, low, high, p_values, p_method, n_strata = nan.copy(), nan.copy(), nan.copy(), nan.copy(), None, 0
    pooled, pooled_low, pooled_high = nan.copy(), nan.copy(), nan.copy()
    if n_a and n_b:
        pooled = values[is_a].mean(axis=0) - values[~is_a].mean(axis=0)
        pooled_low, pooled_high = _bootstrap_difference(docs, is_a, values, n_boot, level, make_generator(random_state, "compare", a, b, "pooled"))
        if min_interval:
            for j in range(k):
                n_low, n_high = newcombe_interval(values[is_a, j].sum(), n_a, values[~is_a, j].sum(), n_b, level)
                pooled_low[j], pooled_high[j] = min(pooled_low[j], n_low), max(pooled_high[j], n_high)
        stratum, unit_a, unit_rates, unit_n = _units(both, is_a, values, strata, units, a, b)
        stratified = _stratified(stratum, unit_a, unit_rates, unit_n)
        n_strata = stratified["n_strata"]
        if n_strata:
            difference = stratified["difference"]
            if n_strata > 1 or not _one_unit_each(stratified):  # else no test: both sign flips give |D|
                p_values, p_method = _permutation_p(stratified, difference, n_permutations, make_generator(random_state, "compare", a, b, "permutation"))
            if strata is None:
                low, high = pooled_low.copy(), pooled_high.copy()
            else:
                low, high = _bootstrap_strata(stratified, n_boot, level, make_generator(random_state, "compare", a, b, "strata"))
                if min_interval:
                    for j in range(k):
                        n_low, n_high = newcombe_interval(*stratified["effective"][j], level)
                        low[j], high[j] = min(low[j], n_low), max(high[j], n_high)
    return dict(difference=difference, low=low, high=high, p_values=p_values, p_method=p_method, n_strata=n_strata,
                pooled=pooled, pooled_low=pooled_low, pooled_high=pooled_high)


def _comparison_rows(columns, both, is_a, values, found, *, a, b, strata, units, cluster, n_mixed) -> pd.DataFrame:
    """One row per column of :func:`compare_rates` (differences in points per 100 statements)."""
    n_a, n_b = int(is_a.sum()), int((~is_a).sum())
    difference, low, high, p_values = found["difference"], found["low"], found["high"], found["p_values"]
    pooled, pooled_low, pooled_high = found["pooled"], found["pooled_low"], found["pooled_high"]
    p_method, n_strata = found["p_method"], found["n_strata"]
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


def _one_unit_each(stratified: dict) -> bool:
    """Whether every stratum holds exactly one unit of each group (the relabellings are sign flips)."""
    return bool(np.all(stratified["m_a"] == 1) and np.all(stratified["m_b"] == 1))


def _permutation_p(stratified: dict, observed: np.ndarray, n_permutations: int, rng) -> tuple[np.ndarray, str]:
    """Two-sided p-value of the stratified difference under relabelling of the units within strata."""
    tolerance = 1e-10
    weight_sum = stratified["weights"].sum()
    n_strata = stratified["n_strata"]
    if _one_unit_each(stratified) and 2**n_strata <= _MAX_EXACT:
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
