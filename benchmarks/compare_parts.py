"""Check that two output folders of ``stream_corpus`` hold the same tables: every stage, every part.

    PYTHONPATH=. python benchmarks/compare_parts.py REFERENCE_DIR CANDIDATE_DIR

Compares the documents, statements and frames parts with ``pandas.testing.assert_frame_equal``
(values, columns, dtypes, row order) and the terms parts (vocabulary with document frequencies,
and the statements x terms count matrices) exactly, as stored (values, column order within a row, dtypes). Exits 1 at the first difference, naming
the part. Use it to show that a speed-up changed no output (run main and the branch on the same
sample with ``benchmarks/profile_documents.py --out``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.scale.chunks import part_path, read_part, read_term_counts


def compare(reference: Path, candidate: Path) -> int:
    """Compare every part of every stage; the number of parts compared."""
    compared = 0
    for stage in ("documents", "statements", "frames", "terms"):
        numbers = sorted(int(p.stem.split("-")[1]) for p in (reference / stage).glob("part-*.parquet"))
        theirs = sorted(int(p.stem.split("-")[1]) for p in (candidate / stage).glob("part-*.parquet"))
        if numbers != theirs:
            raise AssertionError(f"{stage}: parts {numbers[:5]}... in {reference}, {theirs[:5]}... in {candidate}")
        for number in numbers:
            try:
                pd.testing.assert_frame_equal(read_part(reference, stage, number), read_part(candidate, stage, number))
                if stage == "terms":
                    a, b = read_term_counts(reference, number).counts, read_term_counts(candidate, number).counts
                    if a.shape != b.shape or (a != b).nnz:
                        raise AssertionError(f"count matrices differ: {a.shape} vs {b.shape}")
                    if any(not np.array_equal(getattr(a, n), getattr(b, n)) or getattr(a, n).dtype != getattr(b, n).dtype for n in ("data", "indices", "indptr")):
                        raise AssertionError("count matrices are stored differently (values, column order within a row, or dtypes)")
            except AssertionError as error:
                raise AssertionError(f"{part_path(candidate, stage, number)} differs from the reference: {error}") from None
            compared += 1
    return compared


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print(__doc__)
        return 2
    try:
        n = compare(Path(argv[0]), Path(argv[1]))
    except AssertionError as error:
        print(f"DIFFERENT: {error}")
        return 1
    print(f"identical: {n} parts (documents, statements, frames, terms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
