"""Agreement of two coders on the Korean gold: ``frames_ko.csv`` (first) against ``frames_ko_second.csv``.

``python tests/gold/ko/agreement.py`` matches the second coder's rows to the first coder's by
``(doc_id, start, end)``, then prints, per frame (``leadership_praise``, ``multilateralism``,
``peninsula``, ``protocol``, ``peninsula_in_context``): the 2x2 table of the two coders, percent
agreement, Cohen's kappa and the F1 of the second coder against the first (the first coder is the
reference, as in the lexicon's and the classifier's evaluation), each with a 95 % percentile
bootstrap interval over sentences; leadership praise per hold-out; ``praise_target`` agreement on
the rows both coded praise; and every disagreement with its text, both codes and both notes.
``--first`` / ``--second`` read other files; ``--no-disagreements`` prints the tables only.
A second-coder row missing from the first file, or whose text differs from it, is an error.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import pandas as pd
from sklearn.metrics import cohen_kappa_score, f1_score

__all__ = [
    "FRAMES", "load_codes", "match_coders", "count_table", "kappa_from_table", "f1_from_table",
    "measure_agreement", "bootstrap_interval", "measure_targets", "list_disagreements", "main",
]

HERE = Path(__file__).resolve().parent
FIRST = HERE / "frames_ko.csv"
SECOND = HERE / "frames_ko_second.csv"
KEY = ["doc_id", "start", "end"]
#: The coded columns compared, in print order (the three named frames, then the two helpers).
FRAMES = ("leadership_praise", "multilateralism", "peninsula", "protocol", "peninsula_in_context")
REQUIRED = KEY + ["sample", "text", *FRAMES, "praise_target", "note"]


def load_codes(path: str | Path) -> pd.DataFrame:
    """Read one coder's file: the key, the text, the 0/1 codes, the target and the note.

    Parameters
    ----------
    path : str or Path
        A CSV with the columns of ``frames_ko.csv``.

    Returns
    -------
    pandas.DataFrame
        One row per sentence; codes as ``int``, ``praise_target`` and ``note`` as ``str`` ('' if empty).

    Raises
    ------
    ValueError
        When a column is missing or a code is not 0/1, naming the file, line and column.

    Examples
    --------
    >>> import io
    >>> text = ("doc_id,start,end,sample,text,leadership_praise,multilateralism,peninsula,"
    ...         "protocol,peninsula_in_context,praise_target,note\\n"
    ...         "d,0,4,holdout-2,감사합니다.,0,0,0,1,0,,\\n")
    >>> load_codes(io.StringIO(text))[["protocol", "praise_target"]].values.tolist()
    [[1, '']]
    """
    where = path if isinstance(path, (str, Path)) else "<input>"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [column for column in REQUIRED if column not in table.columns]
    if missing:
        raise ValueError(f"{where}: missing columns {missing}; expected the columns of frames_ko.csv")
    for column in FRAMES:
        bad = ~table[column].isin(["0", "1"])
        if bad.any():
            line = int(bad.to_numpy().nonzero()[0][0]) + 2
            raise ValueError(f"{where}:{line}: {column} is {table[column][bad].iloc[0]!r}; codes are 0 or 1")
    table[list(FRAMES)] = table[list(FRAMES)].astype(int)
    table[["start", "end"]] = table[["start", "end"]].astype(int)
    return table[REQUIRED]


def match_coders(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Join the second coder's rows to the first coder's on ``(doc_id, start, end)``.

    Every second-coder row must exist in the first file with the same text; first-coder rows
    the second coder did not code are left out. Coded columns get the suffixes ``_1`` and ``_2``.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["d", "d"], "start": [0, 5], "end": [4, 9], "sample": ["h", "h"],
    ...                   "text": ["가", "나"], "leadership_praise": [1, 0], "note": ["", ""]})
    >>> b = a.iloc[[1]].assign(leadership_praise=1)
    >>> match_coders(a, b)[["leadership_praise_1", "leadership_praise_2"]].values.tolist()
    [[0, 1]]
    """
    merged = second.merge(first, on=KEY, how="left", suffixes=("_2", "_1"), indicator=True)
    lost = merged[merged["_merge"] != "both"]
    if len(lost):
        row = lost.iloc[0]
        raise ValueError(
            f"second coder's row {row['doc_id']}:{row['start']}-{row['end']} is not in the first coder's "
            f"file ({len(lost)} such rows); code only sentences the first coder coded")
    changed = merged[merged["text_1"] != merged["text_2"]]
    if len(changed):
        row = changed.iloc[0]
        raise ValueError(f"row {row['doc_id']}:{row['start']}-{row['end']}: the two coders' texts differ "
                         f"({row['text_1']!r} vs {row['text_2']!r}); redraw the second coder's sentences")
    merged = merged.drop(columns=["_merge", "text_2", "sample_2"])
    return merged.rename(columns={"text_1": "text", "sample_1": "sample"})


