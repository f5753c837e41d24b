"""The theme estimator: :class:`ThemeModel` (see :mod:`analysis.themes` for the rule and the scores)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin, clone
from sklearn.utils.validation import check_is_fitted

from ..vectors import StatementVectorizer
from .columns import UNSTABLE_SUFFIX, unstable_mask
from .labels import compute_ctfidf, label_terms
from .selection import choose_k, count_terms, default_k_range, heaviest_theme, per_theme_stability, scan_k, theme_scores, to_shares
from .units import DEFAULT_WINDOW, UNITS, build_units, unit_ids

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
    method : {"nmf", "kmeans", "lda"}, default "nmf"
        NMF on TF-IDF (themes are term weightings, statements mix them), k-means on
        unit-length LSA vectors (``lsa_components`` dimensions; themes' term weights are the
        mean TF-IDF of their units), or scikit-learn's LatentDirichletAllocation on the term
        counts of the same vocabulary (boilerplate down-weighted alike).
    vectorizer : StatementVectorizer, optional
        Cloned and fitted on the statements; default ``StatementVectorizer(boilerplate=...)``
        with this model's ``boilerplate``. It must
        keep the terms (``n_components=None``). With ``fit(..., term_matrix=X)`` it is the
        already fitted vectorizer that made ``X``, used as it is (not cloned).
    min_terms : int, default 3
        Statements with fewer distinct content words get no theme (:data:`NO_THEME`).
    n_seeds : int, default 5
        Seeds for the stability scores: each seed refits every ``k`` three times (on a
        random subsample, from a random start, and both), so the fit costs about
        ``1 + 3 * n_seeds`` fits per ``k`` (0: no stability, every ``k`` eligible,
        ``stable`` is NA).
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
    unit : {"turn", "paragraph", "window", "statement"}, default "turn"
        What a theme is fitted on (:func:`analysis.themes.units.build_units`): a speaker's
        turn in press conferences and interviews (a paragraph in other genres), a paragraph,
        a window of ``window`` consecutive sentences of a document (for speeches whose source
        lost its paragraph breaks, such as the Korean speeches), or each statement. Every statement gets its unit's theme. Needs the statements table
        (``doc_id``, ``paragraph``, ``sentence``, ``speaker``, ``rule``, ``genre``); plain texts
        are their own units, and a table without those columns falls back to statements with
        a warning (``unit_`` says which unit was used).
    boilerplate : None, "auto", path or list of str, default "auto"
        The default vectorizer's ``boilerplate`` (ignored when ``vectorizer`` is given):
        ``"auto"`` learns the podium's formulas from the corpus and down-weights them
        (:mod:`analysis.vectors.boilerplate`).
    window : int, default 8
        Sentences per unit with ``unit="window"``.
    label_by : {"ctfidf", "weights"}, default "ctfidf"
        Labels from class-based TF-IDF, the terms that set a theme apart from the others
        (:mod:`analysis.themes.labels`), or from the theme's heaviest term weights.

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
    unit_ : str
        The unit the themes were fitted on.
    units_ : pandas.DataFrame
        The units (:data:`~analysis.themes.units.UNIT_COLUMNS`) with ``n_terms`` and ``theme``.
    ctfidf_ : numpy.ndarray, shape (n_themes_, n_terms)
        Class-based TF-IDF of each term in each theme (boilerplate terms 0).
    coherence_ : numpy.ndarray
        NPMI coherence of each theme.
    stability_ : pandas.DataFrame
        Per theme: ``theme``, ``label``, ``stability`` (mean ARI over refits on subsamples
        from random starts), ``stability_min``, ``stability_max``, ``n_seeds``, ``stable``,
        ``stability_subsample`` and ``stability_init`` (each source of variation alone).
    stability_runs_ : pandas.DataFrame
        Per refit and theme (``source``: ``subsample``, ``init`` or ``both``; ``seed``,
        ``theme``, ``ari``, ``matched``), and overall (theme NO_THEME).
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
    ['denuclearization, needs dialogue, korean peninsula', 'trade talks, tariffs hurt, US continue']
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
        unit="turn",
        boilerplate="auto",
        label_by="ctfidf",
        window=DEFAULT_WINDOW,
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
        self.unit = unit
        self.boilerplate = boilerplate
        self.label_by = label_by
        self.window = window

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
        vectorizer, statement_matrix = self._vectorize(X, term_matrix)
        self.vectorizer_ = vectorizer
        self.terms_ = np.asarray(vectorizer.get_feature_names_out(), dtype=object)
        self.n_terms_ = count_terms(statement_matrix, self.terms_)
        self.unit_ = self._resolve_unit(X)
        units, unit_of = self._units_of(X)
        matrix = self._matrix_of(units["text"].tolist()) if self.unit_ != "statement" or self.method == "lda" else statement_matrix
        unit_terms = count_terms(matrix, self.terms_) if self.method != "lda" else count_terms(vectorizer.transform(units["text"].tolist()), self.terms_)
        content = unit_terms >= self.min_terms
        n_content = int(content.sum())
        if n_content < 3:
            raise ValueError(
                f"only {n_content} of {len(content)} {self.unit_}s have {self.min_terms} or more content words; "
                "themes need at least 3: lower min_terms or add statements"
            )
        ks = self._candidate_ks(n_content, len(self.terms_))
        scan = scan_k(
            matrix[np.flatnonzero(content)], self.terms_, ks, method=self.method, n_seeds=self.n_seeds,
            subsample=self.subsample, n_top_terms=self.n_top_terms, lsa_components=self.lsa_components,
            max_iter=self.max_iter, random_state=self.random_state, min_stability=self.min_stability, n_jobs=self.n_jobs,
            reference=statement_matrix[np.flatnonzero(self.n_terms_ >= self.min_terms)],
        )  # fmt: skip
        self.k_scores_, self.k_rule_ = choose_k(scan.scores, criterion=self._criterion(), min_stability=self.min_stability, fixed=self.n_themes != "auto")
        k = int(self.k_scores_.loc[self.k_scores_["chosen"], "k"].iloc[0])
        fit = scan.fits[k]
        self.n_themes_ = k
        self.model_, self.lsa_ = fit.model, fit.lsa
        self.components_ = fit.components
        self.coherence_ = fit.coherence
        unit_weights = self.weights_of(matrix, unit_terms)
        unit_labels = heaviest_theme(unit_weights)
        self.units_ = units.assign(n_terms=unit_terms, theme=unit_labels)
        self.weights_ = unit_weights[unit_of]
        self.labels_ = unit_labels[unit_of]
        self.stability_runs_ = fit.runs
        self.stability_ = per_theme_stability(fit.runs, k, self.n_seeds, self.min_stability)
        counts = vectorizer.transform_counts(units["text"].tolist())
        self.ctfidf_ = compute_ctfidf(counts, unit_labels, k, exclude=getattr(vectorizer, "term_weights_", np.ones(len(self.terms_))) < 1)
        unstable = unstable_mask(self.stability_).to_numpy()
        source = self.ctfidf_ if self.label_by == "ctfidf" else self.components_
        self.theme_labels_ = [label_terms(self.terms_, source[t]) + (UNSTABLE_SUFFIX if unstable[t] else "") for t in range(k)]
        self.stability_.insert(1, "label", self.theme_labels_)
        return self

    def _vectorize(self, X, term_matrix):
        """The fitted vectorizer and the statements' TF-IDF matrix (made, or checked and taken)."""
        if term_matrix is None:
            vectorizer = clone(self.vectorizer) if self.vectorizer is not None else StatementVectorizer(random_state=self.random_state, boilerplate=self.boilerplate)
        else:
            vectorizer = self.vectorizer
            if vectorizer is None:
                raise ValueError("term_matrix: pass the fitted vectorizer that made it as ThemeModel(vectorizer=...)")
            check_is_fitted(vectorizer)
        if getattr(vectorizer, "n_components", None) is not None:
            raise ValueError("ThemeModel needs term weights: give it a StatementVectorizer with n_components=None")
        if term_matrix is None:
            return vectorizer, vectorizer.fit_transform(X)
        expected = (len(X), len(vectorizer.get_feature_names_out()))
        if term_matrix.shape != expected:
            raise ValueError(f"term_matrix has shape {term_matrix.shape}; expected {expected}: pass vectorizer.fit_transform(X) of these statements")
        return vectorizer, term_matrix

    def _resolve_unit(self, X) -> str:
        if self.unit == "statement" or not isinstance(X, pd.DataFrame):
            return "statement"
        try:
            unit_ids(X.head(1), self.unit, window=self.window)
        except KeyError as error:
            warnings.warn(f"ThemeModel(unit={self.unit!r}): {error.args[0]}; fitting on statements instead", UserWarning, stacklevel=3)
            return "statement"
        return self.unit

    def _units_of(self, X) -> tuple[pd.DataFrame, np.ndarray]:
        """The units of ``X`` (under :attr:`unit_`) and the unit row of each statement."""
        if self.unit_ == "statement":
            texts = X[self.vectorizer_.text_column].tolist() if isinstance(X, pd.DataFrame) else list(X)
            return pd.DataFrame({"unit_id": np.arange(len(texts)), "text": texts}), np.arange(len(texts))
        units = build_units(X, self.unit_, window=self.window)
        position = pd.Series(np.arange(len(units)), index=units["unit_id"])
        return units, position.loc[unit_ids(X, self.unit_, window=self.window)].to_numpy()

    def _matrix_of(self, texts: list) -> sp.spmatrix:
        """What the method fits: TF-IDF, or for LDA the term counts with boilerplate down-weighted alike."""
        if self.method != "lda":
            return self.vectorizer_.transform(texts)
        counts = self.vectorizer_.transform_counts(texts)
        weights = getattr(self.vectorizer_, "term_weights_", None)
        return counts if weights is None else sp.csr_matrix(counts @ sp.diags(weights))

    def score_statements(self, statements, X=None) -> tuple[np.ndarray, np.ndarray]:
        """Raw theme scores of each statement's unit, and of the statement alone (both shape (n, ``n_themes_``)).

        With ``unit_`` "statement" the two are the same. ``X``: the statements' TF-IDF
        (``vectorizer_.transform(statements)``), if already made.
        """
        check_is_fitted(self, "components_")
        own_matrix = self.vectorizer_.transform(statements) if X is None else X
        texts = statements[self.vectorizer_.text_column].tolist() if isinstance(statements, pd.DataFrame) else list(statements)
        own_terms = count_terms(own_matrix, self.terms_)
        own = self.weights_of(self._matrix_of(texts) if self.method == "lda" else own_matrix, own_terms, scores=True)
        if self.unit_ == "statement" or not isinstance(statements, pd.DataFrame):
            return own, own
        units = build_units(statements, self.unit_, window=self.window)
        position = pd.Series(np.arange(len(units)), index=units["unit_id"]).loc[unit_ids(statements, self.unit_, window=self.window)].to_numpy()
        unit_texts = units["text"].tolist()
        unit_terms = count_terms(self.vectorizer_.transform(unit_texts), self.terms_)
        return self.weights_of(self._matrix_of(unit_texts), unit_terms, scores=True)[position], own

    def transform(self, X):
        """Theme weights of statements, shape (n, ``n_themes_``): those of their units; zeros for none."""
        return to_shares(self.method, self.score_statements(X)[0])

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
            return "silhouette" if self.method == "kmeans" else "coherence"
        return self.criterion

    def _check_params(self) -> None:
        if self.method not in ("nmf", "kmeans", "lda"):
            raise ValueError(f"method={self.method!r}: use 'nmf', 'kmeans' or 'lda'")
        if self.unit not in UNITS:
            raise ValueError(f"unit={self.unit!r}: use one of {', '.join(UNITS)}")
        if self.label_by not in ("ctfidf", "weights"):
            raise ValueError(f"label_by={self.label_by!r}: use 'ctfidf' or 'weights'")
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

