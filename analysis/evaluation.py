"""Agreement with hand coding: gold files, frame precision/recall/F1, praise targets, attribution accuracy.

Used by the tests and by notebook 02, so both report the same numbers. Gold statements are named
by ``statement_id`` (the MFA gold) or by their character span in the document (the UN gold,
``tests/gold/un/frames_un.csv``): :func:`match_gold_spans` pairs each gold span with a statement,
and :func:`evaluate_span_gold` measures precision, recall and F1 per frame and genre on it. The
Korean gold and the learned praise model are in :mod:`analysis.evaluation_ko` (its names are
still importable from here).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Sequence

import pandas as pd

from .frames.lexicon import NAMED_FRAMES, Lexicon
from .frames.scoring import score_frames
from .inputs.corpus import load_corpus
from .inputs.speakers import SpeakerRegistry
from .paths import GOLD, MFA_CORPUS, UN_CORPUS
from .statements.attribution import attribute_statements
from .statements.schema import require_columns

__all__ = [
    "FRAME_SAMPLES",
    "SPAN_MATCH_COLUMNS",
    "compare_attribution",
    "evaluate_span_gold",
    "evaluate_span_targets",
    "evaluate_frame_samples",
    "evaluate_frames",
    "evaluate_target_samples",
    "evaluate_targets",
    "find_disagreements",
    "load_frames_gold",
    "load_un_gold",
    "main",
    "match_gold_spans",
    "score_gold_documents",
    "score_un_gold_documents",
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
    return _score_agreement(_align(scored, gold, frames), frames)


def _score_agreement(joined: pd.DataFrame, frames: Sequence[str]) -> pd.DataFrame:
    """Precision/recall/F1 rows from ``<frame>_gold`` (hand) beside ``<frame>`` (scored) columns."""
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


# -- gold named by character spans (the UN General Debate gold) -----------------------------------

#: Columns :func:`match_gold_spans` adds to the gold rows.
SPAN_MATCH_COLUMNS = ("statement_id", "match", "n_statements", "overlap")


def match_gold_spans(statements: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Pair every gold sentence, named by ``(doc_id, start, end)``, with a statement.

    The statement is the one with the same span, or else the one that holds most of the gold span.

    Parameters
    ----------
    statements : pandas.DataFrame
        Needs ``statement_id``, ``doc_id``, ``start``, ``end`` (spans in the document text).
    gold : pandas.DataFrame
        Needs ``doc_id``, ``start``, ``end``.

    Returns
    -------
    pandas.DataFrame
        ``gold`` with :data:`SPAN_MATCH_COLUMNS`: ``statement_id``; ``match``: ``exact`` (same
        span), ``split`` (the gold sentence falls into several statements: the one holding most of it
        is taken), ``merged`` (one statement holds the gold sentence and more), ``partial`` (one
        statement holds only part of it); ``n_statements`` (statements the gold span overlaps);
        ``overlap`` (share of the gold span's characters inside the chosen statement).

    Raises
    ------
    ValueError
        If a gold span overlaps no statement (wrong corpus, or offsets that do not index it).

    Examples
    --------
    >>> st = pd.DataFrame({"statement_id": ["d:1", "d:2", "d:3"], "doc_id": "d",
    ...                    "start": [0, 10, 20], "end": [9, 19, 40]})
    >>> gold = pd.DataFrame({"doc_id": ["d", "d", "d"], "start": [0, 10, 25], "end": [9, 28, 30]})
    >>> match_gold_spans(st, gold)[["statement_id", "match", "n_statements"]].values.tolist()
    [['d:1', 'exact', 1], ['d:2', 'split', 2], ['d:3', 'merged', 1]]
    """
    require_columns(statements, ("statement_id", "doc_id", "start", "end"))
    require_columns(gold, ("doc_id", "start", "end"))
    by_doc = {doc_id: group[["statement_id", "start", "end"]].to_numpy() for doc_id, group in statements.groupby("doc_id")}
    found = []
    for row in gold.itertuples(index=False):
        spans = by_doc.get(row.doc_id)
        overlap = [] if spans is None else [(min(e, row.end) - max(s, row.start), i, s, e) for i, s, e in spans
                                            if min(e, row.end) > max(s, row.start)]
        if not overlap:
            raise ValueError(f"gold span {row.doc_id} [{row.start}:{row.end}] overlaps no statement; "
                             "attribute the corpus the gold was drawn from (its offsets index the stored text)")
        size, statement_id, start, end = max(overlap, key=lambda o: (o[0], -o[2]))
        kind = ("exact" if (start, end) == (row.start, row.end) else "split" if len(overlap) > 1
                else "merged" if start <= row.start and end >= row.end else "partial")
        found.append((statement_id, kind, len(overlap), size / max(row.end - row.start, 1)))
    return gold.assign(**{c: [f[k] for f in found] for k, c in enumerate(SPAN_MATCH_COLUMNS)})