def count_table(first: list[int], second: list[int]) -> dict[str, int]:
    """The 2x2 table of two coders' 0/1 codes: ``both``, ``first_only``, ``second_only``, ``neither``.

    Examples
    --------
    >>> count_table([1, 1, 0, 0], [1, 0, 1, 0])
    {'both': 1, 'first_only': 1, 'second_only': 1, 'neither': 1}
    """
    pairs = list(zip(first, second))
    return {"both": pairs.count((1, 1)), "first_only": pairs.count((1, 0)),
            "second_only": pairs.count((0, 1)), "neither": pairs.count((0, 0))}


def kappa_from_table(table: dict[str, int]) -> float:
    """Cohen's kappa of a 2x2 table (NaN when chance agreement is 1: both coders constant and equal).

    Examples
    --------
    >>> round(kappa_from_table({"both": 20, "first_only": 5, "second_only": 10, "neither": 15}), 3)
    0.4
    """
    n = sum(table.values())
    observed = (table["both"] + table["neither"]) / n
    first_yes = (table["both"] + table["first_only"]) / n
    second_yes = (table["both"] + table["second_only"]) / n
    chance = first_yes * second_yes + (1 - first_yes) * (1 - second_yes)
    return float("nan") if chance == 1 else (observed - chance) / (1 - chance)


def f1_from_table(table: dict[str, int]) -> float:
    """F1 of the second coder against the first as reference (0.0 when neither codes any 1).

    Examples
    --------
    >>> f1_from_table({"both": 8, "first_only": 2, "second_only": 2, "neither": 88})
    0.8
    """
    denominator = 2 * table["both"] + table["first_only"] + table["second_only"]
    return 0.0 if denominator == 0 else 2 * table["both"] / denominator


def bootstrap_interval(first: list[int], second: list[int], statistic, *, resamples: int = 2000,
                       seed: int = 7) -> tuple[float, float]:
    """95 % percentile bootstrap interval of ``statistic(count_table(...))``, resampling sentences.

    Resamples whose statistic is NaN are skipped.

    Examples
    --------
    >>> low, high = bootstrap_interval([1, 0] * 20, [1, 0] * 20, f1_from_table, resamples=50)
    >>> (low, high)
    (1.0, 1.0)
    """
    rng = random.Random(seed)
    pairs = list(zip(first, second))
    values = []
    for _ in range(resamples):
        sample = rng.choices(pairs, k=len(pairs))
        value = statistic(count_table([a for a, _ in sample], [b for _, b in sample]))
        if value == value:
            values.append(value)
    values.sort()
    return values[int(0.025 * (len(values) - 1))], values[int(0.975 * (len(values) - 1))]


def measure_agreement(merged: pd.DataFrame, frames=FRAMES, *, resamples: int = 2000) -> pd.DataFrame:
    """Per frame: the 2x2 table, percent agreement, kappa and F1 (second vs first), with intervals.

    Returns a tidy table with the columns ``frame, n, both, first_only, second_only, neither,
    first_positives, second_positives, agreement, kappa, kappa_low, kappa_high, f1, f1_low, f1_high``.

    Examples
    --------
    >>> merged = pd.DataFrame({"peninsula_1": [1, 1, 0, 0], "peninsula_2": [1, 0, 0, 0]})
    >>> measure_agreement(merged, ["peninsula"], resamples=20)[["agreement", "f1"]].round(3).values.tolist()
    [[0.75, 0.667]]
    """
    rows = []
    for frame in frames:
        first, second = merged[f"{frame}_1"].tolist(), merged[f"{frame}_2"].tolist()
        table = count_table(first, second)
        kappa = cohen_kappa_score(first, second) if len(set(first) | set(second)) > 1 else float("nan")
        kappa_low, kappa_high = bootstrap_interval(first, second, kappa_from_table, resamples=resamples)
        f1_low, f1_high = bootstrap_interval(first, second, f1_from_table, resamples=resamples)
        rows.append({
            "frame": frame, "n": len(first), **table,
            "first_positives": sum(first), "second_positives": sum(second),
            "agreement": (table["both"] + table["neither"]) / len(first),
            "kappa": kappa, "kappa_low": kappa_low, "kappa_high": kappa_high,
            "f1": f1_score(first, second, zero_division=0.0), "f1_low": f1_low, "f1_high": f1_high,
        })
    return pd.DataFrame(rows)


