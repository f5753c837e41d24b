"""Recurring themes: cluster statements, choose how many themes, check they are stable.

:class:`ThemeModel` is a scikit-learn estimator fitted on the statements table. It
vectorizes the statements (:class:`analysis.vectors.StatementVectorizer`) and clusters them
into themes with NMF (default) or k-means, each theme a weighting of terms
(``components_``, columns named by ``terms_``). A statement's theme is its heaviest one.

Boilerplate
    A statement with fewer than ``min_terms`` (default 3) distinct content words, the
    words left after the stop words ("What is your comment?", "We have noted relevant
    reports.", "I have nothing further to add."), gets no theme: ``theme`` :data:`NO_THEME`
    (-1), ``label`` :data:`NO_THEME_LABEL`. It stays in every table and share; it is only
    left out of the fitting, where it would form a theme of its own. So, rarely, does a
    statement with no weight on any theme.

How many themes (``n_themes="auto"``)
    Every ``k`` of ``k_range`` (by default about ten values from 4 up to
    ``min(30, sqrt(n / 2))`` for ``n`` statements with a theme; from 2 or 3 on a small
    corpus, always at least two values when possible) is fitted and scored:

    * ``coherence``: mean NPMI of the top ``n_top_terms`` single words of each theme,
      from their co-occurrence in statements (from -1 to 1; higher means the top words
      of a theme are used together);
    * ``stability``: mean adjusted Rand index (ARI) between the themes fitted on all
      statements and those refitted on ``n_seeds`` random subsamples of ``subsample``
      of them (1 = the same partition every time, 0 = chance);
    * ``silhouette``: mean cosine silhouette of the statements (a sample of at most
      2,000) in the space the method clusters (TF-IDF for NMF, LSA for k-means).

    Rule: among the ``k`` whose ``stability`` reaches ``min_stability`` (default 0.6), the
    one with the best ``criterion`` (``coherence`` for NMF, ``silhouette`` for k-means);
    ties go to the smaller ``k``. If no ``k`` is stable enough, the most stable one.
    ``k_scores_`` holds the table, ``k_rule_`` says in words what was chosen and why.
    Pass ``n_themes=N`` to override (its scores are still computed).

Stability per theme
    Each refit's themes are matched one-to-one to the reference themes (Hungarian
    matching on the cosine similarity of their term weights); a theme's stability is the
    mean, over refits, of the ARI between "in this theme" in the reference and "in the
    matched theme" in the refit, on the statements of the subsample. A theme below
    ``min_stability`` is *unstable*: its label ends in " (unstable)", its ``stable``
    column is False, and the figures grey and hatch it.

Tables (fixed columns, documented in :data:`ASSIGNMENT_COLUMNS`, :data:`THEME_COLUMNS`,
:data:`K_SCORE_COLUMNS` and in each function): :func:`assign_themes`,
:func:`summarize_themes`, :func:`compute_top_terms`, :func:`select_representatives`,
:func:`compute_theme_shares`, :func:`compute_themes_over_time`; each drawn result has a
``plot_*`` function that only draws.
"""

from __future__ import annotations

import math
import textwrap
from typing import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin, clone
from sklearn.utils.validation import check_is_fitted

from .vectors import StatementVectorizer

__all__ = [
    "ASSIGNMENT_COLUMNS",
    "K_SCORE_COLUMNS",
    "NO_THEME",
    "NO_THEME_LABEL",
    "THEME_COLUMNS",
    "ThemeModel",
    "assign_themes",
    "compute_coherence",
    "compute_theme_shares",
    "compute_themes_over_time",
    "compute_top_terms",
    "plot_k_selection",
    "plot_stability",
    "plot_theme_shares",
    "plot_themes_over_time",
    "plot_top_terms",
    "select_k",
    "select_representatives",
    "summarize_themes",
]

#: The theme of a statement that has none (boilerplate, or no weight on any theme).
NO_THEME = -1
NO_THEME_LABEL = "none (boilerplate)"
#: Columns of :func:`assign_themes`.
ASSIGNMENT_COLUMNS = (
    "statement_id", "doc_id", "date", "genre", "speaker", "side", "voice", "n_words", "n_terms",
    "theme", "label", "weight", "score", "stable", "text",
)  # fmt: skip
#: Columns of :func:`summarize_themes`.
THEME_COLUMNS = (
    "theme", "label", "stable", "stability", "coherence", "n_statements", "share", "n_documents", "n_dates",
    "n_months", "first_date", "last_date", "recurring", "persistence", "top_side", "top_side_share",
    "top_speaker", "top_speaker_share", "top_terms",
)  # fmt: skip
#: Columns of ``ThemeModel.k_scores_`` and :func:`select_k`.
K_SCORE_COLUMNS = ("k", "coherence", "stability", "stability_sd", "silhouette", "largest_share", "n_unstable", "eligible", "chosen")
_UNSTABLE = " (unstable)"
_SILHOUETTE_SAMPLE = 2000
_MAX_K = 30
_NMF_TOL = 1e-3  # same reconstruction error as 1e-4 on the shipped corpus (to 4 digits), in half the time


# ----------------------------------------------------------------------------- the estimator


