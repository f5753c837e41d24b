"""Agreement with hand coding: gold files, frame precision/recall/F1, praise targets, attribution accuracy.

Used by the tests and by notebook 02, so both report the same numbers. Gold statements are named
by ``statement_id`` (the MFA gold) or by their character span in the document (the UN gold,
``tests/gold/un/frames_un.csv``): :func:`match_gold_spans` pairs each gold span with a statement,
and :func:`evaluate_span_gold` measures precision, recall and F1 per frame and genre on it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

import pandas as pd

from .frames.classifier import PARAM_GRID, FrameClassifier, add_previous_text, predict_grouped_folds, select_frame_params
from .frames.lexicon import NAMED_FRAMES, Lexicon, as_lexicon
from .frames.scoring import score_frames
from .inputs.corpus import list_corpus_files, load_corpus, load_documents
from .inputs.speakers import SpeakerRegistry, load_speakers
from .paths import FRAMES_LEXICON_KO, GOLD, KO_BACKGROUND, KO_CORPUS, MFA_CORPUS, SPEAKERS, UN_CORPUS
from .statements.attribution import attribute_statements
from .statements.schema import require_columns

__all__ = [
    "FRAME_SAMPLES",
    "KO_FRAME_SAMPLES",
    "SPAN_MATCH_COLUMNS",
    "KO_SEEN_SAMPLES",
    "PRAISE_RULES",
    "compare_attribution",
    "cross_validate_praise",
    "evaluate_span_gold",
    "evaluate_span_targets",
    "evaluate_frame_samples",
    "evaluate_frames",
    "evaluate_ko_samples",
    "evaluate_target_samples",
    "evaluate_targets",
    "find_disagreements",
    "load_frames_gold",
    "load_frames_gold_ko",
    "load_un_gold",
    "main",
    "match_gold_spans",
    "score_gold_documents",
    "score_gold_documents_ko",
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


#: The Korean gold samples (``tests/gold/ko/frames_ko.csv``): name -> ``sample`` value.
#: The first hold-out (``seen-holdout``) was scored once and then used for tuning (tests/gold/ko/README.md).
#: Each later hold-out (``holdout-2``, ``-3``, ``-4``) was coded blind and committed apart from the rules,
#: scored once (README: the numbers of record), and then seen.
KO_FRAME_SAMPLES = {"ko, tuning": "tuning", "ko, seen hold-out": "seen-holdout", "ko, hold-out 2": "holdout-2",
                    "ko, hold-out 3": "holdout-3", "ko, hold-out 4": "holdout-4", "ko, hold-out 5": "holdout-5"}
#: The samples seen when the learned praise classifier was written (it is fitted on them at call time).
KO_SEEN_SAMPLES = ("ko, tuning", "ko, seen hold-out", "ko, hold-out 2", "ko, hold-out 3", "ko, hold-out 4")
#: Praise decision rules of :func:`evaluate_ko_samples`: the lexicon, the classifier, or either.
PRAISE_RULES = ("lexicon", "learned", "either")


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
    path = (Path(gold_dir) if gold_dir is not None else GOLD) / "ko" / "frames_ko.csv"
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
    0.4 s instead of 11 s). The table holds those window sentences too; evaluate by the gold's ids. Only the files named ``<doc_id>.txt`` are read (the importer names them so); if an id is
    not found that way, every document of ``corpus_dirs`` is read.
    """
    path = (Path(gold_dir) if gold_dir is not None else GOLD) / "ko" / "frames_ko.csv"
    gold = pd.read_csv(path, usecols=["doc_id", "start", "end"])
    ids = set(gold["doc_id"])
    named = [file for folder in corpus_dirs for file in list_corpus_files(folder) if file.stem in ids]
    documents = load_documents(named) if named else pd.DataFrame({"doc_id": []})
    if not ids <= set(documents["doc_id"]):  # a file not named by its id: read everything
        documents = pd.concat([load_corpus(d) for d in corpus_dirs], ignore_index=True)
    documents = documents[documents["doc_id"].isin(ids)].reset_index(drop=True)
    statements = attribute_statements(documents, speakers)
    lexicon = as_lexicon(lexicon if lexicon is not None else FRAMES_LEXICON_KO)
    window = max((frame.context.window for frame in lexicon.frames if frame.context is not None), default=0)
    at_gold = set(statements.merge(gold.drop_duplicates(), on=["doc_id", "start", "end"], how="inner")["statement_id"])
    keep = statements["statement_id"].isin(at_gold)
    for _ in range(window):  # the sentences a context rule reads before a gold sentence
        keep = keep | (keep.shift(-1, fill_value=False) & (statements["doc_id"] == statements["doc_id"].shift(-1)))
    return score_frames(statements[keep].reset_index(drop=True), lexicon, speakers=speakers)


