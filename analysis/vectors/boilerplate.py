"""Boilerplate learned from the corpus: terms used across many documents and speakers at near-constant rates.

The podium has formulas ("China's position is consistent and clear", "the two sides", "made
stern representations", "the international community") that are in almost every briefing, by
every spokesperson, at about the same rate. They are not what a statement is about, yet they
are frequent enough to make themes of their own. A hand-made stop list never ends; this module
finds them from their distribution:

* ``doc_share``: the share of documents that use the term;
* ``n_speakers``: how many speakers use it;
* ``evenness``: ``1 - DP``, Gries's (2008) deviation of proportions over documents: ``DP`` is half
  the sum, over documents, of ``|share of the term's statements in the document - share of all
  statements in the document|``. 1: the term is spread over the documents exactly as the
  statements are (a formula); near 0: it is all in a few documents (a subject of the day, such as
  "Hong Kong" in 2019, or "COVID-19" in 2020).

A term is boilerplate when ``doc_share >= min_doc_share``, ``n_speakers >= min_speakers`` and
``evenness >= min_evenness``. :class:`~analysis.vectors.StatementVectorizer` with
``boilerplate="auto"`` learns the list on the statements it is fitted on and down-weights those
terms; ``vectorizer.boilerplate_`` shows the table; :func:`write_boilerplate` writes it as CSV to
edit (flip the ``boilerplate`` column, delete or add rows) and ``boilerplate="my-list.csv"``
passes it back.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

__all__ = ["BOILERPLATE_COLUMNS", "read_boilerplate", "score_boilerplate", "write_boilerplate"]

#: Columns of :func:`score_boilerplate` (and of the CSV of :func:`write_boilerplate`).
BOILERPLATE_COLUMNS = ("term", "boilerplate", "n_statements", "n_documents", "doc_share", "n_speakers", "evenness")


def score_boilerplate(X, terms, documents, speakers=None, *, min_doc_share: float = 0.2, min_speakers: int = 3,
                      min_evenness: float = 0.6) -> pd.DataFrame:  # fmt: skip
    """Score every term as boilerplate or not, from its spread over documents and speakers.

    Parameters
    ----------
    X : sparse matrix, shape (n_statements, n_terms)
        Statements x terms (any weights: only presence counts).
    terms : sequence of str
        The columns of ``X``.
    documents : sequence
        The document of each statement.
    speakers : sequence, optional
        The speaker of each statement (without it, ``n_speakers`` is 1 and ``min_speakers``
        is not applied).
    min_doc_share : float, default 0.2
        Share of the documents a term must be used in.
    min_speakers : int, default 3
        Speakers who must use it.
    min_evenness : float, default 0.6
        ``1 - DP`` it must reach (see the module documentation).

    Returns
    -------
    pandas.DataFrame
        :data:`BOILERPLATE_COLUMNS`, one row per term, boilerplate first, then by ``doc_share``.

    Examples
    --------
    >>> X = sp.csr_matrix([[1, 1, 0], [1, 0, 0], [1, 0, 1], [1, 0, 1]])
    >>> table = score_boilerplate(X, ["position", "peace", "tariffs"], ["a", "b", "c", "c"], min_doc_share=0.5, min_speakers=1)
    >>> table[["term", "boilerplate", "doc_share", "evenness"]].round(2).values.tolist()
    [['position', True, 1.0, 1.0], ['peace', False, 0.33, 0.25], ['tariffs', False, 0.33, 0.5]]
    """
    present = (sp.csr_matrix(X) > 0).astype(np.float64)
    doc_codes, doc_names = pd.factorize(pd.Series(list(documents), dtype=object))
    if len(doc_codes) != present.shape[0]:
        raise ValueError(f"documents: {len(doc_codes)} values for {present.shape[0]} statements; give one document per statement")
    by_doc = sp.csr_matrix((np.ones(len(doc_codes)), (doc_codes, np.arange(len(doc_codes)))), shape=(len(doc_names), len(doc_codes)))
    per_doc = (by_doc @ present).toarray()  # documents x terms: statements using the term
    n_statements = per_doc.sum(axis=0)
    doc_size = np.asarray(by_doc.sum(axis=1)).ravel() / max(len(doc_codes), 1)
    term_share = np.divide(per_doc, n_statements, out=np.zeros_like(per_doc), where=n_statements > 0)
    evenness = 1 - 0.5 * np.abs(term_share - doc_size[:, None]).sum(axis=0)
    n_documents = (per_doc > 0).sum(axis=0)
    if speakers is None:
        n_speakers = np.ones(len(n_statements), dtype=np.int64)
        min_speakers = 1
    else:
        codes, names = pd.factorize(pd.Series(list(speakers), dtype=object))
        by_speaker = sp.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(len(names), len(codes)))
        n_speakers = np.asarray(((by_speaker @ present) > 0).sum(axis=0)).ravel()
    doc_share = n_documents / max(len(doc_names), 1)
    table = pd.DataFrame({
        "term": np.asarray(terms, dtype=object), "n_statements": n_statements.astype(np.int64), "n_documents": n_documents,
        "doc_share": doc_share, "n_speakers": n_speakers, "evenness": evenness,
    })  # fmt: skip
    table["boilerplate"] = (table["doc_share"] >= min_doc_share) & (table["n_speakers"] >= min_speakers) & (table["evenness"] >= min_evenness)
    table = table.sort_values(["boilerplate", "doc_share", "term"], ascending=[False, False, True], kind="stable")
    return table[list(BOILERPLATE_COLUMNS)].reset_index(drop=True)


def write_boilerplate(table: pd.DataFrame, path) -> Path:
    """Write a boilerplate table as CSV, to read, edit (the ``boilerplate`` column) and pass back.

    Parameters
    ----------
    table : pandas.DataFrame
        ``StatementVectorizer.boilerplate_`` or :func:`score_boilerplate`.
    path : str or Path

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile
    >>> table = pd.DataFrame({"term": ["position", "peace"], "boilerplate": [True, False]})
    >>> path = write_boilerplate(table, Path(tempfile.mkdtemp()) / "boilerplate.csv")
    >>> read_boilerplate(path)
    ('position',)
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False)
    return path


def read_boilerplate(path) -> tuple[str, ...]:
    """The boilerplate terms of an (edited) CSV: rows whose ``boilerplate`` is true, or every row without that column.

    Parameters
    ----------
    path : str or Path
        A CSV with a ``term`` column (as :func:`write_boilerplate` writes it).

    Returns
    -------
    tuple of str
        The terms, sorted.

    Raises
    ------
    ValueError
        No ``term`` column, or a ``boilerplate`` value that is not true/false.

    Examples
    --------
    See :func:`write_boilerplate`.
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "term" not in table.columns:
        raise ValueError(f"{path}: no `term` column; write one term per row under a `term` header (and optionally `boilerplate`: true/false)")
    if "boilerplate" in table.columns:
        flags = table["boilerplate"].str.strip().str.lower()
        bad = flags[~flags.isin(["true", "false", "1", "0", "yes", "no"])]
        if len(bad):
            line = int(bad.index[0]) + 2
            raise ValueError(f"{path}:{line}: boilerplate={table['boilerplate'].iloc[bad.index[0]]!r}; write true or false")
        table = table[flags.isin(["true", "1", "yes"])]
    terms = (t.strip() for t in table["term"])
    return tuple(sorted({t for t in terms if t}))
