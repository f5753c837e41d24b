"""Statement vectors, speaker vectors, and how close the speakers' vocabularies are.

The pipeline, one way, nothing edited in place::

    statements --StatementVectorizer--> X (statements x terms, TF-IDF)
    (statements, X) --pool_vectors(by=...)--> PooledVectors (one mean vector per group)
    PooledVectors --compute_similarity--> long table of cosine similarities --plot_similarity
    PooledVectors, ... --compute_map--> 2-D coordinates of groups and documents --plot_map

:class:`StatementVectorizer` is a scikit-learn estimator (``fit``/``transform``,
``get_feature_names_out``, usable in a ``Pipeline``): TF-IDF over word unigrams and
bigrams, with a documented stop-word list of English function words and diplomatic
boilerplate (reporting verbs, courtesy titles, press-conference formulas, dates) kept in
``analysis/lexicons/stopwords.yaml``, and ``min_df``/``max_df`` chosen for the corpus
size; optionally reduced with TruncatedSVD (latent semantic analysis).

Groupings (:data:`GROUPINGS`): any column of the statements table, or several
(``("speaker", "doc_id")`` is speaker x document); ``voice`` (``reported_side`` when the
statement reports someone's words, else ``side``) and ``voice_speaker`` are computed when
absent. The ROK's own voice is thin in the shipped corpus (10 statements in the seed
readouts, about 30 reported in press conferences): every table carries ``n_statements``
and the figures print it, so a small group reads as what it is.
"""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
import yaml
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from .attribution import assign_voice

__all__ = [
    "DEFAULT_STOP_WORDS",
    "GROUPINGS",
    "POOLED_COLUMNS",
    "SIMILARITY_COLUMNS",
    "MAP_COLUMNS",
    "TOKEN_PATTERN",
    "PooledVectors",
    "StatementVectorizer",
    "compute_map",
    "compute_similarity",
    "load_stop_words",
    "plot_map",
    "plot_similarity",
    "pool_vectors",
]

#: The stop-word lexicon: categories of words dropped before n-grams are built.
DEFAULT_STOP_WORDS = Path(__file__).parent / "lexicons" / "stopwords.yaml"
#: A word: two or more characters, letters, digits and inner hyphens, at least one letter
#: ("win-win", "covid-19", "g20"; not "2019", not the "s" of "China's").
TOKEN_PATTERN = r"(?u)\b(?=[\w-]*[^\W\d_])(?=[\w-]{2})\w+(?:-\w+)*\b"
#: Groupings the notebooks offer; any column of the statements table works too.
GROUPINGS = ("speaker", "side", "voice", "voice_speaker", "doc_id", ("speaker", "doc_id"))
#: Columns of :attr:`PooledVectors.groups` besides the grouping columns.
POOLED_COLUMNS = ("group", "side", "n_statements", "n_words", "n_documents", "first_date", "last_date", "self_similarity")
#: Columns of :func:`compute_similarity`.
SIMILARITY_COLUMNS = ("group", "side", "n_statements", "other", "other_side", "other_n_statements", "kind", "similarity")
#: Columns of :func:`compute_map`.
MAP_COLUMNS = ("group", "kind", "side", "n_statements", "first_date", "last_date", "x", "y")
_WORD = re.compile(TOKEN_PATTERN)
_SMALL_CORPUS = 100  # below this many statements, min_df="auto" is 1 and max_df="auto" is 1.0


# ----------------------------------------------------------------------------- stop words