def _require_ko_sample(gold: pd.DataFrame, name: str, path: Path) -> None:
    """A clear error for an unknown sample name or a sample without rows in the gold file."""
    if name not in KO_FRAME_SAMPLES:
        raise ValueError(f"unknown Korean gold sample `{name}`; use one of: {', '.join(KO_FRAME_SAMPLES)}")
    if not (gold["sample"] == KO_FRAME_SAMPLES[name]).any():
        have = ", ".join(sorted(gold["sample"].unique()))
        raise ValueError(f"{path}: no rows with sample `{KO_FRAME_SAMPLES[name]}` (`{name}`); the file has: {have}. "
                         "Merge the branch with the coded rows first")


def evaluate_ko_samples(samples: Sequence[str], speakers: SpeakerRegistry, *, gold_dir: str | Path | None = None,
                        lexicon: Lexicon | str | Path | None = None, pooled: bool = False, praise: str = "lexicon") -> pd.DataFrame:
    """Precision, recall and F1 per named frame on Korean gold samples of ``frames_ko.csv``.

    ``praise`` (:data:`PRAISE_RULES`): ``lexicon``, or the praise column replaced by
    :class:`~analysis.frames.classifier.FrameClassifier` (``learned``) or lexicon OR classifier
    (``either``), fitted at call time on the rows of :data:`KO_SEEN_SAMPLES` that are not evaluated
    (for ``holdout-5``: all 540 seen rows; for a seen sample: the others, a leave-one-sample-out score).

    ``samples`` are names of :data:`KO_FRAME_SAMPLES` (``ko, hold-out 3``) or their ``sample``
    values (``holdout-3``); with ``pooled``, also their rows together (sample ``pooled``). Returns
    :func:`evaluate_frames` rows with a ``sample`` column. Raises ValueError naming the sample and
    the file when a sample has no rows there (``holdout-3``: until its coded rows are merged).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()); (folder / "ko").mkdir()
    >>> pd.DataFrame({"sample": ["tuning"]}).to_csv(folder / "ko" / "frames_ko.csv", index=False)
    >>> evaluate_ko_samples(["holdout-3"], None, gold_dir=folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: .../ko/frames_ko.csv: no rows with sample `holdout-3` (`ko, hold-out 3`); the file has: tuning. ...
    """
    names = [{value: key for key, value in KO_FRAME_SAMPLES.items()}.get(sample, sample) for sample in samples]
    path = (Path(gold_dir) if gold_dir is not None else GOLD) / "ko" / "frames_ko.csv"
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
        scored = _apply_praise_classifier(scored, gold_dir, [s for s in KO_SEEN_SAMPLES if s not in names], praise)
    if pooled:
        gold["pooled"] = pd.concat(list(gold.values()), ignore_index=True)
    return pd.concat([evaluate_frames(scored, rows).assign(sample=name) for name, rows in gold.items()], ignore_index=True)


def _apply_praise_classifier(scored: pd.DataFrame, gold_dir, train: Sequence[str], rule: str) -> pd.DataFrame:
    """``scored`` with ``leadership_praise`` decided by the classifier fitted on the ``train`` samples
    (parameters chosen among :data:`~analysis.frames.classifier.PARAM_GRID` by grouped CV on them)."""
    if not train:
        raise ValueError("no seen Korean sample left to fit the praise classifier on; evaluate fewer samples")
    scored = add_previous_text(scored)
    table = _praise_codes(scored, gold_dir, train)
    chosen = select_frame_params(table, table["code"], table["doc_id"], grid=PARAM_GRID, frame="leadership_praise")
    model = FrameClassifier("leadership_praise", rule=rule, **chosen).fit(table, table["code"])
    return scored.assign(leadership_praise=model.predict(scored))


