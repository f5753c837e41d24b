"""Structure features of a Korean statement for the praise model: where it stands, how long it is, what its clauses pair.

The praise model (:class:`~analysis.frames.classifier.FrameClassifier`) reads a bag of morphemes;
its errors on the eighth and ninth hold-outs were about structure (README, "The eighth and ninth
hold-outs, measured once"): courtesies (thanks for hospitality, the closing "감사합니다."), states of
affairs with no actor credited, and credit given without a praise word. :class:`StructureFeatures`
is a scikit-learn transformer that turns a statements table into a few numeric columns, each group
of :data:`STRUCTURE_GROUPS` optional:

* ``position``: the sentence is among the first or last ``edge`` sentences of its document (greetings
  and closing thanks are courtesies), and its relative place (columns ``sentence_index`` and
  ``sentences_after``, written by :func:`add_positions`; computed from the table when absent);
* ``length``: its number of words (어절, capped at 60, over 60) and whether it has at most 4;
* ``clause``: clause-level pairs: the sentence is cut into clauses at the connective endings
  (``EC`` morphemes of the one tokenizer, :func:`analysis.text.tokens.tokenize_spans`) and at
  commas; a clause pairs a praise word (the lexicon YAML's lists ``performance``, ``leader_word``:
  a deed; ``praise_act``, ``thanks_respect``: an act) with an actor (a praise target of the lexicon,
  a registered speaker alias, or a word of its list ``addressee``), marked or not by a particle
  (께/에게/에/의/께서/이/가/은/는/도) right after it;
* ``courtesy``: thanks in a clause with a courtesy object (the list ``courtesy_object``: 환대, 초청,
  우정 …) and a short thanks with nothing else (the closing "감사합니다."): features, not vetoes;
* ``state``: a thing as subject (the lists ``aggregate_subject``, ``relation_subject``,
  ``thing_subject``: 수출은, 관계가, 성과가 …) with no actor in the sentence;
* ``context``: the sentence before (``previous_text``) pairs a deed with an actor in a clause, and this
  sentence praises or thanks with no actor of its own (thanks whose object is in the sentence before).

Every word list is read from the lexicon YAML (default ``analysis/lexicons/frames.ko.yaml``); none is
written here. Results per sentence are cached (the same sentence is transformed in every fold).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from sklearn.base import BaseEstimator, TransformerMixin

from ..inputs.speakers import load_speakers
from ..paths import FRAMES_LEXICON_KO, SPEAKERS
from ..statements.schema import require_columns
from ..text.tokens import n_words, tokenize_spans
from .lexicon import as_lexicon
from .targets import find_mentions

__all__ = ["STRUCTURE_FEATURES", "STRUCTURE_GROUPS", "StructureFeatures", "add_positions", "load_structure_words"]

#: The feature groups of :class:`StructureFeatures`, in column order.
STRUCTURE_GROUPS = ("position", "length", "clause", "courtesy", "state", "context")
#: The columns of each group (``get_feature_names_out`` gives those of the groups chosen).
STRUCTURE_FEATURES = {
    "position": ("pos:first", "pos:last", "pos:relative"),
    "length": ("len:words", "len:short"),
    "clause": ("clause:deed_actor", "clause:act_actor", "clause:deed_act", "clause:actor_marked", "clause:praise_no_actor"),
    "courtesy": ("courtesy:object", "courtesy:closing"),
    "state": ("state:thing_subject",),
    "context": ("ctx:prev_credit", "ctx:thanks_after_credit"),
}
#: The lexicon YAML's lists read by each word class (``load_structure_words``).
_WORD_LISTS = {"deed": ("performance", "leader_word"), "act": ("praise_act", "thanks_respect"),
               "courtesy": ("courtesy_object",), "thing": ("aggregate_subject", "relation_subject", "thing_subject"),
               "addressee": ("addressee",)}
_FLAG_KEYS = STRUCTURE_FEATURES["clause"] + STRUCTURE_FEATURES["courtesy"] + STRUCTURE_FEATURES["state"]
_THANKS = re.compile(r"감사|고맙|고마")
_MARKED = re.compile(r"\s?(?:님|님들)?(?:께서|께|에게|에|의|이|가|은|는|도)(?![가-힣])")


def add_positions(statements: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``statements`` with ``sentence_index`` (0 for a document's first row, by ``start``) and
    ``sentences_after`` (the rows after it in its document).

    Run it on whole documents (the gold's documents before any row is dropped).

    Examples
    --------
    >>> table = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "start": [9, 0, 20, 0]})
    >>> add_positions(table)[["sentence_index", "sentences_after"]].values.tolist()
    [[1, 1], [0, 2], [2, 0], [0, 0]]
    """
    require_columns(statements, ("doc_id", "start"))
    ordered = statements.sort_values(["doc_id", "start"], kind="stable")
    index = ordered.groupby("doc_id", sort=False).cumcount()
    after = ordered.groupby("doc_id", sort=False)["start"].transform("size") - 1 - index
    return statements.assign(sentence_index=index.reindex(statements.index).astype(int),
                             sentences_after=after.reindex(statements.index).astype(int))


