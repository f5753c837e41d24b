"""What a corpus cannot show: the notebooks' figures and tables that need documents or voices it lacks.

A corpus of one readout has no press-conference turns, a corpus of speeches no reported speakers,
a corpus without the ROK voice no CN-ROK comparison. :func:`describe_limits` lists each such gap
in words, so a notebook run on a small corpus says what it cannot show instead of failing or
showing empty figures without a word.
"""

from __future__ import annotations

import pandas as pd

from .statements.schema import TURN_GENRES

__all__ = ["LIMIT_COLUMNS", "describe_limits"]

LIMIT_COLUMNS = ("cannot_show", "because")


def describe_limits(statements: pd.DataFrame, *, voices=("CN", "ROK"), min_statements: int = 20) -> pd.DataFrame:
    """The analyses a statements table cannot support, and why.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements table (:func:`analysis.pipeline.open_corpus`), with ``doc_id``, ``genre``,
        ``speaker``, ``voice``.
    voices : sequence of str, default ("CN", "ROK")
        The voices the notebooks compare.
    min_statements : int, default 20
        The fewest statements a speaker needs to be compared (notebook 03's ``min_statements``).

    Returns
    -------
    pandas.DataFrame
        :data:`LIMIT_COLUMNS`, one row per gap; one row saying so when there is none.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["a", "a"], "genre": ["readout"] * 2, "speaker": ["Xi Jinping", "narrator"],
    ...                    "voice": ["CN", "narrator"]})
    >>> describe_limits(st)["cannot_show"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['reported speakers in press-conference turns; themes over time in press conferences',
     'anything about the ROK voice: CN-ROK differences, keyness, ROK evidence',
     'document-bootstrap intervals (they need several documents)',
     'speaker similarities and the speaker map']
    """
    rows = []
    if not statements["genre"].isin(TURN_GENRES).any():
        rows.append(("reported speakers in press-conference turns; themes over time in press conferences",
                     f"no document of genre {', '.join(TURN_GENRES)}"))
    if not (statements["genre"] == "readout").any():
        rows.append(("the readout sample of the attribution rules", "no readout"))
    present = set(statements["voice"]) if len(statements) else set()
    for voice in voices:
        if voice not in present:
            others = "-".join(voices)
            rows.append((f"anything about the {voice} voice: {others} differences, keyness, {voice} evidence",
                         f"no statement in the {voice} voice"))
    if statements["doc_id"].nunique() < 2:
        rows.append(("document-bootstrap intervals (they need several documents)",
                     f"{statements['doc_id'].nunique()} document(s): intervals show the counts' own uncertainty only"))
    largest = int(statements["speaker"].value_counts().max()) if len(statements) else 0
    if largest < min_statements:
        rows.append(("speaker similarities and the speaker map",
                     f"no speaker has {min_statements} statements (the most: {largest})"))
    if not rows:
        rows.append(("nothing: every figure can be drawn", "the corpus has every genre and voice the notebooks use"))
    return pd.DataFrame(rows, columns=list(LIMIT_COLUMNS))