def load_stop_words(path: str | Path | None = None, *, categories: Iterable[str] | None = None) -> tuple[str, ...]:
    """Read a stop-word lexicon: a YAML mapping of category to a list of words.

    Parameters
    ----------
    path : str or Path, optional
        Default :data:`DEFAULT_STOP_WORDS` (categories ``function_words``,
        ``reporting_verbs``, ``courtesy_titles``, ``press_conference``, ``dates``).
    categories : iterable of str, optional
        Keep only these categories (default: all).

    Returns
    -------
    tuple of str
        The words, lowercase, sorted, without duplicates.

    Raises
    ------
    ValueError
        Naming the file, the category and the item that is not a single lowercase word
        as :data:`TOKEN_PATTERN` splits text, or an unknown category.

    Examples
    --------
    >>> words = load_stop_words(categories=["courtesy_titles"])
    >>> "president" in words, "korea" in words
    (True, False)
    """
    path = Path(path) if path is not None else DEFAULT_STOP_WORDS
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not data:
        raise ValueError(f"{path}: a stop-word lexicon is a mapping of category to a list of words; see {DEFAULT_STOP_WORDS}")
    wanted = list(data) if categories is None else list(categories)
    unknown = [c for c in wanted if c not in data]
    if unknown:
        raise ValueError(f"{path}: no stop-word categor{'y' if len(unknown) == 1 else 'ies'} {unknown}; the file has {sorted(data)}")
    words = set()
    for category in wanted:
        items = data[category]
        if not isinstance(items, list):
            raise ValueError(f"{path}: category `{category}` must be a list of words")
        for item in items:
            if not isinstance(item, str):
                raise ValueError(
                    f"{path}: category `{category}` has {item!r}, not a word (quote yes/no/on/off: YAML reads them as true/false)"
                )
            if item != item.lower() or _WORD.fullmatch(item) is None:
                raise ValueError(f"{path}: category `{category}` has {item!r}: write one lowercase word of two or more letters, digits or inner hyphens")
            words.add(item)
    return tuple(sorted(words))


# ----------------------------------------------------------------------------- the vectorizer


