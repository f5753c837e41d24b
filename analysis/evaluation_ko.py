"""Agreement with the Korean hand coding (``tests/gold/ko/frames_ko.csv``) and the learned praise model.

The Korean half of :mod:`analysis.evaluation` (whose names for these functions still work): the
named samples (:data:`KO_FRAME_SAMPLES`), the documents their sentences come from scored by the
Korean lexicon (:func:`score_gold_documents_ko`), P/R/F1 per frame on samples
(:func:`evaluate_ko_samples`, with the praise column decided by the lexicon or by
:class:`~analysis.frames.classifier.FrameClassifier`), and grouped cross-validation by speech of
the praise rules and of every model variant tried (:func:`cross_validate_praise`,
:data:`PRAISE_VARIANTS`; the one chosen in advance for the next hold-out is :data:`BEST_PRAISE`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from .evaluation import evaluate_frames
from .frames.classifier import PARAM_GRID, FrameClassifier, add_next_text, add_previous_text, predict_grouped_folds, select_frame_params
from .frames.lexicon import Lexicon, as_lexicon
from .frames.scoring import score_frames
from .frames.structure import add_positions
from .frames.targets import mark_actors
from .inputs.corpus import list_corpus_files, load_corpus, load_documents
from .inputs.speakers import SpeakerRegistry, load_speakers
from .paths import FRAMES_LEXICON_KO, GOLD, KO_BACKGROUND, KO_CORPUS, SPEAKERS
from .statements.attribution import attribute_statements

__all__ = ["BEST_PRAISE", "BEST_PRAISE_7", "BEST_PRAISE_89", "KO_FRAME_SAMPLES", "KO_HOLDOUT_SAMPLES", "KO_SEEN_SAMPLES", "KO_TRAIN_SAMPLES",
           "KO_TRAIN_SAMPLES_6", "KO_TRAIN_SAMPLES_7", "KO_TRAIN_SAMPLES_89", "PRAISE_RULES", "PRAISE_VARIANTS", "available_ko_samples", "cross_validate_praise",
           "evaluate_ko_samples", "fit_praise_variant", "ko_gold_path", "load_frames_gold_ko", "main", "score_gold_documents_ko"]

#: The Korean gold samples (``tests/gold/ko/frames_ko.csv``): name -> ``sample`` value.
#: The first hold-out (``seen-holdout``) was scored once and then used for tuning (tests/gold/ko/README.md).
#: Each later hold-out (``holdout-2`` to ``-9``) was coded blind and committed apart from the rules,
#: scored once (README: the numbers of record), and then seen. ``train-1`` to ``train-4`` are training batches
#: for the praise model only (praise-rich: never a hold-out); ``holdout-10`` (drawn as the fourth) and
#: ``holdout-random-1`` (sentences at random from the analysis corpus's speeches) are the next hold-outs.
KO_FRAME_SAMPLES = {"ko, tuning": "tuning", "ko, seen hold-out": "seen-holdout", "ko, hold-out 2": "holdout-2",
                    "ko, hold-out 3": "holdout-3", "ko, hold-out 4": "holdout-4", "ko, hold-out 5": "holdout-5",
                    "ko, training 1": "train-1", "ko, hold-out 6": "holdout-6", "ko, training 2": "train-2",
                    "ko, hold-out 7": "holdout-7", "ko, training 3": "train-3", "ko, training 4": "train-4",
                    "ko, hold-out 8": "holdout-8", "ko, hold-out 9": "holdout-9", "ko, hold-out 10": "holdout-10",
                    "ko, hold-out random 1": "holdout-random-1"}
#: The samples seen when the praise model was chosen (fifth round): its cross-validation runs on their rows (2,205).
KO_SEEN_SAMPLES = ("ko, tuning", "ko, seen hold-out", "ko, hold-out 2", "ko, hold-out 3", "ko, hold-out 4", "ko, hold-out 5",
                   "ko, hold-out 6", "ko, training 1", "ko, training 2", "ko, hold-out 7", "ko, training 3", "ko, training 4",
                   "ko, hold-out 8", "ko, hold-out 9")
#: The samples the praise model is fitted on at call time (those with rows; a missing one is skipped with a note):
#: all the seen ones.
KO_TRAIN_SAMPLES = KO_SEEN_SAMPLES
#: The training samples of the sixth hold-out's record (tuning..holdout-5 + train-1), for ``train=``.
KO_TRAIN_SAMPLES_6 = KO_SEEN_SAMPLES[:6] + ("ko, training 1",)
#: The training samples of the seventh hold-out's record (the 966 rows seen in the third round + train-2).
KO_TRAIN_SAMPLES_7 = KO_SEEN_SAMPLES[:8] + ("ko, training 2",)
#: The training samples of the eighth and ninth hold-outs' record (the 1,679 rows seen in the fourth round + train-4).
KO_TRAIN_SAMPLES_89 = KO_SEEN_SAMPLES[:12]
#: Samples that are never training rows (the unseen hold-outs; a missing one is skipped with a note).
KO_HOLDOUT_SAMPLES = ("ko, hold-out 10", "ko, hold-out random 1")
#: The praise model variants of the cross-validation (README: every one measured the same way): name ->
#: :class:`~analysis.frames.classifier.FrameClassifier` parameters (``grid``: ``True``, chosen among
#: :data:`~analysis.frames.classifier.PARAM_GRID` in each training part as in the first round, or a tuple of
#: entries; ``train_weight``: the weight of the rows of the training batches ``train-1`` to ``train-4``).
_WORDS = {"previous": False, "evidence": False}  # the statement's own tokens only
_STACKED = {"previous": False, "morphemes": True, "target": True}  # morphemes+bigrams and the lexicon's evidence
_C_GRID = ({"C": 10.0}, {"C": 30.0}, {"C": 100.0}, {"C": 300.0})  # chosen inside each training part (nested)
_BEST = {**_STACKED, "C": 100.0, "class_weight": None}  # the third round's choice (BEST_PRAISE_7)
_C30 = {**_STACKED, "C": 30.0}  # the fourth round's choice (BEST_PRAISE_89)
_FIVE = ("position", "length", "clause", "courtesy", "state")  # the structure groups of "+structure" (all but context)
#: The ``sample`` values of the praise-rich training batches (``train_weight`` of a variant weighs their rows;
#: the hold-outs' random strata weigh 1).
_TRAIN_BATCHES = ("train-1", "train-2", "train-3", "train-4")
PRAISE_VARIANTS = {
    "v0 content+bigrams, prev, evidence, grid (before)": {"grid": True},
    "content+bigrams": {**_WORDS},
    "morphemes": {**_WORDS, "morphemes": True, "bigrams": False},
    "morphemes+bigrams": {**_WORDS, "morphemes": True},
    "morphemes+bigrams, prev": {**_WORDS, "morphemes": True, "previous": True},
    "morphemes+bigrams, prev+next": {**_WORDS, "morphemes": True, "previous": True, "following": True},
    "morphemes+bigrams, C=10, threshold cv": {**_WORDS, "morphemes": True, "C": 10.0, "threshold": "cv"},
    "stacked content+bigrams, C=10": {**_STACKED, "morphemes": False, "C": 10.0},
    "stacked, C=1": {**_STACKED},
    "stacked, C=10": {**_STACKED, "C": 10.0},
    "stacked, C=100": {**_STACKED, "C": 100.0},
    "stacked, C=100, unigrams": {**_STACKED, "C": 100.0, "bigrams": False},
    "stacked, C=100, prev": {**_STACKED, "C": 100.0, "previous": True},
    "stacked, C=100, prev+next": {**_STACKED, "C": 100.0, "previous": True, "following": True},
    "stacked, C=100, threshold cv": {**_STACKED, "C": 100.0, "threshold": "cv"},
    "stacked, C=100, no class weights": {**_STACKED, "C": 100.0, "class_weight": None},
    "stacked, C=100, evidence columns 0.2": {**_STACKED, "C": 100.0, "evidence_weight": 0.2},
    "stacked, C=10, evidence columns 1, threshold cv": {**_STACKED, "C": 10.0, "evidence_weight": 1.0, "threshold": "cv"},
    "stacked, SVM C=10": {**_STACKED, "C": 10.0, "model": "svm"},
    # third round (966 seen rows): decisions that check the model's own positives, weights, C chosen inside
    "stacked, C=100, actor": {**_STACKED, "C": 100.0, "rule": "actor"},
    "stacked, C=100, veto": {**_STACKED, "C": 100.0, "rule": "veto"},
    "stacked, C=100, actor+veto": {**_STACKED, "C": 100.0, "rule": "actor+veto"},
    "stacked, C=100, train batch weight 0.5": {**_STACKED, "C": 100.0, "train_weight": 0.5},
    "stacked, C=100, train batch weight 2": {**_STACKED, "C": 100.0, "train_weight": 2.0},
    "stacked, C grid": {**_STACKED, "grid": _C_GRID},
    "stacked, C grid, actor+veto": {**_STACKED, "rule": "actor+veto", "grid": _C_GRID},
    "stacked, C=100, no class weights, actor": {**_STACKED, "C": 100.0, "class_weight": None, "rule": "actor"},
    # fourth round (1,679 seen rows): the third round's best (_BEST) and its neighbours
    "stacked, C=100, no class weights, threshold cv": {**_BEST, "threshold": "cv"},
    "stacked, C=30, no class weights": {**_BEST, "C": 30.0},
    "stacked, C=300, no class weights": {**_BEST, "C": 300.0},
    "stacked, C=1000, no class weights": {**_BEST, "C": 1000.0},
    "stacked, C grid, no class weights": {**_STACKED, "class_weight": None, "grid": _C_GRID},
    "stacked, C=100, no class weights, train batch weight 0.5": {**_BEST, "train_weight": 0.5},
    "stacked, C=100, no class weights, train batch weight 2": {**_BEST, "train_weight": 2.0},
    "stacked, C=100, no class weights, trigrams": {**_BEST, "trigrams": True},
    "stacked, C=100, no class weights, evidence columns 1": {**_BEST, "evidence_weight": 1.0},
    "stacked, C=100, no class weights, evidence columns 3": {**_BEST, "evidence_weight": 3.0},
    "stacked, C=100, no class weights, prev": {**_BEST, "previous": True},
    "stacked, C=30": {**_STACKED, "C": 30.0},
    "stacked, C=100, trigrams": {**_STACKED, "C": 100.0, "trigrams": True},
    # fifth round (2,205 seen rows): the fourth round's choice (_C30) with structure columns (analysis/frames/structure.py)
    "stacked, C=30, +position": {**_C30, "structure": ("position",)},
    "stacked, C=30, +length": {**_C30, "structure": ("length",)},
    "stacked, C=30, +clause": {**_C30, "structure": ("clause",)},
    "stacked, C=30, +courtesy": {**_C30, "structure": ("courtesy",)},
    "stacked, C=30, +state": {**_C30, "structure": ("state",)},
    "stacked, C=30, +position+length": {**_C30, "structure": ("position", "length")},
    "stacked, C=30, +clause+courtesy+state": {**_C30, "structure": ("clause", "courtesy", "state")},
    "stacked, C=30, +structure": {**_C30, "structure": _FIVE},
    "stacked, C=30, +structure x3": {**_C30, "structure": _FIVE, "structure_weight": 3.0},
    "stacked, C=30, +structure x0.3": {**_C30, "structure": _FIVE, "structure_weight": 0.3},
    "stacked, C=10, +structure": {**_C30, "C": 10.0, "structure": _FIVE},
    "stacked, C=100, +structure": {**_C30, "C": 100.0, "structure": _FIVE},
    "stacked, C=30, +structure, threshold cv": {**_C30, "structure": _FIVE, "threshold": "cv"},
    "stacked, C=30, +structure, no class weights": {**_C30, "structure": _FIVE, "class_weight": None},
    "stacked, SVM C=1, +structure": {**_STACKED, "C": 1.0, "model": "svm", "structure": _FIVE},
    "stacked, C=30, HGB": {**_C30, "model": "hgb"},
    "stacked, C=30, +structure, HGB": {**_C30, "structure": _FIVE, "model": "hgb"},
    "stacked, C=30, +structure, HGB, no class weights": {**_C30, "structure": _FIVE, "model": "hgb", "class_weight": None},
    "stacked, C=30, +courtesy, no class weights": {**_C30, "structure": ("courtesy",), "class_weight": None},
    "stacked, C=30, +context": {**_C30, "structure": ("context",)},
    "stacked, C=30, +courtesy+context": {**_C30, "structure": ("courtesy", "context")},
}
#: The variant and rule chosen in advance by the best pooled CV F1 (ties: the simpler): ``--praise best``
#: (fourth round, 1,679 seen rows: 0.769; frozen for hold-outs 8 and 9). Kept in the fifth round (2,205 seen rows:
#: 0.792; no structure variant better by a clear margin) and frozen for hold-outs 10 and random-1.
BEST_PRAISE = ("stacked, C=30", "either")
#: The rule of the eighth and ninth hold-outs' record (frozen in 0773645), for ``best=`` with :data:`KO_TRAIN_SAMPLES_89`.
BEST_PRAISE_89 = ("stacked, C=30", "either")
#: The rule of the seventh hold-out's record (frozen in d410e16), for ``best=`` with :data:`KO_TRAIN_SAMPLES_7`.
BEST_PRAISE_7 = ("stacked, C=100, no class weights", "either")
#: Praise decision rules of :func:`evaluate_ko_samples`: the lexicon, the classifier of before this round,
#: lexicon OR it, or :data:`BEST_PRAISE`.
PRAISE_RULES = ("lexicon", "learned", "either", "best")


def ko_gold_path(gold_dir: str | Path | None = None) -> Path:
    """The Korean gold file, ``ko/frames_ko.csv`` under ``gold_dir`` (default: the project's ``tests/gold``).

    Examples
    --------
    >>> ko_gold_path("my-gold").as_posix()
    'my-gold/ko/frames_ko.csv'
    """
    return (Path(gold_dir) if gold_dir is not None else GOLD) / "ko" / "frames_ko.csv"


def load_frames_gold_ko(statements: pd.DataFrame, gold_dir: str | Path | None = None, *,
                        samples: Sequence[str] | None = None) -> dict[str, pd.DataFrame]:
    """The Korean hand-coded samples by name, each row given the ``statement_id`` of the statement
    at its offsets (the Korean segmenter cuts the gold's sentences: same rules).

    Parameters
    ----------
    statements : pandas.DataFrame
        A statements table holding the gold's documents (``doc_id``, ``start``, ``end``, ``statement_id``).
    gold_dir : str or Path, optional
        Default ``tests/gold``; the file is ``ko/frames_ko.csv`` in it.
    samples : sequence of str, optional
        Names of :data:`KO_FRAME_SAMPLES` to load (default: all of them that have rows in the file;
        each hold-out there has been measured once, so loading it shows nothing unseen).

    Returns
    -------
    dict
        Sample name -> gold table (with ``statement_id``); empty when the file is absent.

    Raises
    ------
    ValueError
        If a gold row matches no statement's offsets (the segmentation changed: re-align the gold),
        or a sample asked for has no rows in the file (not coded or not merged yet).
    """
    path = ko_gold_path(gold_dir)
    if not path.is_file():
        return {}
    gold = pd.read_csv(path, keep_default_na=False)
    if samples is None:  # the named samples with rows (a hold-out being coded has none yet)
        samples = [name for name, value in KO_FRAME_SAMPLES.items() if (gold["sample"] == value).any()]
    samples = list(samples)
    for name in samples:
        _require_ko_sample(gold, name, path)
    keys = statements[["doc_id", "start", "end", "statement_id"]]
    merged = gold.merge(keys, on=["doc_id", "start", "end"], how="left")
    unmatched = merged[merged["statement_id"].isna()]
    if len(unmatched):
        first = unmatched.iloc[0]
        raise ValueError(f"{path}: {len(unmatched)} gold row(s) match no statement's offsets, e.g. {first['doc_id']} "
                         f"{first['start']}-{first['end']}; the Korean segmentation changed or the documents are missing")
    return {name: merged[merged["sample"] == KO_FRAME_SAMPLES[name]].reset_index(drop=True) for name in samples}


def score_gold_documents_ko(speakers: SpeakerRegistry, gold_dir: str | Path | None = None, *,
                            corpus_dirs: Sequence[str | Path] = (KO_CORPUS, KO_BACKGROUND),
                            lexicon: Lexicon | str | Path | None = None) -> pd.DataFrame:
    """Attribute the Korean documents the gold sentences come from, and score (default: the Korean
    lexicon) the statements at the gold's offsets.

    Documents are attributed whole (the sentences are cut as in the corpus); only the gold's
    statements and the sentences a context rule reads before them (its ``window``,
    :mod:`analysis.frames.context`) are scored, as scoring reads no further (all their columns were
    checked equal to those of scoring every statement of the documents, on the 237 gold sentences:
    0.4 s instead of 11 s). The table holds those window sentences and the sentence after each gold
    sentence (read by the praise model) too; evaluate by the gold's ids. Only the files named ``<doc_id>.txt`` are read (the importer names them so); if an id is
    not found that way, every document of ``corpus_dirs`` is read.
    """
    path = ko_gold_path(gold_dir)
    gold = pd.read_csv(path, usecols=["doc_id", "start", "end"])
    ids = set(gold["doc_id"])
    named = [file for folder in corpus_dirs for file in list_corpus_files(folder) if file.stem in ids]
    documents = load_documents(named) if named else pd.DataFrame({"doc_id": []})
    if not ids <= set(documents["doc_id"]):  # a file not named by its id: read everything
        documents = pd.concat([load_corpus(d) for d in corpus_dirs], ignore_index=True)
    documents = documents[documents["doc_id"].isin(ids)].reset_index(drop=True)
    statements = add_positions(attribute_statements(documents, speakers))  # positions in the whole speech (structure features)
    lexicon = as_lexicon(lexicon if lexicon is not None else FRAMES_LEXICON_KO)
    window = max((frame.context.window for frame in lexicon.frames if frame.context is not None), default=0)
    at_gold = set(statements.merge(gold.drop_duplicates(), on=["doc_id", "start", "end"], how="inner")["statement_id"])
    keep = statements["statement_id"].isin(at_gold)
    for _ in range(window):  # the sentences a context rule reads before a gold sentence
        keep = keep | (keep.shift(-1, fill_value=False) & (statements["doc_id"] == statements["doc_id"].shift(-1)))
    at = statements["statement_id"].isin(at_gold)  # and the sentence after each (a feature of the praise model)
    keep = keep | (at.shift(1, fill_value=False) & (statements["doc_id"] == statements["doc_id"].shift(1)))
    return score_frames(statements[keep].reset_index(drop=True), lexicon, speakers=speakers)


def _require_ko_sample(gold: pd.DataFrame, name: str, path: Path) -> None:
    """A clear error for an unknown sample name or a sample without rows in the gold file."""
    if name not in KO_FRAME_SAMPLES:
        raise ValueError(f"unknown Korean gold sample `{name}`; use one of: {', '.join(KO_FRAME_SAMPLES)}")
    if not (gold["sample"] == KO_FRAME_SAMPLES[name]).any():
        have = ", ".join(sorted(gold["sample"].unique()))
        raise ValueError(f"{path}: no rows with sample `{KO_FRAME_SAMPLES[name]}` (`{name}`); the file has: {have}. "
                         "Merge the branch with the coded rows first")


def available_ko_samples(names: Sequence[str], gold_dir: str | Path | None = None, *, note=None) -> list[str]:
    """The samples of ``names`` that have rows in the gold file; each one without is skipped with a note.

    For training sets (:data:`KO_TRAIN_SAMPLES`): a batch still being coded on another branch is
    left out, never an error. Unknown names raise ValueError. The notes go to ``note`` (a text
    stream; default standard error).

    Examples
    --------
    >>> import io, tempfile
    >>> folder = Path(tempfile.mkdtemp()); (folder / "ko").mkdir()
    >>> pd.DataFrame({"sample": ["tuning"]}).to_csv(folder / "ko" / "frames_ko.csv", index=False)
    >>> out = io.StringIO()
    >>> available_ko_samples(["ko, tuning", "ko, training 1"], folder, note=out)
    ['ko, tuning']
    >>> print(out.getvalue().strip())  # doctest: +ELLIPSIS
    note: .../ko/frames_ko.csv has no rows with sample `train-1` (`ko, training 1`): skipped
    """
    path = ko_gold_path(gold_dir)
    have = set(pd.read_csv(path, usecols=["sample"], keep_default_na=False)["sample"]) if path.is_file() else set()
    unknown = [name for name in names if name not in KO_FRAME_SAMPLES]
    if unknown:
        raise ValueError(f"unknown Korean gold sample `{unknown[0]}`; use one of: {', '.join(KO_FRAME_SAMPLES)}")
    kept = [name for name in names if KO_FRAME_SAMPLES[name] in have]
    for name in names:
        if name not in kept:
            print(f"note: {path} has no rows with sample `{KO_FRAME_SAMPLES[name]}` (`{name}`): skipped", file=note or sys.stderr)
    return kept


def evaluate_ko_samples(samples: Sequence[str], speakers: SpeakerRegistry, *, gold_dir: str | Path | None = None,
                        lexicon: Lexicon | str | Path | None = None, pooled: bool = False, praise: str = "lexicon",
                        train: Sequence[str] | None = None, best: tuple[str, str] = BEST_PRAISE) -> pd.DataFrame:
    """Precision, recall and F1 per named frame on Korean gold samples of ``frames_ko.csv``.

    ``praise`` (:data:`PRAISE_RULES`): ``lexicon``; or the praise column replaced by
    :class:`~analysis.frames.classifier.FrameClassifier` as before this round (``learned``; its ``C``
    and previous sentence chosen among :data:`~analysis.frames.classifier.PARAM_GRID`), lexicon OR it
    (``either``), or the variant and rule chosen by cross-validation (``best``: :data:`BEST_PRAISE`).
    The model is fitted at call time on the rows of :data:`KO_TRAIN_SAMPLES` that are coded
    (:func:`available_ko_samples`) and not evaluated (for ``holdout-10``, ``holdout-random-1``: all of them; for a seen
    sample: the others, a leave-one-sample-out score). :data:`KO_HOLDOUT_SAMPLES` are never trained on.
    ``train`` (names or ``sample`` values) replaces :data:`KO_TRAIN_SAMPLES`, to repeat a measurement made
    when fewer samples were coded (the fifth hold-out's, on the 540 rows of tuning..holdout-4; the sixth's on
    :data:`KO_TRAIN_SAMPLES_6`, the seventh's on :data:`KO_TRAIN_SAMPLES_7`, the eighth and ninth's on
    :data:`KO_TRAIN_SAMPLES_89`), and ``best`` (a :data:`PRAISE_VARIANTS` name and a decision rule) replaces
    :data:`BEST_PRAISE` (the sixth's was ``("stacked, C=100", "either")``, the seventh's :data:`BEST_PRAISE_7`, the
    eighth and ninth's :data:`BEST_PRAISE_89`).

    ``samples`` are names of :data:`KO_FRAME_SAMPLES` (``ko, hold-out 3``) or their ``sample``
    values (``holdout-3``); with ``pooled``, also their rows together (sample ``pooled``). Returns
    :func:`~analysis.evaluation.evaluate_frames` rows with a ``sample`` column. Raises ValueError naming the sample and
    the file when a sample has no rows there (``holdout-10``: until its coded rows are merged).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()); (folder / "ko").mkdir()
    >>> pd.DataFrame({"sample": ["tuning"]}).to_csv(folder / "ko" / "frames_ko.csv", index=False)
    >>> evaluate_ko_samples(["holdout-3"], None, gold_dir=folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: .../ko/frames_ko.csv: no rows with sample `holdout-3` (`ko, hold-out 3`); the file has: tuning. ...
    """
    names = _sample_names(samples)
    path = ko_gold_path(gold_dir)
    if not path.is_file():
        raise ValueError(f"{path}: no Korean gold file; run from the project root or pass gold_dir")
    coded = pd.read_csv(path, usecols=["sample"], keep_default_na=False)
    for name in names:
        _require_ko_sample(coded, name, path)
    if praise not in PRAISE_RULES:
        raise ValueError(f"praise rule `{praise}` is not one of {', '.join(PRAISE_RULES)}")
    scored = score_gold_documents_ko(speakers, gold_dir, lexicon=lexicon)
    gold = load_frames_gold_ko(scored, gold_dir, samples=names)
    if praise != "lexicon":
        named = _sample_names(KO_TRAIN_SAMPLES if train is None else train)
        train = [s for s in named if s not in names and s not in KO_HOLDOUT_SAMPLES]
        lexicon = as_lexicon(lexicon if lexicon is not None else FRAMES_LEXICON_KO)
        scored = mark_actors(add_next_text(add_previous_text(scored)), lexicon, speakers)
        scored = _apply_praise_classifier(scored, gold_dir, available_ko_samples(train, gold_dir), best if praise == "best" else praise)
    if pooled:
        gold["pooled"] = pd.concat(list(gold.values()), ignore_index=True)
    return pd.concat([evaluate_frames(scored, rows).assign(sample=name) for name, rows in gold.items()], ignore_index=True)


def _sample_names(samples: Sequence[str]) -> list[str]:
    """Names of :data:`KO_FRAME_SAMPLES` for names or ``sample`` values (``holdout-3`` -> ``ko, hold-out 3``)."""
    by_value = {value: key for key, value in KO_FRAME_SAMPLES.items()}
    return [by_value.get(sample, sample) for sample in samples]


def _apply_praise_classifier(scored: pd.DataFrame, gold_dir, train: Sequence[str], rule) -> pd.DataFrame:
    """``scored`` (with ``previous_text``, ``next_text``, ``actor``) with ``leadership_praise`` decided by the
    classifier fitted on the ``train`` samples: a (variant, rule) pair of :data:`PRAISE_VARIANTS` (``best``),
    or as in the first round (parameters chosen among :data:`~analysis.frames.classifier.PARAM_GRID`)."""
    if not train:
        raise ValueError("no seen Korean sample left to fit the praise classifier on; evaluate fewer samples")
    if isinstance(rule, tuple):
        variant, rule = rule
        model = fit_praise_variant(scored, train, gold_dir, variant=variant, rule=rule)
    else:
        table = _praise_codes(scored, gold_dir, train)
        params = select_frame_params(table, table["code"], table["doc_id"], grid=PARAM_GRID, frame="leadership_praise")
        model = FrameClassifier("leadership_praise", **{**params, "rule": rule}).fit(table, table["code"])
    return scored.assign(leadership_praise=model.predict(scored))


def fit_praise_variant(scored: pd.DataFrame, samples: Sequence[str], gold_dir: str | Path | None = None, *,
                       variant: str = BEST_PRAISE[0], rule: str = BEST_PRAISE[1]) -> FrameClassifier:
    """The praise model of a :data:`PRAISE_VARIANTS` entry and decision rule, fitted on the gold rows of ``samples``.

    The one fit behind ``--praise best`` (:func:`evaluate_ko_samples`) and
    :func:`analysis.frames.praise_ko.fit_praise_model_ko`: the variant's grid, if any, is chosen on
    the training rows (grouped by speech) and its ``train_weight`` weighs the rows of the training batches.

    Parameters
    ----------
    scored : pandas.DataFrame
        The gold's documents scored by the Korean lexicon (:func:`score_gold_documents_ko`; with
        ``previous_text``, ``next_text`` and ``actor`` when the variant or rule reads them).
    samples : sequence of str
        Names of :data:`KO_FRAME_SAMPLES` whose coded rows are the training rows.
    gold_dir : str or Path, optional
        The folder holding ``ko/frames_ko.csv`` (default ``tests/gold``).
    variant : str, default ``BEST_PRAISE[0]``
    rule : str, default ``BEST_PRAISE[1]``
        One of :data:`~analysis.frames.classifier.DECISION_RULES`.

    Returns
    -------
    FrameClassifier
        Fitted (deterministic: ``random_state=0``).

    Raises
    ------
    ValueError
        For an unknown variant, a sample without rows or gold rows that match no statement.

    Examples
    --------
    >>> fit_praise_variant(pd.DataFrame(), ["ko, tuning"], variant="nonsense")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: unknown praise variant `nonsense`; use one of PRAISE_VARIANTS: v0 content+bigrams, ...
    """
    if variant not in PRAISE_VARIANTS:
        raise ValueError(f"unknown praise variant `{variant}`; use one of PRAISE_VARIANTS: {', '.join(PRAISE_VARIANTS)}")
    table = _praise_codes(scored, gold_dir, samples)
    params, weights = _variant_params(table, variant)
    return FrameClassifier("leadership_praise", **{**params, "rule": rule}).fit(table, table["code"], sample_weight=weights)


def _variant_grid(variant: str):
    """The grid of a :data:`PRAISE_VARIANTS` entry (None, PARAM_GRID for ``True``, or its own entries)."""
    grid = PRAISE_VARIANTS[variant].get("grid")
    return PARAM_GRID if grid is True else (grid or None)


def _variant_weights(table: pd.DataFrame, variant: str):
    """Row weights of a variant with ``train_weight`` (the training batches' rows; others 1), else None."""
    weight = PRAISE_VARIANTS[variant].get("train_weight")
    return None if weight is None else np.where(table["gold_sample"].isin(_TRAIN_BATCHES), float(weight), 1.0)


def _variant_params(table: pd.DataFrame, variant: str) -> tuple[dict, object]:
    """The classifier parameters of a :data:`PRAISE_VARIANTS` entry (its grid chosen on ``table``) and its row weights."""
    params = {key: value for key, value in PRAISE_VARIANTS[variant].items() if key not in ("grid", "train_weight")}
    weights, grid = _variant_weights(table, variant), _variant_grid(variant)
    if grid is not None:
        params.update(select_frame_params(table, table["code"], table["doc_id"], grid=grid, frame="leadership_praise",
                                          sample_weight=weights, **params))
    return params, weights


def _praise_codes(scored: pd.DataFrame, gold_dir, samples: Sequence[str]) -> pd.DataFrame:
    """The gold rows of ``samples``: their praise code as ``code``, beside their scored statement's columns
    (every gold row has a statement: :func:`load_frames_gold_ko` raises otherwise)."""
    rows = pd.concat(list(load_frames_gold_ko(scored, gold_dir, samples=samples).values()), ignore_index=True)
    rows = rows.assign(stratum=rows["stratum"] if "stratum" in rows else "")  # a gold file without strata: none
    rows = rows[["statement_id", "leadership_praise", "sample", "stratum"]].rename(
        columns={"leadership_praise": "code", "sample": "gold_sample", "stratum": "gold_stratum"})
    return rows.merge(scored, on="statement_id")


def cross_validate_praise(speakers: SpeakerRegistry, gold_dir: str | Path | None = None, *, n_splits: int = 5,
                          random_state: int = 0, variants: Sequence[str] | None = None, by_sample: bool = False) -> pd.DataFrame:
    """Grouped cross-validation (by speech) of the praise lexicon and of each model variant, alone and OR the lexicon.

    The rows of :data:`KO_SEEN_SAMPLES` (2,205 in the fifth round) are split into ``n_splits`` folds by
    :class:`~sklearn.model_selection.StratifiedGroupKFold` on ``doc_id`` (no speech in two folds; the
    same folds for every variant); each variant of :data:`PRAISE_VARIANTS` (default: all) is fitted on
    the other folds and predicts the held-out one; whatever it chooses (grid entry, threshold) is
    chosen inside each training part (nested). The lexicon was written on these rows, so its numbers
    here are optimistic; the models' are not. With ``by_sample``, the pooled out-of-fold decisions are
    also scored per seen hold-out sample (not the praise-rich training batches), and on the rows of the
    ``praise`` stratum (``stratum praise``) and of every other stratum (``strata not praise``: sentences not
    drawn for praise, nearer to whole speeches).

    Returns
    -------
    pandas.DataFrame
        ``variant`` (``lexicon`` for the lexicon alone), ``rule`` (``lexicon``, ``learned``: the model
        alone, ``either``: lexicon OR model, and a variant's own ``rule``: ``actor``, ``veto``, ``actor+veto``),
        ``fold`` (0.. and ``pooled``), ``sample`` (``all``, or with ``by_sample`` a hold-out's ``sample`` value
        or a stratum part on ``pooled`` rows), ``n_docs``, then :func:`~analysis.evaluation.evaluate_frames` columns for
        ``leadership_praise``.
    """
    scored = add_next_text(add_previous_text(score_gold_documents_ko(speakers, gold_dir)))
    scored = mark_actors(scored, as_lexicon(FRAMES_LEXICON_KO), speakers)
    table = _praise_codes(scored, gold_dir, available_ko_samples(list(KO_SEEN_SAMPLES), gold_dir))
    results = []
    for variant in (variants if variants is not None else list(PRAISE_VARIANTS)):
        params = {key: value for key, value in PRAISE_VARIANTS[variant].items() if key not in ("grid", "train_weight")}
        folds = predict_grouped_folds(table, table["code"], table["doc_id"], n_splits=n_splits, random_state=random_state,
                                      grid=_variant_grid(variant), sample_weight=_variant_weights(table, variant), **params)
        rules = [("lexicon", "lexicon")] * (not results) + [(variant, "learned"), (variant, "either")]
        rules += [(variant, params["rule"])] if params.get("rule", "learned") not in ("learned", "either") else []
        parts = [(str(fold), "all", part) for fold, part in folds.groupby("fold")] + [("pooled", "all", folds)]
        if by_sample:
            held = folds.assign(sample=table["gold_sample"].to_numpy())
            parts += [("pooled", value, held[held["sample"] == value]) for value in held["sample"].unique() if value not in _TRAIN_BATCHES]
            praise_stratum = table["gold_stratum"].eq("praise").to_numpy()
            parts += [("pooled", "stratum praise", folds[praise_stratum]), ("pooled", "strata not praise", folds[~praise_stratum])]
        for fold, sample, part in parts:
            for name, rule in rules:
                column = rule if rule in ("lexicon", "learned", "either") else "decided"
                results.append(_praise_agreement(part, column).assign(variant=name, rule=rule, fold=fold, sample=sample))
    columns = ["variant", "rule", "fold", "sample", "n_docs", "n", "gold_positive", "tp", "fp", "fn", "precision", "recall", "f1"]
    return pd.concat(results, ignore_index=True)[columns]


def _praise_agreement(part: pd.DataFrame, rule: str) -> pd.DataFrame:
    """:func:`~analysis.evaluation.evaluate_frames` of one rule's out-of-fold decisions (with ``n_docs``)."""
    ids = [str(k) for k in range(len(part))]
    gold = pd.DataFrame({"statement_id": ids, "text": "", "leadership_praise": part["gold"].to_numpy()})
    decided = gold.assign(leadership_praise=part[rule].to_numpy())
    return evaluate_frames(decided, gold, frames=["leadership_praise"]).assign(n_docs=part["group"].nunique())


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m analysis.evaluation --language ko --sample holdout-3``: P/R/F1 per frame of gold samples."""
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluation", description=main.__doc__)
    parser.add_argument("--language", choices=["ko"], default="ko", help="the gold's language (ko: tests/gold/ko/frames_ko.csv)")
    parser.add_argument("--sample", nargs="+", help=f"one or more of {', '.join(KO_FRAME_SAMPLES.values())} (or names)")
    parser.add_argument("--praise", choices=PRAISE_RULES, default="lexicon",
                        help=f"praise by the lexicon, the classifier of before, either, or best (chosen by CV: {' / '.join(BEST_PRAISE)})")
    parser.add_argument("--cross-validate", action="store_true", help="grouped CV by speech of the praise rules on the seen rows")
    parser.add_argument("--variant", nargs="+", help="with --cross-validate: only these PRAISE_VARIANTS (default: all)")
    parser.add_argument("--folds", action="store_true", help="with --cross-validate: also the per-fold rows")
    parser.add_argument("--by-sample", action="store_true", help="with --cross-validate: also the pooled rows per seen hold-out")
    parser.add_argument("--pooled", action="store_true", help="also the samples' rows together")
    parser.add_argument("--gold-dir", default=None, help="the folder holding ko/frames_ko.csv (default tests/gold)")
    args = parser.parse_args(argv)
    if not args.sample and not args.cross_validate:
        parser.error("give --sample or --cross-validate")
    try:
        if args.cross_validate:
            table = cross_validate_praise(load_speakers(SPEAKERS), args.gold_dir, variants=args.variant, by_sample=args.by_sample)
            table = table if args.folds else table[table["fold"] == "pooled"]
            print(table.round(3).to_string(index=False))
            return 0
        table = evaluate_ko_samples(args.sample, load_speakers(SPEAKERS), gold_dir=args.gold_dir, pooled=args.pooled, praise=args.praise)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    columns = ["sample", "frame", "n", "gold_positive", "tp", "fp", "fn", "precision", "recall", "f1"]
    print(table[columns].round(2).to_string(index=False))
    return 0
