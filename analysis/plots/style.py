"""The project's single matplotlib style and its colours for sides.

Use it with ``with analysis.plots.style.context(): ...`` or ``matplotlib.style.use(analysis.plots.style.STYLE)``;
no module sets rcParams anywhere else.
"""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path
from typing import Iterable

import matplotlib.pyplot as plt
from matplotlib import font_manager

from ..paths import STYLE as STYLE_FILE

__all__ = ["SIDE_COLORS", "STYLE", "context", "draw_nothing", "korean_context", "register_korean_font", "side_colors"]

STYLE = STYLE_FILE

#: Fixed colours for the sides that appear in most figures (colour-blind safe pairs).
SIDE_COLORS = {
    "CN": "#c0392b",
    "ROK": "#1b4f9c",
    "joint": "#7b4f9d",
    "narrator": "#9a9a9a",
    "press": "#d4a017",
    "unknown": "#cfcfcf",
    "DPRK": "#1b7837",
    "US": "#e07b39",
    "JP": "#5f9ea0",
    "RU": "#8c564b",
    "UN": "#4682b4",
}
# Further sides, in sorted order; no gold (press) or greys (narrator, unknown) among them.
_OTHER = ("#17becf", "#bc5090", "#556b2f", "#003f5c", "#a05195", "#2f4b7c", "#8b4513", "#66a61e")


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
    return plt.style.context(STYLE)


def register_korean_font() -> str | None:
    """Make the NanumGothic font known to matplotlib, so Hangul in labels can render (see :func:`korean_context`).

    The font file comes from the package ``koreanize-matplotlib`` (its ``fonts/NanumGothic.ttf``),
    which is located, not imported (importing it would change rcParams). Sets no rcParams.

    Returns
    -------
    str or None
        The font's family name, or None when the package is not installed (Hangul then shows as
        missing glyphs, with a matplotlib warning).

    Examples
    --------
    >>> register_korean_font() in ("NanumGothic", None)
    True
    """
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "fonts" / "NanumGothic.ttf"
    if not path.is_file():
        return None
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def korean_context():
    """A context manager: the project style with Hangul glyphs falling back to NanumGothic
    (:func:`register_korean_font`); Latin text keeps DejaVu Sans. Without the font, the style alone.

    Examples
    --------
    >>> with korean_context():
    ...     pass
    """
    name = register_korean_font()
    if name is None:
        return plt.style.context(STYLE)
    return plt.style.context([STYLE, {"font.family": ["DejaVu Sans", name]}])


def draw_nothing(ax, message: str, *, width: int = 40):
    """Say on an empty axes why there is nothing to draw (a small corpus, a missing group).

    The text is wrapped at ``width`` characters, so it stays inside a narrow panel.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> _, ax = plt.subplots()
    >>> print(draw_nothing(ax, "no speaker has 20 statements").texts[0].get_text())
    nothing to show: no speaker has 20
    statements
    """
    ax.text(0.5, 0.5, textwrap.fill(f"nothing to show: {message}", width), ha="center", va="center", transform=ax.transAxes,
            color="#666666")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax
