"""Check ``frames_ko.csv`` against the shared corpus and the coding rules of README.md.

``python tests/gold/ko/check_gold.py`` verifies, for every row, that ``text`` is exactly
``text_of(doc_id)[start:end]`` of the jsonl file (as ``json.loads`` gives it) with no outer
whitespace, and that the codes obey the rules (0/1 values, ``praise_target`` present exactly when
``leadership_praise`` is 1, known and sorted target codes, ``peninsula_in_context`` ≥ ``peninsula``,
no sentence twice, tuning and hold-out disjoint, the event stratum only in the tuning sample).
``--redraw`` also runs ``draw_ko_sample.py`` (needs pandas) and checks that the rows are exactly the
sentences it draws, per sample and stratum (``train-1``, the training batch, is coded whole and
compared whole like the hold-outs; a ``train-*`` batch may instead be coded as a prefix of the
sentences in drawing order, and its rows must then be exactly the first N drawn, in that order).
``--corpus PATH`` reads another copy of the jsonl file.
Prints one line per problem (file, line, what is wrong) and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "frames_ko.csv"
CORPUS = HERE.parents[3] / "shared" / "corpora" / "moon_speeches_ko_2017_2022.jsonl"
COLUMNS = [
    "doc_id", "start", "end", "date", "sample", "stratum", "text", "gloss", "leadership_praise",
    "multilateralism", "peninsula", "praise_target", "protocol", "peninsula_in_context", "note",
]
BINARY = ["leadership_praise", "multilateralism", "peninsula", "protocol", "peninsula_in_context"]
TARGETS = {"CN", "ROK", "DPRK", "US", "JP", "RU", "UN", "joint", "other", "unspecified"}
SAMPLES = {
    "tuning", "seen-holdout", "holdout-2", "holdout-3", "holdout-4", "holdout-5", "holdout-6", "holdout-7",
    "holdout-8", "holdout-9", "holdout-10", "holdout-random-1", "train-1", "train-2", "train-3", "train-4",
}
STRATA = {"event-2020-11-26", "unga", "china", "korea", "praise", "multilateral", "random", "relevant"}


def _texts(corpus: Path) -> dict[str, dict]:
    speeches = {}
    with open(corpus, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            speeches[record["id"]] = record
    return speeches


def check_rows(rows: list[dict], speeches: dict[str, dict], where: str) -> list[str]:
    """Problems of the gold rows, one message each (empty when all is well)."""
    problems = []
    seen: dict[tuple, str] = {}
    for number, row in enumerate(rows, start=2):
        at = f"{where}:{number}"
        speech = speeches.get(row["doc_id"])
        if speech is None:
            problems.append(f"{at}: doc_id {row['doc_id']!r} is not in the corpus")
            continue
        try:
            start, end = int(row["start"]), int(row["end"])
        except ValueError:
            problems.append(f"{at}: start/end {row['start']!r}/{row['end']!r} are not integers")
            continue
        source = speech["text"][start:end]
        if source != row["text"]:
            problems.append(f"{at}: text differs from the corpus slice [{start}:{end}]: {source!r}")
        if row["text"] != row["text"].strip() or not row["text"]:
            problems.append(f"{at}: text is empty or has outer whitespace (move the offsets)")
        if row["date"] != speech["date_raw"].replace(".", "-"):
            problems.append(f"{at}: date {row['date']!r} is not the speech's date_raw {speech['date_raw']!r}")
        if row["sample"] not in SAMPLES:
            problems.append(f"{at}: sample {row['sample']!r} is not one of {sorted(SAMPLES)}")
        if row["stratum"] not in STRATA:
            problems.append(f"{at}: stratum {row['stratum']!r} is not one of {sorted(STRATA)}")
        if row["stratum"] == "event-2020-11-26" and row["sample"] != "tuning":
            problems.append(f"{at}: the event stratum belongs to the tuning sample only")
        for column in BINARY:
            if row[column] not in {"0", "1"}:
                problems.append(f"{at}: {column} is {row[column]!r}, not 0 or 1")
        targets = row["praise_target"].split(";") if row["praise_target"] else []
        if (row["leadership_praise"] == "1") != bool(targets):
            problems.append(f"{at}: praise_target must be filled exactly when leadership_praise is 1")
        if any(target not in TARGETS for target in targets):
            problems.append(f"{at}: praise_target {row['praise_target']!r} has a code outside {sorted(TARGETS)}")
        if targets != sorted(set(targets)):
            problems.append(f"{at}: praise_target {row['praise_target']!r} is not sorted and unique")
        if row["peninsula"] == "1" and row["peninsula_in_context"] != "1":
            problems.append(f"{at}: peninsula is 1 but peninsula_in_context is 0")
        if not row["gloss"].strip():
            problems.append(f"{at}: gloss is empty")
        key = (row["doc_id"], start, end)
        if key in seen:
            problems.append(f"{at}: sentence {key} already in {seen[key]}")
        seen[key] = at
    return problems


def check_redraw(rows: list[dict], corpus: Path, where: str) -> list[str]:
    """Compare the rows with what draw_ko_sample.py draws."""
    problems = []
    for sample in sorted(SAMPLES):
        result = subprocess.run(
            [sys.executable, str(HERE / "draw_ko_sample.py"), sample, "--corpus", str(corpus)],
            capture_output=True, text=True, check=True,
        )
        drawn_list = [(r["doc_id"], r["start"], r["end"], r["stratum"]) for r in csv.DictReader(StringIO(result.stdout))]
        gold_list = [(r["doc_id"], r["start"], r["end"], r["stratum"]) for r in rows if r["sample"] == sample]
        if sample.startswith("train-") and 0 < len(gold_list) < len(drawn_list):
            # A training batch may be coded as a prefix in drawing order (hold-outs never).
            if gold_list != drawn_list[: len(gold_list)]:
                problems.append(
                    f"{where}: {sample} rows are not the first {len(gold_list)} drawn sentences in drawing "
                    "order (a training batch may be coded as a prefix only; fix or reorder the rows)"
                )
            continue
        drawn, gold = set(drawn_list), set(gold_list)
        for key in sorted(drawn - gold):
            problems.append(f"{where}: {sample} sentence {key} is drawn but not coded")
        for key in sorted(gold - drawn):
            problems.append(f"{where}: {sample} row {key} is not what draw_ko_sample.py draws")
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--redraw", action="store_true")
    args = parser.parse_args(argv)
    with open(args.gold, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            print(f"{args.gold}:1: columns are {reader.fieldnames}, expected {COLUMNS}")
            return 1
        rows = list(reader)
    problems = check_rows(rows, _texts(args.corpus), str(args.gold))
    if args.redraw:
        problems += check_redraw(rows, args.corpus, str(args.gold))
    for problem in problems:
        print(problem)
    counts = {s: sum(r["sample"] == s for r in rows) for s in sorted(SAMPLES)}
    print(f"{len(rows)} rows {counts}: {'OK' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
