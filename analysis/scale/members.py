"""Every member state, year by year: country-year vectors, similarity to chosen states, standing among all.

A country's vector for a year is the mean of the TF-IDF vectors of its statements that year
(:func:`analysis.vectors.pool_vectors` by country and year). The country is the document's
``side`` (for UN General Debate speeches: the delegation, ``CN``, ``ROK``... or the ISO3 code;
``ROC`` for the Republic of China before 1971); for documents without one, the statement's side.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from ..vectors.pooling import POOLED_COLUMNS, PooledVectors, pool_vectors
from ..vectors.vectorizer import unit_rows

__all__ = ["MEMBER_SIMILARITY_COLUMNS", "SIX_PARTIES", "STANDING_COLUMNS", "compute_member_similarity", "compute_standing", "pool_country_years"]

#: The six parties to the Peninsula talks (side codes of ``corpus/speakers.yaml``).
SIX_PARTIES = ("CN", "ROK", "DPRK", "JP", "US", "RU")
#: Columns of :func:`compute_member_similarity`.
MEMBER_SIMILARITY_COLUMNS = ("year", "target", "country", "n_statements", "similarity", "rank", "n_countries")
#: Columns of :func:`compute_standing`.
STANDING_COLUMNS = ("year", "country", "n_statements", "similarity_to_all", "percentile", "n_countries")
#: The groups table of :func:`pool_country_years` (as :func:`pool_vectors` lays it out by country and year).
_POOLED_COLUMNS = ("group", "country", "year", *POOLED_COLUMNS[1:])


def pool_country_years(statements: pd.DataFrame, X, *, documents: pd.DataFrame | None = None, feature_names=None, min_statements: int = 1,
                       genre: str | None = None) -> PooledVectors:
    """One vector per country and year: the mean of its statements' vectors.

    Parameters
    ----------
    statements : pandas.DataFrame
        Needs ``doc_id``, ``date`` and ``side`` (rows aligned with ``X``); ``text`` is not needed.
    X : sparse matrix
        The statements' TF-IDF rows.
    documents : pandas.DataFrame, optional
        ``doc_id`` and ``side`` of each document (the delegation of a speech); without it, or
        for documents without a side, the statement's ``side`` is its country.
    feature_names : sequence of str, optional
    min_statements : int, default 1
    genre : str, optional
        Only the statements of documents of this genre (``"speech"``: a readout's narrator or a
        press conference's journalists are no member state); needs ``genre``. Default: all.

    Returns
    -------
    PooledVectors
        Grouped by ``country`` and ``year``; ``groups["side"]`` is the country. Without any
        statement (of ``genre``): no group, and a warning.

    Examples
    --------
    >>> from analysis.vectors import StatementVectorizer
    >>> st = pd.DataFrame({"doc_id": ["a", "a", "b"], "side": ["unknown"] * 3,
    ...                    "date": pd.to_datetime(["2019-01-01"] * 3), "text": ["peace talks", "peace now", "trade deal"]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "side": ["ROK", "CN"]})
    >>> pool_country_years(st, StatementVectorizer().fit_transform(st), documents=docs).groups[["country", "year", "n_statements"]].values.tolist()
    [['CN', '2019', 1], ['ROK', '2019', 2]]
    """
    if genre is not None:
        keep = (statements["genre"] == genre).to_numpy()
        statements, X = statements[keep], X[np.flatnonzero(keep)]
    if not len(statements):  # nothing to pool: no country-year, said aloud
        warnings.warn("no statement to pool by country and year" + (f": no document of genre {genre}" if genre else ""),
                      UserWarning, stacklevel=2)
        empty = pd.DataFrame({column: [] for column in _POOLED_COLUMNS})
        names = np.asarray(feature_names if feature_names is not None else [f"f{i}" for i in range(X.shape[1])], dtype=object)
        return PooledVectors(empty, sp.csr_matrix((0, X.shape[1])), names, ("country", "year"), empty.copy())
    country = statements["side"].astype(object)
    if documents is not None and "side" in documents.columns:
        by_doc = documents.drop_duplicates("doc_id").set_index("doc_id")["side"].astype(object)
        mapped = statements["doc_id"].map(by_doc)
        country = mapped.where(mapped.notna() & (mapped != ""), country)
    light = pd.DataFrame({
        "doc_id": statements["doc_id"].to_numpy(),
        "date": pd.to_datetime(statements["date"]).to_numpy(),
        "side": country.to_numpy(),
        "country": country.to_numpy(),
        "year": pd.to_datetime(statements["date"]).dt.year.to_numpy(),
        "n_words": statements["n_words"].to_numpy() if "n_words" in statements.columns else np.zeros(len(statements), dtype=int),
    })  # fmt: skip
    return pool_vectors(light, X, by=("country", "year"), min_statements=min_statements, feature_names=feature_names)


def compute_member_similarity(pooled: PooledVectors, targets=("ROK", "CN")) -> pd.DataFrame:
    """Each target's similarity to every other country, year by year.

    Parameters
    ----------
    pooled : PooledVectors
        From :func:`pool_country_years`.
    targets : sequence of str, default ("ROK", "CN")

    Returns
    -------
    pandas.DataFrame
        :data:`MEMBER_SIMILARITY_COLUMNS`: one row per year, target present that year and other
        country (cosine of their vectors); ``rank`` 1 is the target's closest country that year
        among ``n_countries``. Years where a target has no statement have no rows for it.

    Examples
    --------
    >>> from analysis.vectors import StatementVectorizer
    >>> st = pd.DataFrame({"doc_id": list("abc"), "side": ["ROK", "CN", "JP"], "date": pd.to_datetime(["2019-01-01"] * 3),
    ...                    "text": ["peace talks now", "peace talks later", "trade deal"]})
    >>> table = compute_member_similarity(pool_country_years(st, StatementVectorizer().fit_transform(st)), targets=["ROK"])
    >>> table[["target", "country", "rank"]].values.tolist()
    [['ROK', 'CN', 1], ['ROK', 'JP', 2]]
    """
    groups = pooled.groups.reset_index(drop=True)
    if groups.empty:
        return pd.DataFrame(columns=list(MEMBER_SIMILARITY_COLUMNS))
    unit = _unit(pooled.matrix)
    rows = []
    for year, members in groups.groupby("year", sort=True).groups.items():
        members = np.asarray(members)
        countries = groups.loc[members, "country"].to_numpy()
        block = _dense(unit[members])
        for target in targets:
            where = np.flatnonzero(countries == target)
            if not len(where):
                continue
            similarity = block @ block[where[0]]
            others = np.flatnonzero(countries != target)
            frame = pd.DataFrame({"year": int(year), "target": target, "country": countries[others],
                                  "n_statements": groups.loc[members[others], "n_statements"].to_numpy(), "similarity": similarity[others]})  # fmt: skip
            frame["rank"] = frame["similarity"].rank(ascending=False, method="min").astype("int64")
            frame["n_countries"] = len(others)
            rows.append(frame.sort_values(["rank", "country"], kind="stable"))
    if not rows:
        return pd.DataFrame(columns=list(MEMBER_SIMILARITY_COLUMNS))
    return pd.concat(rows, ignore_index=True)[list(MEMBER_SIMILARITY_COLUMNS)]


def compute_standing(pooled: PooledVectors) -> pd.DataFrame:
    """How typical each country's vocabulary is, year by year: its similarity to all the others'.

    A country's ``similarity_to_all`` is the cosine of its vector with the mean of the other
    countries' unit vectors that year; ``percentile`` is its place among them (100: the most typical).

    Returns
    -------
    pandas.DataFrame
        :data:`STANDING_COLUMNS`, one row per country and year (years with fewer than 3 countries are left out).

    Examples
    --------
    >>> from analysis.vectors import StatementVectorizer
    >>> st = pd.DataFrame({"doc_id": list("abc"), "side": ["ROK", "CN", "JP"], "date": pd.to_datetime(["2019-01-01"] * 3),
    ...                    "text": ["peace talks now", "peace talks later", "peace deal"]})
    >>> compute_standing(pool_country_years(st, StatementVectorizer().fit_transform(st)))[["country", "percentile"]].values.tolist()
    [['CN', 100.0], ['ROK', 100.0], ['JP', 33.3]]
    """
    groups = pooled.groups.reset_index(drop=True)
    if groups.empty:
        return pd.DataFrame(columns=list(STANDING_COLUMNS))
    unit = _unit(pooled.matrix)
    rows = []
    for year, members in groups.groupby("year", sort=True).groups.items():
        members = np.asarray(members)
        if len(members) < 3:
            continue
        block = _dense(unit[members])
        others_mean = (block.sum(axis=0, keepdims=True) - block) / (len(members) - 1)
        similarity = np.einsum("ij,ij->i", block, unit_rows(others_mean))
        frame = pd.DataFrame({"year": int(year), "country": groups.loc[members, "country"].to_numpy(),
                              "n_statements": groups.loc[members, "n_statements"].to_numpy(), "similarity_to_all": similarity})  # fmt: skip
        frame["percentile"] = (100 * frame["similarity_to_all"].rank(method="max", pct=True)).round(1)
        frame["n_countries"] = len(members)
        rows.append(frame.sort_values(["similarity_to_all", "country"], ascending=[False, True], kind="stable"))
    if not rows:
        return pd.DataFrame(columns=list(STANDING_COLUMNS))
    return pd.concat(rows, ignore_index=True)[list(STANDING_COLUMNS)]


def _unit(matrix):
    """Rows of unit length, sparse kept sparse (a dense country-year x term matrix would not fit)."""
    return normalize(sp.csr_matrix(matrix)) if sp.issparse(matrix) else unit_rows(np.asarray(matrix, dtype=float))


def _dense(rows) -> np.ndarray:
    return rows.toarray() if sp.issparse(rows) else np.asarray(rows)
