"""Frames across languages: how close two languages' rates are, and what two accounts of one event give.

* :func:`compare_languages`: per frame, the rates of the same speeches scored in two languages
  (each with its own lexicon, from :func:`analysis.comparison.estimate_rates` grouped by
  ``language``), their difference, and a ``flag`` where the two 95% intervals do not overlap:
  the lexicons then measure the frame differently, and any comparison of that frame across
  languages says so.
* :func:`compare_accounts`: two accounts of one event (the Chinese readout's report of what Moon
  said, in English; Moon's own remarks, in Korean): per frame, facet and praise target, how many
  statements of each account carry it, and which account alone has it.
"""

from __future__ import annotations

from typing import Sequence

import pandas as pd

__all__ = ["ACCOUNT_COLUMNS", "LANGUAGE_COLUMNS", "compare_accounts", "compare_languages", "flag_frames"]

#: Columns of :func:`compare_languages`.
LANGUAGE_COLUMNS = ("frame", "a", "b", "n_a", "n_b", "rate_a", "low_a", "high_a", "rate_b", "low_b", "high_b", "difference", "flag")
#: Columns of :func:`compare_accounts`.
ACCOUNT_COLUMNS = ("item", "kind", "n_a", "n_b", "only_in")


def compare_languages(rates: pd.DataFrame, *, a: str = "ko", b: str = "en", value: str = "per_100",
                      frames: Sequence[str] | None = None) -> pd.DataFrame:
    """Per frame, the rates of languages ``a`` and ``b`` side by side, and a flag where they disagree.

    Parameters
    ----------
    rates : pandas.DataFrame
        :func:`analysis.comparison.estimate_rates` output with ``group`` = language (``by="language"``).
    a, b : str
        The two languages (groups of ``rates``).
    value : {"per_100", "per_1000_words"}
    frames : sequence of str, optional
        Default: every frame of ``rates``, in order.

    Returns
    -------
    pandas.DataFrame
        :data:`LANGUAGE_COLUMNS`: ``n_a``/``n_b`` statements, each rate and its 95% interval,
        ``difference`` (a − b) and ``flag`` (True when the intervals do not overlap).

    Examples
    --------
    >>> rates = pd.DataFrame({"group": ["ko", "en", "ko", "en"], "frame": ["p", "p", "m", "m"],
    ...     "n_statements": [10, 12, 10, 12], "per_100": [20.0, 25.0, 5.0, 40.0],
    ...     "per_100_low": [5.0, 9.0, 1.0, 30.0], "per_100_high": [50.0, 50.0, 10.0, 55.0]})
    >>> compare_languages(rates)[["frame", "difference", "flag"]].values.tolist()
    [['p', -5.0, False], ['m', -35.0, True]]
    """
    frames = list(dict.fromkeys(rates["frame"])) if frames is None else list(frames)
    rows = []
    for frame in frames:
        pick = {}
        for language in (a, b):
            found = rates[(rates["frame"] == frame) & (rates["group"] == language)]
            if found.empty:
                raise ValueError(f"no rate of frame `{frame}` for language `{language}`; estimate rates by language for both")
            pick[language] = found.iloc[0]
        ra, rb = pick[a], pick[b]
        flag = bool(ra[f"{value}_high"] < rb[f"{value}_low"] or rb[f"{value}_high"] < ra[f"{value}_low"])
        rows.append((frame, a, b, int(ra["n_statements"]), int(rb["n_statements"]), ra[value], ra[f"{value}_low"], ra[f"{value}_high"],
                     rb[value], rb[f"{value}_low"], rb[f"{value}_high"], ra[value] - rb[value], flag))
    return pd.DataFrame(rows, columns=list(LANGUAGE_COLUMNS))


def flag_frames(comparison: pd.DataFrame) -> list[str]:
    """The frames :func:`compare_languages` flags: their rates disagree across languages.

    Examples
    --------
    >>> flag_frames(pd.DataFrame({"frame": ["p", "m"], "flag": [False, True]}))
    ['m']
    """
    return comparison.loc[comparison["flag"], "frame"].tolist()


def compare_accounts(a: pd.DataFrame, b: pd.DataFrame, frames: Sequence[str], *, facets: Sequence[str] = (),
                     target: str = "praise_target_side", names: tuple[str, str] = ("a", "b")) -> pd.DataFrame:
    """What two accounts of one event give the same speaker: frames, facets and praise targets.

    Parameters
    ----------
    a, b : pandas.DataFrame
        Scored statements of each account (only the speaker's statements: e.g. the readout's
        ROK-voiced statements, and the speech), each scored with its language's lexicon.
    frames : sequence of str
        Frame columns (0/1) to compare.
    facets : sequence of str
        Facet columns (0/1) to compare.
    target : str
        The praise-target column (``;``-separated); each target becomes one item.
    names : (str, str)
        How ``only_in`` names the accounts.

    Returns
    -------
    pandas.DataFrame
        :data:`ACCOUNT_COLUMNS`: ``item`` (a frame, a facet or ``praise → X``), ``kind``
        (``frame``, ``facet``, ``praise target``), statements carrying it in each account, and
        ``only_in`` (the account that alone has it, ``both`` or ``neither``).

    Examples
    --------
    >>> a = pd.DataFrame({"peninsula": [1, 0], "praise_target_side": ["CN", ""]})
    >>> b = pd.DataFrame({"peninsula": [0], "praise_target_side": ["CN;ROK"]})
    >>> compare_accounts(a, b, ["peninsula"], names=("readout", "speech")).values.tolist()
    [['peninsula', 'frame', 1, 0, 'readout'], ['praise → CN', 'praise target', 1, 1, 'both'], ['praise → ROK', 'praise target', 0, 1, 'speech']]
    """
    rows = [(column, kind, int(a[column].sum()), int(b[column].sum()))
            for kind, columns in (("frame", frames), ("facet", facets)) for column in columns]
    counts = [_target_counts(t[target]) if target in t.columns else {} for t in (a, b)]
    for name in sorted(set(counts[0]) | set(counts[1])):
        rows.append((f"praise → {name}", "praise target", counts[0].get(name, 0), counts[1].get(name, 0)))
    table = pd.DataFrame(rows, columns=["item", "kind", "n_a", "n_b"])
    table["only_in"] = [_only_in(x, y, names) for x, y in zip(table["n_a"], table["n_b"])]
    return table


def _target_counts(column: pd.Series) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in column.fillna("").astype(str):
        for name in {t for t in value.split(";") if t}:
            counts[name] = counts.get(name, 0) + 1
    return counts


def _only_in(x: int, y: int, names: tuple[str, str]) -> str:
    if x and y:
        return "both"
    if x:
        return names[0]
    return names[1] if y else "neither"
