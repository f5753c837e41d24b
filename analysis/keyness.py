"""Distinctive language: keyness between any groups of statements.

:func:`compute_keyness` compares the words of a target group with a reference (another group,
several, or the rest), or every group with the rest, by one of two methods:

``log-odds`` (default)
    The weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
    2008, "Fightin' words", eqs. 16 and 18-22). With ``y_w`` the count of word ``w`` in a group,
    ``n`` the group's total, ``b_w`` the word's count in a background corpus and ``B`` its total,
    the prior of group ``g`` is ``a_gw = a0_g * (b_w + s) / (B + s V)`` (``s`` =
    ``prior_smoothing`` keeps words absent from the background finite; ``V`` the vocabulary).
    The prior's total weight ``a0_g`` is set by ``prior_scale``:

    * ``"class-size"`` (default; scattertext's "class-size" scaling): ``a0_g = n_g``, each
      group's own number of words, so the prior weighs as much as the group's data;
    * ``"background"``: ``a0_g = B + s V`` for both groups, the background's own size, so the
      prior counts are the (smoothed) background counts ``b_w + s`` themselves;
    * a positive number: that ``a0`` for both groups.

    Then for target ``i`` and reference ``j``::

        delta_w = log((y_iw + a_iw) / (n_i + a0_i - y_iw - a_iw)) - log((y_jw + a_jw) / (n_j + a0_j - y_jw - a_jw))
        var_w  ~= 1 / (y_iw + a_iw) + 1 / (y_jw + a_jw)
        score  = delta_w / sqrt(var_w)          (a z-score; p_value = 2 * (1 - Phi(|score|)))

    By default the background is the analysis corpus's own statements; the command line and
    notebook 02 use the full press-conference collection (corpus press conferences + background).
``chi2``
    Pearson's chi-squared of the 2 x 2 table (word vs other words, target vs reference), with
    Yates' correction by default, signed positive when the word is relatively more frequent in
    the target, and its p-value. Where an expected count of the table is below 5
    (``small_expected``; with a small group that is most words) the chi-squared approximation
    fails (a word said 0 vs 2 times by a 1,200-word group gets p ~ 1e-60), so those words get
    **Fisher's exact test** (two-sided, conditional on the margins: valid at any count; the
    likelihood-ratio G-test was not chosen because it leans on the same large-sample
    approximation), ``test="fisher"``, and their ``score`` is the signed chi-squared value
    whose p-value is the exact one, so ranking and thresholds follow the valid test.

For every method ``p_adjusted`` holds Benjamini–Hochberg adjusted p-values (false discovery
rate, over the words of one comparison) beside the raw ``p_value``: with some 10,000 words
tested, raw p < 0.05 flags hundreds by chance. Both return the raw counts beside each score. :func:`analysis.plots.keyness.plot_keyness` draws a "fightin' words"
plot: score against frequency, the top terms of each side labelled.
"""

from __future__ import annotations

import functools
import warnings
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.feature_extraction.text import CountVectorizer

from .inputs.corpus import load_corpus
from .statements.schema import TURN_GENRES
from .text.tokens import is_term, tokenize

__all__ = ["KEYNESS_COLUMNS", "compute_keyness", "load_background", "select_top_terms", "tokenize_terms"]

#: Columns of :func:`compute_keyness`.
KEYNESS_COLUMNS = (
    "group",
    "reference",
    "term",
    "count_group",
    "count_reference",
    "total_group",
    "total_reference",
    "per_10k_group",
    "per_10k_reference",
    "background_count",
    "prior",
    "delta",
    "se",
    "score",
    "p_value",
    "p_adjusted",
    "test",
    "small_expected",
    "method",
)


