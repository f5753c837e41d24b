"""Counting the terms of many texts at once: the texts x terms matrix of ``CountVectorizer``, built in numpy.

:func:`count_marks` takes the texts already read into *marks* (one integer per word or break:
a term's id, or ``-1`` where a stop word or a break stands) and builds what
``CountVectorizer(analyzer=...).fit_transform`` builds from the analyzer's terms (n-grams of
adjacent terms only, as :class:`analysis.vectors.StatementVectorizer`'s analyzer makes them):
the same values, the same columns (terms sorted) and, within a row, the column indices in the
same order (the order in which the terms were first seen). Instead of a Python loop over every
term of every text (a ``Counter`` per text), the n-grams, their first use and their counts are
found with ``numpy.unique`` on integer arrays; only the distinct terms are made into strings.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import scipy.sparse as sp

__all__ = ["count_marks"]


def count_marks(marks: np.ndarray, lengths: Sequence[int], names: Sequence[str], ngram_range: tuple[int, int] = (1, 2)) -> tuple[sp.csr_matrix, np.ndarray]:
    """The texts x terms count matrix (int32) and the terms (sorted) of texts read into marks.

    Parameters
    ----------
    marks : numpy.ndarray of int
        The marks of every text, one after the other: ``k >= 0`` is the word ``names[k]``, ``-1``
        a stop word or a break (no n-gram spans it).
    lengths : sequence of int
        The number of marks of each text (a row each).
    names : sequence of str
        The words, by id.
    ngram_range : (int, int), default (1, 2)
        The n-grams counted: the analyzer's terms are the words (if ``low == 1``), then the
        2-grams ``"w1 w2"`` of adjacent words, then the 3-grams, ... up to ``high``.

    Returns
    -------
    (scipy.sparse.csr_matrix, numpy.ndarray)
        As ``CountVectorizer(analyzer=analyzer, dtype=numpy.int32)``'s ``fit_transform`` and
        ``get_feature_names_out``; no term at all: a matrix of 0 columns.

    Examples
    --------
    >>> counts, terms = count_marks(np.array([0, 1, 0, -1, 2]), [3, 2], ["b", "a", "c"])
    >>> terms.tolist(), counts.toarray().tolist()
    (['a', 'a b', 'b', 'b a', 'c'], [[1, 1, 2, 1, 0], [0, 0, 0, 0, 1]])
    """
    low, high = (int(v) for v in ngram_range)
    marks = np.asarray(marks, dtype=np.int64)
    rows = np.repeat(np.arange(len(lengths), dtype=np.int64), np.asarray(lengths, dtype=np.int64))
    terms, term_rows, term_names = _ngrams(marks, rows, list(names), low, high)
    if not len(terms):  # every text boilerplate
        return sp.csr_matrix((len(lengths), 0), dtype=np.int32), np.array([], dtype=object)
    order = np.argsort(term_rows, kind="stable")  # the analyzer's order: per text, words then 2-grams ...
    terms, term_rows = terms[order], term_rows[order]
    used, first, inverse = np.unique(terms, return_index=True, return_inverse=True)
    seen = np.empty(len(used), dtype=np.int64)
    seen[np.argsort(first, kind="stable")] = np.arange(len(used))  # CountVectorizer's column: order of first use
    names_used = [term_names[t] for t in used.tolist()]
    ordered = sorted(range(len(used)), key=names_used.__getitem__)
    alphabetical = np.empty(len(used), dtype=np.int64)
    alphabetical[seen[ordered]] = np.arange(len(used))  # column by first use -> column of the sorted terms
    keys, counts = np.unique(term_rows * len(used) + seen[inverse.ravel()], return_counts=True)  # per row, by first use
    index_dtype = np.int64 if len(keys) > np.iinfo(np.int32).max else np.int32
    indptr = np.zeros(len(lengths) + 1, dtype=index_dtype)
    np.cumsum(np.bincount(keys // len(used), minlength=len(lengths)), out=indptr[1:])
    matrix = sp.csr_matrix(
        (counts.astype(np.int32), alphabetical[keys % len(used)].astype(index_dtype), indptr), shape=(len(lengths), len(used))
    )
    matrix.has_sorted_indices = False  # (as CountVectorizer leaves them)
    vocabulary = np.empty(len(used), dtype=object)
    vocabulary[:] = [names_used[i] for i in ordered]
    return matrix, vocabulary


def _ngrams(marks: np.ndarray, rows: np.ndarray, names: list[str], low: int, high: int):
    """Every n-gram (``low`` <= n <= ``high``) of adjacent words: its term id, its row, and the names by id."""
    ids, valid = marks, marks >= 0
    found_terms, found_rows, all_names = [], [], []
    level_names, offset = names, 0
    for n in range(1, high + 1):
        if n > 1:
            last = marks[n - 1 :]
            valid = valid[: len(last)] & (last >= 0) & (rows[: len(last)] == rows[n - 1 :])
            keys = ids[: len(last)] * len(names) + last
            distinct, inverse = np.unique(keys[valid], return_inverse=True)
            ids = np.full(len(last), -1, dtype=np.int64)
            ids[valid] = inverse.ravel()
            level_names = [f"{level_names[k // len(names)]} {names[k % len(names)]}" for k in distinct.tolist()]
        if n >= low:
            found_terms.append(ids[valid] + offset)
            found_rows.append(rows[: len(valid)][valid])
            all_names.extend(level_names)
            offset += len(level_names)
    return np.concatenate(found_terms), np.concatenate(found_rows), all_names
