"""Statement vectors: :class:`StatementVectorizer`, TF-IDF over the terms of the one tokenizer."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted
import scipy.sparse as sp

from ..text.tokens import load_stop_words, tokenize_spans
from .boilerplate import BOILERPLATE_COLUMNS, read_boilerplate, score_boilerplate
from .analyzer import TermAnalyzer

__all__ = ["StatementVectorizer", "unit_rows"]

_SMALL_CORPUS = 100  # below this many statements, min_df="auto" is 1 and max_df="auto" is 1.0


class StatementVectorizer(TransformerMixin, BaseEstimator):
    """TF-IDF vectors of statements (word 1-2-grams, diplomatic stop words), optionally LSA-reduced.

    Parameters
    ----------
    stop_words : "diplomatic", "english", None, path or list of str, default "diplomatic"
        ``"diplomatic"``: every category of :data:`analysis.paths.STOP_WORDS`; ``"english"``:
        scikit-learn's English list; a path: every category of that YAML lexicon; a list:
        these words (e.g. ``load_stop_words(categories=[...])``); None: none.
    ngram_range : tuple of int, default (1, 2)
        Word n-grams of adjacent words: an n-gram never spans a stop word or punctuation
        ("President Xi said the Korean Peninsula" gives "korean peninsula", not "xi korean").
    min_df : "auto", int or float, default "auto"
        A term must occur in this many statements (int) or this share (float). ``"auto"``:
        1 below 100 statements, else ``max(2, ceil(n / 4000))`` (5 for the 19,600 shipped
        statements): a rarer term cannot mark a recurring theme, and the bigram vocabulary
        stays in the thousands.
    max_df : "auto", int or float, default "auto"
        Terms in more statements are dropped. ``"auto"``: 1.0 below 100 statements, else
        0.2: a word in more than a fifth of all statements (in the shipped corpus only
        "china", in 35%) says whose corpus it is, not what a statement is about; left in,
        it makes a catch-all theme.
    sublinear_tf : bool, default True
        ``1 + log(tf)``: a word repeated in one statement counts less than twice.
    n_components : int, optional
        Reduce to this many dimensions with TruncatedSVD, then scale rows to unit length
        (latent semantic analysis). Default: keep the terms.
    text_column : str, default "text"
        The column read when ``X`` is a DataFrame.
    random_state : int, default 0
        Seed of TruncatedSVD.
    boilerplate : None, "auto", path or list of str, default None
        Terms to down-weight: ``"auto"`` learns them from the statements fitted on, which
        must then be the statements table (``doc_id``, and ``speaker`` if present): terms used
        across many documents and speakers at near-constant rates
        (:func:`analysis.vectors.boilerplate.score_boilerplate` with its defaults); a path: a
        CSV as :func:`~analysis.vectors.boilerplate.write_boilerplate` writes it (edited);
        a list: these terms. None: none. Plain texts have no documents: with ``"auto"``
        nothing is learned (``boilerplate_`` is empty).
    boilerplate_weight : float, default 0.1
        Factor on the TF-IDF weight of a boilerplate term, before rows are scaled to unit
        length again (0: drop it; 1: keep it as it is).
    language : str, default "en"
        The language the one tokenizer reads the texts in (:func:`analysis.text.tokens.tokenize_spans`;
        ``"ko"``: Korean content words). Give stop words of that language (the default
        ``"diplomatic"`` list is English): ``stop_words=list(load_stop_words(STOP_WORDS_KO))``.

    Attributes
    ----------
    tfidf_ : sklearn.feature_extraction.text.TfidfVectorizer
    svd_ : sklearn.decomposition.TruncatedSVD or None
    stop_words_ : tuple of str
        The stop words used.
    min_df_, max_df_ : int or float
        The resolved document-frequency bounds.
    n_statements_ : int
        Statements seen in ``fit``.
    boilerplate_ : pandas.DataFrame
        The boilerplate table (:data:`~analysis.vectors.boilerplate.BOILERPLATE_COLUMNS`; with
        ``"auto"`` every term scored, else one row per listed term); its ``boilerplate`` terms
        in the vocabulary are down-weighted.
    term_weights_ : numpy.ndarray
        The factor on each term's weight (``boilerplate_weight`` or 1).

    Examples
    --------
    >>> texts = ["President Xi said the Korean Peninsula needs peace.",
    ...          "The Korean Peninsula issue needs dialogue.",
    ...          "Trade talks with the US continue.", "What is your comment?"]
    >>> vectorizer = StatementVectorizer().fit(texts)
    >>> [t for t in vectorizer.get_feature_names_out() if "peninsula" in t]
    ['korean peninsula', 'peninsula', 'peninsula issue', 'peninsula needs']
    >>> vectorizer.transform(texts).shape  # "US" (the United States) is a term; "us" would be a stop word
    (4, 19)
    >>> vectorizer.transform(["What is your comment?"]).nnz  # boilerplate: no term left
    0
    """

    def __init__(
        self,
        stop_words="diplomatic",
        ngram_range=(1, 2),
        min_df="auto",
        max_df="auto",
        sublinear_tf=True,
        n_components=None,
        text_column="text",
        random_state=0,
        boilerplate=None,
        boilerplate_weight=0.1,
        language="en",
    ):
        self.stop_words = stop_words
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.sublinear_tf = sublinear_tf
        self.n_components = n_components
        self.text_column = text_column
        self.random_state = random_state
        self.boilerplate = boilerplate
        self.boilerplate_weight = boilerplate_weight
        self.language = language

    def fit(self, X, y=None):
        """Learn the vocabulary and IDF weights (and the SVD) from statements.

        Parameters
        ----------
        X : DataFrame with a ``text_column``, or sequence of str
        y : ignored

        Returns
        -------
        self
        """
        self._fit(X)
        return self

    def fit_transform(self, X, y=None):
        """Fit, and return the vectors of ``X`` (sparse TF-IDF, or dense LSA)."""
        return self._fit(X)

    def _fit(self, X):
        texts = _texts(X, self.text_column)
        n = len(texts)
        self.n_statements_ = n
        self.stop_words_ = _resolve_stop_words(self.stop_words)
        self.min_df_ = (1 if n < _SMALL_CORPUS else max(2, math.ceil(n / 4000))) if self.min_df == "auto" else self.min_df
        self.max_df_ = (1.0 if n < _SMALL_CORPUS else 0.2) if self.max_df == "auto" else self.max_df
        self.tfidf_ = TfidfVectorizer(
            analyzer=self.build_analyzer(),
            min_df=self.min_df_,
            max_df=self.max_df_,
            sublinear_tf=self.sublinear_tf,
            dtype=np.float64,
        )
        try:
            matrix = self.tfidf_.fit_transform(texts)
        except ValueError as error:  # empty vocabulary, or min_df/max_df that exclude every term
            raise ValueError(
                f"StatementVectorizer: {error} ({n} statements, min_df={self.min_df_!r}, max_df={self.max_df_!r}, "
                f"{len(self.stop_words_)} stop words); lower min_df, raise max_df or use fewer stop words"
            ) from error
        matrix = self._learn_boilerplate(X, matrix)
        self.svd_ = None
        if self.n_components is not None:
            limit = min(matrix.shape) - 1
            if not 1 <= int(self.n_components) <= limit:
                raise ValueError(f"StatementVectorizer: n_components={self.n_components} must be between 1 and {limit} for this corpus")
            self.svd_ = TruncatedSVD(n_components=int(self.n_components), random_state=self.random_state)
            return unit_rows(self.svd_.fit_transform(matrix))
        return matrix

    def build_analyzer(self):
        """The callable that turns a text into its terms (the words and n-grams this vectorizer counts).

        It depends on the parameters only (``stop_words``, ``ngram_range``), not on a fit: the
        chunked path (:class:`analysis.scale.ChunkedTfidf`) counts terms chunk by chunk with it.

        Examples
        --------
        >>> StatementVectorizer().build_analyzer()("President Xi said the Korean Peninsula needs peace.")
        ['xi', 'korean', 'peninsula', 'needs', 'peace', 'korean peninsula', 'peninsula needs', 'needs peace']
        """
        low, high = (int(v) for v in self.ngram_range)
        if not 1 <= low <= high:
            raise ValueError(f"ngram_range={self.ngram_range!r}: write (min, max) with 1 <= min <= max, e.g. (1, 2)")
        return TermAnalyzer(frozenset(_resolve_stop_words(self.stop_words)), (low, high), self.language)

    def transform(self, X):
        """Vectors of statements: sparse TF-IDF (rows of unit length), or dense LSA.

        Parameters
        ----------
        X : DataFrame with a ``text_column``, or sequence of str

        Returns
        -------
        scipy.sparse.csr_matrix or numpy.ndarray
            One row per statement; a statement with no term left (boilerplate such as
            "What is your comment?") is a row of zeros.
        """
        check_is_fitted(self, "tfidf_")
        matrix = self._weigh(self.tfidf_.transform(_texts(X, self.text_column, allow_empty=True)))
        return matrix if self.svd_ is None else unit_rows(self.svd_.transform(matrix))

    def transform_counts(self, X):
        """Raw term counts of statements over the vocabulary (for LDA and class-based TF-IDF).

        Parameters
        ----------
        X : DataFrame with a ``text_column``, or sequence of str

        Returns
        -------
        scipy.sparse.csr_matrix
            Statements x terms (the columns of :meth:`get_feature_names_out` without SVD).
        """
        check_is_fitted(self, "tfidf_")
        counter = CountVectorizer(analyzer=self.tfidf_.analyzer, vocabulary=self.tfidf_.vocabulary_, dtype=np.float64)
        return counter.transform(_texts(X, self.text_column, allow_empty=True))

    def _learn_boilerplate(self, X, matrix):
        terms = self.tfidf_.get_feature_names_out()
        if isinstance(self.boilerplate, str) and self.boilerplate == "auto":
            if isinstance(X, pd.DataFrame) and "doc_id" in X.columns:
                speakers = X["speaker"] if "speaker" in X.columns else None
                self.boilerplate_ = score_boilerplate(matrix, terms, X["doc_id"], speakers)
            else:
                self.boilerplate_ = pd.DataFrame(columns=list(BOILERPLATE_COLUMNS))
        elif self.boilerplate is None:
            self.boilerplate_ = pd.DataFrame(columns=list(BOILERPLATE_COLUMNS))
        else:
            listed = read_boilerplate(self.boilerplate) if isinstance(self.boilerplate, (str, Path)) else tuple(self.boilerplate)
            self.boilerplate_ = pd.DataFrame({"term": sorted(set(listed)), "boilerplate": True}).reindex(columns=list(BOILERPLATE_COLUMNS))
        weight = float(self.boilerplate_weight)
        if not 0 <= weight <= 1:
            raise ValueError(f"boilerplate_weight={self.boilerplate_weight!r}: use a factor between 0 (drop) and 1 (keep)")
        flagged = set(self.boilerplate_.loc[self.boilerplate_["boilerplate"].astype(bool), "term"])
        self.term_weights_ = np.where([t in flagged for t in terms], weight, 1.0)
        return self._weigh(matrix)

    def _weigh(self, matrix):
        """Down-weight the boilerplate columns, then scale rows to unit length again."""
        weights = getattr(self, "term_weights_", None)  # None: fitted before boilerplate existed (unpickled)
        if weights is None or (weights == 1).all():
            return matrix
        weighted = sp.csr_matrix(matrix @ sp.diags(weights))
        weighted.eliminate_zeros()
        weighted = normalize(weighted)
        weighted.sort_indices()  # as TfidfVectorizer gives them (read-only copies in parallel fits cannot sort)
        return weighted

    def get_feature_names_out(self, input_features=None):
        """The terms (``"korean peninsula"``), or the SVD dimensions (``"truncatedsvd0"`` ...)."""
        check_is_fitted(self, "tfidf_")
        return self.tfidf_.get_feature_names_out() if self.svd_ is None else self.svd_.get_feature_names_out()


_Analyzer = TermAnalyzer  # the analyzer's name when fitted vectorizers of earlier versions were pickled


def _texts(X, text_column: str, *, allow_empty: bool = False) -> list[str]:
    if isinstance(X, pd.DataFrame):
        if text_column not in X.columns:
            raise KeyError(f"no column `{text_column}` in the statements table; pass text_column= or use analysis.statements.attribute_statements")
        values = X[text_column]
    elif isinstance(X, str):
        raise TypeError("pass a list of statements (or the statements table), not a single string")
    else:
        values = pd.Series(list(X), dtype=object)
    bad = [i for i, v in enumerate(values) if not isinstance(v, str)]
    if bad:
        raise ValueError(f"{len(bad)} statement text(s) are not strings (first at row {bad[0]}); every statement needs a text")
    if not allow_empty and len(values) == 0:
        raise ValueError("no statements to vectorize: the corpus is empty")
    return list(values)


def _resolve_stop_words(stop_words) -> tuple[str, ...]:
    if stop_words is None:
        return ()
    if isinstance(stop_words, str) and stop_words == "diplomatic":
        return load_stop_words()
    if isinstance(stop_words, str) and stop_words == "english":
        return tuple(sorted(ENGLISH_STOP_WORDS))
    if isinstance(stop_words, (str, Path)):
        if not Path(stop_words).is_file():
            raise FileNotFoundError(f"stop_words={str(stop_words)!r}: no such lexicon; use 'diplomatic', 'english', None, a YAML file or a list of words")
        return load_stop_words(stop_words)
    words = [w for w in stop_words]
    bad = [w for w in words if not isinstance(w, str)]
    if bad:
        raise ValueError(f"stop_words: {bad[:3]} are not words")
    return tuple(sorted({w.lower() for w in words}))


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