class StatementVectorizer(TransformerMixin, BaseEstimator):
    """TF-IDF vectors of statements (word 1-2-grams, diplomatic stop words), optionally LSA-reduced.

    Parameters
    ----------
    stop_words : "diplomatic", "english", None, path or list of str, default "diplomatic"
        ``"diplomatic"``: every category of :data:`DEFAULT_STOP_WORDS`; ``"english"``:
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

    Examples
    --------
    >>> texts = ["President Xi said the Korean Peninsula needs peace.",
    ...          "The Korean Peninsula issue needs dialogue.",
    ...          "Trade talks with the US continue.", "What is your comment?"]
    >>> vectorizer = StatementVectorizer().fit(texts)
    >>> [t for t in vectorizer.get_feature_names_out() if "peninsula" in t]
    ['korean peninsula', 'peninsula', 'peninsula issue', 'peninsula needs']
    >>> vectorizer.transform(texts).shape
    (4, 17)
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
    ):
        self.stop_words = stop_words
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.sublinear_tf = sublinear_tf
        self.n_components = n_components
        self.text_column = text_column
        self.random_state = random_state

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
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = _texts(X, self.text_column)
        n = len(texts)
        self.n_statements_ = n
        self.stop_words_ = _resolve_stop_words(self.stop_words)
        self.min_df_ = (1 if n < _SMALL_CORPUS else max(2, math.ceil(n / 4000))) if self.min_df == "auto" else self.min_df
        self.max_df_ = (1.0 if n < _SMALL_CORPUS else 0.2) if self.max_df == "auto" else self.max_df
        low, high = (int(v) for v in self.ngram_range)
        if not 1 <= low <= high:
            raise ValueError(f"ngram_range={self.ngram_range!r}: write (min, max) with 1 <= min <= max, e.g. (1, 2)")
        self.tfidf_ = TfidfVectorizer(
            analyzer=_Analyzer(frozenset(self.stop_words_), (low, high)),
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
        self.svd_ = None
        if self.n_components is not None:
            from sklearn.decomposition import TruncatedSVD

            limit = min(matrix.shape) - 1
            if not 1 <= int(self.n_components) <= limit:
                raise ValueError(f"StatementVectorizer: n_components={self.n_components} must be between 1 and {limit} for this corpus")
            self.svd_ = TruncatedSVD(n_components=int(self.n_components), random_state=self.random_state)
            return _unit_rows(self.svd_.fit_transform(matrix))
        return matrix

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
        matrix = self.tfidf_.transform(_texts(X, self.text_column, allow_empty=True))
        return matrix if self.svd_ is None else _unit_rows(self.svd_.transform(matrix))

    def get_feature_names_out(self, input_features=None):
        """The terms (``"korean peninsula"``), or the SVD dimensions (``"truncatedsvd0"`` ...)."""
        check_is_fitted(self, "tfidf_")
        return self.tfidf_.get_feature_names_out() if self.svd_ is None else self.svd_.get_feature_names_out()


class _Analyzer:
    """Lowercase words of :data:`TOKEN_PATTERN`, stop words out, n-grams of adjacent words only.

    An n-gram never spans a stop word or punctuation: "President Xi said the Korean
    Peninsula ..." gives "xi", "korean", "peninsula", "korean peninsula", not "xi korean".
    (A class, not a closure, so fitted vectorizers pickle and clone.)
    """

    def __init__(self, stop_words: frozenset, ngram_range: tuple[int, int]):
        self.stop_words = stop_words
        self.ngram_range = ngram_range

    def __call__(self, text: str) -> list[str]:
        stop = self.stop_words
        # one pass: words, and breaks (punctuation) that start with neither a letter nor a digit
        marks = [m if (m[0].isalnum() or m[0] == "_") and m not in stop else None for m in _WORD_OR_BREAK.findall(text.lower())]
        low, high = self.ngram_range
        grams: list[str] = [m for m in marks if m] if low == 1 else []
        for n in range(max(low, 2), high + 1):
            windows = zip(*(marks[i:] for i in range(n)))
            grams.extend(" ".join(window) for window in windows if all(window))
        return grams


# What ends a phrase: sentence marks, brackets, quotes, slashes, dashes (" - ", "--", "–").
_BREAK = r"""[.,;:!?()\[\]{}"“”/–—]+|\s-+\s|['‘’](?:\s|$)|(?:^|\s)['‘’]"""
_WORD_OR_BREAK = re.compile(TOKEN_PATTERN.removeprefix("(?u)") + "|" + _BREAK)


def _texts(X, text_column: str, *, allow_empty: bool = False) -> list[str]:
    if isinstance(X, pd.DataFrame):
        if text_column not in X.columns:
            raise KeyError(f"no column `{text_column}` in the statements table; pass text_column= or use analysis.attribution.attribute_statements")
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
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

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


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


# ----------------------------------------------------------------------------- pooled vectors


@dataclasses.dataclass(frozen=True, eq=False)
class PooledVectors:
    """One vector per group of statements (see :func:`pool_vectors`).

    Attributes
    ----------
    groups : pandas.DataFrame
        One row per group: the grouping columns and :data:`POOLED_COLUMNS`, in the
        order of the rows of ``matrix``.
    matrix : scipy.sparse.csr_matrix or numpy.ndarray
        The mean of each group's statement vectors.
    feature_names : numpy.ndarray
        The columns of ``matrix`` (terms, or SVD dimensions).
    by : tuple of str
        The grouping columns.
    excluded : pandas.DataFrame
        Groups left out for having fewer than ``min_statements`` statements (same columns as ``groups``).
    """

    groups: pd.DataFrame
    matrix: object
    feature_names: np.ndarray
    by: tuple
    excluded: pd.DataFrame


def pool_vectors(
    statements: pd.DataFrame,
    X,
    *,
    by: str | Sequence[str] = "speaker",
    min_statements: int = 1,
    feature_names: Sequence[str] | None = None,
    random_state: int = 0,
) -> PooledVectors:
    """Pool statement vectors by speaker, side, voice, document or speaker x document.

    A group's vector is the mean of its statements' vectors: each statement weighs the
    same, whatever its length. ``first_date``/``last_date`` span its statements' dates
    (NaT without a ``date`` column). ``self_similarity`` is the cosine similarity of two random
    halves of the group's statements (split-half): how alike the group is to itself at
    half its size, a yardstick for its similarity to others.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements table (rows aligned with ``X``); needs the grouping columns,
        ``doc_id`` and ``side`` (``voice`` and ``voice_speaker`` are made from
        ``side``/``speaker`` and ``reported_side``/``reported_speaker`` when absent).
    X : sparse matrix or ndarray
        The statements' vectors, e.g. ``StatementVectorizer().fit_transform(statements)``.
    by : str or sequence of str, default "speaker"
        The grouping column(s), e.g. ``"side"``, ``"voice"`` or ``("speaker", "doc_id")``.
    min_statements : int, default 1
        Groups with fewer statements go to ``excluded`` (listed, not silently dropped).
    feature_names : sequence of str, optional
        The columns of ``X`` (default ``"f0"``, ``"f1"`` ...): pass ``get_feature_names_out()``.
    random_state : int, default 0
        Seed of the split halves.

    Returns
    -------
    PooledVectors
        Groups sorted by side, then by statements (most first), then name.

    Raises
    ------
    KeyError
        A grouping column the statements table lacks.
    ValueError
        ``X`` and the table differ in rows, or no group has ``min_statements`` statements.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "speaker": ["Xi", "Moon", "Xi", "Moon"],
    ...                    "side": ["CN", "ROK", "CN", "ROK"], "n_words": [3, 3, 2, 2],
    ...                    "text": ["peace and talks", "peace and trade", "peace talks", "trade deal"]})
    >>> vectorizer = StatementVectorizer()
    >>> pooled = pool_vectors(st, vectorizer.fit_transform(st), by="speaker",
    ...                       feature_names=vectorizer.get_feature_names_out())
    >>> pooled.groups[["group", "side", "n_statements", "n_documents"]]
      group side  n_statements  n_documents
    0    Xi   CN             2            2
    1  Moon  ROK             2            2
    """
    by = (by,) if isinstance(by, str) else tuple(by)
    if not by:
        raise ValueError("by: name at least one grouping column, e.g. 'speaker'")
    table = _with_voice(statements, by)
    missing = [c for c in (*by, "doc_id", "side") if c not in table.columns]
    if missing:
        raise KeyError(
            f"cannot group by {list(by)}: the statements table has no column(s) {missing}; "
            f"group by one of {[g if isinstance(g, str) else ' x '.join(g) for g in GROUPINGS]} or another column of the table"
        )
    if X.shape[0] != len(table):
        raise ValueError(f"X has {X.shape[0]} rows but the statements table {len(table)}: vectorize exactly these statements")
    if len(table) == 0:
        raise ValueError("no statements to pool: the statements table is empty")
    if int(min_statements) < 1:
        raise ValueError(f"min_statements={min_statements}: must be at least 1")
    names = np.asarray(feature_names if feature_names is not None else [f"f{i}" for i in range(X.shape[1])], dtype=object)
    if len(names) != X.shape[1]:
        raise ValueError(f"feature_names has {len(names)} names for {X.shape[1]} columns of X")
    keys = table[list(by)].astype(object).where(table[list(by)].notna(), "(none)").astype(str)
    codes, uniques = pd.MultiIndex.from_frame(keys).factorize()
    n_groups = len(uniques)
    groups = pd.DataFrame(list(uniques), columns=list(by))
    groups.insert(0, "group", [" | ".join(values) for values in uniques])
    groups["side"] = _group_sides(table, by, codes, n_groups)
    n_words = table["n_words"] if "n_words" in table.columns else table["text"].map(lambda t: len(_WORD.findall(t)))
    groups["n_statements"] = np.bincount(codes, minlength=n_groups)
    groups["n_words"] = np.bincount(codes, weights=n_words.to_numpy(dtype=float), minlength=n_groups).astype("int64")
    groups["n_documents"] = pd.Series(table["doc_id"].to_numpy()).groupby(codes).nunique().reindex(range(n_groups)).to_numpy()
    dates = pd.Series(pd.to_datetime(table["date"]).to_numpy() if "date" in table.columns else pd.NaT, index=range(len(table)))
    groups["first_date"] = dates.groupby(codes).min().reindex(range(n_groups)).to_numpy()
    groups["last_date"] = dates.groupby(codes).max().reindex(range(n_groups)).to_numpy()
    membership = sp.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(n_groups, len(codes)))
    matrix = _mean_rows(membership, X)
    groups["self_similarity"] = _split_half(codes, n_groups, X, random_state)
    order = groups.assign(_n=-groups["n_statements"]).sort_values(["side", "_n", "group"], kind="stable").index.to_numpy()
    groups, matrix = groups.loc[order].reset_index(drop=True), matrix[order]
    keep = (groups["n_statements"] >= int(min_statements)).to_numpy()
    if not keep.any():
        raise ValueError(
            f"no group of {list(by)} has {min_statements} statements (the largest has {groups['n_statements'].max()}); lower min_statements"
        )
    excluded = groups[~keep].reset_index(drop=True)
    return PooledVectors(groups[keep].reset_index(drop=True), matrix[np.flatnonzero(keep)], names, by, excluded)


def _with_voice(statements: pd.DataFrame, by: tuple) -> pd.DataFrame:
    """Add ``voice``/``voice_speaker`` when asked for and absent (:func:`analysis.attribution.assign_voice`)."""
    wanted = [c for c in ("voice", "voice_speaker") if c in by and c not in statements.columns]
    if not wanted:
        return statements
    voiced = assign_voice(statements)
    table = statements.copy()
    for column in wanted:
        table[column] = voiced[column]
    return table


def _group_sides(table: pd.DataFrame, by: tuple, codes: np.ndarray, n_groups: int) -> list[str]:
    if "voice" in by:
        column = "voice"
    elif "side" in by:
        column = "side"
    elif "voice_speaker" in by:
        column = "voice" if "voice" in table.columns else None
        if column is None:
            table = _with_voice(table, ("voice",))
            column = "voice"
    else:
        column = "side"
    values = pd.Series(table[column].astype(object).where(table[column].notna(), "unknown").to_numpy())
    per_group = values.groupby(codes).agg(lambda s: s.iloc[0] if s.nunique() == 1 else "mixed")
    return per_group.reindex(range(n_groups)).tolist()


def _mean_rows(membership: sp.csr_matrix, X):
    counts = np.asarray(membership.sum(axis=1)).ravel()
    scale = sp.diags(1.0 / np.maximum(counts, 1))
    pooled = scale @ membership @ X
    return sp.csr_matrix(pooled) if sp.issparse(pooled) else np.asarray(pooled)