class ThemeModel(ClusterMixin, TransformerMixin, BaseEstimator):
    """Themes of statements: NMF or k-means on TF-IDF vectors, k chosen by stated criteria.

    Parameters
    ----------
    n_themes : "auto" or int, default "auto"
        The number of themes, or ``"auto"`` to choose it over ``k_range`` (see the module
        documentation for the rule).
    k_range : sequence of int, optional
        The ``k`` scanned by ``"auto"``; default about ten values from 4 to
        ``min(30, sqrt(n / 2))`` (``n``: statements with a theme), every ``k`` when fewer.
    method : {"nmf", "kmeans"}, default "nmf"
        NMF on TF-IDF (themes are term weightings, statements mix them), or k-means on
        unit-length LSA vectors (``lsa_components`` dimensions); k-means themes' term
        weights are the mean TF-IDF of their statements.
    vectorizer : StatementVectorizer, optional
        Cloned and fitted on the statements; default ``StatementVectorizer()``. It must
        keep the terms (``n_components=None``). With ``fit(..., term_matrix=X)`` it is the
        already fitted vectorizer that made ``X``, used as it is (not cloned).
    min_terms : int, default 3
        Statements with fewer distinct content words get no theme (:data:`NO_THEME`).
    n_seeds : int, default 5
        Refits on random subsamples for the stability scores (0: no stability, every
        ``k`` eligible, ``stable`` is NA).
    subsample : float, default 0.8
        Share of the statements in each refit.
    min_stability : float, default 0.6
        ARI needed for a ``k`` to be eligible, and for a theme to be stable.
    criterion : {"auto", "coherence", "silhouette"}, default "auto"
        What the rule maximises among eligible ``k``: coherence for NMF, silhouette for k-means.
    n_top_terms : int, default 10
        Top single words per theme in the coherence score.
    lsa_components : int, default 100
        LSA dimensions for k-means.
    max_iter : int, default 400
        Iterations of NMF / k-means (NMF stops earlier at tolerance 1e-3).
    n_jobs : int, optional
        Parallel fits (joblib; -1: all cores). The results do not depend on it.
    random_state : int, default 0
        Seed of the subsamples, k-means and the silhouette sample.

    Attributes
    ----------
    vectorizer_ : StatementVectorizer
    terms_ : numpy.ndarray of str
        The terms, the columns of ``components_`` (``vectorizer_.get_feature_names_out()``).
    n_themes_ : int
    components_ : numpy.ndarray, shape (n_themes_, n_terms)
        Term weights of each theme; themes are numbered by size, largest first.
    theme_labels_ : list of str
        A label per theme from its top terms, " (unstable)" appended when unstable.
    labels_ : numpy.ndarray of int
        The theme of each fitted statement (:data:`NO_THEME` for none).
    weights_ : numpy.ndarray, shape (n_statements, n_themes_)
        Theme weights of each statement (NMF: shares summing to 1; k-means: cosine to
        each theme's centroid, clipped at 0); zeros for statements with no theme.
    n_terms_ : numpy.ndarray of int
        Distinct content words of each statement.
    coherence_ : numpy.ndarray
        NPMI coherence of each theme.
    stability_ : pandas.DataFrame
        Per theme: ``theme``, ``label``, ``stability`` (mean ARI), ``stability_min``,
        ``stability_max``, ``n_seeds``, ``stable``.
    stability_runs_ : pandas.DataFrame
        Per refit and theme (``seed``, ``theme``, ``ari``, ``matched``), and overall (theme NO_THEME).
    k_scores_ : pandas.DataFrame
        :data:`K_SCORE_COLUMNS`, one row per ``k`` scored.
    k_rule_ : str
        The choice of ``k``, in words.
    model_ : sklearn.decomposition.NMF or sklearn.cluster.KMeans
    lsa_ : sklearn.pipeline.Pipeline or None
        TruncatedSVD + Normalizer for k-means.

    Examples
    --------
    >>> texts = ["Denuclearization of the Korean Peninsula needs dialogue.",
    ...          "Peace on the Korean Peninsula needs dialogue and denuclearization.",
    ...          "The Peninsula issue needs dialogue, peace and denuclearization.",
    ...          "Trade talks with the US continue, tariffs hurt trade.",
    ...          "Tariffs hurt trade; trade talks must continue.",
    ...          "US tariffs and trade talks.", "What is your comment?"]
    >>> model = ThemeModel(n_themes=2, n_seeds=2).fit(texts)
    >>> model.theme_labels_
    ['trade talks, tariffs hurt, continue', 'denuclearization, needs dialogue, korean peninsula']
    >>> model.labels_.tolist()  # the last statement is boilerplate: no theme
    [1, 1, 1, 0, 0, 0, -1]
    >>> model.predict(["Trade tariffs and trade talks again."]).tolist()
    [0]
    """

    def __init__(
        self,
        n_themes="auto",
        k_range=None,
        method="nmf",
        vectorizer=None,
        min_terms=3,
        n_seeds=5,
        subsample=0.8,
        min_stability=0.6,
        criterion="auto",
        n_top_terms=10,
        lsa_components=100,
        max_iter=400,
        n_jobs=None,
        random_state=0,
    ):
        self.n_themes = n_themes
        self.k_range = k_range
        self.method = method
        self.vectorizer = vectorizer
        self.min_terms = min_terms
        self.n_seeds = n_seeds
        self.subsample = subsample
        self.min_stability = min_stability
        self.criterion = criterion
        self.n_top_terms = n_top_terms
        self.lsa_components = lsa_components
        self.max_iter = max_iter
        self.n_jobs = n_jobs
        self.random_state = random_state

    # -- fitting ---------------------------------------------------------------------------
    def fit(self, X, y=None, *, term_matrix=None):
        """Vectorize the statements, choose ``k`` (or take ``n_themes``), fit the themes.

        Parameters
        ----------
        X : DataFrame with a ``text`` column (the statements table), or sequence of str
        y : ignored
        term_matrix : sparse matrix, optional
            ``vectorizer.fit_transform(X)`` when you have it already (to pool speaker
            vectors with the same matrix, say): the statements are then not vectorized a
            second time. ``vectorizer`` must be that fitted vectorizer.

        Returns
        -------
        self

        Raises
        ------
        ValueError
            An empty corpus, too few statements with content words, an ``n_themes`` or
            ``k_range`` larger than the statements allow, or a bad parameter.
        """
        self._check_params()
        if term_matrix is None:
            vectorizer = clone(self.vectorizer) if self.vectorizer is not None else StatementVectorizer(random_state=self.random_state)
        else:
            vectorizer = self.vectorizer
            if vectorizer is None:
                raise ValueError("term_matrix: pass the fitted vectorizer that made it as ThemeModel(vectorizer=...)")
            check_is_fitted(vectorizer)
        if getattr(vectorizer, "n_components", None) is not None:
            raise ValueError("ThemeModel needs term weights: give it a StatementVectorizer with n_components=None")
        if term_matrix is None:
            matrix = vectorizer.fit_transform(X)
        else:
            expected = (len(X), len(vectorizer.get_feature_names_out()))
            if term_matrix.shape != expected:
                raise ValueError(f"term_matrix has shape {term_matrix.shape}; expected {expected}: pass vectorizer.fit_transform(X) of these statements")
            matrix = term_matrix
        self.vectorizer_ = vectorizer
        self.terms_ = np.asarray(vectorizer.get_feature_names_out(), dtype=object)
        self.n_terms_ = _count_terms(matrix, self.terms_)
        content = self.n_terms_ >= self.min_terms
        n_content = int(content.sum())
        if n_content < 3:
            raise ValueError(
                f"only {n_content} of {len(content)} statements have {self.min_terms} or more content words; "
                "themes need at least 3: lower min_terms or add statements"
            )
        ks = self._candidate_ks(n_content, len(self.terms_))
        scan = _scan(
            matrix[np.flatnonzero(content)], self.terms_, ks, method=self.method, n_seeds=self.n_seeds,
            subsample=self.subsample, n_top_terms=self.n_top_terms, lsa_components=self.lsa_components,
            max_iter=self.max_iter, random_state=self.random_state, min_stability=self.min_stability, n_jobs=self.n_jobs,
        )  # fmt: skip
        criterion = self._criterion()
        self.k_scores_, self.k_rule_ = _choose(scan.scores, criterion=criterion, min_stability=self.min_stability, fixed=self.n_themes != "auto")
        k = int(self.k_scores_.loc[self.k_scores_["chosen"], "k"].iloc[0])
        fit = scan.fits[k]
        self.n_themes_ = k
        self.model_, self.lsa_ = fit.model, fit.lsa
        self.components_ = fit.components
        self.coherence_ = fit.coherence
        self.weights_ = self._weights_of(matrix, self.n_terms_)
        self.labels_ = _labels(self.weights_)
        self.stability_runs_ = fit.runs
        self.stability_ = _per_theme_stability(fit.runs, k, self.n_seeds, self.min_stability)
        unstable = _unstable_mask(self.stability_).to_numpy()
        self.theme_labels_ = [_label_terms(self.terms_, self.components_[t]) + (_UNSTABLE if unstable[t] else "") for t in range(k)]
        self.stability_.insert(1, "label", self.theme_labels_)
        return self

    def transform(self, X):
        """Theme weights of statements, shape (n, ``n_themes_``): zeros for statements with no theme."""
        check_is_fitted(self, "components_")
        matrix = self.vectorizer_.transform(X)
        return self._weights_of(matrix, _count_terms(matrix, self.terms_))

    def fit_transform(self, X, y=None):
        """Fit, and return ``weights_``."""
        return self.fit(X).weights_

    def predict(self, X):
        """The theme of each statement (its heaviest), :data:`NO_THEME` for none."""
        return _labels(self.transform(X))

    def get_feature_names_out(self, input_features=None):
        """Names of the columns of :meth:`transform`: ``theme0``, ``theme1`` ..."""
        check_is_fitted(self, "components_")
        return np.asarray([f"theme{t}" for t in range(self.n_themes_)], dtype=object)

    # -- helpers -----------------------------------------------------------------------------
    def _weights_of(self, matrix, n_terms, *, scores: bool = False) -> np.ndarray:
        """Theme weights (or, with ``scores``, the raw scores) of rows; zeros for rows with no theme."""
        weights = np.zeros((matrix.shape[0], self.n_themes_))
        rows = np.flatnonzero(n_terms >= self.min_terms)
        if len(rows):
            raw = _theme_scores(self.method, self.model_, self.lsa_, matrix[rows])
            weights[rows] = raw if scores else _shares(self.method, raw)
        return weights

    def _criterion(self) -> str:
        if self.criterion == "auto":
            return "coherence" if self.method == "nmf" else "silhouette"
        return self.criterion

    def _check_params(self) -> None:
        if self.method not in ("nmf", "kmeans"):
            raise ValueError(f"method={self.method!r}: use 'nmf' or 'kmeans'")
        if self.criterion not in ("auto", "coherence", "silhouette"):
            raise ValueError(f"criterion={self.criterion!r}: use 'auto', 'coherence' or 'silhouette'")
        if not (self.n_themes == "auto" or (isinstance(self.n_themes, (int, np.integer)) and self.n_themes >= 2)):
            raise ValueError(f"n_themes={self.n_themes!r}: use 'auto' or a whole number of themes, 2 or more")
        if not (isinstance(self.min_terms, (int, np.integer)) and self.min_terms >= 1):
            raise ValueError(f"min_terms={self.min_terms!r}: use a whole number, 1 or more")
        if not (isinstance(self.n_seeds, (int, np.integer)) and self.n_seeds >= 0):
            raise ValueError(f"n_seeds={self.n_seeds!r}: use a whole number, 0 (no stability) or more")
        if not 0 < float(self.subsample) < 1:
            raise ValueError(f"subsample={self.subsample!r}: use a share between 0 and 1, e.g. 0.8")

    def _candidate_ks(self, n_content: int, n_terms: int) -> list[int]:
        limit = min(n_content - 1, n_terms)
        if self.n_seeds:  # every refit sees only a subsample
            limit = min(limit, int(round(n_content * float(self.subsample))) - 1)
        if self.n_themes != "auto":
            k = int(self.n_themes)
            if k > limit:
                raise ValueError(
                    f"n_themes={k} is too many for {n_content} statements with {self.min_terms}+ content words and "
                    f"{n_terms} terms: use at most {limit} (or lower min_terms, or add statements)"
                )
            return [k]
        if self.k_range is not None:
            ks = sorted({int(k) for k in self.k_range})
            bad = [k for k in ks if not 2 <= k <= limit]
            if not ks or bad:
                raise ValueError(f"k_range: {bad or 'empty'}: every k must be between 2 and {limit} for this corpus")
            return ks
        return _default_k_range(n_content, limit)


