"""Check ``frames_un.csv`` against the speeches it indexes, and print its counts.

``python tests/gold/un/check_gold.py [--corpus PATH]`` verifies, for every row, that ``text`` is
exactly ``text[start:end]`` of the jsonl speech ``doc_id`` (as ``json.loads`` reads it, a byte-order
mark being index 0), without surrounding white space; that year and country agree with the speech;
that the codes are well formed; and that the rows are exactly the samples ``draw_un_sample.py``
draws (same sentences, same order). It prints the counts of README.md and exits 1 on any error.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent


def _load_draw_script():
    """The module ``draw_un_sample.py`` next to this file (loaded by path, sys.path untouched)."""
    spec = importlib.util.spec_from_file_location("draw_un_sample", HERE / "draw_un_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


draw_un_sample = _load_draw_script()

GOLD = HERE / "frames_un.csv"
COLUMNS = [
    "doc_id", "start", "end", "year", "country_iso3", "sample", "stratum", "text",
    "leadership_praise", "multilateralism", "peninsula", "praise_target", "protocol",
    "peninsula_in_context", "note",
]
FRAMES = ["leadership_praise", "multilateralism", "peninsula", "protocol", "peninsula_in_context"]
TARGETS = {"CN", "ROK", "DPRK", "US", "JP", "RU", "UN officers", "UN", "other", "unspecified", "joint"}
MINIMUM = {"tuning": 120, "holdout": 60}


def read_gold(path: Path = GOLD) -> list[dict]:
    """The rows of the gold file, as strings, exactly as written (csv module, no conversion)."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise SystemExit(f"{path}: header {reader.fieldnames} is not {COLUMNS}")
        return list(reader)


def check(rows: list[dict], speeches: dict[str, dict]) -> list[str]:
    """Every problem found, as 'line N: ...' messages (empty when the file is sound)."""
    errors = []
    seen: dict[str, list[tuple[int, int]]] = {}
    for line, row in enumerate(rows, start=2):
        where = f"line {line} ({row['doc_id']} {row['start']}:{row['end']})"
        speech = speeches.get(row["doc_id"])
        if speech is None:
            errors.append(f"{where}: doc_id not in the corpus")
            continue
        start, end = int(row["start"]), int(row["end"])
        if speech["text"][start:end] != row["text"]:
            errors.append(f"{where}: text is not the speech's text[start:end]")
        if row["text"] != row["text"].strip() or row["text"].startswith("\ufeff") or not row["text"]:
            errors.append(f"{where}: text has surrounding white space or a byte-order mark")
        if int(row["year"]) != speech["year"] or row["country_iso3"] != speech["country_iso3"]:
            errors.append(f"{where}: year/country disagree with the speech")
        if row["sample"] not in MINIMUM or row["stratum"] not in draw_un_sample.STRATA:
            errors.append(f"{where}: unknown sample or stratum")
        pattern = draw_un_sample.STRATA.get(row["stratum"])
        if pattern is not None and not pattern.search(row["text"]):
            errors.append(f"{where}: text does not match its stratum filter")
        for frame in FRAMES:
            if row[frame] not in ("0", "1"):
                errors.append(f"{where}: {frame} is {row[frame]!r}, not 0 or 1")
        targets = row["praise_target"].split(";") if row["praise_target"] else []
        if (row["leadership_praise"] == "1") != bool(targets):
            errors.append(f"{where}: praise_target must be set exactly when leadership_praise is 1")
        if targets != sorted(set(targets)) or not set(targets) <= TARGETS:
            errors.append(f"{where}: praise_target {row['praise_target']!r} not sorted/unique/known")
        if row["peninsula"] == "1" and row["peninsula_in_context"] != "1":
            errors.append(f"{where}: peninsula 1 implies peninsula_in_context 1")
        for other_start, other_end in seen.get(row["doc_id"], []):
            if start < other_end and other_start < end:
                errors.append(f"{where}: overlaps another drawn sentence")
        seen.setdefault(row["doc_id"], []).append((start, end))
    return errors


def check_draw(rows: list[dict], path: Path) -> list[str]:
    """The gold rows must be the samples the draw script draws, in its order."""
    errors = []
    for sample in MINIMUM:
        drawn, _ = draw_un_sample.draw_sample(sample, path)
        expected = list(zip(drawn["doc_id"], drawn["start"], drawn["end"], drawn["stratum"]))
        found = [
            (r["doc_id"], int(r["start"]), int(r["end"]), r["stratum"]) for r in rows if r["sample"] == sample
        ]
        if expected != found:
            errors.append(f"sample {sample}: rows differ from draw_un_sample.py {sample}")
    return errors


def summarize(rows: list[dict]) -> str:
    """The counts reported in README.md."""
    table = pd.DataFrame(rows)
    for frame in FRAMES:
        table[frame] = table[frame].astype(int)
    out = []
    counts = pd.crosstab([table["sample"], table["country_iso3"]], table["stratum"], margins=True)
    out.append("sentences per sample x country x stratum:\n" + counts.to_string())
    positives = table.groupby("sample")[FRAMES].sum()
    positives.insert(0, "sentences", table.groupby("sample").size())
    out.append("positives per sample:\n" + positives.to_string())
    by_country = table.groupby(["sample", "country_iso3"])[FRAMES].sum()
    out.append("positives per sample x country:\n" + by_country.to_string())
    praise = table[table["leadership_praise"] == 1]
    targets = pd.crosstab(praise["praise_target"], [praise["sample"], praise["protocol"]])
    out.append("praise targets (columns: sample, protocol):\n" + targets.to_string())
    garbage = table["note"].str.contains("garbage").sum()
    out.append(f"garbage rows: {garbage} of {len(table)}")
    return "\n\n".join(out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=draw_un_sample.CORPUS)
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args(argv)
    speeches = {s["id"]: s for s in draw_un_sample.load_speeches(args.corpus)}
    rows = read_gold(args.gold)
    errors = check(rows, speeches) + check_draw(rows, args.corpus)
    table = pd.DataFrame(rows)
    for sample, minimum in MINIMUM.items():
        part = table[table["sample"] == sample]
        if len(part) < minimum:
            errors.append(f"sample {sample}: {len(part)} rows, fewer than {minimum}")
        if 2 * part["country_iso3"].isin(["CHN", "KOR"]).sum() < len(part):
            errors.append(f"sample {sample}: CHN and KOR are less than half")
    if 20 * table["note"].str.contains("garbage").sum() >= len(table):
        errors.append("5 % or more of the rows are garbage")
    print(summarize(rows))
    for error in errors:
        print(f"{args.gold}: {error}", file=sys.stderr)
    print(f"\n{len(rows)} rows checked, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