def _split_half(codes: np.ndarray, n_groups: int, X, random_state: int) -> np.ndarray:
    """Cosine similarity of the mean vectors of two random halves of each group (NaN below 2 statements)."""
    rng = np.random.default_rng(random_state)
    sizes = np.bincount(codes, minlength=n_groups)
    permutation = rng.permutation(len(codes))
    permuted = codes[permutation]
    rank = pd.Series(permuted).groupby(permuted).cumcount().to_numpy()  # position within the group, in random order
    half = np.empty(len(codes), dtype=bool)
    half[permutation] = rank < sizes[permuted] // 2  # half A: the first floor(n/2) of each group
    rows = np.arange(len(codes))
    a = sp.csr_matrix((np.ones(half.sum()), (codes[half], rows[half])), shape=(n_groups, len(codes)))
    b = sp.csr_matrix((np.ones((~half).sum()), (codes[~half], rows[~half])), shape=(n_groups, len(codes)))
    similarity = _row_cosine(_mean_rows(a, X), _mean_rows(b, X))
    similarity[sizes < 2] = np.nan
    return similarity


def _row_cosine(a, b) -> np.ndarray:
    if sp.issparse(a):
        dot = np.asarray(a.multiply(b).sum(axis=1)).ravel()
        norm_a = np.sqrt(np.asarray(a.multiply(a).sum(axis=1)).ravel())
        norm_b = np.sqrt(np.asarray(b.multiply(b).sum(axis=1)).ravel())
    else:
        dot = np.einsum("ij,ij->i", a, b)
        norm_a, norm_b = np.linalg.norm(a, axis=1), np.linalg.norm(b, axis=1)
    denominator = norm_a * norm_b
    return np.divide(dot, denominator, out=np.full(len(dot), np.nan), where=denominator > 0)


