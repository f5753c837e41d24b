"""How many themes: fit every k, score coherence, stability and silhouette, choose by the stated rule.

The rule and the scores are described in :mod:`analysis.themes`. The fitting helpers here
(:func:`fit_model`, :func:`theme_scores`, :func:`to_shares`, :func:`heaviest_theme`) are those
:class:`analysis.themes.model.ThemeModel` uses, so a scan and a fit give the same themes.
"""

from __future__ import annotations

from typing import Sequence
import math
import warnings

from joblib import Parallel, delayed
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF, LatentDirichletAllocation, TruncatedSVD
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import Normalizer
import numpy as np
import pandas as pd
import scipy.sparse as sp

from .columns import K_SCORE_COLUMNS, NO_THEME

__all__ = [
    "Fit",
    "NPMI_EPSILON",
    "REFIT_SOURCES",
    "Scan",
    "choose_k",
    "compute_coherence",
    "compute_diversity",
    "count_terms",
    "default_k_range",
    "fit_model",
    "heaviest_theme",
    "per_theme_stability",
    "scan_k",
    "select_k",
    "theme_scores",
    "to_shares",
]

_SILHOUETTE_SAMPLE = 2000

_MAX_K = 30

_NMF_TOL = 1e-3  # same reconstruction error as 1e-4 on the shipped corpus (to 4 digits), in half the time

#: Added to the joint probability of every pair in NPMI, as gensim does (``gensim.topic_coherence
#: .direct_confirmation_measure.EPSILON``): a pair never seen together scores a little above -1.
NPMI_EPSILON = 1e-12

#: The refits of the stability scores: on subsamples with the reference's initialisation, on all
#: statements with a random initialisation, and on subsamples with a random initialisation (both).
REFIT_SOURCES = ("subsample", "init", "both")

_LDA_MAX_ITER = 20  # batch EM passes of scikit-learn's LDA (its default is 10)


def default_k_range(n_content: int, limit: int) -> list[int]:
    """The ``k`` scanned by default: about ten values from 4 to ``min(30, sqrt(n / 2))``, within ``limit``."""
    high = max(2, min(_MAX_K, int(math.sqrt(n_content / 2)), limit))
    low = max(2, min(4, high - 1))  # at least two k to compare when the corpus allows
    if high - low < 10:
        return list(range(low, high + 1))
    return sorted({int(round(v)) for v in np.linspace(low, high, 10)})


class Fit:
    """One reference fit at one k: the fitted model, ordered components, labels, scores."""

    def __init__(self, model, lsa, components, labels, coherence, runs):
        self.model, self.lsa, self.components = model, lsa, components
        self.labels, self.coherence, self.runs = labels, coherence, runs


class Scan:
    def __init__(self, scores: pd.DataFrame, fits: dict):
        self.scores, self.fits = scores, fits


def count_terms(matrix, terms: np.ndarray) -> np.ndarray:
    """Distinct single words (unigram features) present in each row."""
    unigrams = np.flatnonzero([" " not in t for t in terms])
    return np.asarray((matrix[:, unigrams] > 0).sum(axis=1)).ravel().astype(np.int64)


