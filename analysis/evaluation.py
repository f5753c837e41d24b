"""Agreement with hand coding: gold files, frame precision/recall/F1, praise targets, attribution accuracy.

Used by the tests and by notebook 02, so both report the same numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import pandas as pd

from .frames.lexicon import NAMED_FRAMES, Lexicon
from .frames.scoring import score_frames
from .inputs.corpus import load_corpus
from .inputs.speakers import SpeakerRegistry
from .paths import FRAMES_LEXICON_KO, GOLD, KO_BACKGROUND, KO_CORPUS, MFA_CORPUS
from .statements.attribution import attribute_statements
from .statements.schema import require_columns

__all__ = [
    "FRAME_SAMPLES",
    "KO_FRAME_SAMPLES",
    "compare_attribution",
    "evaluate_frame_samples",
    "evaluate_frames",
    "evaluate_target_samples",
    "evaluate_targets",
    "find_disagreements",
    "load_frames_gold",
    "load_frames_gold_ko",
    "score_gold_documents",
    "score_gold_documents_ko",
]

#: The samples of the frame gold files: name -> (file stem, ``sample`` value or None for all rows).
FRAME_SAMPLES = {
    "seeds": ("seeds", None),
    "press, tuning": ("press", "tuning"),
    "press, hold-out": ("press", "holdout"),
    "press, all": ("press", None),
}


def evaluate_frames(scored: pd.DataFrame, gold: pd.DataFrame, *, frames: Sequence[str] = NAMED_FRAMES) -> pd.DataFrame:
    """Precision, recall and F1 of frame scores against hand-coded gold statements.

    Parameters
    ----------
    scored : pandas.DataFrame
        :func:`score_frames` output covering the gold statements.
    gold : pandas.DataFrame
        ``statement_id``, ``text`` and a 0/1 column per frame (``tests/gold/frames_*.csv``).
    frames : sequence of str
        The frames to evaluate.

    Returns
    -------
    pandas.DataFrame
        One row per frame: ``frame``, ``n`` (gold statements), ``gold_positive``,
        ``tp``, ``fp``, ``fn``, ``precision``, ``recall``, ``f1`` (NaN when undefined).

    Raises
    ------
    ValueError
        If a gold statement is missing from ``scored`` or its text differs (the sentence
        splitting changed: re-align the gold file).

    Examples
    --------
    >>> gold = pd.DataFrame({"statement_id": ["a", "b"], "text": ["x", "y"], "peninsula": [1, 0]})
    >>> scored = pd.DataFrame({"statement_id": ["a", "b"], "text": ["x", "y"], "peninsula": [1, 1]})
    >>> evaluate_frames(scored, gold, frames=["peninsula"])[["tp", "fp", "precision", "recall"]].to_dict("records")
    [{'tp': 1, 'fp': 1, 'precision': 0.5, 'recall': 1.0}]
    """
    joined = _align(scored, gold, frames)
    rows = []
    for frame in frames:
        truth = joined[f"{frame}_gold"].astype(int).to_numpy()
        guess = joined[frame].astype(int).to_numpy()
        tp = int(((truth == 1) & (guess == 1)).sum())
        fp = int(((truth == 0) & (guess == 1)).sum())
        fn = int(((truth == 1) & (guess == 0)).sum())
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        f1 = 2 * precision * recall / (precision + recall) if tp else (0.0 if fp + fn else float("nan"))
        rows.append({"frame": frame, "n": len(joined), "gold_positive": int(truth.sum()), "tp": tp, "fp": fp, "fn": fn,
                     "precision": precision, "recall": recall, "f1": f1})
    return pd.DataFrame(rows)


def evaluate_targets(scored: pd.DataFrame, gold: pd.DataFrame, *, column: str = "praise_target", frame: str = "leadership_praise") -> pd.DataFrame:
    """Agreement on praise targets where both the gold and the scores see praise.

    Returns
    -------
    pandas.DataFrame
        One row per such statement: ``statement_id``, ``gold`` and ``scored`` targets, ``agree``
        (the same set of targets), ``text``.

    Examples
    --------
    >>> gold = pd.DataFrame({"statement_id": ["a"], "text": ["x"], "leadership_praise": [1], "praise_target": ["CN"]})
    >>> scored = gold.assign(praise_target="CN;Xi Jinping")
    >>> evaluate_targets(scored, gold)["agree"].tolist()
    [False]
    """
    joined = _align(scored, gold, [frame, column])
    both = joined[(joined[f"{frame}_gold"].astype(int) == 1) & (joined[frame].astype(int) == 1)]
    out = pd.DataFrame(
        {
            "statement_id": both["statement_id"],
            "gold": both[f"{column}_gold"].fillna("").astype(str),
            "scored": both[column].fillna("").astype(str),
            "text": both["text"],
        }
    ).reset_index(drop=True)
    out["agree"] = [set(g.split(";")) == set(s.split(";")) for g, s in zip(out["gold"], out["scored"])]
    return out[["statement_id", "gold", "scored", "agree", "text"]]


def _align(scored: pd.DataFrame, gold: pd.DataFrame, columns) -> pd.DataFrame:
    require_columns(gold, ("statement_id", "text", *columns))
    require_columns(scored, ("statement_id", "text", *columns))
    joined = gold[["statement_id", "text", *columns]].merge(
        scored[["statement_id", "text", *columns]], on="statement_id", how="left", suffixes=("_gold", ""), indicator=True
    )
    missing = joined.loc[joined["_merge"] != "both", "statement_id"].tolist()
    if missing:
        raise ValueError(f"{len(missing)} gold statement(s) not in the scored table, e.g. {missing[:3]}; score the corpus the gold was drawn from")
    changed = joined.loc[joined["text_gold"].str.split().str.join(" ") != joined["text"].fillna("").str.split().str.join(" "), "statement_id"].tolist()
    if changed:
        raise ValueError(f"{len(changed)} gold statement(s) have a different text now, e.g. {changed[:3]}; the sentence splitting changed: re-align the gold file")
    return joined.drop(columns=["_merge", "text_gold"])


def load_frames_gold(gold_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """The hand-coded frame samples (``frames_seeds.csv``, ``frames_press.csv``) by sample name.

    Returns
    -------
    dict
        :data:`FRAME_SAMPLES` names (``seeds``, ``press, tuning``, ``press, hold-out``,
        ``press, all``) to gold tables; empty when the files are not in ``gold_dir``.
    """
    gold_dir = Path(gold_dir) if gold_dir is not None else GOLD
    files = {stem: gold_dir / f"frames_{stem}.csv" for stem, _ in FRAME_SAMPLES.values()}
    if not all(path.is_file() for path in files.values()):
        return {}
    tables = {stem: pd.read_csv(path, keep_default_na=False) for stem, path in files.items()}
    return {name: tables[stem] if sample is None else tables[stem][tables[stem]["sample"] == sample]
            for name, (stem, sample) in FRAME_SAMPLES.items()}


def score_gold_documents(samples: dict[str, pd.DataFrame], speakers: SpeakerRegistry, *, corpus_dir: str | Path | None = None,
                         lexicon: Lexicon | str | Path | None = None) -> pd.DataFrame:
    """Attribute and score the documents the gold statements come from (in ``corpus_dir``)."""
    ids = pd.concat(list(samples.values()))["statement_id"]
    documents = load_corpus(Path(corpus_dir) if corpus_dir is not None else MFA_CORPUS)
    documents = documents[documents["doc_id"].isin({i.rsplit(":", 1)[0] for i in ids})]
    return score_frames(attribute_statements(documents, speakers), lexicon, speakers=speakers)


def evaluate_frame_samples(scored: pd.DataFrame, samples: dict[str, pd.DataFrame], *, frames: Sequence[str] = NAMED_FRAMES) -> pd.DataFrame:
    """:func:`evaluate_frames` on every sample, stacked with a ``sample`` column."""
    return pd.concat([evaluate_frames(scored, gold, frames=frames).assign(sample=name) for name, gold in samples.items()],
                     ignore_index=True)


def evaluate_target_samples(scored: pd.DataFrame, samples: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """:func:`evaluate_targets` on every sample but the union ``press, all``, stacked with ``sample``."""
    return pd.concat([evaluate_targets(scored, gold).assign(sample=name) for name, gold in samples.items() if name != "press, all"],
                     ignore_index=True)


def find_disagreements(scored: pd.DataFrame, gold: pd.DataFrame, *, frames: Sequence[str] = NAMED_FRAMES) -> pd.DataFrame:
    """Gold statements where a frame's score differs from the hand coding (``<frame>_gold`` beside ``<frame>``)."""
    merged = gold.merge(scored[["statement_id", *frames]], on="statement_id", suffixes=("_gold", ""))
    differs = (merged[[f"{f}_gold" for f in frames]].to_numpy() != merged[list(frames)].to_numpy()).any(axis=1)
    return merged[differs]