# ----------------------------------------------------------------------------- similarity and map


def compute_similarity(pooled: PooledVectors) -> pd.DataFrame:
    """Cosine similarity of every pair of pooled vectors, as a long table.

    Parameters
    ----------
    pooled : PooledVectors
        From :func:`pool_vectors`.

    Returns
    -------
    pandas.DataFrame
        :data:`SIMILARITY_COLUMNS`, one row per ordered pair (``group``, ``other``), in
        the order of ``pooled.groups``. ``kind`` is ``"between"`` for two groups and
        ``"split-half"`` on the diagonal, where ``similarity`` is the group's
        ``self_similarity`` (not 1): a pair as similar as its groups are to themselves
        speaks alike. A group whose statements have no term left has NaN similarities.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "speaker": ["Xi", "Moon", "Xi", "Moon"],
    ...                    "side": ["CN", "ROK", "CN", "ROK"],
    ...                    "text": ["peace and talks", "peace and trade", "peace talks", "trade deal"]})
    >>> pooled = pool_vectors(st, StatementVectorizer().fit_transform(st), by="speaker")
    >>> table = compute_similarity(pooled)
    >>> table[table["kind"] == "between"][["group", "other", "similarity"]].round(2)
      group other  similarity
    1    Xi  Moon        0.22
    2  Moon    Xi        0.22
    """
    matrix = pooled.matrix
    dense = matrix.toarray() if sp.issparse(matrix) else np.asarray(matrix, dtype=float)
    unit = _unit_rows(dense)
    similarity = unit @ unit.T
    empty = np.linalg.norm(dense, axis=1) == 0
    similarity[empty, :] = np.nan
    similarity[:, empty] = np.nan
    groups = pooled.groups
    n = len(groups)
    np.fill_diagonal(similarity, groups["self_similarity"].to_numpy(dtype=float))
    left, right = np.repeat(np.arange(n), n), np.tile(np.arange(n), n)
    return pd.DataFrame(
        {
            "group": groups["group"].to_numpy()[left],
            "side": groups["side"].to_numpy()[left],
            "n_statements": groups["n_statements"].to_numpy()[left],
            "other": groups["group"].to_numpy()[right],
            "other_side": groups["side"].to_numpy()[right],
            "other_n_statements": groups["n_statements"].to_numpy()[right],
            "kind": np.where(left == right, "split-half", "between"),
            "similarity": similarity[left, right],
        },
        columns=list(SIMILARITY_COLUMNS),
    )