def _default_k_range(n_content: int, limit: int) -> list[int]:
    """The ``k`` scanned by default: about ten values from 4 to ``min(30, sqrt(n / 2))``, within ``limit``."""
    high = max(2, min(_MAX_K, int(math.sqrt(n_content / 2)), limit))
    low = max(2, min(4, high - 1))  # at least two k to compare when the corpus allows
    if high - low < 10:
        return list(range(low, high + 1))
    return sorted({int(round(v)) for v in np.linspace(low, high, 10)})


# ----------------------------------------------------------------------------- fitting internals


class _Fit:
    """One reference fit at one k: the fitted model, ordered components, labels, scores."""

    def __init__(self, model, lsa, components, labels, coherence, runs):
        self.model, self.lsa, self.components = model, lsa, components
        self.labels, self.coherence, self.runs = labels, coherence, runs


class _Scan:
    def __init__(self, scores: pd.DataFrame, fits: dict):
        self.scores, self.fits = scores, fits


def _count_terms(matrix, terms: np.ndarray) -> np.ndarray:
    """Distinct single words (unigram features) present in each row."""
    unigrams = np.flatnonzero([" " not in t for t in terms])
    return np.asarray((matrix[:, unigrams] > 0).sum(axis=1)).ravel().astype(np.int64)


