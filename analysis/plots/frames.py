"""Plots of frames: the praise matrix."""

from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

__all__ = ["plot_praise_matrix"]


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
