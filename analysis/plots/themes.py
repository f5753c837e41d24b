"""Plots of themes: choice of k, top terms, shares by group, shares over time, stability."""

from __future__ import annotations

import textwrap

from matplotlib.patches import Rectangle
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..themes.columns import unstable_mask
from .style import draw_nothing

__all__ = ["plot_intrusion", "plot_k_selection", "plot_stability", "plot_theme_measures", "plot_theme_shares", "plot_themes_over_time", "plot_top_terms"]


def plot_k_selection(scores: pd.DataFrame, *, ax=None):
    """Coherence, stability and silhouette by ``k``; the chosen ``k`` marked, ineligible ``k`` hollow.

    Parameters
    ----------
    scores : pandas.DataFrame
        ``ThemeModel.k_scores_`` or :func:`select_k` (:data:`K_SCORE_COLUMNS`).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    scores = scores.sort_values("k")
    for column, color, marker in (("stability", "#1b4f9c", "o"), ("coherence", "#c0392b", "s"), ("silhouette", "#2e8b57", "^")):
        if scores[column].notna().any():
            ax.plot(scores["k"], scores[column], color=color, marker=None, label=column)
            eligible = scores["eligible"].astype(bool)
            ax.scatter(scores.loc[eligible, "k"], scores.loc[eligible, column], color=color, marker=marker, zorder=3)
            ax.scatter(scores.loc[~eligible, "k"], scores.loc[~eligible, column], facecolors="white", edgecolors=color, marker=marker, zorder=3)
    chosen = scores.loc[scores["chosen"].astype(bool), "k"]
    for k in chosen:
        ax.axvline(k, color="#555555", linestyle="--", linewidth=0.8)
        ax.annotate(f"chosen k = {k}", (k, 1.0), xycoords=("data", "axes fraction"), xytext=(3, -10), textcoords="offset points", fontsize=7)
    ax.set_xticks(scores["k"].tolist())
    ax.set_xlabel("number of themes k (hollow: stability below the threshold)")
    ax.set_ylabel("score")
    ax.legend(frameon=False, loc="center right")
    return ax


def plot_top_terms(top_terms: pd.DataFrame, *, theme: int, ax=None, n: int = 8):
    """Horizontal bars of one theme's top terms; an unstable theme is grey and hatched.

    Parameters
    ----------
    top_terms : pandas.DataFrame
        :func:`compute_top_terms`.
    theme : int
        Which theme (loop over themes and axes for small multiples).
    ax : matplotlib.axes.Axes, optional
    n : int, default 8

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    part = top_terms[top_terms["theme"] == theme].sort_values("rank").head(n)
    if part.empty:
        raise ValueError(f"theme {theme} has no terms in the table; themes there: {sorted(top_terms['theme'].unique())}")
    unstable = bool(unstable_mask(part).iloc[0])
    ax.barh(part["term"].iloc[::-1], part["weight"].iloc[::-1], color="#b0b0b0" if unstable else "#1b4f9c",
            hatch="///" if unstable else None, edgecolor="white" if unstable else None, linewidth=0)  # fmt: skip
    ax.set_title(textwrap.fill(f"{theme}: {part['label'].iloc[0]}", width=34), fontsize=8, loc="left")
    ax.tick_params(axis="y", labelsize=7)
    ax.set_xlabel("share of theme weight", fontsize=7)
    return ax


def _heatmap(ax, wide: pd.DataFrame, row_labels, col_labels, unstable_rows, *, annotate: bool, vmax: float | None, label: str, colorbar: bool = True):
    values = wide.to_numpy(dtype=float)
    finite = values[np.isfinite(values)]
    top = vmax if vmax is not None else (float(finite.max()) if finite.size else 1.0)
    cmap = matplotlib.colormaps["Blues"].with_extremes(bad="#e4e4e4")  # missing (no statements): light grey, not 0%
    image = ax.imshow(np.ma.masked_invalid(values), vmin=0, vmax=top if top > 0 else 1.0, aspect="auto", interpolation="nearest", cmap=cmap)
    ax.set_yticks(range(len(row_labels)), row_labels)
    ax.set_xticks(range(len(col_labels)), col_labels, rotation=60, ha="right")
    tick_labels = ax.get_yticklabels()  # empty when a shared y axis hides them
    for row in np.flatnonzero(unstable_rows):
        ax.add_patch(Rectangle((-0.5, row - 0.5), len(col_labels), 1, fill=False, hatch="///", edgecolor="#888888", linewidth=0))
        if row < len(tick_labels):
            tick_labels[row].set_color("#777777")
    if annotate:
        for (i, j), value in np.ndenumerate(values):
            if np.isfinite(value):
                ax.text(j, i, f"{value:.0%}", ha="center", va="center", fontsize=6, color="white" if value > 0.6 * top else "black")
    if colorbar:
        ax.figure.colorbar(image, ax=ax, label=label, shrink=0.8)
    return ax


