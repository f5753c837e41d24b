"""Vocabulary similarity year by year: is one side converging with another or drifting apart?"""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from .pooling import PooledVectors, compute_similarity

__all__ = ["YEARLY_SIMILARITY_COLUMNS", "compare_by_year"]

#: Columns of :func:`compare_by_year`.
YEARLY_SIMILARITY_COLUMNS = ("year", "side", "other", "similarity", "n_statements", "other_n_statements")


def compare_by_year(pooled: PooledVectors, *, focus: str = "CN", others: Sequence[str] | None = None) -> pd.DataFrame:
    """The cosine similarity of one side's vocabulary to each other side's, in each year.

    Parameters
    ----------
    pooled : PooledVectors
        From :func:`analysis.vectors.pool_vectors` with ``by=("side", "year")``.
    focus : str, default "CN"
        The side compared with the others.
    others : sequence of str, optional
        The other sides (default: every other side).

    Returns
    -------
    pandas.DataFrame
        :data:`YEARLY_SIMILARITY_COLUMNS`, one row per year and other side where both spoke that
        year, sorted by other side and year (``year`` int).

    Examples
    --------
    >>> from analysis.vectors import StatementVectorizer, pool_vectors
    >>> st = pd.DataFrame({"doc_id": list("abcd"), "side": ["CN", "ROK", "CN", "ROK"], "year": [2001, 2001, 2002, 2002],
    ...                    "text": ["peace and talks", "peace and trade", "trade deal", "trade deal now"]})
    >>> pooled = pool_vectors(st, StatementVectorizer().fit_transform(st), by=("side", "year"))
    >>> compare_by_year(pooled)[["year", "other", "similarity"]].round(2).values.tolist()
    [[2001, 'ROK', 0.48], [2002, 'ROK', 1.0]]
    """
    if tuple(pooled.by) != ("side", "year"):
        raise ValueError(f"pool the vectors with by=('side', 'year'), not {pooled.by}")
    table = compute_similarity(pooled)
    table = table[table["kind"] == "between"]
    split = lambda column: table[column].str.split(" | ", regex=False, expand=True)  # noqa: E731
    left, right = split("group"), split("other")
    out = pd.DataFrame({"year": left[1].astype("int64"), "side": left[0], "other": right[0], "other_year": right[1].astype("int64"),
                        "similarity": table["similarity"], "n_statements": table["n_statements"],
                        "other_n_statements": table["other_n_statements"]})
    out = out[(out["side"] == focus) & (out["year"] == out["other_year"]) & (out["other"] != focus)]
    if others is not None:
        out = out[out["other"].isin(list(others))]
    return out[list(YEARLY_SIMILARITY_COLUMNS)].sort_values(["other", "year"], kind="stable").reset_index(drop=True)