def _praise_codes(scored: pd.DataFrame, gold_dir, samples: Sequence[str]) -> pd.DataFrame:
    """The gold rows of ``samples``: their praise code as ``code``, beside their scored statement's columns
    (every gold row has a statement: :func:`load_frames_gold_ko` raises otherwise)."""
    rows = pd.concat(list(load_frames_gold_ko(scored, gold_dir, samples=samples).values()), ignore_index=True)
    return rows[["statement_id", "leadership_praise"]].rename(columns={"leadership_praise": "code"}).merge(scored, on="statement_id")


def cross_validate_praise(speakers: SpeakerRegistry, gold_dir: str | Path | None = None, *, n_splits: int = 5,
                          random_state: int = 0, grid: Sequence[dict] | None = PARAM_GRID) -> pd.DataFrame:
    """Grouped cross-validation (by speech) of the praise lexicon, the classifier, and lexicon OR classifier.

    The 540 rows of :data:`KO_SEEN_SAMPLES` are split into ``n_splits`` folds by
    :class:`~sklearn.model_selection.StratifiedGroupKFold` on ``doc_id`` (no speech in two folds);
    the classifier is fitted on the other folds and predicts the held-out one; its ``C`` and whether it
    reads the previous sentence are chosen in each training part among ``grid`` (nested grouped CV,
    :func:`~analysis.frames.classifier.select_frame_params`; None: the defaults). The lexicon was
    written on these rows, so its numbers here are optimistic; the classifier's are not.

    Returns
    -------
    pandas.DataFrame
        ``fold`` (0.. and ``pooled``), ``rule`` (``lexicon``, ``learned``, ``either``), ``n_docs``,
        then :func:`evaluate_frames` columns for ``leadership_praise``.
    """
    table = _praise_codes(add_previous_text(score_gold_documents_ko(speakers, gold_dir)), gold_dir, KO_SEEN_SAMPLES)
    folds = predict_grouped_folds(table, table["code"], table["doc_id"], n_splits=n_splits, random_state=random_state, grid=grid)
    results = []
    for fold, part in [*folds.groupby("fold"), ("pooled", folds)]:
        for rule in ("lexicon", "learned", "either"):
            joined = pd.DataFrame({"leadership_praise_gold": part["gold"], "leadership_praise": part[rule]})
            results.append(_score_agreement(joined, ["leadership_praise"]).assign(fold=str(fold), rule=rule, n_docs=part["group"].nunique()))
    return pd.concat(results, ignore_index=True)[["fold", "rule", "n_docs", "n", "gold_positive", "tp", "fp", "fn", "precision", "recall", "f1"]]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m analysis.evaluation --language ko --sample holdout-3``: P/R/F1 per frame of gold samples."""
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluation", description=main.__doc__)
    parser.add_argument("--language", choices=["ko"], default="ko", help="the gold's language (ko: tests/gold/ko/frames_ko.csv)")
    parser.add_argument("--sample", nargs="+", help=f"one or more of {', '.join(KO_FRAME_SAMPLES.values())} (or names)")
    parser.add_argument("--praise", choices=PRAISE_RULES, default="lexicon", help="praise by the lexicon, the classifier, or either")
    parser.add_argument("--cross-validate", action="store_true", help="grouped CV by speech of the praise rules on the seen rows")
    parser.add_argument("--pooled", action="store_true", help="also the samples' rows together")
    parser.add_argument("--gold-dir", default=None, help="the folder holding ko/frames_ko.csv (default tests/gold)")
    args = parser.parse_args(argv)
    if not args.sample and not args.cross_validate:
        parser.error("give --sample or --cross-validate")
    try:
        if args.cross_validate:
            table = cross_validate_praise(load_speakers(SPEAKERS), args.gold_dir)
            print(table.round(2).to_string(index=False))
            return 0
        table = evaluate_ko_samples(args.sample, load_speakers(SPEAKERS), gold_dir=args.gold_dir, pooled=args.pooled, praise=args.praise)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    columns = ["sample", "frame", "n", "gold_positive", "tp", "fp", "fn", "precision", "recall", "f1"]
    print(table[columns].round(2).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
