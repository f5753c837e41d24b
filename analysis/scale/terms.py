"""TF-IDF from chunks: :class:`ChunkedTfidf`, the vocabulary and document frequencies summed over chunks.

Each chunk's statements were tokenized once, where they were attributed (the ``terms`` stage of
:func:`analysis.scale.stream_corpus`): its own terms, their document frequencies and a count
matrix. :class:`ChunkedTfidf` sums the document frequencies over the chunks (each term coded by
Arrow's dictionary encoding and the frequencies summed per code, not a Python dictionary of every word), keeps the terms that
:class:`analysis.vectors.StatementVectorizer` would keep (same ``min_df``/``max_df`` rules, same
analyzer), and turns each chunk's counts into TF-IDF rows on that vocabulary. The result is the
matrix ``StatementVectorizer().fit_transform`` gives on the same statements (the tests check it),
with exact term names: no hashing, so no collisions and every column has its term. The price:
the per-chunk vocabularies (most of them rare words) pass through memory once, as Arrow strings.
"""

from __future__ import annotations

import math
from typing import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from .chunks import TermCounts, read_term_counts
from .manifest import Manifest

__all__ = ["ChunkedTfidf", "iter_term_counts"]

_SMALL_CORPUS = 100  # as StatementVectorizer: below this many statements, "auto" is min_df=1, max_df=1.0


def iter_term_counts(folder) -> Iterable[TermCounts]:
    """The ``terms`` parts of an output folder of :func:`analysis.scale.stream_corpus`, chunk by chunk.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from analysis.scale import stream_corpus
    >>> from analysis.inputs.speakers import SpeakerRegistry
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("---\\nid: a\\ndate: 2019\\ntitle: T\\nsource: S\\ngenre: speech\\n"
    ...     "language: en\\n---\\nPeace talks matter.\\n", encoding="utf-8")
    >>> result = stream_corpus(folder, folder / "out", speakers=SpeakerRegistry(()), lexicon=False)
    >>> [chunk.terms.tolist() for chunk in iter_term_counts(result.folder)]
    [['matter', 'peace', 'peace talks', 'talks', 'talks matter']]
    """
    manifest = Manifest(folder)
    if manifest.n_chunks == 0:
        raise FileNotFoundError(f"{folder}: no chunked output here; write it with analysis.scale.stream_corpus(..., terms=True)")
    for number in range(manifest.n_chunks):
        yield read_term_counts(folder, number)


