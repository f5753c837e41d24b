"""Themes of a million statements: :class:`ScalableThemeModel` (MiniBatchNMF, stability from refits on samples).

:class:`analysis.themes.ThemeModel` fits NMF on every statement and refits it on 80% subsamples:
right for tens of thousands of statements, hours for a million. Here the reference fit is
scikit-learn's ``MiniBatchNMF`` (out of core: it reads the matrix in batches), and stability is
measured on ``n_seeds`` random samples of ``sample_size`` statements: on each sample, the
reference's themes are compared (adjusted Rand index, overall and per matched theme) with a
full NMF refitted on the sample alone. Coherence is the NPMI of the top words
(:func:`analysis.themes.compute_coherence`). The number of themes is given (``n_themes``): choose
it on a sample with :class:`analysis.themes.ThemeModel` (``n_themes="auto"``) first.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.base import BaseEstimator
from sklearn.decomposition import NMF, MiniBatchNMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import adjusted_rand_score
from sklearn.utils.validation import check_is_fitted

from ..themes.columns import NO_THEME
from ..themes.model import label_terms
from ..themes.selection import compute_coherence

__all__ = ["ScalableThemeModel"]


class ScalableThemeModel(BaseEstimator):
    """Themes of many statements: MiniBatchNMF on TF-IDF rows, stability from refits on samples.

    Parameters
    ----------
    n_themes : int, default 10
    min_terms : int, default 3
        Rows with fewer distinct single words get no theme (:data:`analysis.themes.NO_THEME`).
    n_seeds : int, default 3
        Samples for the stability scores (0: none).
    sample_size : int, default 20000
        Statements per stability sample (all when fewer).
    batch_size : int, default 4096
        MiniBatchNMF's batch.
    max_iter : int, default 20
        MiniBatchNMF's passes over the data (it stops earlier when it converges).
    min_stability : float, default 0.6
        A theme below this mean ARI is marked unstable.
    random_state : int, default 0

    Attributes
    ----------
    components_ : numpy.ndarray, shape (n_themes, n_terms)
        Term weights of each theme, themes numbered by size (largest first).
    terms_ : numpy.ndarray of str
    labels_ : numpy.ndarray of int
        The heaviest theme of each row (NO_THEME for rows without enough words).
    weights_ : numpy.ndarray, shape (n_rows, n_themes)
        Theme shares of each row (summing to 1; zeros without a theme).
    theme_labels_ : list of str
        Labels from the top terms, `` (unstable)`` when unstable.
    coherence_ : numpy.ndarray
    stability_ : pandas.DataFrame
        Per theme: ``theme``, ``label``, ``stability`` (mean ARI), ``stability_min``, ``stability_max``, ``stable``.
    stability_runs_ : pandas.DataFrame
        Per sample and theme: ``seed``, ``theme`` (NO_THEME: overall), ``ari``, ``matched``.
    model_ : sklearn.decomposition.MiniBatchNMF

    Examples
    --------
    >>> from analysis.vectors import StatementVectorizer
    >>> texts = ["Peninsula peace needs dialogue.", "Dialogue brings peninsula peace.", "Peace and dialogue on the peninsula.",
    ...          "Trade tariffs hurt trade talks.", "Tariffs and trade talks.", "Trade talks on tariffs.", "What is your comment?"]
    >>> vectorizer = StatementVectorizer()
    >>> X = vectorizer.fit_transform(texts)
    >>> model = ScalableThemeModel(n_themes=2, n_seeds=2).fit(X, terms=vectorizer.get_feature_names_out())
    >>> sorted(model.labels_.tolist())
    [-1, 0, 0, 0, 1, 1, 1]
    """

    def __init__(self, n_themes=10, min_terms=3, n_seeds=3, sample_size=20000, batch_size=4096, max_iter=20, min_stability=0.6, random_state=0):
        self.n_themes = n_themes
        self.min_terms = min_terms
        self.n_seeds = n_seeds
        self.sample_size = sample_size
        self.batch_size = batch_size
        self.max_iter = max_iter
        self.min_stability = min_stability
        self.random_state = random_state

    def fit(self, X, y=None, *, terms=None):
        """Fit the themes on a TF-IDF matrix and score their coherence and stability.

        Parameters
        ----------
        X : scipy.sparse matrix
            Rows of unit length (:class:`analysis.scale.ChunkedTfidf` or ``StatementVectorizer``).
        y : ignored
        terms : sequence of str
            The columns of ``X`` (``get_feature_names_out()``); default ``f0``, ``f1`` ...

        Returns
        -------
        self

        Raises
        ------
        ValueError
            Fewer rows with ``min_terms`` words than themes, or a bad parameter.
        """
        k = int(self.n_themes)
        terms = np.asarray(terms if terms is not None else [f"f{i}" for i in range(X.shape[1])], dtype=object)
        if X.shape[1] != len(terms):
            raise ValueError(f"terms has {len(terms)} names for {X.shape[1]} columns of X")
        unigrams = np.flatnonzero([" " not in t for t in terms])
        n_terms = np.asarray((X[:, unigrams] > 0).sum(axis=1)).ravel()
        content = np.flatnonzero(n_terms >= int(self.min_terms))
        if len(content) <= k:
            raise ValueError(f"only {len(content)} rows have {self.min_terms}+ words: too few for {k} themes; lower n_themes or min_terms")
        rows = X[content]
        self.model_ = MiniBatchNMF(n_components=k, init="nndsvda", batch_size=int(self.batch_size), max_iter=int(self.max_iter), random_state=self.random_state)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            raw = self.model_.fit_transform(rows)
        order = np.argsort(-np.bincount(raw.argmax(axis=1)[raw.max(axis=1) > 0], minlength=k), kind="stable")
        self.model_.components_ = self.model_.components_[order]
        raw = raw[:, order]
        self.terms_ = terms
        self.components_ = np.asarray(self.model_.components_, dtype=float)
        self.weights_ = np.zeros((X.shape[0], k))
        totals = raw.sum(axis=1, keepdims=True)
        self.weights_[content] = np.divide(raw, totals, out=np.zeros_like(raw), where=totals > 0)
        self.labels_ = np.full(X.shape[0], NO_THEME, dtype=np.int64)
        self.labels_[content] = np.where(raw.max(axis=1) > 0, raw.argmax(axis=1), NO_THEME)
        self.coherence_ = compute_coherence(rows, self.components_, terms)
        self.stability_runs_ = self._stability(rows, self.labels_[content])
        self.stability_ = self._per_theme(k)
        unstable = ~self.stability_["stable"].fillna(True).to_numpy(dtype=bool)
        self.theme_labels_ = [label_terms(terms, self.components_[t]) + (" (unstable)" if unstable[t] else "") for t in range(k)]
        self.stability_.insert(1, "label", self.theme_labels_)
        return self

    def _stability(self, rows, labels: np.ndarray) -> pd.DataFrame:
        """ARI of the reference's themes against a full NMF refitted on each sample alone."""
        out = []
        reference = _unit(self.components_)
        for seed in range(int(self.n_seeds)):
            rng = np.random.default_rng([self.random_state, seed])
            sample = np.sort(rng.choice(rows.shape[0], size=min(rows.shape[0], int(self.sample_size)), replace=False))
            refit = NMF(n_components=len(reference), init="nndsvda", solver="cd", max_iter=200, tol=1e-3, random_state=self.random_state + 1 + seed)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                weights = refit.fit_transform(rows[sample])
            refit_labels = np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), NO_THEME)
            left, right = linear_sum_assignment(-(reference @ _unit(refit.components_).T))
            matched = dict(zip(left, right))
            out.append((seed, NO_THEME, float(adjusted_rand_score(labels[sample], refit_labels)), NO_THEME))
            for theme in range(len(reference)):
                partner = matched.get(theme, -99)
                out.append((seed, theme, float(adjusted_rand_score(labels[sample] == theme, refit_labels == partner)), int(partner)))
        return pd.DataFrame(out, columns=["seed", "theme", "ari", "matched"])

    def _per_theme(self, k: int) -> pd.DataFrame:
        runs = self.stability_runs_
        per = runs[runs["theme"] >= 0].groupby("theme")["ari"].agg(["mean", "min", "max"]).reindex(range(k))
        table = pd.DataFrame({"theme": range(k), "stability": per["mean"].to_numpy(), "stability_min": per["min"].to_numpy(), "stability_max": per["max"].to_numpy()})
        table["stable"] = pd.array([pd.NA if np.isnan(v) else bool(v >= self.min_stability) for v in table["stability"]], dtype="boolean")
        return table

    def summarize(self) -> pd.DataFrame:
        """One row per theme: ``theme``, ``label``, ``n_rows``, ``share``, ``coherence``, ``stability``, ``stable``."""
        check_is_fitted(self, "components_")
        k = len(self.components_)
        sizes = np.bincount(self.labels_[self.labels_ >= 0], minlength=k)
        return pd.DataFrame({"theme": range(k), "label": self.theme_labels_, "n_rows": sizes, "share": sizes / max(len(self.labels_), 1),
                             "coherence": self.coherence_, "stability": self.stability_["stability"].to_numpy(),
                             "stable": self.stability_["stable"].to_numpy()})  # fmt: skip


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