def plot_theme_shares(shares: pd.DataFrame, *, ax=None, value: str = "share", annotate: bool | None = None,
                      colorbar: bool = True, vmax: float | None = None):
    """Heatmap themes x groups of :func:`compute_theme_shares`; unstable themes hatched.

    Parameters
    ----------
    shares : pandas.DataFrame
    ax : matplotlib.axes.Axes, optional
    value : {"share", "theme_share"}, default "share"
        ``share``: each column sums to 1 (what a group talks about); ``theme_share``: each
        row sums to 1 (who carries a theme).
    annotate : bool, optional
        Percentages in the cells (default: at most 12 groups).
    colorbar : bool, default True
    vmax : float, optional
        The value of the darkest colour (default: the largest in the table); give two
        panels the same ``vmax`` to compare them.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    groups = shares.drop_duplicates("group")[["group", "n_group"]]
    themes = shares.drop_duplicates("theme")[["theme", "label", "stable"]]
    wide = shares.pivot(index="theme", columns="group", values=value).reindex(index=themes["theme"], columns=groups["group"])
    rows = [f"{t}: {lab}" if t >= 0 else lab for t, lab in zip(themes["theme"], themes["label"])]
    cols = [f"{g} ({n:,})" for g, n in zip(groups["group"], groups["n_group"])]
    what = "share of the group's statements" if value == "share" else "share of the theme's statements"
    return _heatmap(ax, wide, rows, cols, unstable_mask(themes).to_numpy(), annotate=len(cols) <= 12 if annotate is None else annotate,
                    vmax=vmax, label=what, colorbar=colorbar)  # fmt: skip


def plot_themes_over_time(trend: pd.DataFrame, *, ax=None, colorbar: bool = True):
    """Heatmap themes x periods of :func:`compute_themes_over_time`: which persist, which come and go.

    Periods with no statements are light grey; unstable themes are hatched.

    Parameters
    ----------
    trend : pandas.DataFrame
    ax : matplotlib.axes.Axes, optional
    colorbar : bool, default True

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    if trend.empty:
        return draw_nothing(ax, "no statement in these periods")
    themes = trend.drop_duplicates("theme")[["theme", "label", "stable"]]
    periods = list(dict.fromkeys(trend["period"]))
    wide = trend.pivot(index="theme", columns="period", values="share").reindex(index=themes["theme"], columns=periods)
    rows = [f"{t}: {lab}" if t >= 0 else lab for t, lab in zip(themes["theme"], themes["label"])]
    step = max(1, len(periods) // 12)
    cols = [pd.Timestamp(p).strftime("%Y-%m") if i % step == 0 else "" for i, p in enumerate(periods)]
    _heatmap(ax, wide, rows, cols, unstable_mask(themes).to_numpy(), annotate=False, vmax=None, label="share of the period's statements", colorbar=colorbar)
    ax.set_xticks(range(len(cols)), cols, rotation=60, ha="right")
    return ax


def plot_stability(stability: pd.DataFrame, *, ax=None, min_stability: float = 0.6):
    """Bars of each theme's stability (mean ARI over refits, whiskers min-max); unstable grey and hatched.

    Parameters
    ----------
    stability : pandas.DataFrame
        ``ThemeModel.stability_`` (``theme``, ``label``, ``stability``, ``stability_min``,
        ``stability_max``, ``stable``).
    ax : matplotlib.axes.Axes, optional
    min_stability : float, default 0.6
        Drawn as the threshold line (pass the model's ``min_stability``).

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    table = stability.sort_values("theme", ascending=False)
    unstable = unstable_mask(table).to_numpy()
    labels = [f"{t}: {lab}" for t, lab in zip(table["theme"], table["label"])]
    values = table["stability"].to_numpy(dtype=float)
    low = values - table["stability_min"].to_numpy(dtype=float)
    high = table["stability_max"].to_numpy(dtype=float) - values
    bars = ax.barh(labels, np.nan_to_num(values), color=["#b0b0b0" if u else "#1b4f9c" for u in unstable], linewidth=0)
    for bar, u in zip(bars, unstable):
        if u:
            bar.set_hatch("///")
            bar.set_edgecolor("white")
    ax.errorbar(np.nan_to_num(values), range(len(labels)), xerr=np.nan_to_num(np.vstack([low, high])), fmt="none", ecolor="#333333", elinewidth=0.8, capsize=2)
    ax.axvline(min_stability, color="#c0392b", linestyle="--", linewidth=0.8)
    ax.set_xlim(min(0.0, float(np.nanmin(table["stability_min"])) if table["stability_min"].notna().any() else 0.0), 1.0)
    ax.set_xlabel(f"adjusted Rand index with the reference fit (mean over refits; whiskers: min-max; dashed: threshold {min_stability})")
    return ax


def plot_theme_measures(measures: pd.DataFrame, *, ax=None, columns=("coherence", "diversity", "stability", "stability_subsample", "stability_init", "no_theme_share")):
    """Grouped bars: each candidate model's measures (coherence, diversity, stability ..., share without a theme).

    Parameters
    ----------
    measures : pandas.DataFrame
        :func:`analysis.themes.measures.measure_theme_models`.
    ax : matplotlib.axes.Axes, optional
    columns : sequence of str
        The measures drawn, one bar each per model.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    models = measures["model"].tolist()
    height = 0.8 / len(columns)
    colors = ("#c0392b", "#e67e22", "#1b4f9c", "#6b8fd6", "#a9c1ee", "#7f7f7f")
    for j, column in enumerate(columns):
        positions = np.arange(len(models)) + (j - (len(columns) - 1) / 2) * height
        ax.barh(positions, measures[column].astype(float), height=height, color=colors[j % len(colors)], label=column)
    ax.set_yticks(np.arange(len(models)), [textwrap.fill(m, 34) for m in models], fontsize=7)
    ax.invert_yaxis()
    ax.axvline(0, color="#555555", linewidth=0.6)
    ax.set_xlabel("score (coherence: NPMI; stability: ARI; diversity and no-theme: shares)")
    ax.legend(frameon=False, fontsize=7, loc="lower right")
    return ax


def plot_intrusion(scores: pd.DataFrame, *, ax=None, target: float = 0.8):
    """Bars of intrusion precision per theme and overall, one panel row per run (e.g. before / after).

    Parameters
    ----------
    scores : pandas.DataFrame
        :func:`analysis.themes.intrusion.score_intrusion`, with a ``run`` column when several
        runs are drawn; only ``kind`` "word" rows unless you select others.
    ax : matplotlib.axes.Axes, optional
    target : float, default 0.8
        Drawn as a dashed line, with the chance level (dotted).

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    table = scores if "run" in scores.columns else scores.assign(run="")
    names = [f"{r.run}: {'all themes' if r.theme == 'all' else textwrap.shorten(str(r.label) or str(r.theme), 38)}" for r in table.itertuples()]
    overall = (table["theme"] == "all").to_numpy()
    colors = np.where(overall, "#1b4f9c", "#8fb3e8")
    ax.barh(np.arange(len(table)), table["precision"].astype(float), color=colors)
    ax.set_yticks(np.arange(len(table)), names, fontsize=7)
    ax.invert_yaxis()
    ax.axvline(target, color="#c0392b", linestyle="--", linewidth=0.8, label=f"target {target:g}")
    chance = table["chance"].dropna()
    if len(chance):
        ax.axvline(float(chance.iloc[0]), color="#555555", linestyle=":", linewidth=0.8, label="chance")
    ax.set_xlim(0, 1.05)
    ax.set_xlabel("precision: share of tasks where the coder found the intruder")
    ax.legend(frameon=False, fontsize=7, loc="lower right")
    return ax
