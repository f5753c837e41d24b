"""Attribution accuracy against hand labels matched by character span, per house style.

The development set of issue 12 (``corpus/dev/attribution``, labels in
``tests/gold/attribution_dev.csv``) gives every hand-labelled sentence as a character span of
its document. :func:`match_gold_spans` pairs each gold sentence with the statement that has the
same span (``match`` ``exact``) or else the statement holding most of its characters
(``overlap``: the segmentation differs, counted apart); :func:`measure_accuracy` turns the pairs
into a table per house style. Run ``python -m analysis.statements.accuracy --split dev`` for the
table on the tuning part; ``--split holdout`` measures the part kept for reporting. The table has the
confident columns too (sentences whose statement has ``confidence`` at least ``--min-confidence``, by
default :data:`analysis.statements.confidence.DEFAULT_MIN_CONFIDENCE`: how many, how many right, how many
with a wrong country side).
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from pathlib import Path

import pandas as pd

from ..inputs.corpus import load_corpus
from ..inputs.errors import InputWarning
from ..inputs.speakers import SPECIAL_SIDES, SpeakerRegistry, load_speakers
from ..paths import GOLD, PROJECT, SPEAKERS
from .attribution import attribute_statements
from .confidence import DEFAULT_MIN_CONFIDENCE

__all__ = ["DEV_CORPUS", "DEV_GOLD", "attribute_dev_set", "load_dev_gold", "match_gold_spans", "measure_accuracy", "measure_rules"]

#: The attribution development set (issue 12) and its hand labels.
DEV_CORPUS = PROJECT / "corpus" / "dev" / "attribution"
DEV_GOLD = GOLD / "attribution_dev.csv"
#: The development set's own files beside its documents (its description and its dev/hold-out split): not
#: documents, and known, so :func:`attribute_dev_set` does not warn that they are not read.
_DEV_NOTES = ("README.md", "split.csv")

_PREDICTED = ("speaker", "side", "reported_speaker", "reported_side", "rule", "cue", "confidence")


def load_dev_gold(path: str | Path | None = None, *, split: str | None = None) -> pd.DataFrame:
    """The hand labels of the development set, optionally one ``split`` (``dev`` or ``holdout``).

    Raises
    ------
    ValueError
        Naming the file when ``split`` selects no row; for ``holdout`` (empty between rounds, when the last
        hold-out has moved into ``dev`` and no new batch is labelled yet) the message says so.

    Examples
    --------
    >>> gold = load_dev_gold(split="dev")
    >>> sorted(gold["house"].unique())[:2], int(gold["sentence_end"].gt(gold["sentence_start"]).all())
    (['china-mfa-other', 'japan-mofa'], 1)
    """
    path = Path(path) if path is not None else DEV_GOLD
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in ("sentence_start", "sentence_end"):
        gold[column] = gold[column].astype("int64")
    if split is not None:
        gold = gold[gold["split"] == split].reset_index(drop=True)
        if gold.empty and split == "holdout":
            raise ValueError(f"{path}: the hold-out is empty (no row has split `holdout`): the last hold-out has moved "
                             "into `dev`; label a new batch blind as `holdout-N-pending`, commit it, then switch it to "
                             "`holdout` for its one measurement, or use --split dev")
        if gold.empty:
            raise ValueError(f"{path}: no row has split `{split}`; use dev or holdout")
    return gold


def attribute_dev_set(gold: pd.DataFrame, *, corpus_dir: str | Path | None = None,
                      speakers: SpeakerRegistry | str | Path | None = None) -> pd.DataFrame:
    """Attribute only the documents the ``gold`` rows come from (so a dev run never sees hold-out output).

    Examples
    --------
    >>> gold = load_dev_gold(split="dev")
    >>> gold = gold[gold["doc_id"] == "dev-us-state-2020-02-29-biegun-kang-call"]
    >>> attribute_dev_set(gold)["speaker"].tolist()
    ['narrator', 'narrator', 'joint', 'joint']
    """
    with warnings.catch_warnings():
        for name in _DEV_NOTES:  # the set's own files by their whole path: another folder's notes are still said
            warnings.filterwarnings("ignore", message=re.escape(f"{DEV_CORPUS / name}: not read"), category=InputWarning)
        documents = load_corpus(Path(corpus_dir) if corpus_dir is not None else DEV_CORPUS)
    documents = documents[documents["doc_id"].isin(set(gold["doc_id"]))]
    registry = speakers if isinstance(speakers, SpeakerRegistry) else load_speakers(speakers if speakers is not None else SPEAKERS)
    return attribute_statements(documents, registry)


def match_gold_spans(statements: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Pair each gold sentence with a statement by character span.

    Parameters
    ----------
    statements : pandas.DataFrame
        :func:`analysis.statements.attribute_statements` output (``doc_id``, ``start``, ``end`` ...).
    gold : pandas.DataFrame
        ``doc_id``, ``sentence_start``, ``sentence_end``, ``speaker``, ``side`` (and optionally
        ``reported_speaker``, ``reported_side``, ``house``, ``split``, ``text``).

    Returns
    -------
    pandas.DataFrame
        The gold rows (label columns suffixed ``_gold``) with the predicted ``speaker``, ``side``,
        ``reported_speaker``, ``reported_side``, ``rule``, ``cue``, ``confidence`` (when present),
        ``statement_id`` and ``match``: ``exact`` (same span), ``overlap`` (the statement holding
        most of the gold span) or ``none`` (no statement overlaps; predictions empty).

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["d", "d"], "statement_id": ["d:1", "d:2"], "start": [0, 10], "end": [9, 30],
    ...                    "speaker": ["A", "B"], "side": ["CN", "ROK"]})
    >>> gold = pd.DataFrame({"doc_id": ["d", "d"], "sentence_start": [0, 10], "sentence_end": [9, 20],
    ...                      "speaker": ["A", "B"], "side": ["CN", "ROK"]})
    >>> match_gold_spans(st, gold)[["speaker_gold", "speaker", "match"]].values.tolist()
    [['A', 'A', 'exact'], ['B', 'B', 'overlap']]
    """
    by_doc = {doc_id: group for doc_id, group in statements.groupby("doc_id", sort=False)}
    rows = []
    for row in gold.to_dict("records"):
        found, match = _best_statement(by_doc.get(row["doc_id"]), row["sentence_start"], row["sentence_end"])
        out = {f"{k}_gold" if k in _PREDICTED else k: v for k, v in row.items()}
        for column in (*_PREDICTED, "statement_id"):
            out[column] = _clean(found.get(column)) if found is not None else ""
        out["match"] = match
        rows.append(out)
    return pd.DataFrame(rows)


