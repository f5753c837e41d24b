"""Plots over years: yearly rates with intervals and trend, yearly heatmaps, yearly similarity, text quality.

Every x axis here is a **yearly axis** of integer years: documents dated by year only (the UN
General Debate) are drawn at their year, never at a 1 January that would look like a January spike.
"""

from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from .style import draw_nothing, side_colors

__all__ = ["plot_text_quality_by_year", "plot_yearly_heatmap", "plot_yearly_rates", "plot_yearly_similarity"]


def _years_axis(ax) -> None:
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("year")


def plot_yearly_rates(yearly: pd.DataFrame, *, frame: str, ax=None, groups: Sequence[str] | None = None,
                      trend: bool = True, title: str | None = None):
    """One frame's yearly rate per group (points with interval whiskers) and its trend (line and band).

    Parameters
    ----------
    yearly : pandas.DataFrame
        From :func:`analysis.comparison.estimate_yearly_rates`.
    frame : str
        The frame (a value of ``yearly["frame"]``).
    ax : matplotlib.axes.Axes, optional
    groups : sequence of str, optional
        Groups drawn, in order (default: all).
    trend : bool, default True
        Draw the rolling mean and its band.
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
        Per group: one errorbar container (points at integer years) and, with ``trend``, a line
        and a band; the legend gives each group's statements.
    """
    if ax is None:
        _, ax = plt.subplots()
    if yearly.empty:
        return draw_nothing(ax, "no year to draw")
    part = yearly[yearly["frame"] == frame]
    if part.empty:
        raise KeyError(f"no frame `{frame}` in the yearly table; frames: {', '.join(sorted(yearly['frame'].unique()))}")
    groups = list(groups) if groups is not None else list(dict.fromkeys(part["group"]))
    colors = side_colors(groups)
    for k, group in enumerate(groups):
        rows = part[part["group"] == group].sort_values("year")
        if rows.empty:
            continue
        x = rows["year"].to_numpy(dtype=float) + (k - (len(groups) - 1) / 2) * 0.12  # side by side, still at the year
        y = rows["per_100"].to_numpy(dtype=float)
        err = np.vstack([y - rows["per_100_low"].to_numpy(dtype=float), rows["per_100_high"].to_numpy(dtype=float) - y])
        label = f"{group} ({int(rows['n_statements'].sum()):,} statements, {rows['year'].nunique()} years)"
        ax.errorbar(x, y, yerr=err, fmt="o", color=colors[group], markersize=3, capsize=0, linewidth=0.6, alpha=0.8, label=label)
        if trend:
            ax.plot(rows["year"], rows["trend"], color=colors[group], linewidth=1.6)
            ax.fill_between(rows["year"], rows["trend_low"], rows["trend_high"], color=colors[group], alpha=0.15, linewidth=0)
    _years_axis(ax)
    ax.set_ylabel("statements with the frame per 100 statements")
    ax.set_ylim(bottom=0)
    ax.set_title(title if title is not None else frame)
    ax.legend(frameon=False, fontsize=7)
    return ax


def plot_yearly_heatmap(table: pd.DataFrame, *, row: str, value: str, ax=None, rows: Sequence[str] | None = None,
                        label: str | None = None, colorbar: bool = True):
    """Heatmap of rows (themes, facets, groups) x integer years.

    Parameters
    ----------
    table : pandas.DataFrame
        Long: ``year`` (int), ``row`` and ``value`` columns (one value per row and year).
    row, value : str
        The columns for the heatmap's rows and colour.
    ax : matplotlib.axes.Axes, optional
    rows : sequence of str, optional
        Rows, top to bottom (default: in order of appearance).
    label : str, optional
        Colour bar label (default ``value``).
    colorbar : bool, default True

    Returns
    -------
    matplotlib.axes.Axes
        One image whose columns are every year from the first to the last (a year without data
        is blank).
    """
    if ax is None:
        _, ax = plt.subplots()
    if table.empty:
        return draw_nothing(ax, "no year to draw")
    years = np.arange(int(table["year"].min()), int(table["year"].max()) + 1)
    rows = list(rows) if rows is not None else list(dict.fromkeys(table[row]))
    wide = table.pivot_table(index=row, columns="year", values=value, aggfunc="first").reindex(index=rows, columns=years)
    image = ax.imshow(np.ma.masked_invalid(wide.to_numpy(dtype=float)), aspect="auto", cmap="viridis", interpolation="nearest",
                      extent=(years[0] - 0.5, years[-1] + 0.5, len(rows) - 0.5, -0.5))
    ax.set_yticks(range(len(rows)), [str(r) for r in rows])
    _years_axis(ax)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, label=label or value, fraction=0.03)
    return ax