def compare_attribution(statements: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """The attribution beside the hand labels (``tests/gold/attribution.csv``), one row per gold sentence.

    Raises
    ------
    ValueError
        If the gold sentences and the statements are out of step (the sentence splitting changed).
    """
    predicted = statements.fillna("").astype({"sentence": str})
    merged = gold.merge(predicted, on=["doc_id", "sentence"], how="outer", suffixes=("_gold", ""), indicator=True)
    merged = merged[merged["doc_id"].isin(gold["doc_id"])]
    if not (merged["_merge"] == "both").all():
        raise ValueError("gold and attribution disagree on the sentences; re-align the gold file")
    if not (merged["text"].str[:60] == merged["text_start"]).all():
        raise ValueError("gold rows are out of step with the sentences; re-align the gold file")
    return merged.drop(columns="_merge")


#: The Korean gold samples (``tests/gold/ko/frames_ko.csv``): name -> ``sample`` value.
KO_FRAME_SAMPLES = {"ko, tuning": "tuning", "ko, hold-out": "holdout"}


def load_frames_gold_ko(statements: pd.DataFrame, gold_dir: str | Path | None = None, *,
                        samples: Sequence[str] = ("ko, tuning", "ko, hold-out")) -> dict[str, pd.DataFrame]:
    """The Korean hand-coded samples by name, each row given the ``statement_id`` of the statement
    at its offsets (the Korean segmenter cuts the gold's sentences: same rules).

    Parameters
    ----------
    statements : pandas.DataFrame
        A statements table holding the gold's documents (``doc_id``, ``start``, ``end``, ``statement_id``).
    gold_dir : str or Path, optional
        Default ``tests/gold``; the file is ``ko/frames_ko.csv`` in it.
    samples : sequence of str
        Names of :data:`KO_FRAME_SAMPLES` to load (ask for the hold-out only to measure it).

    Returns
    -------
    dict
        Sample name -> gold table (with ``statement_id``); empty when the file is absent.

    Raises
    ------
    ValueError
        If a gold row matches no statement's offsets (the segmentation changed: re-align the gold).
    """
    path = (Path(gold_dir) if gold_dir is not None else GOLD) / "ko" / "frames_ko.csv"
    if not path.is_file():
        return {}
    gold = pd.read_csv(path, keep_default_na=False)
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
    """Attribute and score (default: the Korean lexicon) the Korean documents the gold sentences come from."""
    path = (Path(gold_dir) if gold_dir is not None else GOLD) / "ko" / "frames_ko.csv"
    ids = set(pd.read_csv(path, usecols=["doc_id"])["doc_id"])
    documents = pd.concat([load_corpus(d) for d in corpus_dirs], ignore_index=True)
    documents = documents[documents["doc_id"].isin(ids)].reset_index(drop=True)
    return score_frames(attribute_statements(documents, speakers), lexicon if lexicon is not None else FRAMES_LEXICON_KO, speakers=speakers)
