"""Plots: every ``plot_*(result, *, ax=None) -> Axes`` draws one result table and nothing else.

One module per result family: :mod:`~analysis.plots.corpus`, :mod:`~analysis.plots.statements`,
:mod:`~analysis.plots.frames`, :mod:`~analysis.plots.comparison`, :mod:`~analysis.plots.keyness`,
:mod:`~analysis.plots.vectors`, :mod:`~analysis.plots.themes`; the one matplotlib style and the
side colours in :mod:`~analysis.plots.style` (``diplomacy.mplstyle``). Computing modules import
no matplotlib.
"""
