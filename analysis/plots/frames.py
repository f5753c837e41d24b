"""Plots of frames: the praise matrix."""

from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .style import draw_nothing

__all__ = ["plot_language_agreement", "plot_praise_matrix"]


def plot_praise_matrix(matrix: pd.DataFrame, *, ax=None, praisers: Sequence[str] | None = None, targets: Sequence[str] | None = None):
    """Draw the praise matrix as a grid of counts (praisers down, targets across).

    Parameters
    ----------
    matrix : pandas.DataFrame
        The output of :func:`compute_praise_matrix`.
    ax : matplotlib.axes.Axes, optional
    praisers, targets : sequence of str, optional
        Rows and columns to show, in order (default: all, sorted); missing cells show 0.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    if matrix.empty:
        ax.text(0.5, 0.5, "no leadership praise in these statements", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    praisers = list(praisers) if praisers is not None else sorted(matrix["praiser"].unique())
    targets = list(targets) if targets is not None else sorted(matrix["target"].unique())
    wide = (
        matrix.pivot_table(index="praiser", columns="target", values="n_statements", aggfunc="sum", fill_value=0)
        .reindex(index=praisers, columns=targets, fill_value=0)
        .fillna(0)
        .astype(int)
    )
    values = wide.to_numpy()
    ax.imshow(values, cmap="Blues", vmin=0, vmax=max(int(values.max()), 1), aspect="auto")
    high = values.max() * 0.6
    for (row, col), value in np.ndenumerate(values):
        ax.text(col, row, str(value), ha="center", va="center", fontsize=8, color="white" if value > high and value else "black")
    ax.set_xticks(range(len(targets)), targets, rotation=30, ha="right")
    ax.set_yticks(range(len(praisers)), praisers)
    ax.set_xlabel("praised (target)")
    ax.set_ylabel("praiser (voice)")
    ax.grid(False)
    return ax


def plot_language_agreement(comparison: pd.DataFrame, *, ax=None, labels: dict | None = None):
    """Each frame's rate in one language against the other, with intervals; flagged frames in red.

    Parameters
    ----------
    comparison : pandas.DataFrame
        :func:`analysis.crosslanguage.compare_languages` output.
    ax : matplotlib.axes.Axes, optional
    labels : dict, optional
        Display names for frames.

    Returns
    -------
    matplotlib.axes.Axes
        One point per frame (x: language ``a``, y: language ``b``) with both intervals as
        whiskers, and the diagonal where the two rates are equal.
    """
    ax = ax if ax is not None else plt.gca()
    both = np.isfinite(comparison["rate_a"].to_numpy(dtype=float)) & np.isfinite(comparison["rate_b"].to_numpy(dtype=float))
    if not both.any():
        return draw_nothing(ax, "no speech with statements in both languages")
    labels = labels or {}
    top = float(max(comparison["high_a"].max(), comparison["high_b"].max(), 1.0)) * 1.05
    ax.plot([0, top], [0, top], color="0.6", linestyle="--", linewidth=0.8, label="equal rates")
    for row in comparison.itertuples():
        color = "#c0392b" if row.flag else "#2c3e50"
        ax.errorbar(row.rate_a, row.rate_b, xerr=[[row.rate_a - row.low_a], [row.high_a - row.rate_a]],
                    yerr=[[row.rate_b - row.low_b], [row.high_b - row.rate_b]], fmt="o", color=color, capsize=2)
        ax.annotate(labels.get(row.frame, row.frame) + (" (flagged)" if row.flag else ""), (row.rate_a, row.rate_b),
                    textcoords="offset points", xytext=(4, 4), fontsize=8, color=color)
    first = comparison.iloc[0] if len(comparison) else None
    ax.set_xlabel(f"{first['a'] if first is not None else 'a'}: statements per 100")
    ax.set_ylabel(f"{first['b'] if first is not None else 'b'}: statements per 100")
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.legend(loc="upper left", fontsize=8)
    return ax
