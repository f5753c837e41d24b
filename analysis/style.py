"""The project's single matplotlib style and its colours for sides.

Use it with ``with analysis.style.context(): ...`` or ``matplotlib.style.use(analysis.style.STYLE)``;
no module sets rcParams anywhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

__all__ = ["SIDE_COLORS", "STYLE", "context", "side_colors"]

STYLE = Path(__file__).parent / "style" / "diplomacy.mplstyle"

#: Fixed colours for the sides that appear in most figures (colour-blind safe pairs).
SIDE_COLORS = {
    "CN": "#c0392b",
    "ROK": "#1b4f9c",
    "joint": "#7b4f9d",
    "narrator": "#9a9a9a",
    "press": "#d4a017",
    "unknown": "#cfcfcf",
}
_OTHER = ("#2e8b57", "#5f9ea0", "#a0522d", "#708090", "#b8860b", "#4682b4", "#8b4513", "#556b2f")


def side_colors(sides: Iterable[str]) -> dict[str, str]:
    """A colour for each side: fixed ones for CN, ROK ..., then a stable palette.

    Parameters
    ----------
    sides : iterable of str

    Returns
    -------
    dict
        Side to hex colour; other sides get palette colours in sorted order.

    Examples
    --------
    >>> side_colors(["ROK", "CN", "US"])["CN"]
    '#c0392b'
    """
    colors = {}
    others = sorted({s for s in sides if s not in SIDE_COLORS})
    for side in set(sides):
        colors[side] = SIDE_COLORS.get(side) or _OTHER[others.index(side) % len(_OTHER)]
    return colors


def context():
    """A context manager that applies the project style (and only inside the block)."""
    import matplotlib.pyplot as plt

    return plt.style.context(STYLE)