def _fit_model(matrix, k: int, *, seed: int, method: str, lsa_components: int, max_iter: int):
    """Fit NMF or LSA + k-means; return (model, lsa, components in term space, labels).

    Themes are numbered by size in the fit (largest first); the labels are then computed
    from the renumbered model, exactly as :meth:`ThemeModel.transform` computes them.
    """
    if method == "nmf":
        import warnings

        from sklearn.decomposition import NMF
        from sklearn.exceptions import ConvergenceWarning

        model = NMF(n_components=k, init="nndsvda", solver="cd", max_iter=max_iter, tol=_NMF_TOL, random_state=seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter is a budget; the scores judge the fit
            first = _labels(model.fit_transform(matrix))
        lsa = None
    else:
        from sklearn.cluster import KMeans
        from sklearn.decomposition import TruncatedSVD
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import Normalizer

        n_components = max(1, min(lsa_components, matrix.shape[1] - 1, matrix.shape[0] - 1))
        lsa = make_pipeline(TruncatedSVD(n_components=n_components, random_state=seed), Normalizer(copy=False))
        reduced = lsa.fit_transform(matrix)
        model = KMeans(n_clusters=k, n_init=3, max_iter=max_iter, random_state=seed).fit(reduced)
        first = _labels(_theme_weights(method, model, lsa, matrix))
    order = np.argsort(-np.bincount(first[first >= 0], minlength=k), kind="stable")  # largest first, ties in fitted order
    if method == "nmf":
        model.components_ = model.components_[order]
    else:
        model.cluster_centers_ = model.cluster_centers_[order]
    labels = _labels(_theme_weights(method, model, lsa, matrix))
    components = np.asarray(model.components_, dtype=float) if method == "nmf" else _mean_by_label(matrix, labels, k)
    return model, lsa, components, labels


def _theme_weights(method: str, model, lsa, matrix) -> np.ndarray:
    """Theme weights: NMF's shares (each row sums to 1), k-means' cosines (see :func:`_theme_scores`)."""
    return _shares(method, _theme_scores(method, model, lsa, matrix))


def _shares(method: str, scores: np.ndarray) -> np.ndarray:
    if method != "nmf":
        return scores
    totals = scores.sum(axis=1, keepdims=True)
    return np.divide(scores, totals, out=np.zeros_like(scores), where=totals > 0)


def _theme_scores(method: str, model, lsa, matrix) -> np.ndarray:
    """How strongly each statement expresses each theme: NMF's raw weights (rows of the TF-IDF
    matrix have unit length, so they compare across statements), k-means' cosine to the centroids."""
    if method == "nmf":
        return model.transform(matrix)
    reduced = lsa.transform(matrix)
    centers = model.cluster_centers_
    norms = np.linalg.norm(centers, axis=1, keepdims=True)
    cosine = reduced @ np.divide(centers, norms, out=np.zeros_like(centers), where=norms > 0).T
    cosine[np.linalg.norm(reduced, axis=1) == 0] = 0
    return np.clip(cosine, 0, None)


def _labels(weights: np.ndarray) -> np.ndarray:
    labels = weights.argmax(axis=1) if weights.shape[1] else np.zeros(len(weights), dtype=np.int64)
    return np.where(weights.max(axis=1, initial=0) > 0, labels, NO_THEME).astype(np.int64)


def _mean_by_label(matrix, labels: np.ndarray, k: int) -> np.ndarray:
    rows = np.flatnonzero(labels >= 0)
    membership = sp.csr_matrix((np.ones(len(rows)), (labels[rows], rows)), shape=(k, matrix.shape[0]))
    sizes = np.maximum(np.asarray(membership.sum(axis=1)).ravel(), 1)
    means = sp.diags(1.0 / sizes) @ membership @ matrix
    return np.asarray(means.toarray() if sp.issparse(means) else means, dtype=float)


def _scan(matrix, terms, ks, *, method, n_seeds, subsample, n_top_terms, lsa_components, max_iter, random_state, min_stability, n_jobs=None) -> _Scan:
    """Fit every k; score coherence, silhouette and stability on the same subsamples."""
    from joblib import Parallel, delayed

    n = matrix.shape[0]
    samples = []
    for seed in range(n_seeds):
        rng = np.random.default_rng([random_state, seed])
        samples.append(np.sort(rng.choice(n, size=max(2, int(round(subsample * n))), replace=False)))
    silhouette_rows = np.sort(np.random.default_rng([random_state, 10_000]).choice(n, size=min(n, _SILHOUETTE_SAMPLE), replace=False))
    binary = (matrix > 0).astype(np.float64).tocsc()
    options = dict(method=method, lsa_components=lsa_components, max_iter=max_iter)
    tasks = [(k, None) for k in ks] + [(k, seed) for k in ks for seed in range(n_seeds)]  # references first: the longest
    fitted = Parallel(n_jobs=n_jobs)(
        delayed(_fit_model)(matrix if seed is None else matrix[samples[seed]], k, seed=random_state if seed is None else random_state + 1 + seed, **options)
        for k, seed in tasks
    )
    results = dict(zip(tasks, fitted))
    rows, fits = [], {}
    for k in ks:
        model, lsa, components, labels = results[(k, None)]
        coherence = compute_coherence(binary, components, terms, n_top=n_top_terms)
        space = matrix if lsa is None else lsa.transform(matrix)
        silhouette = _silhouette(space[silhouette_rows], labels[silhouette_rows])
        runs = []
        for seed, sample in enumerate(samples):
            _, _, refit_components, refit_labels = results[(k, seed)]
            runs.extend(_compare(labels[sample], components, refit_labels, refit_components, seed))
        runs = pd.DataFrame(runs, columns=["seed", "theme", "ari", "matched"])
        overall = runs.loc[runs["theme"] == NO_THEME, "ari"]
        per_theme = runs[runs["theme"] >= 0].groupby("theme")["ari"].mean()
        sizes = np.bincount(labels[labels >= 0], minlength=k)
        rows.append(
            {
                "k": k,
                "coherence": float(np.nanmean(coherence)) if np.isfinite(coherence).any() else np.nan,
                "stability": float(overall.mean()) if len(overall) else np.nan,
                "stability_sd": float(overall.std(ddof=1)) if len(overall) > 1 else np.nan,
                "silhouette": silhouette,
                "largest_share": float(sizes.max() / n),
                "n_unstable": int((per_theme < min_stability).sum()) if len(per_theme) else 0,
            }
        )
        fits[k] = _Fit(model, lsa, components, labels, coherence, runs)
    return _Scan(pd.DataFrame(rows), fits)


def _compare(labels, components, refit_labels, refit_components, seed) -> list[tuple]:
    """ARI of a refit against the reference: overall (theme NO_THEME) and per matched theme."""
    from scipy.optimize import linear_sum_assignment
    from sklearn.metrics import adjusted_rand_score

    out = [(seed, NO_THEME, float(adjusted_rand_score(labels, refit_labels)), NO_THEME)]
    a = _unit(components)
    b = _unit(refit_components)
    left, right = linear_sum_assignment(-(a @ b.T))
    matched = dict(zip(left, right))
    for theme in range(len(components)):
        partner = matched.get(theme, -99)
        out.append((seed, theme, float(adjusted_rand_score(labels == theme, refit_labels == partner)), int(partner)))
    return out


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def _silhouette(space, labels: np.ndarray) -> float:
    from sklearn.metrics import silhouette_score

    distinct = np.unique(labels)
    if not 2 <= len(distinct) <= len(labels) - 1:
        return float("nan")
    return float(silhouette_score(space, labels, metric="cosine"))


def _per_theme_stability(runs: pd.DataFrame, k: int, n_seeds: int, min_stability: float) -> pd.DataFrame:
    themes = pd.DataFrame({"theme": range(k)})
    if n_seeds == 0 or runs.empty:
        themes["stability"] = themes["stability_min"] = themes["stability_max"] = np.nan
        themes["n_seeds"] = 0
        themes["stable"] = pd.array([pd.NA] * k, dtype="boolean")
        return themes
    per = runs[runs["theme"] >= 0].groupby("theme")["ari"].agg(["mean", "min", "max", "size"])
    per = per.reindex(range(k))
    themes["stability"] = per["mean"].to_numpy()
    themes["stability_min"] = per["min"].to_numpy()
    themes["stability_max"] = per["max"].to_numpy()
    themes["n_seeds"] = per["size"].fillna(0).astype("int64").to_numpy()
    themes["stable"] = pd.array(themes["stability"] >= min_stability, dtype="boolean")
    return themes


def _choose(scores: pd.DataFrame, *, criterion: str, min_stability: float, fixed: bool) -> tuple[pd.DataFrame, str]:
    scores = scores.copy()
    has_stability = scores["stability"].notna().any()
    scores["eligible"] = scores["stability"] >= min_stability if has_stability else True
    if fixed:
        scores["chosen"] = True
        k = int(scores["k"].iloc[0])
        return scores[list(K_SCORE_COLUMNS)], f"k = {k}, as given (not chosen: its scores are shown for reference)"
    eligible = scores[scores["eligible"] & scores[criterion].notna()]
    if len(eligible):
        best = eligible.sort_values([criterion, "k"], ascending=[False, True], kind="stable").iloc[0]
        stable_note = f"whose stability (ARI) reaches {min_stability}" if has_stability else "(stability not assessed: n_seeds=0)"
        rule = (
            f"k = {int(best['k'])}: the best {criterion} ({best[criterion]:.3f}) among the {len(eligible)} of "
            f"{len(scores)} k scanned {stable_note}"
        )
    else:
        best = scores.sort_values(["stability", "k"], ascending=[False, True], kind="stable").iloc[0]
        rule = f"k = {int(best['k'])}: no k reaches stability {min_stability}, so the most stable one (ARI {best['stability']:.3f})"
    scores["chosen"] = scores["k"] == best["k"]
    return scores[list(K_SCORE_COLUMNS)], rule


# ----------------------------------------------------------------------------- scores


def compute_coherence(X, components: np.ndarray, terms: Sequence[str], *, n_top: int = 10) -> np.ndarray:
    """NPMI coherence of each theme's top single words, from their co-occurrence in statements.

    For every pair of a theme's ``n_top`` heaviest single words (bigrams are left out: "korean
    peninsula" and "peninsula" would co-occur by construction),
    ``NPMI = log(p(a, b) / (p(a) p(b))) / -log p(a, b)`` with ``p`` the share of statements
    containing the words; a pair never seen together scores -1. A theme's coherence is the
    mean over its pairs (NaN with fewer than two words of positive weight).

    Parameters
    ----------
    X : sparse matrix
        Statements x terms (any weights: only presence counts).
    components : numpy.ndarray, shape (n_themes, n_terms)
        Term weights of each theme.
    terms : sequence of str
        The names of the columns of ``X`` and ``components``.
    n_top : int, default 10

    Returns
    -------
    numpy.ndarray
        One NPMI per theme, from -1 to 1.

    Examples
    --------
    >>> X = sp.csr_matrix([[1, 1, 0], [1, 1, 0], [0, 0, 1], [0, 1, 1]])
    >>> compute_coherence(X, np.array([[1.0, 0.8, 0.0], [0.0, 0.2, 1.0]]), ["peace", "talks", "trade"]).round(2)
    array([ 0.42, -0.29])
    """
    binary = (sp.csc_matrix(X) > 0).astype(np.float64)
    n = binary.shape[0]
    unigram = np.array([" " not in t for t in terms])
    out = np.full(len(components), np.nan)
    for theme, weights in enumerate(np.asarray(components, dtype=float)):
        candidates = np.flatnonzero(unigram & (weights > 0))
        top = candidates[np.argsort(-weights[candidates], kind="stable")][:n_top]
        if len(top) < 2 or n == 0:
            continue
        block = binary[:, top]
        together = (block.T @ block).toarray() / n
        alone = np.diag(together)
        values = []
        for i in range(len(top)):
            for j in range(i + 1, len(top)):
                joint = together[i, j]
                if joint == 0:
                    values.append(-1.0)
                elif joint >= 1:
                    values.append(1.0)
                else:
                    values.append(math.log(joint / (alone[i] * alone[j])) / -math.log(joint))
        out[theme] = float(np.mean(values))
    return out


def select_k(
    X,
    terms: Sequence[str],
    *,
    k_range: Sequence[int],
    method: str = "nmf",
    criterion: str = "auto",
    n_seeds: int = 5,
    subsample: float = 0.8,
    min_stability: float = 0.6,
    n_top_terms: int = 10,
    lsa_components: int = 100,
    max_iter: int = 400,
    n_jobs: int | None = None,
    random_state: int = 0,
) -> pd.DataFrame:
    """Score every ``k`` of ``k_range`` and mark the one the rule chooses (see :class:`ThemeModel`).

    Parameters
    ----------
    X : sparse matrix
        TF-IDF of the statements to cluster (those with a theme), e.g. from
        :class:`analysis.vectors.StatementVectorizer`.
    terms : sequence of str
        The columns of ``X`` (``get_feature_names_out()``).
    k_range : sequence of int
    method, criterion, n_seeds, subsample, min_stability, n_top_terms, lsa_components, max_iter, n_jobs, random_state
        As in :class:`ThemeModel`.

    Returns
    -------
    pandas.DataFrame
        :data:`K_SCORE_COLUMNS`: ``coherence`` (mean NPMI), ``stability`` (mean ARI over the
        refits) and its ``stability_sd``, ``silhouette``, ``largest_share`` (share of the
        statements in the largest theme), ``n_unstable`` (themes below ``min_stability``),
        ``eligible`` (stability reaches ``min_stability``), ``chosen``;
        ``attrs["rule"]`` says what was chosen and why.

    Examples
    --------
    >>> from analysis.vectors import StatementVectorizer
    >>> texts = ["peace talks on the peninsula", "peninsula peace and dialogue", "dialogue for peninsula peace",
    ...          "trade tariffs hurt", "tariffs and trade war", "trade war tariffs"]
    >>> vectorizer = StatementVectorizer()
    >>> scores = select_k(vectorizer.fit_transform(texts), vectorizer.get_feature_names_out(), k_range=[2, 3], n_seeds=2)
    >>> scores[["k", "eligible", "chosen"]].values.tolist()
    [[2, True, True], [3, True, False]]
    """
    ks = sorted({int(k) for k in k_range})
    if not ks or ks[0] < 2 or ks[-1] > X.shape[0] - 1:
        raise ValueError(f"k_range {ks}: every k must be between 2 and {X.shape[0] - 1} (statements - 1)")
    criterion = ("coherence" if method == "nmf" else "silhouette") if criterion == "auto" else criterion
    scan = _scan(X, np.asarray(terms, dtype=object), ks, method=method, n_seeds=n_seeds, subsample=subsample,
                 n_top_terms=n_top_terms, lsa_components=lsa_components, max_iter=max_iter,
                 random_state=random_state, min_stability=min_stability, n_jobs=n_jobs)  # fmt: skip
    scores, rule = _choose(scan.scores, criterion=criterion, min_stability=min_stability, fixed=False)
    scores.attrs["rule"] = rule
    return scores


# ----------------------------------------------------------------------------- tables


def assign_themes(statements: pd.DataFrame, model: ThemeModel, *, X=None) -> pd.DataFrame:
    """The theme of every statement, none dropped.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements table: needs ``statement_id``, ``doc_id``, ``date``, ``speaker``,
        ``side``, ``text`` (``genre``, ``n_words``, ``reported_side`` are used if present).
    model : ThemeModel
        Fitted (on these statements or others).
    X : sparse matrix, optional
        ``model.vectorizer_.transform(statements)``, if already computed (to pool speaker
        vectors with the same matrix, say); computed when not given.

    Returns
    -------
    pandas.DataFrame
        :data:`ASSIGNMENT_COLUMNS`, in the statements' order: ``voice`` (``reported_side``
        when the statement reports someone's words, else ``side``), ``n_terms`` (distinct
        content words), ``theme`` (:data:`NO_THEME` for none), ``label``, ``weight`` (how
        much of the statement is its theme: NMF's share of its theme weights, k-means' cosine
        to the centroid; NaN for none), ``score`` (how strongly the statement expresses its
        theme: NMF's raw weight, comparable across statements since their TF-IDF rows have
        unit length; k-means' cosine) and ``stable``.

    Examples
    --------
    >>> st = pd.DataFrame({"statement_id": [f"d:{i}" for i in range(1, 7)], "doc_id": "d",
    ...     "date": pd.Timestamp("2020-05-13"), "speaker": "Geng Shuang", "side": "CN",
    ...     "text": ["Peace talks on the Korean Peninsula.", "Korean Peninsula peace and dialogue.",
    ...              "Trade tariffs hurt trade.", "Tariffs and the trade war.", "Trade war tariffs again.",
    ...              "What is your comment?"]})
    >>> model = ThemeModel(n_themes=2, n_seeds=0).fit(st)
    >>> assign_themes(st, model)[["statement_id", "theme", "label"]]
      statement_id  theme                                    label
    0          d:1      1  korean peninsula, peace talks, dialogue
    1          d:2      1  korean peninsula, peace talks, dialogue
    2          d:3      0                 trade war, tariffs, hurt
    3          d:4      0                 trade war, tariffs, hurt
    4          d:5      0                 trade war, tariffs, hurt
    5          d:6     -1                       none (boilerplate)
    """
    check_is_fitted(model, "components_")
    missing = [c for c in ("statement_id", "doc_id", "date", "speaker", "side", "text") if c not in statements.columns]
    if missing:
        raise KeyError(f"the statements table lacks column(s) {missing}; make it with analysis.attribution.attribute_statements")
    matrix = model.vectorizer_.transform(statements) if X is None else X
    if matrix.shape != (len(statements), len(model.terms_)):
        raise ValueError(
            f"X has shape {matrix.shape}; expected ({len(statements)}, {len(model.terms_)}): pass model.vectorizer_.transform(statements)"
        )
    n_terms = _count_terms(matrix, model.terms_)
    scores = model._weights_of(matrix, n_terms, scores=True)
    weights = _shares(model.method, scores)
    labels = _labels(weights)
    rows, mine = np.arange(len(labels)), np.maximum(labels, 0)
    names = np.asarray([*model.theme_labels_, NO_THEME_LABEL], dtype=object)
    stable = model.stability_["stable"].astype(object).tolist() + [pd.NA]
    reported = statements["reported_side"] if "reported_side" in statements.columns else pd.Series(None, index=statements.index, dtype=object)
    table = pd.DataFrame(
        {
            "statement_id": statements["statement_id"].to_numpy(),
            "doc_id": statements["doc_id"].to_numpy(),
            "date": pd.to_datetime(statements["date"]).to_numpy(),
            "genre": statements["genre"].to_numpy() if "genre" in statements.columns else pd.NA,
            "speaker": statements["speaker"].to_numpy(),
            "side": statements["side"].to_numpy(),
            "voice": reported.where(reported.notna(), statements["side"]).to_numpy(),
            "n_words": statements["n_words"].to_numpy() if "n_words" in statements.columns else statements["text"].str.split().str.len().to_numpy(),
            "n_terms": n_terms,
            "theme": labels,
            "label": names[labels],  # NO_THEME (-1) picks the last name
            "weight": np.where(labels >= 0, weights[rows, mine], np.nan),
            "score": np.where(labels >= 0, scores[rows, mine], np.nan),
            "stable": pd.array([stable[t] for t in labels], dtype="boolean"),
            "text": statements["text"].to_numpy(),
        },
        columns=list(ASSIGNMENT_COLUMNS),
    )
    return table


def compute_top_terms(model: ThemeModel, *, n_terms: int = 10) -> pd.DataFrame:
    """Each theme's heaviest terms with their weights.

    Parameters
    ----------
    model : ThemeModel
    n_terms : int, default 10

    Returns
    -------
    pandas.DataFrame
        ``theme``, ``label``, ``stable``, ``rank`` (1 = heaviest), ``term``, ``weight``: the
        term's share of the theme's total term weight. Ties are broken by term, so the
        order is reproducible.

    Examples
    --------
    >>> texts = ["peace talks on the peninsula", "peninsula peace and dialogue", "trade tariffs hurt",
    ...          "tariffs and trade war", "trade war tariffs"]
    >>> model = ThemeModel(n_themes=2, n_seeds=0).fit(texts)
    >>> compute_top_terms(model, n_terms=2)[["theme", "rank", "term"]].values.tolist()
    [[0, 1, 'tariffs'], [0, 2, 'trade'], [1, 1, 'peace'], [1, 2, 'peninsula']]
    """
    check_is_fitted(model, "components_")
    rows = []
    for theme, weights in enumerate(model.components_):
        total = weights.sum()
        order = np.lexsort((model.terms_, -weights))[:n_terms]
        for rank, index in enumerate(order, start=1):
            if weights[index] <= 0:
                break
            rows.append((theme, model.theme_labels_[theme], model.stability_["stable"].iloc[theme], rank, model.terms_[index], weights[index] / total))
    table = pd.DataFrame(rows, columns=["theme", "label", "stable", "rank", "term", "weight"])
    table["stable"] = table["stable"].astype("boolean")
    return table


def summarize_themes(assignments: pd.DataFrame, model: ThemeModel, *, min_documents: int = 2, n_terms: int = 5) -> pd.DataFrame:
    """The theme table: size, recurrence, persistence, stability, who carries it, top terms.

    Parameters
    ----------
    assignments : pandas.DataFrame
        From :func:`assign_themes`.
    model : ThemeModel
        The fitted model (labels, stability, coherence, top terms).
    min_documents : int, default 2
        A theme is ``recurring`` when its statements come from at least this many documents.
    n_terms : int, default 5
        Top terms listed in ``top_terms``.

    Returns
    -------
    pandas.DataFrame
        :data:`THEME_COLUMNS`, one row per theme and one for :data:`NO_THEME` (last):
        ``share`` of all statements; ``n_documents``, ``n_dates`` (distinct dates: events),
        ``n_months`` and ``first_date``/``last_date`` where its statements appear;
        ``recurring``; ``persistence``: the share of months (among those with statements)
        in which the theme reaches at least half its overall share (1 = present all
        along, low = comes and goes); ``top_side``/``top_speaker`` with the share of the
        theme's statements they carry; ``top_terms`` as ``"term (weight); ..."``.

    Examples
    --------
    >>> st = pd.DataFrame({"statement_id": [f"s{i}" for i in range(6)], "doc_id": list("aabbcc"),
    ...     "date": pd.to_datetime(["2020-01-02"] * 2 + ["2020-02-03"] * 2 + ["2020-03-04"] * 2),
    ...     "speaker": "Hua Chunying", "side": "CN",
    ...     "text": ["Peace talks on the Korean Peninsula.", "Trade tariffs hurt trade.",
    ...              "Korean Peninsula peace and dialogue.", "Tariffs and the trade war.",
    ...              "Trade war tariffs again.", "What is your comment?"]})
    >>> model = ThemeModel(n_themes=2, n_seeds=0).fit(st)
    >>> summarize_themes(assign_themes(st, model), model)[["theme", "n_statements", "n_documents", "recurring"]]
       theme  n_statements  n_documents  recurring
    0      0             3            3       True
    1      1             2            2       True
    2     -1             1            1      False
    """
    check_is_fitted(model, "components_")
    table = assignments.copy()
    table["month"] = pd.to_datetime(table["date"]).dt.to_period("M")
    n_months_total = max(table["month"].nunique(), 1)
    month_totals = table.groupby("month").size()
    terms = compute_top_terms(model, n_terms=n_terms)
    rows = []
    for theme in [*range(model.n_themes_), NO_THEME]:
        part = table[table["theme"] == theme]
        n = len(part)
        share = n / max(len(table), 1)
        monthly = part.groupby("month").size().reindex(month_totals.index, fill_value=0) / month_totals
        sides = part["side"].value_counts()
        speakers = part["speaker"].value_counts()
        theme_terms = terms[terms["theme"] == theme]
        rows.append(
            {
                "theme": theme,
                "label": model.theme_labels_[theme] if theme >= 0 else NO_THEME_LABEL,
                "stable": model.stability_["stable"].iloc[theme] if theme >= 0 else pd.NA,
                "stability": model.stability_["stability"].iloc[theme] if theme >= 0 else np.nan,
                "coherence": model.coherence_[theme] if theme >= 0 else np.nan,
                "n_statements": n,
                "share": share,
                "n_documents": part["doc_id"].nunique(),
                "n_dates": part["date"].nunique(),
                "n_months": part["month"].nunique(),
                "first_date": part["date"].min() if n else pd.NaT,
                "last_date": part["date"].max() if n else pd.NaT,
                "recurring": part["doc_id"].nunique() >= min_documents,
                "persistence": float((monthly >= share / 2).sum() / n_months_total) if n else 0.0,
                "top_side": sides.index[0] if n else None,
                "top_side_share": sides.iloc[0] / n if n else np.nan,
                "top_speaker": speakers.index[0] if n else None,
                "top_speaker_share": speakers.iloc[0] / n if n else np.nan,
                "top_terms": "; ".join(f"{r.term} ({r.weight:.3f})" for r in theme_terms.itertuples()),
            }
        )
    summary = pd.DataFrame(rows, columns=list(THEME_COLUMNS))
    summary["stable"] = summary["stable"].astype("boolean")
    return summary


def select_representatives(assignments: pd.DataFrame, *, n: int = 3, min_words: int = 8) -> pd.DataFrame:
    """The statements that best represent each theme, from different documents.

    Per theme, statements with at least ``min_words`` words (all, if none has) are ranked
    by ``score`` (how strongly they express the theme), then ``weight`` (how much of them
    is the theme), then length (longer first) and ``statement_id``; the first ``n`` from
    distinct documents and with distinct texts are kept (then the next ones, if there are
    fewer documents than ``n``). A sentence that barely touches any theme can be "all" one
    theme (``weight`` 1) with a low ``score``: the score, not the weight, leads. Statements
    with no theme are not represented.

    Parameters
    ----------
    assignments : pandas.DataFrame
        From :func:`assign_themes`.
    n : int, default 3
    min_words : int, default 8

    Returns
    -------
    pandas.DataFrame
        ``theme``, ``label``, ``stable``, ``rank``, ``statement_id``, ``doc_id``, ``date``,
        ``speaker``, ``side``, ``score``, ``weight``, ``text``.

    Examples
    --------
    >>> a = pd.DataFrame({"statement_id": ["a:1", "a:2", "b:1", "c:1"], "doc_id": ["a", "a", "b", "c"],
    ...     "date": pd.Timestamp("2020-01-01"), "speaker": "Lu Kang", "side": "CN", "n_words": 9,
    ...     "theme": 0, "label": "peace", "stable": True, "score": [0.9, 0.8, 0.7, 0.2], "weight": [0.6, 0.8, 0.7, 1.0],
    ...     "text": ["one", "two", "three", "four"]})
    >>> select_representatives(a, n=3)[["rank", "statement_id"]].values.tolist()
    [[1, 'a:1'], [2, 'b:1'], [3, 'c:1']]
    """
    columns = ["theme", "label", "stable", "rank", "statement_id", "doc_id", "date", "speaker", "side", "score", "weight", "text"]
    picked = []
    for theme, part in assignments[assignments["theme"] >= 0].groupby("theme", sort=True):
        long = part[part["n_words"] >= min_words]
        pool = (long if len(long) else part).assign(_len=lambda t: -t["n_words"])
        pool = pool.sort_values(["score", "weight", "_len", "statement_id"], ascending=[False, False, True, True], kind="stable")
        pool = pool.drop_duplicates("text")
        first = pool.drop_duplicates("doc_id")
        chosen = pd.concat([first, pool.drop(first.index)]).head(n)
        picked.append(chosen.assign(rank=range(1, len(chosen) + 1)))
    if not picked:
        return pd.DataFrame(columns=columns)
    return pd.concat(picked, ignore_index=True)[columns]


def compute_theme_shares(assignments: pd.DataFrame, *, by: str | Sequence[str] = "side", min_statements: int = 1) -> pd.DataFrame:
    """Who carries each theme: theme shares by side, voice, speaker (or any column).

    Parameters
    ----------
    assignments : pandas.DataFrame
        From :func:`assign_themes` (has ``voice``).
    by : str or sequence of str, default "side"
        Grouping column(s): ``side``, ``voice``, ``speaker``, ``doc_id`` ...
    min_statements : int, default 1
        Groups with fewer statements are left out (say so where you show the table).

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``group`` (their values joined with " | "), ``n_group`` (the
        group's statements), ``theme``, ``label``, ``stable``, ``n_statements``, ``share``
        (of the group's statements: what the group talks about) and ``theme_share`` (of the
        theme's statements: who carries the theme). Every group x theme pair, zeros
        included, groups by size (largest first); :data:`NO_THEME` is a theme like the others.

    Examples
    --------
    >>> a = pd.DataFrame({"side": ["CN", "CN", "ROK"], "theme": [0, 1, 0], "label": ["peace", "trade", "peace"],
    ...                   "stable": True})
    >>> compute_theme_shares(a)[["group", "theme", "n_statements", "share", "theme_share"]]
      group  theme  n_statements  share  theme_share
    0    CN      0             1    0.5          0.5
    1    CN      1             1    0.5          1.0
    2   ROK      0             1    1.0          0.5
    3   ROK      1             0    0.0          0.0
    """
    by = [by] if isinstance(by, str) else list(by)
    missing = [c for c in by if c not in assignments.columns]
    if missing:
        raise KeyError(f"cannot group by {missing}: the assignments have no such column; use side, voice, speaker, doc_id or genre")
    keys = assignments[by].astype(object).where(assignments[by].notna(), "(none)").astype(str)
    table = assignments.assign(group=keys.agg(" | ".join, axis=1))
    themes = table[["theme", "label", "stable"]].drop_duplicates("theme").sort_values("theme", key=lambda s: s.where(s >= 0, 10**9))
    sizes = table.groupby("group").size().rename("n_group")
    sizes = sizes[sizes >= min_statements]
    counts = table.groupby(["group", "theme"]).size()
    grid = pd.MultiIndex.from_product([sizes.index, themes["theme"]], names=["group", "theme"])
    out = counts.reindex(grid, fill_value=0).rename("n_statements").reset_index()
    out = out.merge(sizes.reset_index(), on="group").merge(themes, on="theme")
    out = out.merge(keys.assign(group=table["group"]).drop_duplicates("group"), on="group")
    theme_totals = out.groupby("theme")["n_statements"].transform("sum")
    out["share"] = out["n_statements"] / out["n_group"]
    out["theme_share"] = np.where(theme_totals > 0, out["n_statements"] / theme_totals.where(theme_totals > 0, 1), 0.0)
    order = {t: i for i, t in enumerate(themes["theme"])}
    out = out.assign(_t=out["theme"].map(order), _n=-out["n_group"])
    out = out.sort_values(["_n", "group", "_t"], kind="stable").drop(columns=["_t", "_n"])
    out["stable"] = out["stable"].astype("boolean")
    return out[[*by, "group", "n_group", "theme", "label", "stable", "n_statements", "share", "theme_share"]].reset_index(drop=True)


def compute_themes_over_time(assignments: pd.DataFrame, *, freq: str = "M") -> pd.DataFrame:
    """Theme shares per period (default: month), every period from the first to the last.

    Parameters
    ----------
    assignments : pandas.DataFrame
        From :func:`assign_themes`; select rows first to follow one genre (e.g. press
        conferences: ``assignments[assignments["genre"] == "press-conference"]``).
    freq : str, default "M"
        A pandas period frequency: ``"M"`` months, ``"Q"`` quarters, ``"Y"`` years.

    Returns
    -------
    pandas.DataFrame
        ``period`` (the period's first day), ``theme``, ``label``, ``stable``,
        ``n_statements``, ``n_period`` (all statements of the period), ``n_documents`` (of
        the period), ``share`` (``n_statements / n_period``; NaN for a period with no
        statement, which stays in the table as a gap). :data:`NO_THEME` included.

    Examples
    --------
    >>> a = pd.DataFrame({"date": pd.to_datetime(["2020-01-05", "2020-01-09", "2020-03-01"]),
    ...     "doc_id": ["a", "b", "c"], "theme": [0, 1, 0], "label": ["peace", "trade", "peace"], "stable": True})
    >>> compute_themes_over_time(a)[["period", "theme", "share"]].astype({"period": str}).values.tolist()
    [['2020-01-01', 0, 0.5], ['2020-01-01', 1, 0.5], ['2020-02-01', 0, nan], ['2020-02-01', 1, nan], ['2020-03-01', 0, 1.0], ['2020-03-01', 1, 0.0]]
    """
    if len(assignments) == 0:
        raise ValueError("no statements: the assignments table is empty")
    dates = pd.to_datetime(assignments["date"])
    periods = dates.dt.to_period(freq)
    table = assignments.assign(period=periods)
    span = pd.period_range(periods.min(), periods.max(), freq=freq)
    themes = table[["theme", "label", "stable"]].drop_duplicates("theme").sort_values("theme", key=lambda s: s.where(s >= 0, 10**9))
    counts = table.groupby(["period", "theme"]).size()
    grid = pd.MultiIndex.from_product([span, themes["theme"]], names=["period", "theme"])
    out = counts.reindex(grid, fill_value=0).rename("n_statements").reset_index()
    totals = table.groupby("period").agg(n_period=("theme", "size"), n_documents=("doc_id", "nunique")).reindex(span, fill_value=0)
    out = out.merge(totals.rename_axis("period").reset_index(), on="period").merge(themes, on="theme")
    out["share"] = np.where(out["n_period"] > 0, out["n_statements"] / out["n_period"].where(out["n_period"] > 0, 1), np.nan)
    order = {t: i for i, t in enumerate(themes["theme"])}
    out = out.assign(_t=out["theme"].map(order)).sort_values(["period", "_t"], kind="stable").drop(columns="_t")
    out["period"] = out["period"].dt.start_time
    out["stable"] = out["stable"].astype("boolean")
    return out[["period", "theme", "label", "stable", "n_statements", "n_period", "n_documents", "share"]].reset_index(drop=True)


# ----------------------------------------------------------------------------- labels


def _label_terms(terms: np.ndarray, weights: np.ndarray, n: int = 3, pool: int = 12) -> str:
    """A theme's label: its three heaviest terms, a phrase standing for its words when it carries them.

    A single word is replaced by the heaviest two-word phrase of the top ``pool`` terms that
    contains it, when the phrase's other word is among the top terms too and the phrase
    weighs at least half as much as the word ("wang" -> "wang yi", "peninsula" -> "korean
    peninsula", but "trade" stays "trade" next to a light "trade war"). A term whose words
    are already shown is skipped, and a phrase never overlaps a term already shown.
    """
    order = [i for i in np.lexsort((terms, -weights))[:pool] if weights[i] > 0]
    weight = {terms[i]: weights[i] for i in order}
    unigrams = {t for t in weight if " " not in t}
    phrases = [t for t in weight if " " in t and set(t.split()) <= unigrams]  # in weight order
    picked: list[str] = []
    for term in weight:
        covered = {w for p in picked for w in p.split()}
        if " " not in term:
            phrase = next((p for p in phrases if term in p.split() and weight[p] >= weight[term] / 2), None)
            if phrase is not None and not (set(phrase.split()) - {term}) & covered:
                term = phrase
        words = set(term.split())
        if words <= covered or (len(words) > 1 and words & covered):
            continue
        picked.append(term)
        if len(picked) == n:
            break
    return ", ".join(picked) if picked else "(no terms)"


# ----------------------------------------------------------------------------- plots


def _unstable_mask(table: pd.DataFrame) -> pd.Series:
    return table["stable"].astype("boolean").fillna(True).eq(False)


def plot_k_selection(scores: pd.DataFrame, *, ax=None):
    """Coherence, stability and silhouette by ``k``; the chosen ``k`` marked, ineligible ``k`` hollow.

    Parameters
    ----------
    scores : pandas.DataFrame
        ``ThemeModel.k_scores_`` or :func:`select_k` (:data:`K_SCORE_COLUMNS`).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    scores = scores.sort_values("k")
    for column, color, marker in (("stability", "#1b4f9c", "o"), ("coherence", "#c0392b", "s"), ("silhouette", "#2e8b57", "^")):
        if scores[column].notna().any():
            ax.plot(scores["k"], scores[column], color=color, marker=None, label=column)
            eligible = scores["eligible"].astype(bool)
            ax.scatter(scores.loc[eligible, "k"], scores.loc[eligible, column], color=color, marker=marker, zorder=3)
            ax.scatter(scores.loc[~eligible, "k"], scores.loc[~eligible, column], facecolors="white", edgecolors=color, marker=marker, zorder=3)
    chosen = scores.loc[scores["chosen"].astype(bool), "k"]
    for k in chosen:
        ax.axvline(k, color="#555555", linestyle="--", linewidth=0.8)
        ax.annotate(f"chosen k = {k}", (k, 1.0), xycoords=("data", "axes fraction"), xytext=(3, -10), textcoords="offset points", fontsize=7)
    ax.set_xticks(scores["k"].tolist())
    ax.set_xlabel("number of themes k (hollow: stability below the threshold)")
    ax.set_ylabel("score")
    ax.legend(frameon=False, loc="center right")
    return ax


def plot_top_terms(top_terms: pd.DataFrame, *, theme: int, ax=None, n: int = 8):
    """Horizontal bars of one theme's top terms; an unstable theme is grey and hatched.

    Parameters
    ----------
    top_terms : pandas.DataFrame
        :func:`compute_top_terms`.
    theme : int
        Which theme (loop over themes and axes for small multiples).
    ax : matplotlib.axes.Axes, optional
    n : int, default 8

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    part = top_terms[top_terms["theme"] == theme].sort_values("rank").head(n)
    if part.empty:
        raise ValueError(f"theme {theme} has no terms in the table; themes there: {sorted(top_terms['theme'].unique())}")
    unstable = bool(_unstable_mask(part).iloc[0])
    ax.barh(part["term"].iloc[::-1], part["weight"].iloc[::-1], color="#b0b0b0" if unstable else "#1b4f9c",
            hatch="///" if unstable else None, edgecolor="white" if unstable else None, linewidth=0)  # fmt: skip
    ax.set_title(textwrap.fill(f"{theme}: {part['label'].iloc[0]}", width=34), fontsize=8, loc="left")
    ax.tick_params(axis="y", labelsize=7)
    ax.set_xlabel("share of theme weight", fontsize=7)
    return ax


def _heatmap(ax, wide: pd.DataFrame, row_labels, col_labels, unstable_rows, *, annotate: bool, vmax: float | None, label: str, colorbar: bool = True):
    from matplotlib.patches import Rectangle

    values = wide.to_numpy(dtype=float)
    finite = values[np.isfinite(values)]
    top = vmax if vmax is not None else (float(finite.max()) if finite.size else 1.0)
    import matplotlib

    cmap = matplotlib.colormaps["Blues"].with_extremes(bad="#e4e4e4")  # missing (no statements): light grey, not 0%
    image = ax.imshow(np.ma.masked_invalid(values), vmin=0, vmax=top if top > 0 else 1.0, aspect="auto", interpolation="nearest", cmap=cmap)
    ax.set_yticks(range(len(row_labels)), row_labels)
    ax.set_xticks(range(len(col_labels)), col_labels, rotation=60, ha="right")
    tick_labels = ax.get_yticklabels()  # empty when a shared y axis hides them
    for row in np.flatnonzero(unstable_rows):
        ax.add_patch(Rectangle((-0.5, row - 0.5), len(col_labels), 1, fill=False, hatch="///", edgecolor="#888888", linewidth=0))
        if row < len(tick_labels):
            tick_labels[row].set_color("#777777")
    if annotate:
        for (i, j), value in np.ndenumerate(values):
            if np.isfinite(value):
                ax.text(j, i, f"{value:.0%}", ha="center", va="center", fontsize=6, color="white" if value > 0.6 * top else "black")
    if colorbar:
        ax.figure.colorbar(image, ax=ax, label=label, shrink=0.8)
    return ax


def plot_theme_shares(shares: pd.DataFrame, *, ax=None, value: str = "share", annotate: bool | None = None,
                      colorbar: bool = True, vmax: float | None = None):
    """Heatmap themes x groups of :func:`compute_theme_shares`; unstable themes hatched.

    Parameters
    ----------
    shares : pandas.DataFrame
    ax : matplotlib.axes.Axes, optional
    value : {"share", "theme_share"}, default "share"
        ``share``: each column sums to 1 (what a group talks about); ``theme_share``: each
        row sums to 1 (who carries a theme).
    annotate : bool, optional
        Percentages in the cells (default: at most 12 groups).
    colorbar : bool, default True
    vmax : float, optional
        The value of the darkest colour (default: the largest in the table); give two
        panels the same ``vmax`` to compare them.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    groups = shares.drop_duplicates("group")[["group", "n_group"]]
    themes = shares.drop_duplicates("theme")[["theme", "label", "stable"]]
    wide = shares.pivot(index="theme", columns="group", values=value).reindex(index=themes["theme"], columns=groups["group"])
    rows = [f"{t}: {lab}" if t >= 0 else lab for t, lab in zip(themes["theme"], themes["label"])]
    cols = [f"{g} ({n:,})" for g, n in zip(groups["group"], groups["n_group"])]
    what = "share of the group's statements" if value == "share" else "share of the theme's statements"
    return _heatmap(ax, wide, rows, cols, _unstable_mask(themes).to_numpy(), annotate=len(cols) <= 12 if annotate is None else annotate,
                    vmax=vmax, label=what, colorbar=colorbar)  # fmt: skip


def plot_themes_over_time(trend: pd.DataFrame, *, ax=None, colorbar: bool = True):
    """Heatmap themes x periods of :func:`compute_themes_over_time`: which persist, which come and go.

    Periods with no statements are light grey; unstable themes are hatched.

    Parameters
    ----------
    trend : pandas.DataFrame
    ax : matplotlib.axes.Axes, optional
    colorbar : bool, default True

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    themes = trend.drop_duplicates("theme")[["theme", "label", "stable"]]
    periods = list(dict.fromkeys(trend["period"]))
    wide = trend.pivot(index="theme", columns="period", values="share").reindex(index=themes["theme"], columns=periods)
    rows = [f"{t}: {lab}" if t >= 0 else lab for t, lab in zip(themes["theme"], themes["label"])]
    step = max(1, len(periods) // 12)
    cols = [pd.Timestamp(p).strftime("%Y-%m") if i % step == 0 else "" for i, p in enumerate(periods)]
    _heatmap(ax, wide, rows, cols, _unstable_mask(themes).to_numpy(), annotate=False, vmax=None, label="share of the period's statements", colorbar=colorbar)
    ax.set_xticks(range(len(cols)), cols, rotation=60, ha="right")
    return ax


def plot_stability(stability: pd.DataFrame, *, ax=None, min_stability: float = 0.6):
    """Bars of each theme's stability (mean ARI over refits, whiskers min-max); unstable grey and hatched.

    Parameters
    ----------
    stability : pandas.DataFrame
        ``ThemeModel.stability_`` (``theme``, ``label``, ``stability``, ``stability_min``,
        ``stability_max``, ``stable``).
    ax : matplotlib.axes.Axes, optional
    min_stability : float, default 0.6
        Drawn as the threshold line (pass the model's ``min_stability``).

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    table = stability.sort_values("theme", ascending=False)
    unstable = _unstable_mask(table).to_numpy()
    labels = [f"{t}: {lab}" for t, lab in zip(table["theme"], table["label"])]
    values = table["stability"].to_numpy(dtype=float)
    low = values - table["stability_min"].to_numpy(dtype=float)
    high = table["stability_max"].to_numpy(dtype=float) - values
    bars = ax.barh(labels, np.nan_to_num(values), color=["#b0b0b0" if u else "#1b4f9c" for u in unstable], linewidth=0)
    for bar, u in zip(bars, unstable):
        if u:
            bar.set_hatch("///")
            bar.set_edgecolor("white")
    ax.errorbar(np.nan_to_num(values), range(len(labels)), xerr=np.nan_to_num(np.vstack([low, high])), fmt="none", ecolor="#333333", elinewidth=0.8, capsize=2)
    ax.axvline(min_stability, color="#c0392b", linestyle="--", linewidth=0.8)
    ax.set_xlim(min(0.0, float(np.nanmin(table["stability_min"])) if table["stability_min"].notna().any() else 0.0), 1.0)
    ax.set_xlabel(f"adjusted Rand index with the reference fit (mean over refits; whiskers: min-max; dashed: threshold {min_stability})")
    return ax