@functools.lru_cache(maxsize=8)
def load_structure_words(path: str | Path | None = None) -> dict[str, tuple[str, ...]]:
    """The word classes of :class:`StructureFeatures` from a lexicon YAML's ``lists`` (default: the Korean lexicon).

    Returns
    -------
    dict
        ``deed``, ``act``, ``courtesy``, ``thing``, ``addressee`` -> phrases (a list absent from the file gives none).

    Examples
    --------
    >>> words = load_structure_words()
    >>> "노고" in words["deed"] and "감사" in words["act"] and "환대" in words["courtesy"]
    True
    """
    path = Path(path) if path is not None else FRAMES_LEXICON_KO
    lists = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("lists") or {}
    if not isinstance(lists, dict):
        raise ValueError(f"{path}: `lists` must map list names to lists of phrases")
    return {word_class: tuple(dict.fromkeys(str(w) for name in names for w in lists.get(name) or ()))
            for word_class, names in _WORD_LISTS.items()}


@functools.lru_cache(maxsize=8)
def _patterns(path: str) -> dict[str, re.Pattern]:
    """One pattern per word class: a phrase at a word start, its words with or without a space between."""
    out = {}
    for word_class, phrases in load_structure_words(path).items():
        forms = sorted({r"\s*".join(map(re.escape, p.split())) for p in phrases}, key=len, reverse=True)
        out[word_class] = re.compile(r"(?<![가-힣])(?:" + "|".join(forms) + ")") if forms else re.compile(r"(?!x)x")
    return out


