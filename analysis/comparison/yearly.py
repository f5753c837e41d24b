"""Rates over time: one point per group and year with its interval, and a smoothed trend with its band.

:func:`estimate_yearly_rates` rates each group in each year with :func:`estimate_rates` (grouped
by group and year: the document bootstrap, widened to at least the Wilson interval), and adds a
**centred rolling mean** over ``window`` years (the years present within ``window // 2`` of the
year) with its own **bootstrap band**: each replicate resamples the statements of every
group-year (the statements of one speech are all there is within a year) and then the years
inside each window (year-to-year variation), and averages; the band is the percentile interval of
those replicate means. A year with no statement of a group has no point and does not enter the
trend. Years are integers (the UN General Debate gives the year, never the day): plot them on a
yearly axis (:func:`analysis.plots.trends.plot_yearly_rates`).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from ..statements.protocol import exclude_protocol
from .intervals import make_generator
from .rates import estimate_rates

__all__ = ["YEARLY_COLUMNS", "add_year", "estimate_yearly_rates"]

#: Columns of :func:`estimate_yearly_rates`.
YEARLY_COLUMNS = (
    "group", "year", "frame", "n_statements", "n_documents", "n_hits", "per_100", "per_100_low", "per_100_high",
    "trend", "trend_low", "trend_high", "trend_years",
)


def add_year(statements: pd.DataFrame) -> pd.DataFrame:
    """The table with an integer ``year`` column from ``date`` (kept if already there).

    Examples
    --------
    >>> add_year(pd.DataFrame({"date": pd.to_datetime(["2019-01-01", "2020-05-13"])}))["year"].tolist()
    [2019, 2020]
    """
    if "year" in statements.columns:
        return statements
    if "date" not in statements.columns:
        raise KeyError("the table has neither `year` nor `date`; make it with analysis.statements.attribute_statements")
    return statements.assign(year=pd.to_datetime(statements["date"]).dt.year.astype("int64"))


def estimate_yearly_rates(
    statements: pd.DataFrame,
    columns: Sequence[str],
    *,
    by: str = "side",
    groups: Sequence[str] | None = None,
    window: int = 5,
    n_boot: int = 2000,
    level: float = 0.95,
    random_state: int = 0,
    include_protocol: bool = False,
) -> pd.DataFrame:
    """Per group and year, the rate of each 0/1 column per 100 statements with its interval, and a trend.

    Parameters
    ----------
    statements : pandas.DataFrame
        Scored statements with ``by``, ``doc_id``, ``n_words``, ``date`` (or ``year``) and ``columns``.
    columns : sequence of str
        The 0/1 columns (frames, facets).
    by : str, default "side"
        The grouping column.
    groups : sequence of str, optional
        Groups to report (default: all, sorted).
    window : int, default 5
        Years in the centred rolling mean (odd; 1 gives the yearly rate itself).
    n_boot : int, default 2000
        Bootstrap replicates, for the yearly intervals and the trend band.
    level : float, default 0.95
    random_state : int, default 0
        Seed; each group draws from its own generator.
    include_protocol : bool, default False
        As in :func:`estimate_rates`: protocol statements count as 0 in ``leadership_praise``.

    Returns
    -------
    pandas.DataFrame
        :data:`YEARLY_COLUMNS`, one row per group, year (int, only years with statements of the
        group) and column: the counts, ``per_100`` with ``per_100_low``/``per_100_high``
        (:func:`estimate_rates` of that group-year), ``trend`` (rolling mean of ``per_100``),
        ``trend_low``/``trend_high`` (its bootstrap band) and ``trend_years`` (years averaged).

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c", "c"], "side": "CN", "n_words": 10,
    ...     "date": pd.to_datetime(["2001-01-01"] * 2 + ["2002-01-01"] * 2 + ["2003-01-01"] * 2),
    ...     "peninsula": [1, 0, 1, 1, 0, 0]})
    >>> yearly = estimate_yearly_rates(st, ["peninsula"], window=3, n_boot=200)
    >>> yearly[["year", "per_100", "trend", "trend_years"]].values.tolist()
    [[2001.0, 50.0, 75.0, 2.0], [2002.0, 100.0, 50.0, 3.0], [2003.0, 0.0, 50.0, 2.0]]
    """
    if window < 1 or window % 2 == 0:
        raise ValueError(f"window={window}: give an odd number of years (5: two years either side)")
    columns = list(columns)
    table = add_year(statements if include_protocol else exclude_protocol(statements, columns))
    if by not in table.columns:
        raise KeyError(f"no column `{by}` to group by; use side, voice, speaker or voice_speaker")
    labels = table[by].astype(str)
    groups = list(groups) if groups is not None else sorted(labels.dropna().unique())
    parts = []
    for group in groups:
        part = table[labels == str(group)]
        if part.empty:
            continue
        keyed = part.assign(_cell=part["year"].astype(str))
        rates = estimate_rates(keyed, columns, by="_cell", n_boot=n_boot, level=level, random_state=random_state,
                               include_protocol=True)  # protocol handled above
        rates = rates.rename(columns={"group": "year"}).assign(group=group)
        rates["year"] = rates["year"].astype("int64")
        parts.append(_add_trend(rates, part, columns, window, n_boot, level, make_generator(random_state, "trend", group)))
    if not parts:
        return pd.DataFrame(columns=list(YEARLY_COLUMNS))
    out = pd.concat(parts, ignore_index=True)
    return out[list(YEARLY_COLUMNS)].sort_values(["group", "frame", "year"], kind="stable").reset_index(drop=True)


def _add_trend(rates: pd.DataFrame, part: pd.DataFrame, columns, window: int, n_boot: int, level: float, rng) -> pd.DataFrame:
    """Rolling mean of the yearly rates and its two-stage bootstrap band (statements in a year, then years in a window)."""
    years = np.sort(part["year"].unique())
    half = window // 2
    replicates = np.empty((len(years), n_boot, len(columns)))
    for i, year in enumerate(years):
        values = part.loc[part["year"] == year, columns].astype(float).to_numpy()
        weights = rng.multinomial(len(values), np.full(len(values), 1 / len(values)), size=n_boot)
        replicates[i] = 100 * (weights @ values) / len(values)
    points = rates.set_index(["year", "frame"])["per_100"]
    tail = (1 - level) / 2 * 100
    rows = []
    for i, year in enumerate(years):
        inside = np.flatnonzero(np.abs(years - year) <= half)
        draws = rng.integers(0, len(inside), size=(n_boot, len(inside)))
        for j, column in enumerate(columns):
            boot = replicates[inside[draws], np.arange(n_boot)[:, None], j].mean(axis=1)
            trend = float(np.mean([points[(int(years[k]), column)] for k in inside]))
            low, high = np.percentile(boot, [tail, 100 - tail])
            rows.append({"year": int(year), "frame": column, "trend": trend, "trend_low": min(float(low), trend),
                         "trend_high": max(float(high), trend), "trend_years": len(inside)})
    return rates.merge(pd.DataFrame(rows), on=["year", "frame"], how="left")