def measure_targets(merged: pd.DataFrame) -> dict[str, int]:
    """``praise_target`` agreement on rows both coders coded praise: ``rows``, ``same``, ``overlap``.

    ``same`` counts identical target sets; ``overlap`` counts sets sharing at least one code.

    Examples
    --------
    >>> merged = pd.DataFrame({"leadership_praise_1": [1, 1, 1], "leadership_praise_2": [1, 1, 0],
    ...                        "praise_target_1": ["ROK", "CN;ROK", "US"],
    ...                        "praise_target_2": ["ROK", "CN", ""]})
    >>> measure_targets(merged)
    {'rows': 2, 'same': 1, 'overlap': 2}
    """
    both = merged[(merged["leadership_praise_1"] == 1) & (merged["leadership_praise_2"] == 1)]
    first = [set(value.split(";")) for value in both["praise_target_1"]]
    second = [set(value.split(";")) for value in both["praise_target_2"]]
    return {"rows": len(both), "same": sum(a == b for a, b in zip(first, second)),
            "overlap": sum(bool(a & b) for a, b in zip(first, second))}


def list_disagreements(merged: pd.DataFrame, frame: str) -> pd.DataFrame:
    """Rows where the coders differ on ``frame`` (or, for ``praise_target``, on rows both coded praise).

    Columns: ``doc_id, start, sample, text, first, second, note_1, note_2``.

    Examples
    --------
    >>> merged = pd.DataFrame({"doc_id": ["d"], "start": [0], "sample": ["h"], "text": ["가"],
    ...                        "protocol_1": [1], "protocol_2": [0], "note_1": [""], "note_2": ["x"]})
    >>> list_disagreements(merged, "protocol")[["first", "second"]].values.tolist()
    [[1, 0]]
    """
    if frame == "praise_target":
        both = (merged["leadership_praise_1"] == 1) & (merged["leadership_praise_2"] == 1)
        rows = merged[both & (merged["praise_target_1"] != merged["praise_target_2"])]
    else:
        rows = merged[merged[f"{frame}_1"] != merged[f"{frame}_2"]]
    rows = rows.rename(columns={f"{frame}_1": "first", f"{frame}_2": "second"})
    return rows[["doc_id", "start", "sample", "text", "first", "second", "note_1", "note_2"]]


def _format_agreement(result: pd.DataFrame) -> str:
    lines = ["| frame | n | both | first only | second only | neither | agreement | kappa [95 % CI] "
             "| F1, second vs first [95 % CI] |", "|" + " --- |" * 9]
    for row in result.itertuples():
        lines.append(
            f"| {row.frame} | {row.n} | {row.both} | {row.first_only} | {row.second_only} | {row.neither} "
            f"| {row.agreement:.1%} | {row.kappa:.2f} [{row.kappa_low:.2f}, {row.kappa_high:.2f}] "
            f"| {row.f1:.2f} [{row.f1_low:.2f}, {row.f1_high:.2f}] |")
    return "\n".join(lines)


def _format_disagreements(rows: pd.DataFrame, frame: str) -> str:
    lines = [f"#### {frame}: {len(rows)} disagreement(s)", ""]
    for row in rows.itertuples():
        lines.append(f"* `{row.doc_id}:{row.start}` ({row.sample}) {row.text}  ")
        first, second = (str(code) if str(code) != "" else "—" for code in (row.first, row.second))
        lines.append(f"  first: **{first}** ({row.note_1 or 'no note'}); "
                     f"second: **{second}** ({row.note_2 or 'no note'})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the agreement tables (markdown) and, unless ``--no-disagreements``, every disagreement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", default=FIRST, type=Path)
    parser.add_argument("--second", default=SECOND, type=Path)
    parser.add_argument("--resamples", default=2000, type=int)
    parser.add_argument("--no-disagreements", action="store_true")
    args = parser.parse_args(argv)
    merged = match_coders(load_codes(args.first), load_codes(args.second))
    print(f"{len(merged)} sentences coded by both ({args.first.name} vs {args.second.name}); "
          f"F1 takes the first coder as reference.\n")
    print(_format_agreement(measure_agreement(merged, resamples=args.resamples)))
    print("\nleadership_praise per hold-out (column frame: the sample):\n")
    per_sample = [measure_agreement(part, ["leadership_praise"], resamples=args.resamples).assign(frame=sample)
                  for sample, part in merged.groupby("sample", sort=True)]
    print(_format_agreement(pd.concat(per_sample, ignore_index=True)) + "\n")
    targets = measure_targets(merged)
    print(f"praise_target on the {targets['rows']} rows both coded praise: identical on {targets['same']}, "
          f"sharing a code on {targets['overlap']}.")
    if not args.no_disagreements:
        print("\n### Disagreements\n")
        for frame in (*FRAMES, "praise_target"):
            print(_format_disagreements(list_disagreements(merged, frame), frame) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
