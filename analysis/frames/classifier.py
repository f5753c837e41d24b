"""A learned frame classifier beside the lexicon: words, the lexicon's evidence and the sentences around.

:class:`FrameClassifier` is a scikit-learn estimator over a statements table (issue 13): its
features are the one tokenizer's tokens of the statement (:func:`analysis.text.tokens.tokenize`:
content words, or with ``morphemes=True`` every morpheme, particles and endings too; unigrams and,
with ``bigrams``, bigrams), optionally the lexicon's evidence for the frame (``evidence``: its own
hit, the context rule's hit, the protocol flag, a named target: the columns
:func:`analysis.frames.score_frames` writes; the model is then *stacked* on the lexicon) and the
previous and next sentences' words (prefixed ``prev:`` and ``next:``), weighed by tf-idf, optionally beside
structure columns (``structure``: :class:`~analysis.frames.structure.StructureFeatures`), and read by a logistic
regression, a calibrated linear SVM or boosted trees over the logistic regression's score (``model``). A statement is positive when the
model's probability reaches ``threshold`` (0.5, or ``"cv"``: chosen in ``fit`` by grouped
cross-validation on the training rows, :func:`choose_threshold`). The decision ``rule`` is
``"learned"`` (the model alone) or ``"either"`` (lexicon OR model). Nothing is persisted: fit at
call time; every step is deterministic.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.svm import LinearSVC

from ..statements.schema import require_columns
from ..text.tokens import tokenize
from .structure import StructureFeatures

__all__ = ["DECISION_RULES", "EVIDENCE", "MODELS", "PARAM_GRID", "THRESHOLDS", "FrameClassifier", "add_next_text", "add_previous_text",
           "build_frame_features", "choose_threshold", "decide", "predict_grouped_folds", "select_frame_params"]

#: The decision rules of :class:`FrameClassifier`: the model alone, the lexicon OR the model, or the lexicon OR
#: the model's positives that pass a check: an actor named in the sentence or the one before (the ``actor``
#: column, :func:`analysis.frames.targets.mark_actors`) or a probability of at least ``high_`` (``actor``), not
#: flagged as protocol (``veto``), or both (``actor+veto``).
DECISION_RULES = ("learned", "either", "actor", "veto", "actor+veto")
#: The parameters chosen among by grouped cross-validation (:func:`select_frame_params`); set after one
#: exploratory sweep on the 540 seen Korean rows (README), frozen before the fifth hold-out.
PARAM_GRID = ({"C": 1.0, "previous": True}, {"C": 1.0, "previous": False}, {"C": 10.0, "previous": True}, {"C": 10.0, "previous": False})
#: The models of :class:`FrameClassifier`: a logistic regression, a linear SVM whose scores are
#: calibrated into probabilities (sigmoid, 3 folds), or gradient-boosted trees (``hgb``) over the logistic
#: regression's out-of-fold probability (3 inner grouped folds), the :data:`EVIDENCE` flags and the structure columns.
MODELS = ("logistic", "svm", "hgb")
#: The lexicon's evidence features: binary columns beside the tf-idf block (not normalised with the words).
EVIDENCE = ("lex:hit", "lex:context", "lex:protocol", "lex:target")
#: The thresholds tried by :func:`choose_threshold` (``threshold="cv"``), from 0.10 to 0.90.
THRESHOLDS = tuple(round(0.1 + 0.05 * k, 2) for k in range(17))


def add_previous_text(statements: pd.DataFrame, *, column: str = "previous_text", shift: int = 1) -> pd.DataFrame:
    """A copy of ``statements`` with the text of the sentence before each one in its document.

    The sentence before is the row before in the same ``doc_id`` after ordering by ``start``
    (empty for a document's first row); ``shift=-1`` gives the sentence after
    (:func:`add_next_text`). The table must hold that sentence (a whole document, or
    :func:`analysis.evaluation.score_gold_documents_ko`'s table, which keeps the context window
    and the sentence after each gold sentence).

    Examples
    --------
    >>> table = pd.DataFrame({"doc_id": ["a", "a", "b"], "start": [5, 0, 0], "text": ["two", "one", "three"]})
    >>> add_previous_text(table)["previous_text"].tolist()
    ['one', '', '']
    """
    require_columns(statements, ("doc_id", "start", "text"))
    ordered = statements.sort_values(["doc_id", "start"], kind="stable")
    near = ordered["text"].shift(shift).where(ordered["doc_id"] == ordered["doc_id"].shift(shift), "")
    return statements.assign(**{column: near.fillna("").reindex(statements.index)})


def add_next_text(statements: pd.DataFrame, *, column: str = "next_text") -> pd.DataFrame:
    """A copy of ``statements`` with the text of the sentence after each one in its document (``""`` at the end).

    Examples
    --------
    >>> table = pd.DataFrame({"doc_id": ["a", "a", "b"], "start": [5, 0, 0], "text": ["two", "one", "three"]})
    >>> add_next_text(table)["next_text"].tolist()
    ['', 'two', '']
    """
    return add_previous_text(statements, column=column, shift=-1)


def build_frame_features(statements: pd.DataFrame, frame: str, *, language: str = "ko", previous: bool = True,
                         following: bool = False, morphemes: bool = False, bigrams: bool = True,
                         trigrams: bool = False, evidence: bool = True, target: bool = False) -> list[list[str]]:
    """The feature tokens of every statement: words, bigrams, ``lex:`` evidence, ``prev:`` and ``next:`` words.

    Parameters
    ----------
    statements : pandas.DataFrame
        ``text`` (and ``previous_text``, ``next_text``: :func:`add_previous_text`,
        :func:`add_next_text`, when ``previous``, ``following``); the lexicon's ``<frame>``,
        ``<frame>_context``, ``protocol`` and ``praise_target`` columns are read if present.
    frame : str
        The frame whose lexicon evidence is read.
    language : str, default "ko"
        The tokenizer's language.
    previous, following : bool, default True, False
        Add the previous (``prev:``) and the next (``next:``) sentence's words (unigrams).
    morphemes : bool, default False
        The tokenizer's every morpheme (``tokenize(..., morphemes=True)``), not only content words.
    bigrams : bool, default True
        Add bigrams of the statement's tokens.
    trigrams : bool, default False
        Add trigrams of the statement's tokens (n-grams of the same one tokenizer's tokens).
    evidence : bool, default True
        Add the lexicon's evidence: ``lex:hit`` (own words), ``lex:context`` (the context rule),
        ``lex:protocol``.
    target : bool, default False
        With ``evidence``, also ``lex:target`` (the lexicon named a praise target).

    Returns
    -------
    list of list of str
        One token list per row, in the table's order.

    Examples
    --------
    >>> from analysis.text.tokens import register_tokenizer
    >>> register_tokenizer("xx-split", lambda text: [(w, 0, 0) for w in text.split()])
    >>> table = pd.DataFrame({"text": ["a b"], "previous_text": ["c"], "next_text": ["d"], "f": [1], "protocol": [False]})
    >>> build_frame_features(table, "f", language="xx-split", following=True, target=True)
    [['a', 'b', 'a b', 'lex:hit', 'prev:c', 'next:d']]
    """
    require_columns(statements, ("text", *(["previous_text"] if previous else []), *(["next_text"] if following else [])))
    n = len(statements)
    hit, protocol = _flag(statements, frame), _flag(statements, "protocol")
    context, named = _filled(statements, f"{frame}_context"), _filled(statements, "praise_target", unless="unspecified")
    before = statements["previous_text"].fillna("").astype(str).tolist() if previous else [""] * n
    after = statements["next_text"].fillna("").astype(str).tolist() if following else [""] * n
    rows = []
    for k, text in enumerate(statements["text"].astype(str)):
        words = tokenize(text, language, morphemes=morphemes)
        tokens = words + ([f"{a} {b}" for a, b in zip(words, words[1:])] if bigrams else [])
        tokens += [f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:])] if trigrams else []
        if evidence:
            tokens += [name for name, on in (("lex:hit", hit[k] and not context[k]), ("lex:context", context[k]),
                                             ("lex:protocol", protocol[k]), ("lex:target", target and named[k])) if on]
        tokens += [f"prev:{word}" for word in tokenize(before[k], language, morphemes=morphemes)] if previous else []
        tokens += [f"next:{word}" for word in tokenize(after[k], language, morphemes=morphemes)] if following else []
        rows.append(tokens)
    return rows


def _flag(statements: pd.DataFrame, column: str) -> np.ndarray:
    """A 0/1 column as booleans (all False when absent)."""
    if column not in statements:
        return np.zeros(len(statements), bool)
    return statements[column].fillna(0).astype(int).to_numpy() == 1


def _filled(statements: pd.DataFrame, column: str, *, unless: str = "") -> np.ndarray:
    """Whether a text column is neither empty nor ``unless`` (all False when absent)."""
    if column not in statements:
        return np.zeros(len(statements), bool)
    values = statements[column].fillna("").astype(str)
    return (values.ne("") & values.ne(unless)).to_numpy()


def _identity(tokens):
    """The analyzer of the tf-idf step: the features are already tokens."""
    return tokens


def _f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    tp, wrong = int((gold & predicted).sum()), int((gold != predicted).sum())
    return 2 * tp / (2 * tp + wrong) if tp else 0.0


def choose_threshold(y, proba, *, thresholds=THRESHOLDS) -> float:
    """The threshold on the probability of 1 with the best F1 (ties: the one nearest 0.5, then the lower).

    Examples
    --------
    >>> choose_threshold([1, 1, 0, 0], [0.9, 0.3, 0.2, 0.1])  # 0.25 and 0.3 both separate: 0.3 is nearer 0.5
    0.3
    """
    gold, proba = np.asarray(y).astype(int), np.asarray(proba, dtype=float)
    scores = [(_f1(gold, (proba >= t).astype(int)), -abs(t - 0.5), -t) for t in thresholds]
    return float(thresholds[max(range(len(thresholds)), key=scores.__getitem__)])


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """A linear model over a statement's tokens, the lexicon's evidence and the sentences around it.

    Parameters
    ----------
    frame : str, default "leadership_praise"
        The frame learned (its lexicon columns are features with ``evidence``; under
        ``rule="either"`` its 0/1 column is OR-ed with the model).
    rule : {"learned", "either", "actor", "veto", "actor+veto"}, default "learned"
        :data:`DECISION_RULES`: the model's decision alone, or the lexicon's ``<frame>`` OR it (OR only
        its positives with an ``actor`` or a probability >= ``high_``, without the ``protocol`` flag).
    language : str, default "ko"
        The one tokenizer's language.
    previous, following : bool, default True, False
        Use the previous (``previous_text``) and next (``next_text``) sentence's words (the
        columns are added by :func:`add_previous_text` and :func:`add_next_text` when absent).
    morphemes, bigrams, trigrams, evidence, target : bool, default False, True, False, True, False
        :func:`build_frame_features`: every morpheme, bigrams, trigrams, the lexicon's evidence (stacked),
        and its praise target among the evidence.
    evidence_weight : float, optional
        The value of the :data:`EVIDENCE` columns, set beside the tf-idf block (not normalised
        with the words); None (default): the ``lex:`` tokens are in the tf-idf like words.
    structure : tuple of str, optional
        Groups of :class:`~analysis.frames.structure.StructureFeatures` (position, length, clause
        pairs, courtesy, state of affairs) added as columns after the :data:`EVIDENCE` columns, times
        ``structure_weight``; None (default): none.
    structure_weight : float, default 1.0
    model : {"logistic", "svm", "hgb"}, default "logistic"
        :data:`MODELS`: ``LogisticRegression``, ``LinearSVC`` calibrated by ``CalibratedClassifierCV`` (sigmoid, 3 folds),
        or ``HistGradientBoostingClassifier`` (depth 3, 100 trees) stacked on the logistic regression (``booster_``).
    C : float, default 1.0
        Inverse regularisation strength.
    class_weight : {"balanced", None}, default "balanced"
    threshold : float or "cv", default 0.5
        The probability of 1 from which a statement is positive; ``"cv"``: chosen in ``fit`` by
        :func:`choose_threshold` on out-of-fold probabilities of 3 folds grouped by ``doc_id``
        (by row without it) of the training rows.
    high : float or "cv", default "cv"
        Rules ``actor``: the probability from which a positive needs no actor; ``"cv"``: the one of
        :data:`THRESHOLDS` (or 1.0: never) at or above ``threshold_`` with the best F1 of the rule on
        out-of-fold probabilities of 3 grouped folds of the training rows.
    random_state : int, default 0
        Seed of the solvers and folds (the fit is deterministic).

    Attributes
    ----------
    vectorizer_ : TfidfVectorizer
        The fitted tf-idf step of the tokens (the ``lex:`` evidence is not in it).
    model_ : LogisticRegression or CalibratedClassifierCV
    structure_ : StructureFeatures or None
        The fitted structure columns (with ``structure``).
    booster_ : HistGradientBoostingClassifier or None
        With ``model="hgb"``: the trees over the linear model's probability, evidence and structure columns.
    feature_names_ : ndarray of str
        The model's columns: the vectorizer's vocabulary, then :data:`EVIDENCE`, then the structure columns.
    threshold_ : float
        The threshold used.
    high_ : float
        The probability from which the ``actor`` rules keep a positive without an actor.
    classes_ : ndarray
        ``[0, 1]``.
    n_features_ : int

    Examples
    --------
    >>> from analysis.text.tokens import register_tokenizer
    >>> register_tokenizer("xx-split", lambda text: [(w, 0, 0) for w in text.split()])
    >>> table = pd.DataFrame({"doc_id": list("abcdef"), "start": 0, "text": ["x good", "y good", "z good", "x", "y", "z"]})
    >>> model = FrameClassifier(frame="f", language="xx-split", previous=False).fit(table, [1, 1, 1, 0, 0, 0])
    >>> model.predict(pd.DataFrame({"text": ["w good", "w"]})).tolist()
    [1, 0]
    """

    def __init__(self, frame: str = "leadership_praise", *, rule: str = "learned", language: str = "ko",
                 previous: bool = True, following: bool = False, morphemes: bool = False, bigrams: bool = True,
                 trigrams: bool = False, evidence: bool = True, target: bool = False, evidence_weight: float | None = None,
                 structure: tuple[str, ...] | None = None, structure_weight: float = 1.0, model: str = "logistic", C: float = 1.0,
                 class_weight: str | None = "balanced",
                 threshold: float | str = 0.5, high: float | str = "cv", random_state: int = 0):
        self.frame = frame
        self.rule = rule
        self.language = language
        self.previous = previous
        self.following = following
        self.morphemes = morphemes
        self.bigrams = bigrams
        self.trigrams = trigrams
        self.evidence = evidence
        self.target = target
        self.evidence_weight = evidence_weight
        self.structure = structure
        self.structure_weight = structure_weight
        self.model = model
        self.C = C
        self.class_weight = class_weight
        self.threshold = threshold
        self.high = high
        self.random_state = random_state

    def _features(self, statements: pd.DataFrame) -> list[list[str]]:
        if not isinstance(statements, pd.DataFrame):
            raise TypeError(f"FrameClassifier reads a statements table (pandas.DataFrame with `text`), not {type(statements).__name__}")
        if self.previous and "previous_text" not in statements:
            statements = add_previous_text(statements)
        if self.following and "next_text" not in statements:
            statements = add_next_text(statements)
        return build_frame_features(statements, self.frame, language=self.language, previous=self.previous, following=self.following,
                                    morphemes=self.morphemes, bigrams=self.bigrams, trigrams=self.trigrams, evidence=self.evidence,
                                    target=self.target)

    def _check_params(self) -> None:
        if self.rule not in DECISION_RULES:
            raise ValueError(f"rule `{self.rule}` is not one of {', '.join(DECISION_RULES)}")
        if self.model not in MODELS:
            raise ValueError(f"model `{self.model}` is not one of {', '.join(MODELS)}")
        if self.threshold != "cv" and not (isinstance(self.threshold, (int, float)) and 0 < self.threshold < 1):
            raise ValueError(f"threshold {self.threshold!r} is neither a probability between 0 and 1 nor \"cv\"")
        if self.high != "cv" and not (isinstance(self.high, (int, float)) and 0 < self.high <= 1):
            raise ValueError(f"high {self.high!r} is neither a probability in (0, 1] nor \"cv\"")

    def fit(self, statements: pd.DataFrame, y, sample_weight=None) -> "FrameClassifier":
        """Learn from a statements table and its 0/1 hand codes ``y`` (rows weighed by ``sample_weight``); returns self."""
        self._check_params()
        labels = np.asarray(y).astype(int)
        if len(labels) != len(statements):
            raise ValueError(f"{len(labels)} labels for {len(statements)} statements; give one 0/1 code per row")
        self.vectorizer_ = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
        self.structure_ = StructureFeatures(tuple(self.structure)).fit(statements) if self.structure else None
        rows = self._features(statements)
        matrix = self._matrix(rows, statements, fit=True)
        if self.model == "svm":
            svm = LinearSVC(C=self.C, class_weight=self.class_weight, random_state=self.random_state)
            self.model_ = CalibratedClassifierCV(svm, method="sigmoid", cv=3)
        else:
            self.model_ = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=1000, random_state=self.random_state)
        weights = None if sample_weight is None else np.asarray(sample_weight, dtype=float)
        self.model_.fit(matrix, labels, sample_weight=weights)
        self.booster_ = None
        if self.model == "hgb":  # trees over the linear model's out-of-fold score, the evidence and the structure columns
            inner = self._inner_folds(statements, labels, weights, model="logistic", threshold=0.5, rule="learned")["proba"].to_numpy()
            self.booster_ = HistGradientBoostingClassifier(max_depth=3, learning_rate=0.05, class_weight=self.class_weight,
                                                           random_state=self.random_state)
            self.booster_.fit(self._stacked(inner, rows, statements), labels, sample_weight=weights)
        self.classes_ = self.model_.classes_
        extra = self.structure_.get_feature_names_out() if self.structure_ is not None else []
        self.feature_names_ = np.concatenate([self.vectorizer_.get_feature_names_out(), EVIDENCE, extra])
        self.n_features_ = matrix.shape[1]
        self.threshold_ = float(self.threshold) if self.threshold != "cv" else self._inner_threshold(statements, labels, weights)
        self.high_ = 1.0
        if "actor" in self.rule:
            self.high_ = float(self.high) if self.high != "cv" else self._inner_high(statements, labels, weights)
        return self

    def _matrix(self, rows: list[list[str]], statements: pd.DataFrame, *, fit: bool = False):
        """The tf-idf of the tokens beside :data:`EVIDENCE` columns of value ``evidence_weight`` (0 without
        a weight: the ``lex:`` tokens are then in the tf-idf, weighed like words), then the structure columns."""
        weight = self.evidence_weight
        words = rows if weight is None else [[token for token in row if not token.startswith("lex:")] for row in rows]
        block = self.vectorizer_.fit_transform(words) if fit else self.vectorizer_.transform(words)
        flags = np.array([[name in row for name in EVIDENCE] for row in rows], dtype=float).reshape(len(rows), len(EVIDENCE))
        blocks = [block, sparse.csr_matrix(flags * (weight or 0.0))]
        if getattr(self, "structure_", None) is not None:
            statements = statements if "previous_text" in statements else add_previous_text(statements)
            blocks.append(sparse.csr_matrix(self.structure_.transform(statements) * self.structure_weight))
        return sparse.hstack(blocks, format="csr")

    def _inner_folds(self, statements: pd.DataFrame, labels: np.ndarray, weights, **change) -> pd.DataFrame:
        """Out-of-fold predictions of 3 grouped folds of the training rows (parameters ``change`` changed)."""
        groups = statements["doc_id"].to_numpy() if "doc_id" in statements else np.arange(len(statements))
        inner = clone(self).set_params(**change)
        return predict_grouped_folds(statements, labels, groups, n_splits=3, random_state=self.random_state, sample_weight=weights,
                                     **{k: v for k, v in inner.get_params().items() if k != "random_state"})

    def _inner_threshold(self, statements: pd.DataFrame, labels: np.ndarray, weights) -> float:
        """The threshold of best F1 on out-of-fold probabilities of 3 grouped folds of the training rows."""
        out = self._inner_folds(statements, labels, weights, threshold=0.5, rule="learned")
        return choose_threshold(labels, out["proba"].to_numpy())

    def _inner_high(self, statements: pd.DataFrame, labels: np.ndarray, weights) -> float:
        """The ``high_`` of best F1 of the rule on inner out-of-fold probabilities (ties: the higher)."""
        out = self._inner_folds(statements, labels, weights, threshold=self.threshold_, high=1.0)
        proba, learned = out["proba"].to_numpy(), out["learned"].to_numpy()
        actor, protocol, lexicon = _flag(statements, "actor"), _flag(statements, "protocol"), out["lexicon"].to_numpy()
        candidates = [h for h in (*THRESHOLDS, 1.0) if h >= self.threshold_]
        scores = [(_f1(labels, decide(self.rule, learned, proba, lexicon, actor, protocol, h)), h) for h in candidates]
        return float(max(scores)[1])

    def predict_proba(self, statements: pd.DataFrame) -> np.ndarray:
        """The model's probabilities of ``[0, 1]`` per statement (the lexicon's OR is not in them)."""
        if not hasattr(self, "model_"):
            raise ValueError("this FrameClassifier is not fitted yet; call fit(statements, y) first")
        rows = self._features(statements)
        proba = self.model_.predict_proba(self._matrix(rows, statements))
        return proba if getattr(self, "booster_", None) is None else self.booster_.predict_proba(self._stacked(proba[:, 1], rows, statements))

    def _stacked(self, proba: np.ndarray, rows: list[list[str]], statements: pd.DataFrame) -> np.ndarray:
        """The trees' columns: the linear probability, the :data:`EVIDENCE` flags (0/1), the structure columns."""
        flags = np.array([[name in row for name in EVIDENCE] for row in rows], dtype=float).reshape(len(rows), len(EVIDENCE))
        statements = statements if "previous_text" in statements else add_previous_text(statements)
        extra = [self.structure_.transform(statements)] if self.structure_ is not None else []
        return np.column_stack([np.asarray(proba, dtype=float), flags, *extra])

    def predict(self, statements: pd.DataFrame) -> np.ndarray:
        """0/1 per statement by the decision ``rule`` (``either``: the lexicon's ``<frame>`` OR the model)."""
        proba = self.predict_proba(statements)[:, 1]
        return decide(self.rule, (proba >= self.threshold_).astype(int), proba, _flag(statements, self.frame), _flag(statements, "actor"),
                      _flag(statements, "protocol"), self.high_)


