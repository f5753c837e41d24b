"""The theme estimator: :class:`ThemeModel` (see :mod:`analysis.themes` for the rule and the scores)."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin, clone
from sklearn.utils.validation import check_is_fitted

from ..vectors import StatementVectorizer
from .columns import UNSTABLE_SUFFIX, unstable_mask
from .selection import choose_k, count_terms, default_k_range, heaviest_theme, per_theme_stability, scan_k, theme_scores, to_shares

__all__ = ["ThemeModel"]


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
    ['denuclearization, needs dialogue, korean peninsula', 'trade talks, tariffs hurt, US']
    >>> model.labels_.tolist()  # the last statement is boilerplate: no theme
    [0, 0, 0, 1, 1, 1, -1]
    >>> model.predict(["Trade tariffs and trade talks again."]).tolist()
    [1]
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
        self.n_terms_ = count_terms(matrix, self.terms_)
        content = self.n_terms_ >= self.min_terms
        n_content = int(content.sum())
        if n_content < 3:
            raise ValueError(
                f"only {n_content} of {len(content)} statements have {self.min_terms} or more content words; "
                "themes need at least 3: lower min_terms or add statements"
            )
        ks = self._candidate_ks(n_content, len(self.terms_))
        scan = scan_k(
            matrix[np.flatnonzero(content)], self.terms_, ks, method=self.method, n_seeds=self.n_seeds,
            subsample=self.subsample, n_top_terms=self.n_top_terms, lsa_components=self.lsa_components,
            max_iter=self.max_iter, random_state=self.random_state, min_stability=self.min_stability, n_jobs=self.n_jobs,
        )  # fmt: skip
        criterion = self._criterion()
        self.k_scores_, self.k_rule_ = choose_k(scan.scores, criterion=criterion, min_stability=self.min_stability, fixed=self.n_themes != "auto")
        k = int(self.k_scores_.loc[self.k_scores_["chosen"], "k"].iloc[0])
        fit = scan.fits[k]
        self.n_themes_ = k
        self.model_, self.lsa_ = fit.model, fit.lsa
        self.components_ = fit.components
        self.coherence_ = fit.coherence
        self.weights_ = self.weights_of(matrix, self.n_terms_)
        self.labels_ = heaviest_theme(self.weights_)
        self.stability_runs_ = fit.runs
        self.stability_ = per_theme_stability(fit.runs, k, self.n_seeds, self.min_stability)
        unstable = unstable_mask(self.stability_).to_numpy()
        self.theme_labels_ = [label_terms(self.terms_, self.components_[t]) + (UNSTABLE_SUFFIX if unstable[t] else "") for t in range(k)]
        self.stability_.insert(1, "label", self.theme_labels_)
        return self

    def transform(self, X):
        """Theme weights of statements, shape (n, ``n_themes_``): zeros for statements with no theme."""
        check_is_fitted(self, "components_")
        matrix = self.vectorizer_.transform(X)
        return self.weights_of(matrix, count_terms(matrix, self.terms_))

    def fit_transform(self, X, y=None):
        """Fit, and return ``weights_``."""
        return self.fit(X).weights_

    def predict(self, X):
        """The theme of each statement (its heaviest), :data:`NO_THEME` for none."""
        return heaviest_theme(self.transform(X))

    def get_feature_names_out(self, input_features=None):
        """Names of the columns of :meth:`transform`: ``theme0``, ``theme1`` ..."""
        check_is_fitted(self, "components_")
        return np.asarray([f"theme{t}" for t in range(self.n_themes_)], dtype=object)

    # -- helpers -----------------------------------------------------------------------------
    def weights_of(self, matrix, n_terms, *, scores: bool = False) -> np.ndarray:
        """Theme weights (or, with ``scores``, the raw scores) of rows; zeros for rows with no theme."""
        weights = np.zeros((matrix.shape[0], self.n_themes_))
        rows = np.flatnonzero(n_terms >= self.min_terms)
        if len(rows):
            raw = theme_scores(self.method, self.model_, self.lsa_, matrix[rows])
            weights[rows] = raw if scores else to_shares(self.method, raw)
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
        return default_k_range(n_content, limit)


def label_terms(terms: np.ndarray, weights: np.ndarray, n: int = 3, pool: int = 12) -> str:
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