def fit_model(matrix, k: int, *, seed: int, method: str, lsa_components: int, max_iter: int, random_init: bool = False):
    """Fit NMF, LDA or LSA + k-means; return (model, lsa, components in term space, labels).

    ``random_init``: NMF starts from random factors (``init="random"``) seeded by ``seed``
    instead of the deterministic ``nndsvda``; LDA and k-means always depend on ``seed``.
    Themes are numbered by size in the fit (largest first); the labels are then computed
    from the renumbered model, exactly as :meth:`ThemeModel.transform` computes them.
    """
    if method in ("nmf", "lda"):
        if method == "nmf":
            init = "random" if random_init else "nndsvda"
            model = NMF(n_components=k, init=init, solver="cd", max_iter=max_iter, tol=_NMF_TOL, random_state=seed)
        else:
            model = LatentDirichletAllocation(n_components=k, learning_method="batch", max_iter=_LDA_MAX_ITER, random_state=seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter is a budget; the scores judge the fit
            first = heaviest_theme(model.fit_transform(matrix))
        lsa = None
    else:
        n_components = max(1, min(lsa_components, matrix.shape[1] - 1, matrix.shape[0] - 1))
        lsa = make_pipeline(TruncatedSVD(n_components=n_components, random_state=seed), Normalizer(copy=False))
        reduced = lsa.fit_transform(matrix)
        model = KMeans(n_clusters=k, n_init=3, max_iter=max_iter, random_state=seed).fit(reduced)
        first = heaviest_theme(_theme_weights(method, model, lsa, matrix))
    order = np.argsort(-np.bincount(first[first >= 0], minlength=k), kind="stable")  # largest first, ties in fitted order
    if method == "kmeans":
        model.cluster_centers_ = model.cluster_centers_[order]
    else:
        model.components_ = model.components_[order]
        if method == "lda":
            model.exp_dirichlet_component_ = model.exp_dirichlet_component_[order]
    labels = heaviest_theme(_theme_weights(method, model, lsa, matrix))
    components = np.asarray(model.components_, dtype=float) if method != "kmeans" else _mean_by_label(matrix, labels, k)
    return model, lsa, components, labels


def _theme_weights(method: str, model, lsa, matrix) -> np.ndarray:
    """Theme weights: NMF's shares (each row sums to 1), k-means' cosines (see :func:`theme_scores`)."""
    return to_shares(method, theme_scores(method, model, lsa, matrix))


def to_shares(method: str, scores: np.ndarray) -> np.ndarray:
    if method == "kmeans":
        return scores
    totals = scores.sum(axis=1, keepdims=True)
    return np.divide(scores, totals, out=np.zeros_like(scores), where=totals > 0)


def theme_scores(method: str, model, lsa, matrix) -> np.ndarray:
    """How strongly each statement expresses each theme: NMF's raw weights (rows of the TF-IDF
    matrix have unit length, so they compare across statements), k-means' cosine to the centroids."""
    if method != "kmeans":
        return model.transform(matrix)
    reduced = lsa.transform(matrix)
    centers = model.cluster_centers_
    norms = np.linalg.norm(centers, axis=1, keepdims=True)
    cosine = reduced @ np.divide(centers, norms, out=np.zeros_like(centers), where=norms > 0).T
    cosine[np.linalg.norm(reduced, axis=1) == 0] = 0
    return np.clip(cosine, 0, None)


def heaviest_theme(weights: np.ndarray) -> np.ndarray:
    labels = weights.argmax(axis=1) if weights.shape[1] else np.zeros(len(weights), dtype=np.int64)
    return np.where(weights.max(axis=1, initial=0) > 0, labels, NO_THEME).astype(np.int64)


def _mean_by_label(matrix, labels: np.ndarray, k: int) -> np.ndarray:
    rows = np.flatnonzero(labels >= 0)
    membership = sp.csr_matrix((np.ones(len(rows)), (labels[rows], rows)), shape=(k, matrix.shape[0]))
    sizes = np.maximum(np.asarray(membership.sum(axis=1)).ravel(), 1)
    means = sp.diags(1.0 / sizes) @ membership @ matrix
    return np.asarray(means.toarray() if sp.issparse(means) else means, dtype=float)


def scan_k(matrix, terms, ks, *, method, n_seeds, subsample, n_top_terms, lsa_components, max_iter, random_state, min_stability,
           n_jobs=None, reference=None) -> Scan:
    """Fit every k; score coherence, silhouette and stability (three kinds of refit) on the same subsamples.

    Each of the ``n_seeds`` refits is made three times (:data:`REFIT_SOURCES`): on the
    subsample with the reference's own initialisation (``stability_subsample``: what changes
    with the data), on all rows with a random initialisation (``stability_init``: what
    changes with the start), and on the subsample with a random initialisation
    (``stability``: both, the honest figure the rule uses). ``reference``: the rows whose
    co-occurrences the coherence counts (default ``matrix``; a theme model on turns counts
    them in statements, so that every unit is scored on the same evidence).
    """
    if sp.issparse(matrix):
        matrix = sp.csr_matrix(matrix)
        matrix.sort_indices()  # parallel fits get read-only copies, which cannot sort themselves
    n = matrix.shape[0]
    samples = []
    for seed in range(n_seeds):
        rng = np.random.default_rng([random_state, seed])
        samples.append(np.sort(rng.choice(n, size=max(2, int(round(subsample * n))), replace=False)))
    silhouette_rows = np.sort(np.random.default_rng([random_state, 10_000]).choice(n, size=min(n, _SILHOUETTE_SAMPLE), replace=False))
    binary = ((matrix if reference is None else reference) > 0).astype(np.float64).tocsc()
    options = dict(method=method, lsa_components=lsa_components, max_iter=max_iter)
    tasks = [(k, None, None) for k in ks] + [(k, seed, source) for k in ks for seed in range(n_seeds) for source in REFIT_SOURCES]
    calls = [_refit_arguments(matrix, samples, k, seed, source, random_state) for k, seed, source in tasks]
    fitted = Parallel(n_jobs=n_jobs)(delayed(fit_model)(*args, **kwargs, **options) for args, kwargs in calls)
    results = dict(zip(tasks, fitted))
    rows, fits = [], {}
    for k in ks:
        model, lsa, components, labels = results[(k, None, None)]
        coherence = compute_coherence(binary, components, terms, n_top=n_top_terms)
        space = matrix if lsa is None else lsa.transform(matrix)
        silhouette = _silhouette(space[silhouette_rows], labels[silhouette_rows]) if method != "lda" else float("nan")
        runs = []
        for seed, sample in enumerate(samples):
            for source in REFIT_SOURCES:
                rows_of = sample if source != "init" else np.arange(n)
                _, _, refit_components, refit_labels = results[(k, seed, source)]
                runs.extend((source, *run) for run in _compare(labels[rows_of], components, refit_labels, refit_components, seed))
        runs = pd.DataFrame(runs, columns=["source", "seed", "theme", "ari", "matched"])
        overall = runs[runs["theme"] == NO_THEME].groupby("source")["ari"]
        means, sds = overall.mean(), overall.std(ddof=1)
        per_theme = runs[(runs["theme"] >= 0) & (runs["source"] == "both")].groupby("theme")["ari"].mean()
        sizes = np.bincount(labels[labels >= 0], minlength=k)
        rows.append(
            {
                "k": k,
                "coherence": float(np.nanmean(coherence)) if np.isfinite(coherence).any() else np.nan,
                "diversity": compute_diversity(components, terms, n_top=n_top_terms),
                "stability": float(means.get("both", np.nan)),
                "stability_sd": float(sds.get("both", np.nan)),
                "stability_subsample": float(means.get("subsample", np.nan)),
                "stability_init": float(means.get("init", np.nan)),
                "silhouette": silhouette,
                "largest_share": float(sizes.max() / n),
                "n_unstable": int((per_theme < min_stability).sum()) if len(per_theme) else 0,
            }
        )
        fits[k] = Fit(model, lsa, components, labels, coherence, runs)
    return Scan(pd.DataFrame(rows), fits)


def _refit_arguments(matrix, samples, k, seed, source, random_state) -> tuple:
    """(rows, k) and the seed/initialisation of one fit: the reference (``seed`` None) or a refit."""
    if seed is None:
        return (matrix, k), {"seed": random_state, "random_init": False}
    rows = matrix if source == "init" else matrix[samples[seed]]
    random_start = source != "subsample"
    return (rows, k), {"seed": random_state + 1 + seed if random_start else random_state, "random_init": random_start}


def _compare(labels, components, refit_labels, refit_components, seed) -> list[tuple]:
    """ARI of a refit against the reference: overall (theme NO_THEME) and per matched theme."""
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
    distinct = np.unique(labels)
    if not 2 <= len(distinct) <= len(labels) - 1:
        return float("nan")
    return float(silhouette_score(space, labels, metric="cosine"))


def per_theme_stability(runs: pd.DataFrame, k: int, n_seeds: int, min_stability: float) -> pd.DataFrame:
    """Per theme: the ARI of refits with both sources of variation (mean, min, max) and of each alone."""
    themes = pd.DataFrame({"theme": range(k)})
    if n_seeds == 0 or runs.empty:
        for column in ("stability", "stability_min", "stability_max"):
            themes[column] = np.nan
        themes["n_seeds"] = 0
        themes["stable"] = pd.array([pd.NA] * k, dtype="boolean")
        themes["stability_subsample"] = themes["stability_init"] = np.nan
        return themes
    per_source = runs[runs["theme"] >= 0].groupby(["source", "theme"])["ari"]
    both = per_source.agg(["mean", "min", "max", "size"]).loc["both"].reindex(range(k))
    means = per_source.mean()
    themes["stability"] = both["mean"].to_numpy()
    themes["stability_min"] = both["min"].to_numpy()
    themes["stability_max"] = both["max"].to_numpy()
    themes["n_seeds"] = both["size"].fillna(0).astype("int64").to_numpy()
    themes["stable"] = pd.array(themes["stability"] >= min_stability, dtype="boolean")
    for source in ("subsample", "init"):
        themes[f"stability_{source}"] = means.loc[source].reindex(range(k)).to_numpy() if source in means.index.get_level_values(0) else np.nan
    return themes


def choose_k(scores: pd.DataFrame, *, criterion: str, min_stability: float, fixed: bool) -> tuple[pd.DataFrame, str]:
    scores = scores.copy()
    has_stability = scores["stability"].notna().any()
    scores["eligible"] = scores["stability"] >= min_stability if has_stability else True
    if fixed:
        scores["chosen"] = True
        k = int(scores["k"].iloc[0])
        return scores.reindex(columns=list(K_SCORE_COLUMNS)), f"k = {k}, as given (not chosen: its scores are shown for reference)"
    eligible = scores[scores["eligible"] & scores[criterion].notna()]
    if len(eligible):
        best = eligible.sort_values([criterion, "k"], ascending=[False, True], kind="stable").iloc[0]
        stable_note = f"whose stability (ARI over refits on subsamples from random starts) reaches {min_stability}" if has_stability else "(stability not assessed: n_seeds=0)"
        rule = (
            f"k = {int(best['k'])}: the best {criterion} ({best[criterion]:.3f}) among the {len(eligible)} of "
            f"{len(scores)} k scanned {stable_note}"
        )
    else:
        best = scores.sort_values(["stability", "k"], ascending=[False, True], kind="stable").iloc[0]
        rule = f"k = {int(best['k'])}: no k reaches stability {min_stability}, so the most stable one (ARI {best['stability']:.3f})"
    scores["chosen"] = scores["k"] == best["k"]
    return scores.reindex(columns=list(K_SCORE_COLUMNS)), rule


def compute_coherence(X, components: np.ndarray, terms: Sequence[str], *, n_top: int = 10) -> np.ndarray:
    """NPMI coherence of each theme's top single words, from their co-occurrence in statements.

    For every pair of a theme's ``n_top`` heaviest single words (bigrams are left out: "korean
    peninsula" and "peninsula" would co-occur by construction),
    ``NPMI = log((p(a, b) + e) / (p(a) p(b))) / -log(p(a, b) + e)`` with ``p`` the share of
    statements containing the words and ``e`` = :data:`NPMI_EPSILON` (1e-12), as gensim's
    ``c_npmi`` computes it: a pair never seen together scores ``log(e / (p(a) p(b))) / -log e``,
    a little above -1 (about -0.90 for two words in a quarter of the statements each), not -1;
    a pair always together scores 1. A theme's coherence is the mean over its pairs (NaN with
    fewer than two words of positive weight).

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
    out = np.full(len(components), np.nan)
    for theme, weights in enumerate(np.asarray(components, dtype=float)):
        top = _top_words(weights, terms, n_top)
        if len(top) < 2 or n == 0:
            continue
        block = binary[:, top]
        together = (block.T @ block).toarray() / n
        alone = np.diag(together)
        values = []
        for i in range(len(top)):
            for j in range(i + 1, len(top)):
                joint = together[i, j]
                if joint >= 1:
                    values.append(1.0)
                else:
                    values.append(math.log((joint + NPMI_EPSILON) / (alone[i] * alone[j])) / -math.log(joint + NPMI_EPSILON))
        out[theme] = float(np.mean(values))
    return out


def compute_diversity(components: np.ndarray, terms: Sequence[str], *, n_top: int = 10) -> float:
    """Topic diversity: the share of distinct words among the themes' top single words.

    The ``n_top`` heaviest single words of every theme (as in :func:`compute_coherence`) are
    pooled; 1 means no two themes share a top word, ``1 / n_themes`` that all have the same
    (Dieng, Ruiz & Blei 2020 use the top 25).

    Parameters
    ----------
    components : numpy.ndarray, shape (n_themes, n_terms)
    terms : sequence of str
    n_top : int, default 10

    Returns
    -------
    float

    Examples
    --------
    >>> compute_diversity(np.array([[1.0, 0.5, 0.0], [0.0, 0.5, 1.0]]), ["peace", "talks", "trade"], n_top=2)
    0.75
    """
    top = [terms[i] for weights in np.asarray(components, dtype=float) for i in _top_words(weights, terms, n_top)]
    return len(set(top)) / len(top) if top else float("nan")


def _top_words(weights: np.ndarray, terms: Sequence[str], n_top: int) -> np.ndarray:
    """Indices of the ``n_top`` heaviest single words of positive weight (ties: first in column order)."""
    unigram = np.array([" " not in t for t in terms])
    candidates = np.flatnonzero(unigram & (weights > 0))
    return candidates[np.argsort(-weights[candidates], kind="stable")][:n_top]


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
    scan = scan_k(X, np.asarray(terms, dtype=object), ks, method=method, n_seeds=n_seeds, subsample=subsample,
                 n_top_terms=n_top_terms, lsa_components=lsa_components, max_iter=max_iter,
                 random_state=random_state, min_stability=min_stability, n_jobs=n_jobs)  # fmt: skip
    scores, rule = choose_k(scan.scores, criterion=criterion, min_stability=min_stability, fixed=False)
    scores.attrs["rule"] = rule
    return scores
