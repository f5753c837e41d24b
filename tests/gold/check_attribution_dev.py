"""Check the attribution development set (issue 12) against its documents.

Standard library only; it reads the files and nothing else (no project code).
Run from the repository root::

    python tests/gold/check_attribution_dev.py

It checks that

* every row's ``text`` is exactly ``body[sentence_start:sentence_end]``, where
  ``body`` is the document text after the closing ``---`` line and its newline,
  read with ``open(path, encoding="utf-8", newline="")``;
* every document under ``corpus/dev/attribution/`` has a split (``dev``, ``holdout``, or
  ``holdout-9-pending`` or ``holdout-11-pending`` for a batch labelled and committed
  but not yet run) in
  ``corpus/dev/attribution/split.csv``, and every row's ``house``
  and ``split`` agree with that file and with the document's folder and
  ``house`` front-matter key;
* a document's sentences are in order, do not overlap, and between them leave
  only whitespace (every word of the body is in exactly one labelled sentence);
* ``side`` and ``reported_side`` use the documented values, and ``joint``,
  ``narrator`` and ``unknown`` speakers carry the same side.

It prints one line per problem and exits 1 if there is any, else prints the
counts per house and split and exits 0.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "dev" / "attribution"
GOLD = ROOT / "tests" / "gold" / "attribution_dev.csv"
SPLIT = CORPUS / "split.csv"
COLUMNS = [
    "doc_id", "house", "split", "sentence_start", "sentence_end", "text",
    "speaker", "side", "reported_speaker", "reported_side", "note",
]
HOUSES = ("rok-mofa", "rok-president", "us-state", "japan-mofa", "china-mfa-other")
# `holdout-N-pending`: a batch labelled and committed, not yet run (it becomes `holdout` for its one run);
# the seventh batch was `holdout-7-pending` until its run, the eighth `holdout-8-pending`, the ninth `holdout-9-pending`,
# the twelfth batch (the eleventh hold-out) `holdout-11-pending`: any `holdout-N-pending` is accepted
SPLITS = ("dev", "holdout", "holdout-N-pending")
SIDES = {"CN", "ROK", "US", "JP", "DPRK", "RU", "joint", "narrator", "unknown"}
SELF_SIDED = ("joint", "narrator", "unknown")


def read_document(path: Path) -> tuple[dict[str, str], str]:
    """The top-level front-matter ``key: value`` pairs (as text) and the body."""
    with open(path, encoding="utf-8", newline="") as handle:
        content = handle.read()
    lines = content.split("\n")
    if lines[0].strip() != "---":
        raise ValueError(f"{path}: no front matter")
    close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    head = "\n".join(lines[: close + 1]) + "\n"
    meta = {}
    for line in lines[1:close]:
        match = re.match(r"([A-Za-z_][\w-]*):\s*(.*)$", line)
        if match:
            meta[match.group(1)] = match.group(2).strip().strip('"')
    return meta, content[len(head):]


def main() -> int:
    problems: list[str] = []
    documents: dict[str, tuple[str, str]] = {}
    for path in sorted(CORPUS.rglob("*.txt")):
        meta, body = read_document(path)
        house = path.parent.name
        if meta.get("id") != path.stem:
            problems.append(f"{path}: id {meta.get('id')!r} is not the file name")
        if meta.get("house") != house:
            problems.append(f"{path}: house {meta.get('house')!r} is not the folder {house!r}")
        if house not in HOUSES:
            problems.append(f"{path}: unknown house folder {house!r}")
        documents[path.stem] = (house, body)

    with open(SPLIT, encoding="utf-8", newline="") as handle:
        split_rows = list(csv.DictReader(handle))
    split = {}
    for row in split_rows:
        if row["doc_id"] in split:
            problems.append(f"{SPLIT}: {row['doc_id']} listed twice")
        if row["split"] not in SPLITS[:2] and not re.fullmatch(r"holdout-\d+-pending", row["split"]):
            problems.append(f"{SPLIT}: {row['doc_id']}: split {row['split']!r} is not one of {SPLITS}")
        split[row["doc_id"]] = row
    for doc_id, (house, _) in documents.items():
        if doc_id not in split:
            problems.append(f"{SPLIT}: document {doc_id} has no split")
        elif split[doc_id]["house"] != house:
            problems.append(f"{SPLIT}: {doc_id}: house {split[doc_id]['house']!r}, folder {house!r}")
    for doc_id in split:
        if doc_id not in documents:
            problems.append(f"{SPLIT}: {doc_id} has no document file")

    with open(GOLD, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            problems.append(f"{GOLD}: columns {reader.fieldnames}, expected {COLUMNS}")
        rows = list(reader)
    by_doc: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    counts: Counter = Counter()
    for line, row in enumerate(rows, start=2):
        where = f"{GOLD}:{line}"
        doc_id = row["doc_id"]
        if doc_id not in documents:
            problems.append(f"{where}: no document {doc_id}")
            continue
        house, body = documents[doc_id]
        if row["house"] != house:
            problems.append(f"{where}: house {row['house']!r}, document folder {house!r}")
        if doc_id in split and row["split"] != split[doc_id]["split"]:
            problems.append(f"{where}: split {row['split']!r}, split.csv says {split[doc_id]['split']!r}")
        try:
            start, end = int(row["sentence_start"]), int(row["sentence_end"])
        except ValueError:
            problems.append(f"{where}: offsets are not integers")
            continue
        if not 0 <= start < end <= len(body):
            problems.append(f"{where}: span {start}:{end} outside the body (length {len(body)})")
        elif body[start:end] != row["text"]:
            problems.append(f"{where}: text differs from body[{start}:{end}] = {body[start:end][:60]!r}")
        if row["side"] not in SIDES:
            problems.append(f"{where}: side {row['side']!r} is not one of {sorted(SIDES)}")
        if row["reported_side"] and row["reported_side"] not in SIDES:
            problems.append(f"{where}: reported_side {row['reported_side']!r} is not one of {sorted(SIDES)}")
        if bool(row["reported_speaker"]) != bool(row["reported_side"]):
            problems.append(f"{where}: reported_speaker and reported_side must be both set or both empty")
        if not row["speaker"]:
            problems.append(f"{where}: empty speaker")
        if row["speaker"] in SELF_SIDED and row["side"] != row["speaker"]:
            problems.append(f"{where}: speaker {row['speaker']!r} needs side {row['speaker']!r}")
        by_doc[doc_id].append((start, end, line))
        counts[(house, row["split"])] += 1

    for doc_id, (house, body) in documents.items():
        spans = sorted(by_doc.get(doc_id, []))
        if not spans:
            problems.append(f"{doc_id}: no labelled sentence")
            continue
        position = 0
        for start, end, line in spans:
            if start < position:
                problems.append(f"{GOLD}:{line}: sentence overlaps the one before")
            elif body[position:start].strip():
                problems.append(f"{doc_id}: unlabelled text {body[position:start].strip()[:60]!r} before line {line}")
            position = max(position, end)
        if body[position:].strip():
            problems.append(f"{doc_id}: unlabelled text at the end {body[position:].strip()[:60]!r}")

    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    docs = Counter((house, split[d]["split"]) for d, (house, _) in documents.items())
    print(f"OK: {len(rows)} sentences in {len(documents)} documents")
    for house in HOUSES:
        cells = [f"{s}: {docs[(house, s)]} docs, {counts[(house, s)]} sentences" for s in SPLITS if s in ("dev", "holdout") or docs[(house, s)]]
        print(f"  {house:16} " + "; ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