def plot_yearly_similarity(similarity: pd.DataFrame, *, ax=None, focus: str = "CN", highlight: str = "ROK"):
    """Similarity of one side's vocabulary to each other side's, year by year.

    Parameters
    ----------
    similarity : pandas.DataFrame
        From :func:`analysis.vectors.compare_by_year`: ``year``, ``side``, ``other``, ``similarity``.
    ax : matplotlib.axes.Axes, optional
    focus : str, default "CN"
        The side compared (``side`` column).
    highlight : str, default "ROK"
        The other side drawn as a thick line; the rest are thin reference lines.

    Returns
    -------
    matplotlib.axes.Axes
        One line per other side.
    """
    if ax is None:
        _, ax = plt.subplots()
    part = similarity[similarity["side"] == focus]
    if part.empty:
        return draw_nothing(ax, f"no year in which {focus} and another side both speak")
    others = list(dict.fromkeys(part["other"]))
    colors = side_colors(others)
    for other in others:
        rows = part[part["other"] == other].sort_values("year")
        strong = other == highlight
        ax.plot(rows["year"], rows["similarity"], color=colors[other], linewidth=2 if strong else 0.9,
                alpha=1 if strong else 0.7, marker="o" if strong else None, markersize=3, label=f"{focus}–{other}")
    _years_axis(ax)
    ax.set_ylabel("cosine similarity of the year's vocabularies")
    ax.legend(frameon=False, fontsize=7)
    return ax


def plot_text_quality_by_year(quality: pd.DataFrame, *, ax=None, value: str = "share_unknown"):
    """Text quality of every document by year and side; documents that are not clean are hollow.

    Parameters
    ----------
    quality : pandas.DataFrame
        :func:`analysis.text.quality.score_text_quality` with ``year`` and ``side`` added.
    ax : matplotlib.axes.Axes, optional
    value : str, default "share_unknown"
        The indicator on the y axis.

    Returns
    -------
    matplotlib.axes.Axes
        Per side, one collection of clean documents (filled) and one of the others (hollow).
    """
    if ax is None:
        _, ax = plt.subplots()
    if quality.empty:
        return draw_nothing(ax, "no document to measure")
    sides = list(dict.fromkeys(quality["side"]))
    colors = side_colors(sides)
    for k, side in enumerate(sides):
        rows = quality[quality["side"] == side]
        x = rows["year"].to_numpy(dtype=float) + (k - (len(sides) - 1) / 2) * 0.1
        clean = rows["clean"].astype(bool).to_numpy()
        ax.scatter(x[clean], rows[value].to_numpy(dtype=float)[clean], s=12, color=colors[side], label=f"{side} clean")
        ax.scatter(x[~clean], rows[value].to_numpy(dtype=float)[~clean], s=12, facecolors="none", edgecolors=colors[side],
                   label=f"{side} not clean")
    _years_axis(ax)
    ax.set_ylabel("share of tokens not in the dictionary" if value == "share_unknown" else value)
    ax.legend(frameon=False, fontsize=6, ncols=2)
    return ax
