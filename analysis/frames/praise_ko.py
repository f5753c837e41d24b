"""Korean leadership praise by the learned rule, for use: an option beside the lexicon, not the default.

The Korean praise lexicon (``analysis/lexicons/frames.ko.yaml``) is precise but finds about half of
the praise on praise-rich samples (fresh hold-outs 6 to 10: precision about 0.8, recall about 0.46) and 2 of
22 praise sentences on 150 drawn at random (recall 0.09). The rule chosen in advance by grouped
cross-validation and measured once on those hold-outs (:data:`analysis.evaluation_ko.BEST_PRAISE`: the
lexicon OR a logistic regression stacked on the lexicon's evidence) finds more (hold-outs 8 and 9 pooled:
precision 0.71, recall 0.77, F1 0.74; the tenth 0.73; at random precision 0.48, recall 0.59, F1 0.53). At
random it said yes to 18.0% of the sentences where the coded rate was 14.7% (the lexicon 2.0%): its level
is the nearer one, though it picks the praise sentences out only about half the time (README, "The tenth
hold-out and a hold-out drawn at random, measured once").
This module makes that rule usable on any Korean statements table:

* :func:`fit_praise_model_ko` fits it on **every** coded row of ``tests/gold/ko/frames_ko.csv`` (every
  sample, hold-outs included: a model for use, which no hold-out can measure any more; its measured
  quality is the README's), with the one fitting code of the evaluation
  (:func:`analysis.evaluation_ko.fit_praise_variant`);
* :func:`score_praise_ko` returns a new table whose ``leadership_praise`` is the rule's decision, beside
  the lexicon's (``leadership_praise_lexicon``) and the model's probability (``leadership_praise_proba``).

The lexicon stays the default everywhere (``score_frames``, the command line, notebook 05's main
figures). This module reads the gold through :mod:`analysis.evaluation_ko`, so it is not imported by
:mod:`analysis.frames` itself: ``from analysis.frames.praise_ko import fit_praise_model_ko, score_praise_ko``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import pandas as pd

from ..evaluation_ko import BEST_PRAISE, KO_FRAME_SAMPLES, fit_praise_variant, ko_gold_path, score_gold_documents_ko
from ..inputs.speakers import SpeakerRegistry
from ..paths import FRAMES_LEXICON_KO, KO_BACKGROUND, KO_CORPUS
from ..statements.schema import require_columns
from .classifier import DECISION_RULES, FrameClassifier, add_next_text, add_previous_text
from .lexicon import Lexicon, as_lexicon
from .targets import mark_actors

__all__ = ["PRAISE_KO_COLUMNS", "fit_praise_model_ko", "gold_samples_ko", "score_praise_ko"]

#: The columns :func:`score_praise_ko` writes (for ``frame="leadership_praise"``): the rule's decision, the
#: lexicon's decision it replaced, the model's probability of praise.
PRAISE_KO_COLUMNS = ("leadership_praise", "leadership_praise_lexicon", "leadership_praise_proba")


def gold_samples_ko(gold_dir: str | Path | None = None) -> list[str]:
    """The names (:data:`~analysis.evaluation_ko.KO_FRAME_SAMPLES`) of every sample with rows in ``ko/frames_ko.csv``.

    Parameters
    ----------
    gold_dir : str or Path, optional
        The folder holding ``ko/frames_ko.csv`` (default: the project's ``tests/gold``).

    Returns
    -------
    list of str
        In the order of :data:`~analysis.evaluation_ko.KO_FRAME_SAMPLES`.

    Raises
    ------
    FileNotFoundError
        If there is no ``ko/frames_ko.csv`` in ``gold_dir`` (the message names where it looked).
    ValueError
        If a row's ``sample`` is not a known sample (no row is left out silently).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()); (folder / "ko").mkdir()
    >>> pd.DataFrame({"sample": ["holdout-2", "tuning"]}).to_csv(folder / "ko" / "frames_ko.csv", index=False)
    >>> gold_samples_ko(folder)
    ['ko, tuning', 'ko, hold-out 2']
    """
    path = ko_gold_path(gold_dir)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no Korean gold file (looked for ko/frames_ko.csv under {path.parents[1]}); pass gold_dir=<the folder "
                                "holding ko/frames_ko.csv>, e.g. the project's tests/gold")
    values = pd.read_csv(path, usecols=["sample"], keep_default_na=False)["sample"]
    known = set(KO_FRAME_SAMPLES.values())
    unknown = values[~values.isin(known)]
    if len(unknown):
        raise ValueError(f"{path}:{unknown.index[0] + 2}: sample `{unknown.iloc[0]}` is not a known Korean gold sample "
                         f"({len(unknown)} row(s)); add it to analysis.evaluation_ko.KO_FRAME_SAMPLES or correct the row")
    return [name for name, value in KO_FRAME_SAMPLES.items() if (values == value).any()]


def fit_praise_model_ko(speakers: SpeakerRegistry, gold_dir: str | Path | None = None, *, variant: str = BEST_PRAISE[0],
                        rule: str = BEST_PRAISE[1], lexicon: Lexicon | str | Path | None = None,
                        corpus_dirs: Sequence[str | Path] = (KO_CORPUS, KO_BACKGROUND)) -> FrameClassifier:
    """The learned Korean praise rule, fitted on every coded row of the Korean gold (for use, not evaluation).

    The documents the gold sentences come from are read from ``corpus_dirs`` and scored by the Korean
    lexicon (:func:`~analysis.evaluation_ko.score_gold_documents_ko`); the model of ``variant`` is fitted
    on all of the file's coded rows (2,205 sentences of 14 samples when this was written) by
    :func:`~analysis.evaluation_ko.fit_praise_variant`, the code that fitted the measured rule. Every
    hold-out is then a training row: the rule's quality is what the hold-outs measured before (README),
    and no sample of the file can measure this model. Deterministic (``random_state=0``); about half a minute on
    the project machine (the gold's documents are tokenized).

    Parameters
    ----------
    speakers : SpeakerRegistry
        Who is who (:func:`analysis.inputs.speakers.load_speakers`), for attribution and praise targets.
    gold_dir : str or Path, optional
        The folder holding ``ko/frames_ko.csv`` (default: the project's ``tests/gold``).
    variant : str, default ``BEST_PRAISE[0]``
        A :data:`~analysis.evaluation_ko.PRAISE_VARIANTS` name (default: the one chosen in advance and measured).
    rule : str, default ``BEST_PRAISE[1]``
        A decision rule (:data:`~analysis.frames.classifier.DECISION_RULES`; ``"either"``: the lexicon OR the
        model, ``"learned"``: the model alone).
    lexicon : Lexicon, str or Path, optional
        The Korean lexicon whose evidence the model reads (default ``frames.ko.yaml``); score the
        statements to be classified with the same one.
    corpus_dirs : sequence of str or Path, default the Korean corpus and its background
        Where the gold's documents (``<doc_id>.txt``) are.

    Returns
    -------
    FrameClassifier
        Fitted; pass it to :func:`score_praise_ko`.

    Raises
    ------
    FileNotFoundError
        No gold file (the message says where it looked and what to pass), or a folder of ``corpus_dirs``
        is missing (import the Korean corpus with ``python -m analysis import-shared``).
    ValueError
        An unknown variant or rule, a sample the evaluation does not know, or a gold row that matches no sentence.

    Examples
    --------
    >>> fit_praise_model_ko(None, "no-such-folder")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    FileNotFoundError: no-such-folder/ko/frames_ko.csv: no Korean gold file (looked for ko/frames_ko.csv under no-such-folder); ...

    With the project's gold and the imported Korean corpus::

        model = fit_praise_model_ko(load_speakers(SPEAKERS))   # analysis.inputs.speakers, analysis.paths
        praise = score_praise_ko(scored, model)   # scored: Korean statements scored by the Korean lexicon
    """
    samples = gold_samples_ko(gold_dir)
    if rule not in DECISION_RULES:
        raise ValueError(f"rule `{rule}` is not one of {', '.join(DECISION_RULES)}")
    lexicon = as_lexicon(lexicon if lexicon is not None else FRAMES_LEXICON_KO)
    scored = score_gold_documents_ko(speakers, gold_dir, corpus_dirs=corpus_dirs, lexicon=lexicon)
    scored = add_next_text(add_previous_text(scored))  # the sentences around each gold row, read before it is cut out
    if "actor" in rule:
        scored = mark_actors(scored, lexicon, speakers)
    return fit_praise_variant(scored, samples, gold_dir, variant=variant, rule=rule)


def score_praise_ko(scored: pd.DataFrame, model: FrameClassifier) -> pd.DataFrame:
    """A new statements table with the frame decided by the learned rule, the lexicon's decision kept beside it.

    Parameters
    ----------
    scored : pandas.DataFrame
        Korean statements scored by the Korean lexicon (:func:`analysis.frames.score_frames`): ``doc_id``,
        ``start``, ``text`` and the lexicon's ``leadership_praise`` and evidence columns. Score whole
        documents: a model that reads the sentences around a statement (``previous``, ``following``)
        takes them from the rows of the same ``doc_id``; an ``actor`` rule needs the ``actor`` column
        (:func:`analysis.frames.targets.mark_actors`).
    model : FrameClassifier
        Fitted (:func:`fit_praise_model_ko`).

    Returns
    -------
    pandas.DataFrame
        A copy of ``scored`` (same rows, order and index) where ``<frame>`` is the rule's 0/1 decision,
        ``<frame>_lexicon`` the lexicon's (the input's ``<frame>``) and ``<frame>_proba`` the model's
        probability (:data:`PRAISE_KO_COLUMNS` for praise). The other columns are the lexicon's: the
        evidence and ``praise_target`` of a statement only the model calls praise stay empty (no target
        is named by the model). The input is not changed.

    Raises
    ------
    ValueError
        If the lexicon's column is missing, the table was already scored by this function, or an
        ``actor`` rule has no ``actor`` column.

    Examples
    --------
    >>> from analysis.text.tokens import register_tokenizer
    >>> register_tokenizer("xx-split", lambda text: [(w, 0, 0) for w in text.split()])
    >>> train = pd.DataFrame({"doc_id": list("abcdef"), "start": 0, "text": ["x good", "y good", "z good", "x", "y", "z"],
    ...                       "leadership_praise": 0})
    >>> model = FrameClassifier(rule="either", language="xx-split", previous=False).fit(train, [1, 1, 1, 0, 0, 0])
    >>> table = pd.DataFrame({"doc_id": ["g", "g", "g"], "start": [0, 9, 20], "text": ["w good", "w", "v"],
    ...                       "leadership_praise": [0, 0, 1]})
    >>> out = score_praise_ko(table, model)
    >>> out[["leadership_praise", "leadership_praise_lexicon"]].values.tolist()
    [[1, 0], [0, 0], [1, 1]]
    >>> bool(out["leadership_praise_proba"].iloc[0] > 0.5), table["leadership_praise"].tolist()
    (True, [0, 0, 1])
    """
    frame = model.frame
    lexicon_column, proba_column = f"{frame}_lexicon", f"{frame}_proba"
    if frame not in scored:
        raise ValueError(f"the statements table has no `{frame}` column: score it with the Korean lexicon first "
                         "(score_frames(statements, load_lexicon(FRAMES_LEXICON_KO), speakers=...))")
    if lexicon_column in scored:
        raise ValueError(f"the statements table already has `{lexicon_column}`: it was scored by score_praise_ko; "
                         "pass the lexicon's table (score_frames's output)")
    require_columns(scored, ("doc_id", "start", "text"))
    if "actor" in model.rule and "actor" not in scored:
        raise ValueError(f"rule `{model.rule}` reads the `actor` column: add it with analysis.frames.targets.mark_actors first")
    if scored.empty:  # nothing to classify (the model reads no zero-row matrix)
        return scored.assign(**{frame: scored[frame].astype(int), lexicon_column: scored[frame].astype(int), proba_column: 0.0})
    proba = model.predict_proba(scored)[:, 1]
    decided = model.predict(scored)
    return scored.assign(**{frame: decided, lexicon_column: scored[frame].to_numpy(), proba_column: proba})