def _best_statement(group: pd.DataFrame | None, start: int, end: int):
    if group is None:
        return None, "none"
    overlap = (group["end"].clip(upper=end) - group["start"].clip(lower=start)).clip(lower=0)
    if overlap.max() <= 0:
        return None, "none"
    best = group.loc[overlap.idxmax()]
    exact = int(best["start"]) == start and int(best["end"]) == end
    return best.to_dict(), "exact" if exact else "overlap"


def _clean(value):
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else value


def measure_accuracy(matched: pd.DataFrame, *, by: str | None = "house",
                     min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> pd.DataFrame:
    """Accuracy of speaker and side per group (and ``all``) from :func:`match_gold_spans` output.

    Parameters
    ----------
    matched : pandas.DataFrame
        :func:`match_gold_spans` output; a ``confidence`` column (missing or empty counts as 0) gives the
        confident columns.
    by : str or None
        The column to group by (``house`` by default); None gives only ``all``.
    min_confidence : float
        The threshold of the confident columns, between 0 and 1 (default
        :data:`analysis.statements.confidence.DEFAULT_MIN_CONFIDENCE`).

    Returns
    -------
    pandas.DataFrame
        One row per group: ``n`` gold sentences, ``right`` (speaker and side both right),
        ``accuracy`` (``right / n``), ``side_right``, ``unknown`` (predicted side ``unknown``),
        ``given_side`` (predicted side other than ``unknown``), ``wrong_country`` (a country side
        predicted that differs from the gold side), ``wrong_country_share``
        (``wrong_country / given_side``), ``reported_right``, ``resegmented`` (gold sentences
        matched by overlap or not at all), and among the sentences whose ``confidence`` is at least
        ``min_confidence``: ``confident`` (how many), ``confident_right`` and ``confident_wrong_country``.

    Raises
    ------
    ValueError
        If ``min_confidence`` is outside [0, 1].

    Examples
    --------
    >>> m = pd.DataFrame({"house": ["a", "a"], "speaker_gold": ["X", "joint"], "side_gold": ["CN", "joint"],
    ...                   "speaker": ["X", "Y"], "side": ["CN", "ROK"], "match": ["exact", "exact"],
    ...                   "confidence": [0.97, 0.6]})
    >>> measure_accuracy(m)[["house", "n", "right", "wrong_country", "confident", "confident_right"]].values.tolist()
    [['a', 2, 1, 1, 1, 1], ['all', 2, 1, 1, 1, 1]]
    """
    if not 0 <= min_confidence <= 1:
        raise ValueError(f"min_confidence must be between 0 and 1, not {min_confidence}")
    frame = matched.copy()
    frame["_right"] = (frame["speaker"] == frame["speaker_gold"]) & (frame["side"] == frame["side_gold"])
    frame["_side_right"] = frame["side"] == frame["side_gold"]
    frame["_unknown"] = frame["side"] == "unknown"
    frame["_given"] = ~frame["_unknown"] & (frame["side"] != "")
    frame["_wrong_country"] = ~frame["side"].isin((*SPECIAL_SIDES, "")) & ~frame["_side_right"]
    frame["_reported"] = (
        (frame["reported_speaker"] == frame["reported_speaker_gold"]) if "reported_speaker_gold" in frame else False
    )
    frame["_reseg"] = frame["match"] != "exact"
    confidence = frame["confidence"] if "confidence" in frame else pd.Series(0.0, index=frame.index)
    frame["_confident"] = pd.to_numeric(confidence, errors="coerce").fillna(0.0) >= min_confidence
    groups = [("all", frame)] if by is None else [*frame.groupby(by, sort=True), ("all", frame)]
    rows = []
    for name, part in groups:
        given = int(part["_given"].sum())
        rows.append(
            {
                by or "group": name,
                "n": len(part),
                "right": int(part["_right"].sum()),
                "accuracy": part["_right"].mean() if len(part) else float("nan"),
                "side_right": int(part["_side_right"].sum()),
                "unknown": int(part["_unknown"].sum()),
                "given_side": given,
                "wrong_country": int(part["_wrong_country"].sum()),
                "wrong_country_share": part["_wrong_country"].sum() / given if given else float("nan"),
                "reported_right": int(part["_reported"].sum()),
                "resegmented": int(part["_reseg"].sum()),
                "confident": int(part["_confident"].sum()),
                "confident_right": int((part["_confident"] & part["_right"]).sum()),
                "confident_wrong_country": int((part["_confident"] & part["_wrong_country"]).sum()),
            }
        )
    return pd.DataFrame(rows)


def measure_rules(matched: pd.DataFrame) -> pd.DataFrame:
    """Per ``rule``: how many gold sentences it decided and how many it got right (speaker and side).

    Examples
    --------
    >>> m = pd.DataFrame({"rule": ["joint", "joint"], "speaker_gold": ["joint", "X"], "side_gold": ["joint", "CN"],
    ...                   "speaker": ["joint", "joint"], "side": ["joint", "joint"]})
    >>> measure_rules(m).values.tolist()
    [['joint', 2, 1, 0.5]]
    """
    right = (matched["speaker"] == matched["speaker_gold"]) & (matched["side"] == matched["side_gold"])
    table = right.groupby(matched["rule"]).agg(["size", "sum"]).reset_index()
    table.columns = ["rule", "n", "right"]
    table["right"] = table["right"].astype("int64")
    table["reliability"] = table["right"] / table["n"]
    return table


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.statements.accuracy", description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "holdout"), default="dev", help="which part of the development set (default dev)")
    parser.add_argument("--errors", action="store_true", help="also list the sentences whose speaker or side is wrong")
    parser.add_argument("--rules", action="store_true", help="also list each rule's reliability")
    parser.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE,
                        help=f"threshold of the confident columns (default {DEFAULT_MIN_CONFIDENCE})")
    args = parser.parse_args(argv)
    if not 0 <= args.min_confidence <= 1:
        parser.error(f"--min-confidence must be between 0 and 1, not {args.min_confidence}")
    try:
        gold = load_dev_gold(split=args.split)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    matched = match_gold_spans(attribute_dev_set(gold), gold)
    with pd.option_context("display.width", 250, "display.max_columns", 20, "display.max_rows", 500, "display.max_colwidth", 90):
        print(f"confident: confidence >= {args.min_confidence}")
        print(measure_accuracy(matched, min_confidence=args.min_confidence).to_string(index=False))
        if args.rules:
            print(measure_rules(matched).to_string(index=False))
        if args.errors:
            wrong = matched[(matched["speaker"] != matched["speaker_gold"]) | (matched["side"] != matched["side_gold"])]
            for row in wrong.itertuples():
                print(f"{row.doc_id} [{row.match}] gold {row.speaker_gold}/{row.side_gold} got {row.speaker}/{row.side} "
                      f"({row.rule}, {row.cue}): {row.text[:140]!r}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_main())