def load_background(background_dir, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The background corpus for the prior: ``background_dir``'s documents plus the press
    conferences (and other turn-taking genres) of the analysed ``documents``.

    With the shipped corpus this is the full collection of 500 press-conference transcripts:
    the 203 in ``corpus/documents/mfa`` and the 297 in ``corpus/background/press-conferences``.

    Parameters
    ----------
    background_dir : str or Path
        A corpus folder (:func:`analysis.inputs.corpus.load_corpus`; its errors are raised as they are).
    documents : pandas.DataFrame, optional
        The documents table of the corpus being analysed.

    Returns
    -------
    pandas.DataFrame
        A documents table, for ``compute_keyness(..., background=...)``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "b.txt").write_text("---\\nid: b\\ndate: 2020-01-02\\ntitle: T\\nsource: S\\n"
    ...     "genre: press-conference\\nlanguage: en\\n---\\nQ: Any comment?\\n", encoding="utf-8")
    >>> docs = pd.DataFrame({"doc_id": ["a", "r"], "genre": ["press-conference", "readout"], "text": ["A: Yes.", "He said."]})
    >>> load_background(folder, docs)["doc_id"].tolist()
    ['a', 'b']
    """
    loaded = load_corpus(background_dir)
    if documents is None:
        return loaded
    return pd.concat([documents[documents["genre"].isin(TURN_GENRES)], loaded], ignore_index=True)


def _as_texts(background) -> list[str]:
    if background is None:
        return []
    if isinstance(background, pd.DataFrame):
        if "text" not in background.columns:
            raise KeyError("the background table needs a `text` column (a documents or statements table)")
        return background["text"].fillna("").astype(str).tolist()
    if isinstance(background, str):
        raise TypeError("background must be a table or a list of texts, not one string")
    return [str(t) for t in background]


def _labels(groups, available: list[str], by: str, role: str) -> list[str]:
    wanted = [groups] if isinstance(groups, str) else list(groups)
    unknown = [g for g in wanted if g not in available]
    if unknown:
        raise ValueError(
            f"unknown {role} group(s) {unknown} in column `{by}`; available: {', '.join(available) or 'none'}"
        )
    if not wanted:
        raise ValueError(f"no {role} group given")
    return wanted


def _pairs(labels: pd.Series, by: str, target, reference, missing: str) -> list[tuple[list[str], list[str]]] | None:
    """The (target groups, reference groups) to compare; None (warned) when there is nothing to compare."""
    available = sorted(labels.dropna().unique())
    if target is None:
        if len(available) < 2:
            warnings.warn(f"keyness: column `{by}` has {len(available)} group(s) ({', '.join(available) or 'none'}): "
                          "no group to compare against; the table is empty", UserWarning, stacklevel=3)
            return None
        return [([g], [h for h in available if h != g]) for g in available]
    try:
        wanted = _labels(target, available, by, "target")
        others = [g for g in available if g not in wanted] if isinstance(reference, str) and reference == "rest" else _labels(reference, available, by, "reference")
        if not others:
            raise ValueError(f"no reference group left for {wanted} in column `{by}`; there is only one group")
    except ValueError as error:
        if missing == "raise":
            raise
        warnings.warn(f"keyness: {error}; the table is empty", UserWarning, stacklevel=3)
        return None
    overlap = set(wanted) & set(others)
    if overlap:
        raise ValueError(f"group(s) {sorted(overlap)} are both target and reference; give disjoint groups")
    return [(wanted, others)]


def compute_keyness(
    statements: pd.DataFrame,
    *,
    by: str = "voice",
    target: str | Sequence[str] | None = "CN",
    reference: str | Sequence[str] = "rest",
    method: str = "log-odds",
    background: pd.DataFrame | Iterable[str] | None = None,
    prior_scale: str | float = "class-size",
    prior_smoothing: float = 0.5,
    min_count: int = 1,
    ngram_range: tuple[int, int] = (1, 1),
    stop_words: str | list | None = None,
    correction: bool = True,
    language: str = "en",
    missing: str = "raise",
) -> pd.DataFrame:
    """Keyness of every word for one group (or several) against a reference.

    Parameters
    ----------
    statements : pandas.DataFrame
        Needs ``text`` and the ``by`` column.
    by : str, default "voice"
        Grouping column: ``voice``, ``side``, ``speaker``, ``voice_speaker``, ``doc_id`` ...
    target : str, list of str or None, default "CN"
        The group (or union of groups) whose distinctive words are scored; None scores every
        group against all the others (one-vs-rest, stacked, for any number of groups).
    reference : str, list of str or "rest", default "rest"
        The comparison group(s); ``"rest"`` is every other group of ``by``.
    method : {"log-odds", "chi2"}
    background : table or iterable of str, optional
        Texts for the log-odds prior (a documents table or texts); default: the statements
        themselves.
    prior_scale : {"class-size", "background"} or float, default "class-size"
        The prior's total weight ``a0`` (see the module notes): ``"class-size"`` each group's
        own word count (as scattertext; the default, as before), ``"background"`` the
        background's word count (prior counts = smoothed background counts), or a positive
        number used for both groups. A larger ``a0`` shrinks rare words' scores more; the
        top of the lists changes between the options.
    prior_smoothing : float, default 0.5
        Pseudo-count added to every background count before scaling.
    min_count : int, default 1
        Keep words seen at least this often in target + reference together.
    ngram_range : tuple, default (1, 1)
        Word n-grams (as in scikit-learn's CountVectorizer).
    stop_words : str, list or None
        Passed to CountVectorizer (``"english"`` removes function words); default keeps all.
    correction : bool, default True
        Yates' continuity correction for ``chi2`` (words with an expected count below 5 get
        Fisher's exact test instead).
    language : str, default "en"
        The language of the texts: the one tokenizer reads them in it (``ko``: content words).
    missing : {"raise", "empty"}, default "raise"
        When ``target`` or ``reference`` names a group the table lacks (or no reference is
        left): ``"raise"`` a ValueError; ``"empty"`` warn and return an empty table (a notebook
        run on a corpus without that group goes on and says so).

    Returns
    -------
    pandas.DataFrame
        :data:`KEYNESS_COLUMNS`: ``group`` and ``reference`` (labels, ``+``-joined when several),
        ``term``, the raw counts and totals, rates per 10,000 words, ``background_count`` and
        ``prior`` (the target's ``a_w``; NaN for chi2), ``delta`` (log-odds ratio; for chi2 the
        log ratio of smoothed rates), ``se``, ``score`` (z, or signed chi-squared: for Fisher
        rows the chi-squared value of the exact p), ``p_value`` (two-sided), ``p_adjusted``
        (Benjamini–Hochberg over the words of the comparison, after ``min_count``), ``test``
        (``"z"``, ``"chi2"`` or ``"fisher"``: what gave ``p_value``), ``small_expected`` (an
        expected count of the word's 2 x 2 table is below 5), ``method``; sorted by group, then
        score descending, then term.

    Raises
    ------
    ValueError
        Naming the unknown groups and the available ones, or an empty group.

    Examples
    --------
    >>> st = pd.DataFrame({"voice": ["CN", "CN", "ROK"], "text": ["uphold multilateralism",
    ...     "uphold dialogue", "appreciate China's role"]})
    >>> key = compute_keyness(st, target="CN", reference="ROK")
    >>> key[["term", "count_group", "count_reference"]].head(2).values.tolist()
    [['uphold', 2, 0], ['dialogue', 1, 0]]
    >>> compute_keyness(st, target="US")
    Traceback (most recent call last):
    ...
    ValueError: unknown target group(s) ['US'] in column `voice`; available: CN, ROK
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     len(compute_keyness(st, target="US", missing="empty"))
    0
    """
    if method not in ("log-odds", "chi2"):
        raise ValueError(f"method must be 'log-odds' or 'chi2', not {method!r}")
    if missing not in ("raise", "empty"):
        raise ValueError(f"missing must be 'raise' or 'empty', not {missing!r}")
    for column in ("text", by):
        if column not in statements.columns:
            raise KeyError(f"statements lack column `{column}`; group by one of {', '.join(map(str, statements.columns))}")
    labels = statements[by].astype(str).where(statements[by].notna(), None)
    pairs = _pairs(labels, by, target, reference, missing)
    if pairs is None:  # nothing to compare: an empty table, said aloud
        return pd.DataFrame({column: [] for column in KEYNESS_COLUMNS})
    texts = statements["text"].fillna("").astype(str)
    back = _as_texts(background)
    vectorizer = CountVectorizer(tokenizer=functools.partial(tokenize_terms, language=language), lowercase=False, token_pattern=None, ngram_range=ngram_range, stop_words=stop_words)
    vectorizer.fit(list(texts) + back)
    terms = vectorizer.get_feature_names_out()
    counts = vectorizer.transform(texts)
    background_counts = np.asarray(vectorizer.transform(back).sum(axis=0)).ravel() if back else np.asarray(counts.sum(axis=0)).ravel()
    tables = []
    for group, other in pairs:
        if not other:
            raise ValueError(f"no reference group left for {group} in column `{by}`; there is only one group")
        in_group = labels.isin(group).to_numpy()
        in_other = labels.isin(other).to_numpy()
        y_i = np.asarray(counts[in_group].sum(axis=0)).ravel().astype(float)
        y_j = np.asarray(counts[in_other].sum(axis=0)).ravel().astype(float)
        for name, y in (("+".join(group), y_i), ("+".join(other), y_j)):
            if y.sum() == 0:
                raise ValueError(f"group {name} of `{by}` has no words to compare; choose groups with statements")
        table = _score(terms, y_i, y_j, background_counts.astype(float), method, prior_scale, prior_smoothing, correction)
        table.insert(0, "reference", "+".join(other))
        table.insert(0, "group", "+".join(group))
        keep = (table["count_group"] + table["count_reference"]) >= max(min_count, 1)
        table = table[keep].copy()
        table["p_adjusted"] = stats.false_discovery_control(table["p_value"].to_numpy(), method="bh") if len(table) else []
        tables.append(table.sort_values(["score", "term"], ascending=[False, True], kind="stable"))
    out = pd.concat(tables, ignore_index=True)
    return out[list(KEYNESS_COLUMNS)]


def _prior_weights(prior_scale, n_i: float, n_j: float, smoothed_total: float) -> tuple[float, float]:
    """``a0`` of the target and of the reference for a ``prior_scale`` option."""
    if isinstance(prior_scale, str):
        if prior_scale == "class-size":
            return n_i, n_j
        if prior_scale == "background":
            return smoothed_total, smoothed_total
    elif isinstance(prior_scale, (int, float, np.number)) and not isinstance(prior_scale, bool) and prior_scale > 0:
        return float(prior_scale), float(prior_scale)
    raise ValueError(f"prior_scale must be 'class-size', 'background' or a positive number, not {prior_scale!r}")


def _fisher_two_sided(y_i: np.ndarray, y_j: np.ndarray, n_i: float, n_j: float) -> np.ndarray:
    """Two-sided Fisher exact p-values of many 2 x 2 tables with the same group totals.

    For each word, the hypergeometric law of its count in the target given its total count;
    the p-value sums the probabilities of the tables no more probable than the observed one
    (relative tolerance 1e-7, as R's fisher.test), vectorized over the words' supports.
    """
    total = int(n_i + n_j)
    word = (y_i + y_j).astype(np.int64)
    low = np.maximum(0, word - int(n_j))
    high = np.minimum(word, int(n_i))
    sizes = high - low + 1
    owner = np.repeat(np.arange(len(word)), sizes)
    starts = np.cumsum(sizes) - sizes
    support = low[owner] + np.arange(sizes.sum()) - starts[owner]
    log_pmf = stats.hypergeom.logpmf(support, total, int(n_i), word[owner])
    log_observed = stats.hypergeom.logpmf(y_i.astype(np.int64), total, int(n_i), word)
    keep = log_pmf <= log_observed[owner] + np.log1p(1e-7)
    p = np.bincount(owner, weights=np.where(keep, np.exp(log_pmf), 0.0), minlength=len(word))
    return np.minimum(p, 1.0)


def _score(terms, y_i, y_j, background, method, prior_scale, prior_smoothing, correction) -> pd.DataFrame:
    n_i, n_j = y_i.sum(), y_j.sum()
    table = pd.DataFrame(
        {
            "term": terms,
            "count_group": y_i.astype("int64"),
            "count_reference": y_j.astype("int64"),
            "total_group": int(n_i),
            "total_reference": int(n_j),
            "per_10k_group": 1e4 * y_i / n_i,
            "per_10k_reference": 1e4 * y_j / n_j,
            "background_count": background.astype("int64"),
        }
    )
    observed = np.stack([y_i, n_i - y_i, y_j, n_j - y_j], axis=1)
    total = n_i + n_j
    word = y_i + y_j
    expected = np.stack([word * n_i / total, (total - word) * n_i / total, word * n_j / total, (total - word) * n_j / total], axis=1)
    small = (expected < 5).any(axis=1)
    if method == "log-odds":
        smoothed = background + prior_smoothing
        share = smoothed / smoothed.sum()
        a0_i, a0_j = _prior_weights(prior_scale, n_i, n_j, smoothed.sum())
        alpha_i, alpha_j = a0_i * share, a0_j * share
        delta = np.log((y_i + alpha_i) / (n_i + a0_i - y_i - alpha_i)) - np.log((y_j + alpha_j) / (n_j + a0_j - y_j - alpha_j))
        se = np.sqrt(1 / (y_i + alpha_i) + 1 / (y_j + alpha_j))
        score = delta / se
        table["prior"] = alpha_i
        table["delta"] = delta
        table["se"] = se
        table["score"] = score
        table["p_value"] = 2 * stats.norm.sf(np.abs(score))
        table["test"] = "z"
    else:
        difference = np.abs(observed - expected)
        if correction:
            difference = np.maximum(difference - 0.5, 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            chi2 = np.where(expected > 0, difference**2 / expected, 0).sum(axis=1)
        sign = np.sign(y_i / n_i - y_j / n_j)
        p_value = stats.chi2.sf(chi2, 1)
        exact = np.full(len(y_i), np.nan)
        exact[small] = _fisher_two_sided(y_i[small], y_j[small], n_i, n_j)
        p_value = np.where(small, exact, p_value)
        # the chi-squared value of the exact p (floored at the smallest float: a finite score)
        exact_chi2 = stats.chi2.isf(np.maximum(np.nan_to_num(exact, nan=1.0), np.finfo(float).tiny), 1)
        table["prior"] = np.nan
        table["delta"] = np.log((y_i + 0.5) / (n_i + 0.5)) - np.log((y_j + 0.5) / (n_j + 0.5))
        table["se"] = np.nan
        table["score"] = sign * np.where(small, exact_chi2, chi2)
        table["p_value"] = p_value
        table["test"] = np.where(small, "fisher", "chi2")
    table["small_expected"] = small
    table["method"] = method
    return table


def tokenize_terms(text: str, language: str = "en") -> list[str]:
    """The terms keyness counts: :func:`analysis.text.tokens.tokenize`, tokens of two or more
    characters with a letter ("US", "5G", "19th", "covid-19"; not "2019").

    Examples
    --------
    >>> tokenize_terms("The US and us in 2019: 5G.")
    ['the', 'US', 'and', 'us', 'in', '5G']
    """
    return [token for token in tokenize(text, language) if is_term(token)]


def select_top_terms(keyness: pd.DataFrame, top: int, *, both_ends: bool = True) -> pd.DataFrame:
    """The ``top`` highest-scoring terms of each group (and the ``top`` lowest with ``both_ends``),
    in the order of :func:`compute_keyness` (scores highest first): the terms a table or a figure shows.

    Examples
    --------
    >>> table = pd.DataFrame({"group": ["A"] * 4 + ["B"] * 2, "term": list("wxyzuv"), "score": [3, 1, -1, -2, 2, 1]})
    >>> select_top_terms(table, 1)["term"].tolist(), select_top_terms(table, 1, both_ends=False)["term"].tolist()
    (['w', 'z', 'u', 'v'], ['w', 'u'])
    """
    parts = [pd.concat([part.head(top), part.tail(top)]) if both_ends else part.head(top)
             for _, part in keyness.groupby("group", sort=False)]
    return pd.concat(parts).drop_duplicates(["group", "term"]) if parts else keyness.head(0)
