"""Plots of every member state, year by year (:mod:`analysis.scale.members`)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .style import draw_nothing

__all__ = ["plot_member_similarity", "plot_standing"]


def plot_member_similarity(similarity: pd.DataFrame, *, target: str, ax=None, max_countries: int | None = None):
    """Heat map of a target's similarity to every country (rows, most similar on average first) by year.

    Parameters
    ----------
    similarity : pandas.DataFrame
        :func:`analysis.scale.members.compute_member_similarity`.
    target : str
        The target drawn (e.g. ``"ROK"``).
    ax : matplotlib.axes.Axes, optional
    max_countries : int, optional
        Only the countries with the most years (then the highest mean similarity).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> table = pd.DataFrame({"year": [2019, 2019, 2020], "target": "ROK", "country": ["CN", "JP", "CN"],
    ...                       "similarity": [0.5, 0.3, 0.6]})
    >>> ax = plot_member_similarity(table, target="ROK")
    >>> ax.images[0].get_array().shape
    (2, 2)
    """
    ax = ax if ax is not None else plt.gca()
    rows = similarity[similarity["target"] == target]
    if rows.empty:
        return draw_nothing(ax, f"no speech of {target}")
    grid = rows.pivot_table(index="country", columns="year", values="similarity", aggfunc="mean")
    order = grid.assign(_years=grid.notna().sum(axis=1), _mean=grid.mean(axis=1)).sort_values(["_years", "_mean"], ascending=False, kind="stable").index
    if max_countries is not None:
        order = order[:max_countries]
    grid = grid.loc[order].sort_index(axis=1)
    image = ax.imshow(np.ma.masked_invalid(grid.to_numpy(dtype=float)), aspect="auto", cmap="viridis", interpolation="nearest")
    ax.figure.colorbar(image, ax=ax, label=f"cosine similarity to {target}")
    years = grid.columns.to_numpy()
    step = max(1, len(years) // 12)
    ax.set_xticks(range(0, len(years), step), [str(y) for y in years[::step]], rotation=90)
    step_y = max(1, len(grid) // 40)
    ax.set_yticks(range(0, len(grid), step_y), list(grid.index[::step_y]))
    ax.set_xlabel("year")
    ax.set_ylabel("country (most years, then most similar, first)")
    return ax


def plot_standing(standing: pd.DataFrame, *, highlight=("CN", "ROK", "DPRK", "JP", "US", "RU"), ax=None):
    """Each highlighted country's similarity to all the others by year, against the spread of every country.

    Parameters
    ----------
    standing : pandas.DataFrame
        :func:`analysis.scale.members.compute_standing`.
    highlight : sequence of str
        Countries drawn as lines (those present).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> table = pd.DataFrame({"year": [2019, 2019, 2019, 2020, 2020, 2020], "country": ["CN", "ROK", "JP"] * 2,
    ...                       "similarity_to_all": [0.5, 0.4, 0.3, 0.6, 0.5, 0.2]})
    >>> [line.get_label() for line in plot_standing(table, highlight=["CN", "ROK"]).get_lines()]
    ['median of all countries', 'CN', 'ROK']
    """
    ax = ax if ax is not None else plt.gca()
    ax.set_xlabel("year")
    ax.set_ylabel("cosine similarity to the other countries' mean")
    if standing.empty:
        return draw_nothing(ax, "no state to compare")
    spread = standing.groupby("year")["similarity_to_all"].quantile([0.1, 0.5, 0.9]).unstack()
    ax.fill_between(spread.index, spread[0.1], spread[0.9], color="0.85", label="10th-90th percentile of all countries")
    ax.plot(spread.index, spread[0.5], color="0.5", linewidth=1, label="median of all countries")
    for country in highlight:
        rows = standing[standing["country"] == country].sort_values("year")
        if len(rows):
            ax.plot(rows["year"], rows["similarity_to_all"], marker=".", linewidth=1.2, label=country)
    ax.legend(loc="best", fontsize="small", ncol=2)
    return ax
