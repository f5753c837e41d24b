"""A learned frame classifier beside the lexicon: words, the lexicon's evidence and the sentence before.

:class:`FrameClassifier` is a scikit-learn estimator over a statements table (issue 13): its
features are the one tokenizer's content words of the statement (unigrams and bigrams,
:func:`analysis.text.tokens.tokenize`), the lexicon's evidence for the frame (its own hit, the
context rule's hit, the protocol flag: the columns :func:`analysis.frames.score_frames` writes)
and the previous sentence's words (prefixed ``prev:``), weighed by tf-idf and read by a
logistic regression (``class_weight="balanced"``, ``C`` fixed at 1.0 unless set). The decision
``rule`` is ``"learned"`` (the model alone) or ``"either"`` (lexicon OR model: the lexicon is
precise, the model adds recall). Nothing is persisted: fit at call time.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

from ..statements.schema import require_columns
from ..text.tokens import tokenize

__all__ = ["DECISION_RULES", "PARAM_GRID", "FrameClassifier", "add_previous_text", "build_frame_features", "predict_grouped_folds",
           "select_frame_params"]

#: The decision rules of :class:`FrameClassifier`: the model alone, or the lexicon OR the model.
DECISION_RULES = ("learned", "either")
#: The parameters chosen among by grouped cross-validation (:func:`select_frame_params`); set after one
#: exploratory sweep on the 540 seen Korean rows (README), frozen before the fifth hold-out.
PARAM_GRID = ({"C": 1.0, "previous": True}, {"C": 1.0, "previous": False}, {"C": 10.0, "previous": True}, {"C": 10.0, "previous": False})


def add_previous_text(statements: pd.DataFrame, *, column: str = "previous_text") -> pd.DataFrame:
    """A copy of ``statements`` with the text of the sentence before each one in its document.

    The sentence before is the row before in the same ``doc_id`` after ordering by ``start``
    (empty for a document's first row). The table must hold that sentence (a whole document, or
    :func:`analysis.evaluation.score_gold_documents_ko`'s table, which keeps the context window).

    Examples
    --------
    >>> table = pd.DataFrame({"doc_id": ["a", "a", "b"], "start": [5, 0, 0], "text": ["two", "one", "three"]})
    >>> add_previous_text(table)["previous_text"].tolist()
    ['one', '', '']
    """
    require_columns(statements, ("doc_id", "start", "text"))
    ordered = statements.sort_values(["doc_id", "start"], kind="stable")
    before = ordered["text"].shift(1).where(ordered["doc_id"] == ordered["doc_id"].shift(1), "")
    return statements.assign(**{column: before.fillna("").reindex(statements.index)})


def build_frame_features(statements: pd.DataFrame, frame: str, *, language: str = "ko", previous: bool = True) -> list[list[str]]:
    """The feature tokens of every statement: words, bigrams, ``lex:`` evidence and ``prev:`` words.

    Parameters
    ----------
    statements : pandas.DataFrame
        ``text`` (and ``previous_text``, :func:`add_previous_text`, when ``previous``); the
        lexicon's ``<frame>``, ``<frame>_context`` and ``protocol`` columns are read if present.
    frame : str
        The frame whose lexicon evidence is read.
    language : str, default "ko"
        The tokenizer's language.
    previous : bool, default True
        Add the previous sentence's words, prefixed ``prev:``.

    Returns
    -------
    list of list of str
        One token list per row, in the table's order.

    Examples
    --------
    >>> from analysis.text.tokens import register_tokenizer
    >>> register_tokenizer("xx-split", lambda text: [(w, 0, 0) for w in text.split()])
    >>> table = pd.DataFrame({"text": ["a b"], "previous_text": ["c"], "f": [1], "protocol": [False]})
    >>> build_frame_features(table, "f", language="xx-split")
    [['a', 'b', 'a b', 'lex:hit', 'prev:c']]
    """
    require_columns(statements, ("text", *(["previous_text"] if previous else [])))
    hit = _flag(statements, frame)
    context = statements[f"{frame}_context"].fillna("").astype(str).ne("").to_numpy() if f"{frame}_context" in statements else np.zeros(len(statements), bool)
    protocol = _flag(statements, "protocol")
    before = statements["previous_text"].fillna("").astype(str).tolist() if previous else [""] * len(statements)
    rows = []
    for text, last, own, ctx, proto in zip(statements["text"].astype(str), before, hit, context, protocol):
        words = tokenize(text, language)
        tokens = words + [f"{a} {b}" for a, b in zip(words, words[1:])]
        tokens += (["lex:hit"] if own and not ctx else []) + (["lex:context"] if ctx else []) + (["lex:protocol"] if proto else [])
        tokens += [f"prev:{word}" for word in tokenize(last, language)] if previous else []
        rows.append(tokens)
    return rows


def _flag(statements: pd.DataFrame, column: str) -> np.ndarray:
    """A 0/1 column as booleans (all False when absent)."""
    if column not in statements:
        return np.zeros(len(statements), bool)
    return statements[column].fillna(0).astype(int).to_numpy() == 1


def _identity(tokens):
    """The analyzer of the tf-idf step: the features are already tokens."""
    return tokens


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """Logistic regression over a statement's words, the lexicon's evidence and the previous sentence.

    Parameters
    ----------
    frame : str, default "leadership_praise"
        The frame learned (its lexicon columns are features; under ``rule="either"`` its 0/1
        column is OR-ed with the model).
    rule : {"learned", "either"}, default "learned"
        :data:`DECISION_RULES`: the model's decision alone, or the lexicon's ``<frame>`` OR it.
    language : str, default "ko"
        The one tokenizer's language.
    previous : bool, default True
        Use the previous sentence's words (``previous_text``, added by :func:`add_previous_text`
        when the column is absent).
    C : float, default 1.0
        Inverse regularisation strength (fixed, not tuned on the gold).
    random_state : int, default 0
        Seed of the solver (the fit is deterministic).

    Attributes
    ----------
    vectorizer_ : TfidfVectorizer
        The fitted tf-idf step (vocabulary in ``vectorizer_.get_feature_names_out()``).
    model_ : LogisticRegression
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
                 previous: bool = True, C: float = 1.0, random_state: int = 0):
        self.frame = frame
        self.rule = rule
        self.language = language
        self.previous = previous
        self.C = C
        self.random_state = random_state

    def _features(self, statements: pd.DataFrame) -> list[list[str]]:
        if not isinstance(statements, pd.DataFrame):
            raise TypeError(f"FrameClassifier reads a statements table (pandas.DataFrame with `text`), not {type(statements).__name__}")
        if self.previous and "previous_text" not in statements:
            statements = add_previous_text(statements)
        return build_frame_features(statements, self.frame, language=self.language, previous=self.previous)

    def fit(self, statements: pd.DataFrame, y) -> "FrameClassifier":
        """Learn from a statements table and its 0/1 hand codes ``y``; returns self."""
        if self.rule not in DECISION_RULES:
            raise ValueError(f"rule `{self.rule}` is not one of {', '.join(DECISION_RULES)}")
        labels = np.asarray(y).astype(int)
        if len(labels) != len(statements):
            raise ValueError(f"{len(labels)} labels for {len(statements)} statements; give one 0/1 code per row")
        self.vectorizer_ = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
        matrix = self.vectorizer_.fit_transform(self._features(statements))
        self.model_ = LogisticRegression(C=self.C, class_weight="balanced", max_iter=1000, random_state=self.random_state)
        self.model_.fit(matrix, labels)
        self.classes_ = self.model_.classes_
        self.n_features_ = matrix.shape[1]
        return self

    def predict_proba(self, statements: pd.DataFrame) -> np.ndarray:
        """The model's probabilities of ``[0, 1]`` per statement (the lexicon's OR is not in them)."""
        if not hasattr(self, "model_"):
            raise ValueError("this FrameClassifier is not fitted yet; call fit(statements, y) first")
        return self.model_.predict_proba(self.vectorizer_.transform(self._features(statements)))

    def predict(self, statements: pd.DataFrame) -> np.ndarray:
        """0/1 per statement by the decision ``rule`` (``either``: the lexicon's ``<frame>`` OR the model)."""
        proba = self.predict_proba(statements)
        learned = self.classes_[proba.argmax(axis=1)].astype(int)
        if self.rule == "either":
            learned = learned | _flag(statements, self.frame).astype(int)
        return learned


