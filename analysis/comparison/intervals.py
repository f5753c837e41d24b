"""Building blocks of the comparisons: interval formulas for small counts, per-purpose random
generators, and the column check.

* :func:`wilson_interval` (a proportion), :func:`newcombe_interval` (a difference of two
  proportions), :func:`poisson_interval` (a rate of counts): the floors that keep small counts
  from showing as confident points;
* :func:`make_generator`: an independent random stream per purpose, from the seed and a stable
  hash of the labels.
"""

from __future__ import annotations

import hashlib
from typing import Sequence

import numpy as np
import pandas as pd
from scipy import stats

__all__ = ["check_columns", "make_generator", "newcombe_interval", "poisson_interval", "wilson_interval"]


def check_columns(statements: pd.DataFrame, columns: Sequence[str], by: str, cluster: str | None) -> None:
    """Raise KeyError naming the columns a comparison needs that the table lacks.

    Examples
    --------
    >>> check_columns(pd.DataFrame({"voice": [], "n_words": []}), ["peninsula"], "voice", None)
    Traceback (most recent call last):
    ...
    KeyError: "table lacks column(s) ['peninsula']; score it with analysis.frames.score_frames (frame columns are its frame names, e.g. 'peninsula')"
    """
    needed = {by, "n_words", *columns} | ({cluster} if cluster else set())
    missing = needed - set(statements.columns)
    if missing:
        raise KeyError(
            f"table lacks column(s) {sorted(missing)}; score it with analysis.frames.score_frames "
            "(frame columns are its frame names, e.g. 'peninsula')"
        )


def wilson_interval(hits: float, n: float, level: float) -> tuple[float, float]:
    """Wilson's score interval of a proportion ``hits / n`` (NaN when ``n`` is 0).

    Examples
    --------
    >>> [round(float(v), 3) for v in wilson_interval(0, 10, 0.95)]
    [0.0, 0.278]
    """
    if n <= 0:
        return float("nan"), float("nan")
    z = stats.norm.ppf(0.5 + level / 2)
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe_interval(hits_a: float, n_a: float, hits_b: float, n_b: float, level: float) -> tuple[float, float]:
    """Newcombe's (1998) hybrid score interval for a difference of two proportions (method 10).

    Examples
    --------
    >>> [round(float(v), 4) for v in newcombe_interval(56, 70, 48, 80, 0.95)]  # Newcombe (1998), table II
    [0.0524, 0.3339]
    """
    p_a, p_b = hits_a / n_a, hits_b / n_b
    l_a, u_a = wilson_interval(hits_a, n_a, level)
    l_b, u_b = wilson_interval(hits_b, n_b, level)
    difference = p_a - p_b
    return difference - np.sqrt((p_a - l_a) ** 2 + (u_b - p_b) ** 2), difference + np.sqrt((u_a - p_a) ** 2 + (p_b - l_b) ** 2)


def poisson_interval(count: float, exposure: float, level: float) -> tuple[float, float]:
    """The exact (Garwood) Poisson interval of a rate ``count / exposure`` (NaN without exposure).

    Examples
    --------
    >>> [round(float(v), 3) for v in poisson_interval(0, 1, 0.95)]
    [0.0, 3.689]
    """
    if exposure <= 0:
        return float("nan"), float("nan")
    alpha = 1 - level
    low = stats.chi2.ppf(alpha / 2, 2 * count) / 2 if count > 0 else 0.0
    high = stats.chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2
    return low / exposure, high / exposure


def make_generator(random_state: int | None, *keys) -> np.random.Generator:
    """An independent generator for one purpose (a group, a pair of groups, a resampling), derived
    from the seed and a stable hash (SHA-256) of the keys' text: the same seed and keys give the
    same stream on any machine and in any process (Python's hash() of a string is salted per
    process), and no draw for one group depends on which other groups were asked for.

    Examples
    --------
    >>> a, b = make_generator(0, "rates", "CN"), make_generator(0, "rates", "CN")
    >>> bool(a.random() == b.random())
    True
    """
    if random_state is None:
        seed = list(np.random.SeedSequence().entropy.to_bytes(16, "little"))
    elif isinstance(random_state, (int, np.integer)) and random_state >= 0:
        seed = [int(random_state)]
    else:
        raise ValueError(f"random_state must be a non-negative integer or None, not {random_state!r}")
    words = []
    for key in keys:
        digest = hashlib.sha256(str(key).encode("utf-8")).digest()
        words.extend(int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4))
    return np.random.default_rng(np.random.SeedSequence(seed + words))