def decide(rule: str, learned, proba, lexicon, actor, protocol, high: float = 1.0) -> np.ndarray:
    """0/1 decisions of a :data:`DECISION_RULES` entry from the model's (``learned``, ``proba``) and the lexicon's columns.

    Examples
    --------
    >>> one = [1, 1, 1, 0]
    >>> decide("actor+veto", one, [0.6, 0.95, 0.6, 0.1], [0, 0, 0, 1], [1, 0, 1, 0], [0, 0, 1, 0], high=0.9).tolist()
    [1, 1, 0, 1]
    """
    learned, lexicon = np.asarray(learned).astype(bool), np.asarray(lexicon).astype(bool)
    if rule == "learned":
        return learned.astype(int)
    if "actor" in rule:
        learned = learned & (np.asarray(actor).astype(bool) | (np.asarray(proba, dtype=float) >= high))
    if "veto" in rule:
        learned = learned & ~np.asarray(protocol).astype(bool)
    return (learned | lexicon).astype(int)


def select_frame_params(statements: pd.DataFrame, y, groups, *, grid=PARAM_GRID, n_splits: int = 3,
                        random_state: int = 0, sample_weight=None, **params) -> dict:
    """The entry of ``grid`` with the best pooled out-of-fold F1 of the model (grouped folds; ties: first).

    Examples
    --------
    >>> from analysis.text.tokens import register_tokenizer
    >>> register_tokenizer("xx-split", lambda text: [(w, 0, 0) for w in text.split()])
    >>> table = pd.DataFrame({"text": ["good a", "b", "good c", "d", "good e", "f"], "previous_text": ""})
    >>> select_frame_params(table, [1, 0, 1, 0, 1, 0], ["s1", "s1", "s2", "s2", "s3", "s3"], grid=[{"C": 1.0}, {"C": 10.0}],
    ...                     frame="f", language="xx-split")
    {'C': 1.0}
    """
    scores = []
    for entry in grid:
        out = predict_grouped_folds(statements, y, groups, n_splits=n_splits, random_state=random_state, sample_weight=sample_weight,
                                    **{**params, **entry})
        scores.append(_f1(out["gold"].to_numpy(), out["decided"].to_numpy()))
    return dict(grid[int(np.argmax(scores))])