def select_frame_params(statements: pd.DataFrame, y, groups, *, grid=PARAM_GRID, n_splits: int = 3,
                        random_state: int = 0, **params) -> dict:
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
        out = predict_grouped_folds(statements, y, groups, n_splits=n_splits, random_state=random_state, **{**params, **entry})
        tp, wrong = int((out["gold"] & out["learned"]).sum()), int((out["gold"] != out["learned"]).sum())
        scores.append(2 * tp / (2 * tp + wrong) if tp else 0.0)
    return dict(grid[int(np.argmax(scores))])


def predict_grouped_folds(statements: pd.DataFrame, y, groups, *, n_splits: int = 5, random_state: int = 0,
                          grid=None, **params) -> pd.DataFrame:
    """Out-of-fold predictions of :class:`FrameClassifier`, folds grouped (by speech: no group in two folds).

    Parameters
    ----------
    statements : pandas.DataFrame
        The coded statements (with ``previous_text`` or the sentences before them, and the
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
    **params
        :class:`FrameClassifier` parameters (``frame``, ``language``, ``C``...).

    Returns
    -------
    pandas.DataFrame
        One row per statement, in the input order: ``fold``, ``group``, ``gold``, ``lexicon`` (the
        ``<frame>`` column, 0 if absent), ``learned``, ``either`` (lexicon OR learned), ``proba`` (and ``choice`` with ``grid``).

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
    out = pd.DataFrame({"fold": -1, "group": groups, "gold": labels, "lexicon": 0, "learned": 0, "proba": np.nan})
    frame = params.get("frame", "leadership_praise")
    out["lexicon"] = _flag(statements, frame).astype(int)
    folds = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    for fold, (train, test) in enumerate(folds.split(statements, labels, groups)):
        chosen = {}
        if grid is not None:
            chosen = select_frame_params(statements.iloc[train], labels[train], groups[train], grid=grid, random_state=random_state, **params)
            out.loc[test, "choice"] = list(grid).index(chosen)
        model = FrameClassifier(**{**params, **chosen}, random_state=random_state).fit(statements.iloc[train], labels[train])
        proba = model.predict_proba(statements.iloc[test])  # the test part's features built once
        out.loc[test, ["fold", "proba"]] = np.column_stack([np.full(len(test), fold), proba[:, 1]])
        # the model's own decision (as `predict` with rule="learned"); "either" is added below
        out.loc[test, "learned"] = model.classes_[proba.argmax(axis=1)].astype(int)
    out["fold"] = out["fold"].astype(int)
    out["either"] = out["lexicon"] | out["learned"]
    return out
