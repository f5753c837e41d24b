"""Plots of comparisons: rates with their intervals (points and whiskers, never bars)."""

from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.transforms import offset_copy

from .style import draw_nothing, side_colors

__all__ = ["plot_differences", "plot_rates"]


def plot_rates(
    rates: pd.DataFrame,
    *,
    ax=None,
    value: str = "per_100",
    groups: Sequence[str] | None = None,
    frames: Sequence[str] | None = None,
    labels: dict | None = None,
    legend_counts: bool = True,
):
    """Dot-and-whisker plot of rates by frame and group, with the counts behind each point.

    Parameters
    ----------
    rates : pandas.DataFrame
        The output of :func:`estimate_rates`.
    ax : matplotlib.axes.Axes, optional
    value : {"per_100", "per_1000_words"}
    groups, frames : sequence of str, optional
        Order of groups (colours, from :func:`analysis.plots.style.side_colors`) and frames (rows,
        top to bottom). Default: as in ``rates``.
    labels : dict, optional
        Display names for frames.
    legend_counts : bool, default True
        Write each group's statements and documents in the legend (turn off when the rows,
        not the colours, are the groups).

    Returns
    -------
    matplotlib.axes.Axes
        Each point is a group's rate, its whiskers the interval; groups with no statements
        are listed in the legend as "no statements" and drawn nowhere.
    """
    if value not in ("per_100", "per_1000_words"):
        raise ValueError("value must be 'per_100' or 'per_1000_words'")
    if ax is None:
        _, ax = plt.subplots()
    if not np.isfinite(rates[value].to_numpy(dtype=float)).any():
        return draw_nothing(ax, "no statements of these groups")
    groups = list(groups) if groups is not None else list(dict.fromkeys(rates["group"]))
    frames = list(frames) if frames is not None else list(dict.fromkeys(rates["frame"]))
    labels = labels or {}
    colors = side_colors(groups)
    step = 0.8 / max(len(groups), 1)
    for k, group in enumerate(groups):
        part = rates[rates["group"] == group].set_index("frame").reindex(frames)
        n_stat = int(part["n_statements"].max()) if part["n_statements"].notna().any() else 0
        n_docs = int(part["n_documents"].max()) if part["n_documents"].notna().any() else 0
        if not legend_counts:
            label = labels.get(group, group)
        elif n_stat:
            label = f"{group} ({n_stat:,} statements, {n_docs:,} documents)"
        else:
            label = f"{group} (no statements)"
        y = np.arange(len(frames))[::-1] + 0.4 - step * (k + 0.5)
        x = part[value].to_numpy(dtype=float)
        low = x - part[f"{value}_low"].to_numpy(dtype=float)
        high = part[f"{value}_high"].to_numpy(dtype=float) - x
        ax.errorbar(x, y, xerr=np.vstack([low, high]), fmt="o", color=colors[group], ecolor=colors[group],
                    markersize=4, capsize=2, linewidth=1, label=label)
    ax.set_yticks(np.arange(len(frames))[::-1], [labels.get(f, f) for f in frames])
    ax.set_xlabel("statements with the frame per 100 statements" if value == "per_100" else "frame matches per 1,000 words")
    ax.set_xlim(left=0)
    below = offset_copy(ax.transAxes, fig=ax.figure, x=0, y=-34, units="points")  # under the axis label, at any height
    ax.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(0.0, 0.0), bbox_transform=below,
              ncols=1 if legend_counts else len(groups))
    return ax


def plot_differences(comparison: pd.DataFrame, *, ax=None, labels: dict | None = None):
    """Dot-and-whisker plot of the differences of :func:`analysis.comparison.compare_rates` (a - b), one row per frame.

    Parameters
    ----------
    comparison : pandas.DataFrame
        The output of :func:`compare_rates`.
    ax : matplotlib.axes.Axes, optional
    labels : dict, optional
        Display names for frames.

    Returns
    -------
    matplotlib.axes.Axes
        One point per frame (``difference``) with its interval; the p-value written beside it, or
        "no test" where there is none (a single stratum: one year of paired speeches); the number
        of strata in the axis label of a stratified design; a vertical line at 0; "nothing to show"
        when no difference could be computed.
    """
    if ax is None:
        _, ax = plt.subplots()
    if not np.isfinite(comparison["difference"].to_numpy(dtype=float)).any():
        return draw_nothing(ax, "no difference could be computed (a group has no statements, or too few years)")
    labels = labels or {}
    frames = list(comparison["frame"])
    y = np.arange(len(frames))[::-1]
    x = comparison["difference"].to_numpy(dtype=float)
    err = np.vstack([x - comparison["difference_low"].to_numpy(dtype=float), comparison["difference_high"].to_numpy(dtype=float) - x])
    ax.errorbar(x, y, xerr=err, fmt="o", color="#333333", markersize=4, capsize=2, linewidth=1)
    design = comparison["strata"].iloc[0]
    n_strata = int(comparison["n_strata"].max())
    for yy, high, p in zip(y, comparison["difference_high"], comparison["p_value"]):
        if np.isfinite(high):
            text = f"p = {p:.3g}" if np.isfinite(p) else f"no test (n = {n_strata})"
            ax.annotate(text, (high, yy), xytext=(4, 0), textcoords="offset points", va="center", fontsize=7)
    ax.axvline(0, color="#888888", linewidth=0.6)
    ax.set_yticks(y, [labels.get(f, f) for f in frames])
    a, b = comparison["group_a"].iloc[0], comparison["group_b"].iloc[0]
    paired = f" (paired by {design}, n = {n_strata})" if design else ""
    ax.set_xlabel(f"{a} − {b}, points per 100 statements" + paired)
    return ax