@functools.lru_cache(maxsize=8)
def _resources(lexicon_path: str, speakers_path: str):
    return as_lexicon(lexicon_path), load_speakers(speakers_path)


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clause spans: cut after each connective ending (``/EC``) and at each comma."""
    cuts = {0, len(text)} | {m.end() for m in re.finditer(r"[,，]", text)}
    cuts |= {end for token, _, end in tokenize_spans(text, "ko", morphemes=True) if token.endswith("/EC")}
    edges = sorted(cuts)
    return [(a, b) for a, b in zip(edges, edges[1:]) if text[a:b].strip()]


@functools.lru_cache(maxsize=1 << 16)
def _sentence_flags(text: str, date, lexicon_path: str, speakers_path: str) -> tuple[float, ...]:
    """The ``clause``, ``courtesy`` and ``state`` columns of one sentence."""
    lexicon, registry = _resources(lexicon_path, speakers_path)
    pattern = _patterns(lexicon_path)
    actors = [(a, b) for a, b, _, _ in find_mentions(lexicon, registry, [text], [date], [0])[0]]
    actors += [m.span() for m in pattern["addressee"].finditer(text)]
    flags = dict.fromkeys(_FLAG_KEYS, 0.0)
    praised = False
    for a, b in _clauses(text):
        deed, act = bool(pattern["deed"].search(text, a, b)), bool(pattern["act"].search(text, a, b))
        inside = [(s, e) for s, e in actors if s >= a and e <= b]
        if deed or act:
            praised = praised or bool(inside)
            flags["clause:deed_actor"] = max(flags["clause:deed_actor"], float(deed and bool(inside)))
            flags["clause:act_actor"] = max(flags["clause:act_actor"], float(act and bool(inside)))
            flags["clause:deed_act"] = max(flags["clause:deed_act"], float(deed and act))
            if any(_MARKED.match(text, e) for _, e in inside):
                flags["clause:actor_marked"] = 1.0
        if _THANKS.search(text, a, b) and pattern["courtesy"].search(text, a, b):
            flags["courtesy:object"] = 1.0
    any_praise = bool(pattern["deed"].search(text) or pattern["act"].search(text))
    flags["clause:praise_no_actor"] = float(any_praise and not praised)
    flags["courtesy:closing"] = float(bool(_THANKS.search(text)) and n_words(text, "ko") <= 2)
    flags["state:thing_subject"] = float(bool(pattern["thing"].search(text)) and not actors)
    return tuple(flags.values())


class StructureFeatures(TransformerMixin, BaseEstimator):
    """Numeric structure columns of a Korean statements table (:data:`STRUCTURE_FEATURES`).

    Parameters
    ----------
    groups : tuple of str, default :data:`STRUCTURE_GROUPS`
        The groups of columns, among ``position``, ``length``, ``clause``, ``courtesy``, ``state``.
    edge : int, default 2
        ``pos:first`` / ``pos:last``: among the first / last ``edge`` sentences of the document.
    lexicon : str or Path, optional
        The lexicon YAML whose lists and targets are read (default ``analysis/lexicons/frames.ko.yaml``).
    speakers : str or Path, optional
        The speakers file whose aliases are actors (default ``corpus/speakers.yaml``).

    Attributes
    ----------
    feature_names_ : ndarray of str
        The columns, in order.
    n_features_in_ : int
        Always 0 (the input is a table of text, not numeric columns).

    Examples
    --------
    >>> table = pd.DataFrame({"doc_id": "a", "start": [0, 10], "text": ["국민 여러분!", "감사합니다."]})
    >>> model = StructureFeatures(groups=("position", "courtesy")).fit(table)
    >>> model.get_feature_names_out().tolist()
    ['pos:first', 'pos:last', 'pos:relative', 'courtesy:object', 'courtesy:closing']
    >>> model.transform(table).tolist()  # two sentences: both among the first and the last 2; the closing thanks alone
    [[1.0, 1.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 0.0, 1.0]]
    """

    def __init__(self, groups: tuple[str, ...] = STRUCTURE_GROUPS, *, edge: int = 2, lexicon: str | Path | None = None,
                 speakers: str | Path | None = None):
        self.groups = groups
        self.edge = edge
        self.lexicon = lexicon
        self.speakers = speakers

    def fit(self, statements: pd.DataFrame, y=None) -> "StructureFeatures":
        """Check the groups and the table; nothing is learned (returns self)."""
        unknown = [group for group in self.groups if group not in STRUCTURE_GROUPS]
        if unknown:
            raise ValueError(f"structure group `{unknown[0]}` is not one of {', '.join(STRUCTURE_GROUPS)}")
        require_columns(statements, ("text",))
        self.feature_names_ = np.array([name for group in STRUCTURE_GROUPS if group in self.groups for name in STRUCTURE_FEATURES[group]])
        self.n_features_in_ = 0
        return self

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """The names of the columns of :meth:`transform`."""
        if not hasattr(self, "feature_names_"):
            raise ValueError("this StructureFeatures is not fitted yet; call fit(statements) first")
        return self.feature_names_

    def transform(self, statements: pd.DataFrame) -> np.ndarray:
        """The columns of :meth:`get_feature_names_out`, one row per statement (float)."""
        names = self.get_feature_names_out()
        require_columns(statements, ("text",))
        texts = statements["text"].fillna("").astype(str).tolist()
        columns: dict[str, list[float]] = {}
        if "position" in self.groups:
            columns.update(self._positions(statements))
        if "length" in self.groups:
            counts = [n_words(text, "ko") for text in texts]
            columns.update({"len:words": [min(c, 60) / 60 for c in counts], "len:short": [float(c <= 4) for c in counts]})
        if {"clause", "courtesy", "state"} & set(self.groups):
            columns.update({key: [row[k] for row in self._flags(statements)] for k, key in enumerate(_FLAG_KEYS)})
        if "context" in self.groups:
            columns.update(self._context(statements, columns))
        return np.array([columns[name] for name in names], dtype=float).T.reshape(len(texts), len(names))

    def _context(self, statements: pd.DataFrame, columns: dict[str, list[float]]) -> dict[str, list[float]]:
        if "previous_text" not in statements:
            raise ValueError("the structure group `context` reads the column `previous_text`; add it first "
                             "(analysis.frames.classifier.add_previous_text)")
        before = [row[0] for row in self._flags(statements, "previous_text")]  # clause:deed_actor of the sentence before
        if "clause:praise_no_actor" not in columns:
            columns = {**columns, **{key: [row[k] for row in self._flags(statements)] for k, key in enumerate(_FLAG_KEYS)}}
        alone = columns["clause:praise_no_actor"]
        return {"ctx:prev_credit": before, "ctx:thanks_after_credit": [b * a for b, a in zip(before, alone)]}

    def _flags(self, statements: pd.DataFrame, column: str = "text") -> list[tuple[float, ...]]:
        """:data:`_FLAG_KEYS` of each row's ``column`` (cached per sentence)."""
        paths = (str(self.lexicon or FRAMES_LEXICON_KO), str(self.speakers or SPEAKERS))
        dates = [None if pd.isna(d) else d for d in statements["date"]] if "date" in statements else [None] * len(statements)
        return [_sentence_flags(text, date, *paths) for text, date in zip(statements[column].fillna("").astype(str), dates)]

    def _positions(self, statements: pd.DataFrame) -> dict[str, list[float]]:
        if not {"sentence_index", "sentences_after"} <= set(statements):
            statements = add_positions(statements)
        index, after = statements["sentence_index"].to_numpy(int), statements["sentences_after"].to_numpy(int)
        relative = [i / (i + a) if i + a else 1.0 for i, a in zip(index, after)]
        return {"pos:first": (index < self.edge).astype(float).tolist(), "pos:last": (after < self.edge).astype(float).tolist(),
                "pos:relative": relative}