def predict_grouped_folds(statements: pd.DataFrame, y, groups, *, n_splits: int = 5, random_state: int = 0,
                          grid=None, sample_weight=None, **params) -> pd.DataFrame:
    """Out-of-fold predictions of :class:`FrameClassifier`, folds grouped (by speech: no group in two folds).

    Parameters
    ----------
    statements : pandas.DataFrame
        The coded statements (with ``previous_text``/``next_text`` or the sentences around them, and the
        lexicon's ``<frame>`` column for the ``lexicon`` and ``either`` predictions).
    y : array-like of 0/1
        The hand codes.
    groups : array-like
        The group of each row (``doc_id``): :class:`~sklearn.model_selection.StratifiedGroupKFold`
        (shuffled with ``random_state``) keeps each group in one test fold.
    n_splits : int, default 5
    random_state : int, default 0
    grid : sequence of dict, optional
        Nested cross-validation: in each training part, :func:`select_frame_params` picks the
        entry (3 inner grouped folds); the chosen entry's index is in ``choice``.
    sample_weight : array-like, optional
        A weight per row, passed to each fit (its training part's).
    **params
        :class:`FrameClassifier` parameters (``frame``, ``language``, ``C``, ``threshold``...; with
        ``threshold="cv"`` the threshold is chosen inside each training part: nested).

    Returns
    -------
    pandas.DataFrame
        One row per statement, in the input order: ``fold``, ``group``, ``gold``, ``lexicon`` (the
        ``<frame>`` column, 0 if absent), ``learned`` (the model at its threshold), ``either``
        (lexicon OR learned), ``decided`` (the ``rule`` parameter's decision), ``proba``, ``threshold``,
        ``high`` (and ``choice`` with ``grid``).

    Examples
    --------
    >>> from analysis.text.tokens import register_tokenizer
    >>> register_tokenizer("xx-split", lambda text: [(w, 0, 0) for w in text.split()])
    >>> table = pd.DataFrame({"text": ["good a", "b", "good c", "d", "good e", "f"], "previous_text": ""})
    >>> out = predict_grouped_folds(table, [1, 0, 1, 0, 1, 0], ["s1", "s1", "s2", "s2", "s3", "s3"], n_splits=3,
    ...                             frame="f", language="xx-split")
    >>> out.groupby("group")["fold"].nunique().tolist(), out["learned"].tolist()
    ([1, 1, 1], [1, 0, 1, 0, 1, 0])
    """
    labels, groups = np.asarray(y).astype(int), np.asarray(groups)
    statements = statements.reset_index(drop=True)
    if "previous_text" not in statements and params.get("previous", True):
        statements = add_previous_text(statements)
    if "next_text" not in statements and params.get("following", False):
        statements = add_next_text(statements)
    out = pd.DataFrame({"fold": -1, "group": groups, "gold": labels, "lexicon": 0, "learned": 0, "decided": 0, "proba": np.nan,
                        "threshold": np.nan, "high": np.nan})
    weights = None if sample_weight is None else np.asarray(sample_weight, dtype=float)
    out["lexicon"] = _flag(statements, params.get("frame", "leadership_praise")).astype(int)
    folds = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    for fold, (train, test) in enumerate(folds.split(statements, labels, groups)):
        chosen = {}
        if grid is not None:
            chosen = select_frame_params(statements.iloc[train], labels[train], groups[train], grid=grid, random_state=random_state,
                                         sample_weight=None if weights is None else weights[train], **params)
            out.loc[test, "choice"] = list(grid).index(chosen)
        model = FrameClassifier(**{**params, **chosen}, random_state=random_state).fit(
            statements.iloc[train], labels[train], sample_weight=None if weights is None else weights[train])
        part, proba = statements.iloc[test], model.predict_proba(statements.iloc[test])[:, 1]  # the test part's features built once
        out.loc[test, ["fold", "proba", "threshold", "high"]] = np.column_stack(
            [np.full(len(test), fold), proba, np.full(len(test), model.threshold_), np.full(len(test), model.high_)])
        out.loc[test, "learned"] = learned = (proba >= model.threshold_).astype(int)  # as `predict` with rule="learned"
        out.loc[test, "decided"] = decide(model.rule, learned, proba, _flag(part, model.frame), _flag(part, "actor"), _flag(part, "protocol"),
                                          model.high_)
    out["fold"] = out["fold"].astype(int)
    out["either"] = out["lexicon"] | out["learned"]
    return out
