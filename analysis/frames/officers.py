"""Praise of the Assembly's officers: the praise target ``UN officers``.

In a speech, praise of the President of the General Assembly or the Secretary-General ("under
your able leadership", "pay tribute to the Secretary-General for his tireless efforts") is
praise of ``UN officers``, not of a party. :func:`assign_officer_targets` (called by
:func:`analysis.frames.score_frames` when the statements have the ``protocol`` column) sets
``praise_target`` and ``praise_target_side`` to ``UN officers``

* for every protocol statement that carries leadership praise (protocol courtesies address the
  officers, also when the lexicon's target is "you" or a named person such as Ban Ki-moon), and
* for other praise whose sentence names an officer by title (the protocol cues' ``officers``)
  where the lexicon found ``UN`` or nobody (``unspecified``): ``UN`` becomes ``UN officers``,
  other targets stay.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..statements.protocol import ProtocolCues, load_protocol_cues

__all__ = ["UN_OFFICERS", "assign_officer_targets"]

#: The praise target of the President of the General Assembly and the Secretary-General.
UN_OFFICERS = "UN officers"


def assign_officer_targets(scored: pd.DataFrame, cues: ProtocolCues | None = None, *, column: str = "praise_target") -> pd.DataFrame:
    """Set the praise target of praise of the Assembly's officers to ``UN officers``.

    Parameters
    ----------
    scored : pandas.DataFrame
        Scored statements with ``protocol``, ``leadership_praise``, ``text`` and the target columns.
    cues : ProtocolCues, optional
        Default :func:`analysis.statements.protocol.load_protocol_cues`.
    column : str, default "praise_target"
        The target column (its side column is ``<column>_side``).

    Returns
    -------
    pandas.DataFrame
        A copy with the targets changed (the table itself if it lacks the columns).

    Examples
    --------
    >>> scored = pd.DataFrame({"protocol": [True, False, False], "leadership_praise": [1, 1, 1],
    ...     "text": ["Under your able leadership we will succeed.", "The Secretary-General's efforts are commendable.",
    ...              "China has made great achievements."],
    ...     "praise_target": ["unspecified", "UN", "CN"], "praise_target_side": ["unspecified", "UN", "CN"]})
    >>> assign_officer_targets(scored)["praise_target"].tolist()
    ['UN officers', 'UN officers', 'CN']
    """
    side_column = f"{column}_side"
    if not {"protocol", "leadership_praise", "text", column, side_column} <= set(scored.columns):
        return scored
    cues = cues if cues is not None else load_protocol_cues()
    praised = scored["leadership_praise"].astype(bool)
    protocol = praised & scored["protocol"].fillna(False).astype(bool)
    out = scored.copy()
    out.loc[protocol, [column, side_column]] = UN_OFFICERS
    texts = scored["text"].astype(str)
    candidates = np.flatnonzero((praised & ~protocol).to_numpy())  # only these can change: the others are not searched
    named = [scored.index[i] for i in candidates.tolist() if cues.officer_title_pattern.search(texts.iat[i])]
    for row in named:
        for name in (column, side_column):
            targets = [UN_OFFICERS if t in ("UN", "unspecified") else t for t in str(out.at[row, name]).split(";") if t]
            out.at[row, name] = ";".join(sorted(set(targets)))
    return out
