"""Plots of the corpus: documents over time."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

__all__ = ["plot_documents_over_time"]


def plot_documents_over_time(counts: pd.DataFrame, *, ax=None):
    """Draw document counts per period as stacked bars, one colour per group.

    Parameters
    ----------
    counts : pandas.DataFrame
        The result of :func:`count_documents`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    group = [c for c in counts.columns if c not in ("period", "n_documents")][0]
    wide = counts.pivot(index="period", columns=group, values="n_documents").fillna(0)
    labels = [p.strftime("%Y-%m") for p in wide.index]
    bottom = pd.Series(0, index=wide.index, dtype=float)
    for name in sorted(wide.columns):
        ax.bar(labels, wide[name], bottom=bottom, label=str(name))
        bottom = bottom + wide[name]
    ax.set_xlabel("period start")
    ax.set_ylabel("documents")
    ax.legend(title=group, frameon=False)
    ax.tick_params(axis="x", labelrotation=45)
    return ax