class ChunkedTfidf(BaseEstimator):
    """TF-IDF of statements counted chunk by chunk; the same vectors as :class:`analysis.vectors.StatementVectorizer`.

    Parameters
    ----------
    min_df, max_df : "auto", int or float, default "auto"
        As in :class:`analysis.vectors.StatementVectorizer` (``"auto"``: ``max(2, ceil(n / 4000))``
        and 0.2 from 100 statements on).
    sublinear_tf : bool, default True
        ``1 + log(tf)``.

    Attributes
    ----------
    terms_ : numpy.ndarray of str
        The vocabulary, sorted (the columns of :meth:`transform`).
    df_ : numpy.ndarray of int
        Statements containing each term.
    idf_ : numpy.ndarray
        ``ln((1 + n) / (1 + df)) + 1`` (scikit-learn's smoothed IDF).
    n_statements_ : int
    n_candidate_terms_ : int
        Distinct terms seen before ``min_df``/``max_df``.
    min_df_, max_df_ : int or float
        The resolved bounds.

    Examples
    --------
    >>> from sklearn.feature_extraction.text import CountVectorizer
    >>> from analysis.vectors import StatementVectorizer
    >>> texts = ["Peace talks on the peninsula.", "Peninsula peace matters.", "Trade talks continue."]
    >>> analyzer = StatementVectorizer().build_analyzer()
    >>> chunks = []
    >>> for part in (texts[:2], texts[2:]):
    ...     counter = CountVectorizer(analyzer=analyzer)
    ...     counts = counter.fit_transform(part)
    ...     chunks.append(TermCounts(counter.get_feature_names_out(), np.bincount(counts.indices), counts))
    >>> tfidf = ChunkedTfidf().fit(chunks)
    >>> tfidf.get_feature_names_out()[:4].tolist()
    ['continue', 'matters', 'peace', 'peace matters']
    >>> expected = StatementVectorizer().fit_transform(texts).toarray()
    >>> bool(np.allclose(tfidf.transform(chunks).toarray(), expected))
    True
    """

    def __init__(self, min_df="auto", max_df="auto", sublinear_tf=True):
        self.min_df = min_df
        self.max_df = max_df
        self.sublinear_tf = sublinear_tf

    def fit(self, chunks: Iterable[TermCounts], y=None):
        """Sum the chunks' document frequencies and choose the vocabulary.

        Parameters
        ----------
        chunks : iterable of TermCounts
            E.g. :func:`iter_term_counts` of an output folder.
        y : ignored

        Returns
        -------
        self

        Raises
        ------
        ValueError
            No statement, or no term left after ``min_df``/``max_df``.
        """
        terms, dfs, n = [], [], 0
        for chunk in chunks:
            n += chunk.counts.shape[0]
            if len(chunk.terms):
                terms.append(pa.array(chunk.terms, type=pa.large_string()))
                dfs.append(np.asarray(chunk.df, dtype=np.int64))
        if n == 0:
            raise ValueError("ChunkedTfidf: no statements in the chunks")
        # Sum the document frequencies by term: each distinct term gets a code (Arrow's hash, in C), and the
        # frequencies are summed by code (a group-by on the strings themselves costs about three times as much).
        encoded = pa.concat_arrays(terms).dictionary_encode() if terms else pa.array([], type=pa.large_string()).dictionary_encode()
        codes = encoded.indices.to_numpy(zero_copy_only=False)
        df = np.bincount(codes, weights=np.concatenate(dfs) if dfs else None, minlength=len(encoded.dictionary)).astype(np.int64)
        del terms, dfs, codes
        self.n_statements_ = n
        self.n_candidate_terms_ = len(encoded.dictionary)
        self.min_df_ = (1 if n < _SMALL_CORPUS else max(2, math.ceil(n / 4000))) if self.min_df == "auto" else self.min_df
        self.max_df_ = (1.0 if n < _SMALL_CORPUS else 0.2) if self.max_df == "auto" else self.max_df
        low = self.min_df_ if isinstance(self.min_df_, (int, np.integer)) else self.min_df_ * n
        high = self.max_df_ if isinstance(self.max_df_, (int, np.integer)) else self.max_df_ * n
        keep = np.flatnonzero((df >= low) & (df <= high))
        if not len(keep):
            raise ValueError(
                f"ChunkedTfidf: no term is in at least {low:g} and at most {high:g} of the {n} statements "
                f"(min_df={self.min_df_!r}, max_df={self.max_df_!r}); lower min_df or raise max_df"
            )
        terms = np.asarray(encoded.dictionary.take(pa.array(keep)).to_pylist(), dtype=object)
        order = np.argsort(terms.astype(str), kind="stable")  # code-point order, as scikit-learn sorts its vocabulary
        self.terms_ = terms[order]
        self.df_ = df[keep][order].astype(np.int64)
        self.idf_ = np.log((1 + n) / (1 + self.df_)) + 1.0
        return self

    def transform(self, chunks: Iterable[TermCounts]):
        """TF-IDF rows of the chunks' statements on the fitted vocabulary (unit length; all-zero for boilerplate).

        Parameters
        ----------
        chunks : iterable of TermCounts

        Returns
        -------
        scipy.sparse.csr_matrix
            One row per statement, chunks in order.
        """
        check_is_fitted(self, "terms_")
        index = pd.Index(self.terms_)
        blocks = []
        for chunk in chunks:
            where = index.get_indexer(chunk.terms) if len(chunk.terms) else np.array([], dtype=np.int64)
            counts = chunk.counts.tocoo()
            keep = where[counts.col] >= 0 if counts.nnz else np.zeros(0, dtype=bool)
            values = counts.data[keep].astype(np.float64)
            if self.sublinear_tf:
                values = 1.0 + np.log(values)
            columns = where[counts.col[keep]]
            values *= self.idf_[columns]
            block = sp.csr_matrix((values, (counts.row[keep], columns)), shape=(chunk.counts.shape[0], len(self.terms_)))
            block.sort_indices()
            blocks.append(normalize(block))
        if not blocks:
            return sp.csr_matrix((0, len(self.terms_)))
        return sp.vstack(blocks, format="csr")

    def get_feature_names_out(self, input_features=None):
        """The terms, in column order."""
        check_is_fitted(self, "terms_")
        return self.terms_.copy()