def evaluate_span_gold(scored: pd.DataFrame, gold: pd.DataFrame, *, frames: Sequence[str] = NAMED_FRAMES,
                       by: str | Sequence[str] | None = "genre") -> pd.DataFrame:
    """Precision, recall and F1 per frame (and group) of gold sentences named by their spans.

    Parameters
    ----------
    scored : pandas.DataFrame
        :func:`analysis.frames.score_frames` output with ``doc_id``, ``start``, ``end`` (and the
        ``by`` columns).
    gold : pandas.DataFrame
        ``doc_id``, ``start``, ``end`` and a 0/1 column per frame (``tests/gold/un/frames_un.csv``).
    frames : sequence of str
    by : str or sequence of str or None, default "genre"
        Columns of the matched statement (``genre``, ``side``…) or of the gold (``sample``,
        ``country_iso3``) to report per group; None for one row per frame.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, then as :func:`evaluate_frames` (``frame``, ``n``, ``gold_positive``,
        ``tp``, ``fp``, ``fn``, ``precision``, ``recall``, ``f1``), and ``n_exact``, ``n_split``,
        ``n_merged``, ``n_partial``: how the gold sentences matched the statements.

    Examples
    --------
    >>> scored = pd.DataFrame({"statement_id": ["d:1", "d:2"], "doc_id": "d", "genre": "speech",
    ...                        "start": [0, 10], "end": [9, 19], "peninsula": [1, 1]})
    >>> gold = pd.DataFrame({"doc_id": ["d", "d"], "start": [0, 10], "end": [9, 19], "peninsula": [1, 0]})
    >>> evaluate_span_gold(scored, gold, frames=["peninsula"])[["genre", "tp", "fp", "precision", "n_exact"]].values.tolist()
    [['speech', 1, 1, 0.5, 2]]
    """
    joined = _join_span_gold(scored, gold, frames)
    keys = [by] if isinstance(by, str) else list(by or [])
    groups = joined.groupby(keys, sort=True) if keys else [((), joined)]
    tables = []
    for key, part in groups:
        table = _score_agreement(part, frames)
        counts = part["match"].value_counts()
        for kind in ("exact", "split", "merged", "partial"):
            table[f"n_{kind}"] = int(counts.get(kind, 0))
        for column, value in zip(keys, key if isinstance(key, tuple) else (key,)):
            table.insert(keys.index(column), column, value)
        tables.append(table)
    return pd.concat(tables, ignore_index=True)


