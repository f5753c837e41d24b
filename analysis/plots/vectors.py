"""Plots of vectors: the similarity heatmap and the map of speakers and documents."""

from __future__ import annotations

from typing import Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle

from .style import draw_nothing, side_colors

__all__ = ["plot_map", "plot_similarity"]


def plot_similarity(similarity: pd.DataFrame, *, ax=None, annotate: bool | None = None, colorbar: bool = True):
    """Heatmap of a :func:`compute_similarity` table; the diagonal (split-half) is outlined.

    Parameters
    ----------
    similarity : pandas.DataFrame
        :data:`SIMILARITY_COLUMNS`; groups are drawn in their order of first appearance.
    ax : matplotlib.axes.Axes, optional
    annotate : bool, optional
        Write the values in the cells (default: when there are at most 20 groups).
    colorbar : bool, default True

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    if similarity.empty:
        return draw_nothing(ax, "no group has enough statements")
    order = list(dict.fromkeys(similarity["group"]))
    sizes = similarity.drop_duplicates("group").set_index("group")["n_statements"]
    wide = similarity.pivot(index="group", columns="other", values="similarity").reindex(index=order, columns=order)
    image = ax.imshow(wide.to_numpy(dtype=float), vmin=0, vmax=1, aspect="auto", interpolation="nearest")
    labels = [f"{g} ({sizes[g]:,})" for g in order]
    ax.set_xticks(range(len(order)), labels, rotation=60, ha="right")
    ax.set_yticks(range(len(order)), labels)
    for i in range(len(order)):
        ax.add_patch(Rectangle((i - 0.5, i - 0.5), 1, 1, fill=False, edgecolor="white", linewidth=1.2, linestyle="--"))
    if annotate is None:
        annotate = len(order) <= 20
    if annotate:
        values = wide.to_numpy(dtype=float)
        for (i, j), value in np.ndenumerate(values):
            if np.isfinite(value):
                ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=6, color="white" if value < 0.6 else "black")
    if colorbar:
        ax.figure.colorbar(image, ax=ax, label="cosine similarity (diagonal: split-half)", shrink=0.8)
    ax.set_xlabel("")
    ax.set_ylabel("")
    return ax


def plot_map(points: pd.DataFrame, *, ax=None, label_kinds: Sequence[str] | None = None, max_labels: int = 40,
             color_dates: bool = True, adjust: bool = True):
    """Scatter of a :func:`compute_map` table: labelled groups coloured by side, the others by date.

    Parameters
    ----------
    points : pandas.DataFrame
        :data:`MAP_COLUMNS`.
    ax : matplotlib.axes.Axes, optional
    label_kinds : sequence of str, optional
        Kinds whose points are named and coloured by side (default: the first kind in the
        table); the other kinds (documents) are small unlabelled squares.
    max_labels : int, default 40
        Name at most this many points (the groups with most statements).
    color_dates : bool, default True
        Colour unlabelled points by ``first_date`` (a colour bar shows the dates); else grey.
    adjust : bool, default True
        Move overlapping names apart (adjustText, a fixed number of iterations: deterministic).

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    if points.empty:
        return draw_nothing(ax, "no group to place on a map")
    kinds = list(dict.fromkeys(points["kind"]))
    label_kinds = [kinds[0]] if label_kinds is None and kinds else list(label_kinds or [])
    colors = side_colors(points["side"])
    colors["mixed"] = "#6f6f6f"
    largest = max(int(points["n_statements"].max()), 1) if len(points) else 1
    texts = []
    for kind in kinds:
        part = points[points["kind"] == kind]
        name = "documents" if kind == "doc_id" else kind
        if kind not in label_kinds:
            dated = part["first_date"].notna() if "first_date" in part.columns else pd.Series(False, index=part.index)
            if color_dates and dated.any():
                values = mdates.date2num(pd.to_datetime(part.loc[dated, "first_date"]).dt.to_pydatetime())
                cloud = ax.scatter(part.loc[dated, "x"], part.loc[dated, "y"], c=values, cmap="viridis", s=10, marker="s",
                                   alpha=0.6, linewidths=0, label=f"{name} (colour: date)", zorder=2)  # fmt: skip
                bar = ax.figure.colorbar(cloud, ax=ax, shrink=0.7, label=f"{name}: date")
                bar.ax.yaxis.set_major_locator(mdates.AutoDateLocator())
                bar.ax.yaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
                part = part[~dated]
            if len(part):
                ax.scatter(part["x"], part["y"], s=10, color="#b0b0b0", marker="s", alpha=0.6, linewidths=0, label=name, zorder=2)
            continue
        for side in sorted(part["side"].unique()):
            rows = part[part["side"] == side]
            ax.scatter(rows["x"], rows["y"], s=12 + 80 * np.sqrt(rows["n_statements"] / largest), color=colors[side],
                       marker="o", alpha=0.9, linewidths=0.5, edgecolors="white", label=f"{name}: {side}", zorder=3)  # fmt: skip
        for row in part.nlargest(max_labels, "n_statements").itertuples():
            texts.append(ax.text(row.x, row.y, f"{row.group} ({row.n_statements:,})", fontsize=6, zorder=4))
    ratio = points.attrs.get("explained_variance_ratio")
    ax.set_xlabel("component 1" + (f" ({ratio[0]:.0%} of variance)" if ratio else ""))
    ax.set_ylabel("component 2" + (f" ({ratio[1]:.0%} of variance)" if ratio else ""))
    ax.axhline(0, color="#dddddd", linewidth=0.6, zorder=1)
    ax.axvline(0, color="#dddddd", linewidth=0.6, zorder=1)
    ax.legend(frameon=False, fontsize=6, loc="best", markerscale=0.8)
    if adjust and len(texts) > 1:
        from adjustText import adjust_text

        # a fixed number of iterations (no time limit): the same layout on any machine
        adjust_text(texts, ax=ax, iter_lim=300, arrowprops=dict(arrowstyle="-", color="#999999", linewidth=0.4))
    return ax