def compute_map(*pooled: PooledVectors, random_state: int = 0) -> pd.DataFrame:
    """A 2-D map of groups (speakers, sides, documents ...): the first two principal components.

    The pooled vectors of every argument (e.g. speakers and documents) are scaled to unit
    length, so the map shows direction (vocabulary), not volume, and projected together on
    the first two principal components of their union: close points use similar words.

    Parameters
    ----------
    *pooled : PooledVectors
        One or more poolings of the same vectors (same ``feature_names``).
    random_state : int, default 0
        Seed of the (sparse) PCA solver.

    Returns
    -------
    pandas.DataFrame
        :data:`MAP_COLUMNS`; ``kind`` is the grouping (``"speaker"``, ``"doc_id"``,
        ``"speaker x doc_id"``). ``attrs["explained_variance_ratio"]`` holds the share of
        variance of each axis.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": list("aabbcc"), "speaker": ["Xi", "Moon"] * 3, "side": ["CN", "ROK"] * 3,
    ...                    "text": ["peace talks", "trade deal", "peace and unity", "trade and jobs",
    ...                             "peace first", "trade now"]})
    >>> X = StatementVectorizer().fit_transform(st)
    >>> points = compute_map(pool_vectors(st, X, by="speaker"), pool_vectors(st, X, by="doc_id"))
    >>> points[["group", "kind", "side"]].values.tolist()
    [['Xi', 'speaker', 'CN'], ['Moon', 'speaker', 'ROK'], ['a', 'doc_id', 'mixed'], ['b', 'doc_id', 'mixed'], ['c', 'doc_id', 'mixed']]
    """
    from sklearn.decomposition import PCA

    if not pooled:
        raise ValueError("compute_map: pass at least one PooledVectors")
    names = pooled[0].feature_names
    for other in pooled[1:]:
        if len(other.feature_names) != len(names) or not np.array_equal(other.feature_names, names):
            raise ValueError("compute_map: every pooling must come from the same vectors (same feature_names)")
    blocks = [p.matrix for p in pooled]
    stacked = sp.vstack(blocks).tocsr() if any(sp.issparse(b) for b in blocks) else np.vstack(blocks)
    if stacked.shape[0] < 3:
        raise ValueError(f"compute_map: a 2-D map needs at least 3 groups, got {stacked.shape[0]}; pool by a finer grouping")
    from sklearn.preprocessing import normalize

    unit = normalize(stacked)  # rows of unit length (zero rows stay zero), sparse stays sparse
    solver = "arpack" if sp.issparse(unit) else "full"  # arpack centres sparse data implicitly
    pca = PCA(n_components=2, svd_solver=solver, random_state=random_state)
    xy = pca.fit_transform(unit)
    frames = []
    for p in pooled:
        frame = p.groups[["group", "side", "n_statements", "first_date", "last_date"]].copy()
        frame.insert(1, "kind", " x ".join(p.by))
        frames.append(frame)
    points = pd.concat(frames, ignore_index=True)
    points["x"], points["y"] = xy[:, 0], xy[:, 1]
    points = points[list(MAP_COLUMNS)]
    points.attrs["explained_variance_ratio"] = [float(v) for v in pca.explained_variance_ratio_]
    return points


# ----------------------------------------------------------------------------- plots