def evaluate_span_targets(scored: pd.DataFrame, gold: pd.DataFrame, *, column: str = "praise_target",
                          frame: str = "leadership_praise") -> pd.DataFrame:
    """Praise targets where both the gold span and its matched statement carry praise (as :func:`evaluate_targets`).

    Examples
    --------
    >>> scored = pd.DataFrame({"statement_id": ["d:1"], "doc_id": "d", "start": [0], "end": [9], "text": ["x"],
    ...                        "leadership_praise": [1], "praise_target": ["UN officers"]})
    >>> gold = scored.drop(columns="statement_id")
    >>> evaluate_span_targets(scored, gold)["agree"].tolist()
    [True]
    """
    joined = _join_span_gold(scored, gold, [frame, column])
    both = joined[(joined[f"{frame}_gold"].astype(int) == 1) & (joined[frame].astype(int) == 1)]
    out = pd.DataFrame({"statement_id": both["statement_id"], "doc_id": both["doc_id"], "start": both["start"],
                        "gold": both[f"{column}_gold"].fillna("").astype(str), "scored": both[column].fillna("").astype(str),
                        "text": scored.set_index("statement_id").loc[both["statement_id"], "text"].to_numpy()})
    out["agree"] = [set(g.split(";")) == set(s.split(";")) for g, s in zip(out["gold"], out["scored"])]
    return out.reset_index(drop=True)


def _join_span_gold(scored: pd.DataFrame, gold: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    require_columns(gold, ("doc_id", "start", "end", *columns))
    require_columns(scored, ("statement_id", *columns))
    matched = match_gold_spans(scored, gold)
    extra = [c for c in scored.columns if c not in matched.columns and c not in columns and c != "text"]
    renamed = matched.rename(columns={c: f"{c}_gold" for c in columns})
    return renamed.merge(scored[["statement_id", *columns, *extra]], on="statement_id", how="left")


def load_un_gold(path: str | Path | None = None, *, sample: str | None = None) -> pd.DataFrame:
    """The UN General Debate gold (``tests/gold/un/frames_un.csv``), or its ``tuning`` / ``holdout`` rows."""
    gold = pd.read_csv(Path(path) if path is not None else GOLD / "un" / "frames_un.csv", keep_default_na=False)
    return gold if sample is None else gold[gold["sample"] == sample].reset_index(drop=True)


def score_un_gold_documents(gold: pd.DataFrame, speakers: SpeakerRegistry, *, corpus_dir: str | Path | None = None,
                            lexicon: Lexicon | str | Path | None = None) -> pd.DataFrame:
    """Attribute and score the speeches the UN gold sentences come from (default :data:`UN_CORPUS`).

    A speech is the delegate's own voice (issue 10): statements of genre ``speech`` that the
    attribution leaves ``unknown`` get the document's ``side`` as ``voice``, so that "we", "our"
    and "my Government" name the delegate's side as praise targets.
    """
    documents = load_corpus(Path(corpus_dir) if corpus_dir is not None else UN_CORPUS)
    documents = documents[documents["doc_id"].isin(set(gold["doc_id"]))]
    statements = attribute_statements(documents, speakers)
    if "side" in documents.columns:
        delegate = statements["doc_id"].map(documents.set_index("doc_id")["side"])
        unknown = (statements["genre"] == "speech") & (statements["voice"] == "unknown") & delegate.notna()
        statements.loc[unknown, "voice"] = delegate[unknown]
    return score_frames(statements, lexicon, speakers=speakers)


#: The Korean names, now in :mod:`analysis.evaluation_ko`, still importable from here (loaded on first use).
_KOREAN = ("BEST_PRAISE", "KO_FRAME_SAMPLES", "KO_HOLDOUT_SAMPLES", "KO_SEEN_SAMPLES", "KO_TRAIN_SAMPLES", "PRAISE_RULES",
           "PRAISE_VARIANTS", "available_ko_samples", "cross_validate_praise", "evaluate_ko_samples", "load_frames_gold_ko",
           "score_gold_documents_ko")


def __getattr__(name: str):
    """The Korean evaluation's names (:mod:`analysis.evaluation_ko`), for the imports written before it moved."""
    if name in _KOREAN:
        return getattr(importlib.import_module(".evaluation_ko", __package__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m analysis.evaluation --language ko ...``: :func:`analysis.evaluation_ko.main`."""
    return importlib.import_module(".evaluation_ko", __package__).main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
