"""Plots of the statements stage: volume by speaker or side, each document's words by side."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .style import side_colors

__all__ = ["plot_document_sides", "plot_speaker_volume"]


def plot_speaker_volume(summary: pd.DataFrame, *, ax=None, label: str = "speaker", top: int = 15, value: str = "n_words"):
    """Horizontal bars of words (or statements) per speaker or side, coloured by side.

    Parameters
    ----------
    summary : pandas.DataFrame
        The result of :func:`summarize_speakers` (needs ``side``, ``label`` and ``value``).
    ax : matplotlib.axes.Axes, optional
    label : str, default "speaker"
        The column that names the bars (``"side"`` for a by-side summary).
    top : int, default 15
        How many bars to show (the largest).
    value : {"n_words", "n_statements"}

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    shown = summary.nlargest(top, value, keep="first").iloc[::-1]
    colors = side_colors(shown["side"])
    bars = ax.barh(shown[label].astype(str), shown[value], color=[colors[s] for s in shown["side"]])
    ax.bar_label(bars, labels=[f"{v:,}" for v in shown[value]], padding=2, fontsize=7)
    if label != "side":
        for side in sorted(shown["side"].unique()):
            ax.barh([shown[label].iloc[-1]], [0], color=colors[side], label=side)  # one legend entry per side
        ax.legend(title="side", frameon=False, loc="lower right")
    ax.set_xlabel("words" if value == "n_words" else "statements")
    ax.margins(x=0.12)
    return ax


def plot_document_sides(per_document: pd.DataFrame, *, ax=None, value: str = "n_words"):
    """Stacked bars of each document's words (or statements) by side, in date order.

    Parameters
    ----------
    per_document : pandas.DataFrame
        :func:`summarize_speakers` by ``("doc_id", "side")``, with a ``date`` column
        (merge it from the documents table).
    ax : matplotlib.axes.Axes, optional
    value : {"n_words", "n_statements"}

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    order = per_document.groupby("doc_id")["date"].first().sort_values(kind="stable")
    wide = per_document.pivot_table(index="doc_id", columns="side", values=value, aggfunc="sum", fill_value=0).reindex(order.index)
    colors = side_colors(wide.columns)
    positions = range(len(wide))
    bottom = pd.Series(0.0, index=wide.index)
    for side in sorted(wide.columns):
        ax.bar(positions, wide[side], bottom=bottom, width=1.0, color=colors[side], label=side, linewidth=0)
        bottom = bottom + wide[side]
    step = max(1, len(wide) // 8)
    ax.set_xticks(list(positions)[::step], [d.strftime("%Y-%m-%d") for d in order.iloc[::step]], rotation=45, ha="right")
    ax.set_xlabel("documents, in date order")
    ax.set_ylabel("words" if value == "n_words" else "statements")
    ax.set_ylim(0, float(bottom.max()) * 1.3 if len(bottom) else 1)  # room for the legend above the bars
    ax.legend(title="side", frameon=False, ncols=min(len(wide.columns), 6), loc="upper left")
    return ax
