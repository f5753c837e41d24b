"""Summaries of the statements table: volume of statements and words per speaker, side, document."""

from __future__ import annotations

from typing import Sequence

import pandas as pd

__all__ = ["select_speakers", "summarize_reported_speakers", "summarize_speakers", "summarize_uncertain"]


def summarize_speakers(statements: pd.DataFrame, *, by: tuple[str, ...] = ("side", "speaker")) -> pd.DataFrame:
    """Count statements and words per group, with each group's share.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements table.
    by : tuple of str, default ("side", "speaker")
        Grouping columns; add ``"doc_id"`` for per-document counts.

    Returns
    -------
    pandas.DataFrame
        Columns ``by`` + ``n_statements``, ``n_words``, ``n_documents``,
        ``share_statements`` and ``share_words`` (within the whole table),
        sorted by ``n_words`` descending then the group names.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["a", "a", "b"], "side": ["CN", "ROK", "CN"],
    ...                    "speaker": ["Xi", "Moon", "Xi"], "n_words": [10, 5, 5]})
    >>> summarize_speakers(st)[["speaker", "n_statements", "n_words"]].values.tolist()
    [['Xi', 2, 15], ['Moon', 1, 5]]
    """
    by = list(by)
    table = (
        statements.groupby(by, observed=True, dropna=False)
        .agg(n_statements=("doc_id", "size"), n_words=("n_words", "sum"), n_documents=("doc_id", "nunique"))
        .reset_index()
    )
    table["share_statements"] = table["n_statements"] / max(len(statements), 1)
    table["share_words"] = table["n_words"] / max(int(statements["n_words"].sum()), 1)
    return table.sort_values(["n_words", *by], ascending=[False, *[True] * len(by)], kind="stable").reset_index(drop=True)


def summarize_reported_speakers(statements: pd.DataFrame) -> pd.DataFrame:
    """Count the statements that report each speaker's words (``reported_speaker``), by side.

    Returns
    -------
    pandas.DataFrame
        Columns ``side``, ``speaker`` (the reported side and speaker), ``n_statements``; most
        reported first, then by name.

    Examples
    --------
    >>> st = pd.DataFrame({"reported_side": ["ROK", None, "ROK"], "reported_speaker": ["Moon Jae-in", None, "Moon Jae-in"]})
    >>> summarize_reported_speakers(st).values.tolist()
    [['ROK', 'Moon Jae-in', 2]]
    """
    reported = statements.dropna(subset=["reported_speaker"])
    return (reported.groupby(["reported_side", "reported_speaker"]).size().rename("n_statements")
            .reset_index().rename(columns={"reported_side": "side", "reported_speaker": "speaker"})
            .sort_values(["n_statements", "speaker"], ascending=[False, True]))


def select_speakers(
    statements: pd.DataFrame,
    *,
    groups: Sequence[str],
    min_statements: int = 20,
    always_genres: Sequence[str] = ("readout",),
    by: str = "voice_speaker",
    group_column: str = "voice",
) -> pd.DataFrame:
    """The speakers of some groups worth showing one by one, in display order.

    A speaker (``by``) of the ``groups`` (in ``group_column``) is kept with at least
    ``min_statements`` statements, or when they speak in a document of ``always_genres`` (the
    leaders of the readouts, however few their statements). Ordered by group (as in ``groups``),
    then most statements first, then name.

    Returns
    -------
    pandas.DataFrame
        ``speaker``, ``group``, ``n_statements``, ``label`` (``"name (n)"``).

    Examples
    --------
    >>> st = pd.DataFrame({"voice_speaker": ["Xi", "Xi", "Moon", "Lu"], "voice": ["CN", "CN", "ROK", "CN"],
    ...                    "genre": ["press-conference", "press-conference", "readout", "press-conference"]})
    >>> select_speakers(st, groups=["CN", "ROK"], min_statements=2)["label"].tolist()
    ['Xi (2)', 'Moon (1)']
    """
    sides = statements[statements[group_column].isin(groups)]
    counts = sides[by].value_counts()
    first_group = sides.groupby(by)[group_column].first()
    always = set(sides.loc[sides["genre"].isin(always_genres), by]) if "genre" in sides.columns else set()
    kept = [s for s in counts.index if counts[s] >= min_statements or s in always]
    rank = {group: number for number, group in enumerate(groups)}
    table = pd.DataFrame({"speaker": kept, "group": first_group[kept].to_numpy(), "n_statements": counts[kept].to_numpy()})
    table["rank"] = table["group"].map(rank)
    table = table.sort_values(["rank", "n_statements", "speaker"], ascending=[True, False, True]).drop(columns="rank")
    table["label"] = [f"{s} ({n:,})" for s, n in zip(table["speaker"], table["n_statements"])]
    return table.reset_index(drop=True)


def summarize_uncertain(statements: pd.DataFrame, *, min_confidence: float = 0.85) -> pd.DataFrame:
    """Per document, the sentences the attribution is unsure of: speaker ``unknown`` or confidence below ``min_confidence``.

    Returns
    -------
    pandas.DataFrame
        One row per document: ``doc_id``, ``n_sentences``, ``n_unknown``, ``n_low_confidence`` (attributed
        but below ``min_confidence``), ``n_uncertain`` (their sum) and ``share_uncertain``, highest share first.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["a", "a", "b"], "speaker": ["Xi", "unknown", "Moon"], "confidence": [0.98, 0.0, 0.5]})
    >>> summarize_uncertain(st)[["doc_id", "n_unknown", "n_low_confidence", "share_uncertain"]].values.tolist()
    [['b', 0, 1, 1.0], ['a', 1, 0, 0.5]]
    """
    if "confidence" not in statements.columns:
        raise KeyError("the statements table lacks column `confidence`; make it with analysis.statements.attribute_statements")
    unknown = statements["speaker"] == "unknown"
    low = ~unknown & (statements["confidence"] < min_confidence)
    table = (
        pd.DataFrame({"doc_id": statements["doc_id"], "unknown": unknown, "low": low})
        .groupby("doc_id", sort=True)
        .agg(n_sentences=("unknown", "size"), n_unknown=("unknown", "sum"), n_low_confidence=("low", "sum"))
        .reset_index()
    )
    table["n_uncertain"] = table["n_unknown"] + table["n_low_confidence"]
    table["share_uncertain"] = table["n_uncertain"] / table["n_sentences"]
    return table.sort_values(["share_uncertain", "doc_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
