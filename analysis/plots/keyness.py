"""Plots of keyness: the "fightin' words" plot."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .style import draw_nothing, side_colors

__all__ = ["plot_distinctive_terms", "plot_keyness"]


def plot_keyness(
    keyness: pd.DataFrame,
    *,
    ax=None,
    top: int = 12,
    threshold: float | None = None,
    colors: dict | None = None,
    adjust: bool = True,
):
    """A "fightin' words" plot: each word's score against its frequency, top words labelled.

    Parameters
    ----------
    keyness : pandas.DataFrame
        One comparison from :func:`compute_keyness` (a single ``group``).
    ax : matplotlib.axes.Axes, optional
    top : int, default 12
        Words labelled on each side (the highest and the lowest scores; labels of words within
        the threshold are grey). Words at the same point share a label.
    threshold : float, optional
        Scores beyond which a word is coloured (default 1.96 for log-odds z-scores, 3.84
        for chi-squared: p < 0.05 unadjusted).
    colors : dict, optional
        Colours of the group and reference labels (default :func:`analysis.plots.style.side_colors`).
    adjust : bool, default True
        Move labels apart with adjustText (a fixed number of iterations: deterministic).

    Returns
    -------
    matplotlib.axes.Axes
    """
    if keyness["group"].nunique() > 1:
        raise ValueError("plot one comparison at a time: filter `keyness` to one `group`")
    if ax is None:
        _, ax = plt.subplots()
    if keyness.empty:
        ax.text(0.5, 0.5, "no words to compare", ha="center", va="center", transform=ax.transAxes)
        return ax
    group, reference = keyness["group"].iloc[0], keyness["reference"].iloc[0]
    method = keyness["method"].iloc[0]
    threshold = threshold if threshold is not None else (1.96 if method == "log-odds" else 3.84)
    colors = colors or side_colors([group, reference])
    frequency = keyness["count_group"] + keyness["count_reference"]
    score = keyness["score"]
    up, down = score >= threshold, score <= -threshold
    grey = ~(up | down)
    ax.scatter(frequency[grey], score[grey], s=4, color="#bbbbbb", linewidths=0, label="not distinctive")
    ax.scatter(frequency[up], score[up], s=6, color=colors.get(group, "#c0392b"), linewidths=0, label=f"more {group}")
    ax.scatter(frequency[down], score[down], s=6, color=colors.get(reference, "#1b4f9c"), linewidths=0, label=f"more {reference}")
    ax.set_xscale("log")
    ax.axhline(0, color="#888888", linewidth=0.6)
    for limit in (threshold, -threshold):
        ax.axhline(limit, color="#bbbbbb", linewidth=0.5, linestyle="--")
    ordered = keyness.assign(frequency=frequency).sort_values(["score", "term"], ascending=[False, True], kind="stable")
    labelled = pd.concat([ordered[ordered["score"] > 0].head(top), ordered[ordered["score"] < 0].tail(top)])
    # words at the very same point (same counts) share one label: "chung, eui-yong"
    labelled = (
        labelled.groupby(["frequency", "score"], sort=False)["term"].agg(lambda terms: ", ".join(sorted(terms))).reset_index()
    )
    texts = [
        ax.text(row.frequency, row.score, row.term, fontsize=7,
                color=colors.get(group if row.score > 0 else reference, "black") if abs(row.score) >= threshold else "#666666")
        for row in labelled.itertuples()
    ]
    if adjust and texts:
        from adjustText import adjust_text

        # a fixed number of iterations (not adjustText's default 1-second time limit), then positions
        # rounded: the same layout, and the same PNG and SVG bytes, on any machine
        _, arrows = adjust_text(texts, ax=ax, iter_lim=300, arrowprops=dict(arrowstyle="-", color="#999999", linewidth=0.4))
        _round_labels(ax, texts, arrows, [(row.frequency, row.score) for row in labelled.itertuples()])
    ax.set_xlabel(f"frequency (count in {group} + {reference}, log scale)")
    ax.set_ylabel("z-score of the log-odds ratio" if method == "log-odds" else "signed chi-squared")
    ax.legend(frameon=False, fontsize=7, loc="lower right")
    return ax


def plot_distinctive_terms(keyness: pd.DataFrame, *, ax=None, top: int = 10, groups=None):
    """The most distinctive words of each group against the rest, side by side (one column per group).

    Parameters
    ----------
    keyness : pandas.DataFrame
        :func:`analysis.keyness.compute_keyness` with several groups (``target=None``, ``reference="rest"``).
    ax : matplotlib.axes.Axes, optional
    top : int, default 10
        Words per group (highest scores, ties by term).
    groups : sequence of str, optional
        Columns, left to right (default: sorted groups).

    Returns
    -------
    matplotlib.axes.Axes
        One text per word (with its z-score), in its group's colour, rank 1 at the top.
    """
    if ax is None:
        _, ax = plt.subplots()
    if keyness.empty:
        return draw_nothing(ax, "fewer than two groups to compare")
    groups = list(groups) if groups is not None else sorted(keyness["group"].unique())
    colors = side_colors(groups)
    for k, group in enumerate(groups):
        rows = keyness[keyness["group"] == group].sort_values(["score", "term"], ascending=[False, True], kind="stable").head(top)
        for rank, row in enumerate(rows.itertuples()):
            ax.text(k, rank, f"{row.term} ({row.score:.1f})", ha="center", va="center", fontsize=7, color=colors[group])
    ax.set_xlim(-0.5, len(groups) - 0.5)
    ax.set_ylim(top - 0.5, -0.5)
    ax.set_xticks(range(len(groups)), groups)
    ax.xaxis.tick_top()
    ax.set_yticks(range(top), [str(r + 1) for r in range(top)])
    ax.set_ylabel("rank (z-score of the log-odds ratio against the other groups)")
    for spine in ax.spines.values():
        spine.set_visible(False)
    return ax


def _round_labels(ax, texts, arrows, points, digits: int = 3) -> None:
    """Put each label on a grid of 1/10**digits of the axes (its arrow follows, to its exact point).

    The label positions adjustText computes differ in their last digits from machine to machine;
    rounded, they do not (a thousandth of the axes is under a pixel at print sizes).
    """
    to_axes = ax.transScale + ax.transLimits  # data to axes fraction: no figure size or dpi in it
    moved = {}
    for text, point in zip(texts, points):
        x, y = to_axes.transform(text.get_position())
        position = tuple(to_axes.inverted().transform((round(float(x), digits), round(float(y), digits))))
        text.set_position(position)
        moved[id(text)] = (position, point)
    for arrow in arrows:
        label = getattr(arrow, "patchA", None)
        if id(label) in moved and hasattr(arrow, "set_positions"):
            arrow.set_positions(*moved[id(label)])