def plot_similarity(similarity: pd.DataFrame, *, ax=None, annotate: bool | None = None, colorbar: bool = True):
    """Heatmap of a :func:`compute_similarity` table; the diagonal (split-half) is outlined.

    Parameters
    ----------
    similarity : pandas.DataFrame
        :data:`SIMILARITY_COLUMNS`; groups are drawn in their order of first appearance.
    ax : matplotlib.axes.Axes, optional
    annotate : bool, optional
        Write the values in the cells (default: when there are at most 20 groups).
    colorbar : bool, default True

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    if ax is None:
        _, ax = plt.subplots()
    order = list(dict.fromkeys(similarity["group"]))
    sizes = similarity.drop_duplicates("group").set_index("group")["n_statements"]
    wide = similarity.pivot(index="group", columns="other", values="similarity").reindex(index=order, columns=order)
    image = ax.imshow(wide.to_numpy(dtype=float), vmin=0, vmax=1, aspect="auto", interpolation="nearest")
    labels = [f"{g} ({sizes[g]:,})" for g in order]
    ax.set_xticks(range(len(order)), labels, rotation=60, ha="right")
    ax.set_yticks(range(len(order)), labels)
    for i in range(len(order)):
        ax.add_patch(Rectangle((i - 0.5, i - 0.5), 1, 1, fill=False, edgecolor="white", linewidth=1.2, linestyle="--"))
    if annotate is None:
        annotate = len(order) <= 20
    if annotate:
        values = wide.to_numpy(dtype=float)
        for (i, j), value in np.ndenumerate(values):
            if np.isfinite(value):
                ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=6, color="white" if value < 0.6 else "black")
    if colorbar:
        ax.figure.colorbar(image, ax=ax, label="cosine similarity (diagonal: split-half)", shrink=0.8)
    ax.set_xlabel("")
    ax.set_ylabel("")
    return ax


def plot_map(points: pd.DataFrame, *, ax=None, label_kinds: Sequence[str] | None = None, max_labels: int = 40,
             color_dates: bool = True, adjust: bool = True):
    """Scatter of a :func:`compute_map` table: labelled groups coloured by side, the others by date.

    Parameters
    ----------
    points : pandas.DataFrame
        :data:`MAP_COLUMNS`.
    ax : matplotlib.axes.Axes, optional
    label_kinds : sequence of str, optional
        Kinds whose points are named and coloured by side (default: the first kind in the
        table); the other kinds (documents) are small unlabelled squares.
    max_labels : int, default 40
        Name at most this many points (the groups with most statements).
    color_dates : bool, default True
        Colour unlabelled points by ``first_date`` (a colour bar shows the dates); else grey.
    adjust : bool, default True
        Move overlapping names apart (adjustText, a fixed number of iterations: deterministic).

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    from .style import side_colors

    if ax is None:
        _, ax = plt.subplots()
    kinds = list(dict.fromkeys(points["kind"]))
    label_kinds = [kinds[0]] if label_kinds is None and kinds else list(label_kinds or [])
    colors = side_colors(points["side"])
    colors["mixed"] = "#6f6f6f"
    largest = max(int(points["n_statements"].max()), 1) if len(points) else 1
    texts = []
    for kind in kinds:
        part = points[points["kind"] == kind]
        name = "documents" if kind == "doc_id" else kind
        if kind not in label_kinds:
            dated = part["first_date"].notna() if "first_date" in part.columns else pd.Series(False, index=part.index)
            if color_dates and dated.any():
                values = mdates.date2num(pd.to_datetime(part.loc[dated, "first_date"]).dt.to_pydatetime())
                cloud = ax.scatter(part.loc[dated, "x"], part.loc[dated, "y"], c=values, cmap="viridis", s=10, marker="s",
                                   alpha=0.6, linewidths=0, label=f"{name} (colour: date)", zorder=2)  # fmt: skip
                bar = ax.figure.colorbar(cloud, ax=ax, shrink=0.7, label=f"{name}: date")
                bar.ax.yaxis.set_major_locator(mdates.AutoDateLocator())
                bar.ax.yaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
                part = part[~dated]
            if len(part):
                ax.scatter(part["x"], part["y"], s=10, color="#b0b0b0", marker="s", alpha=0.6, linewidths=0, label=name, zorder=2)
            continue
        for side in sorted(part["side"].unique()):
            rows = part[part["side"] == side]
            ax.scatter(rows["x"], rows["y"], s=12 + 80 * np.sqrt(rows["n_statements"] / largest), color=colors[side],
                       marker="o", alpha=0.9, linewidths=0.5, edgecolors="white", label=f"{name}: {side}", zorder=3)  # fmt: skip
        for row in part.nlargest(max_labels, "n_statements").itertuples():
            texts.append(ax.text(row.x, row.y, f"{row.group} ({row.n_statements:,})", fontsize=6, zorder=4))
    ratio = points.attrs.get("explained_variance_ratio")
    ax.set_xlabel("component 1" + (f" ({ratio[0]:.0%} of variance)" if ratio else ""))
    ax.set_ylabel("component 2" + (f" ({ratio[1]:.0%} of variance)" if ratio else ""))
    ax.axhline(0, color="#dddddd", linewidth=0.6, zorder=1)
    ax.axvline(0, color="#dddddd", linewidth=0.6, zorder=1)
    ax.legend(frameon=False, fontsize=6, loc="best", markerscale=0.8)
    if adjust and len(texts) > 1:
        from adjustText import adjust_text

        # a fixed number of iterations (no time limit): the same layout on any machine
        adjust_text(texts, ax=ax, iter_lim=300, arrowprops=dict(arrowstyle="-", color="#999999", linewidth=0.4))
    return ax
