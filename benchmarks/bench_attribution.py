"""Benchmark: load + attribution on N copies of the shipped press conferences.

Target (issue 2): all 500 shared transcripts attributed in under 10 s on a 2-core machine,
and time growing linearly with corpus size. Prints documents/s, sentences/s and memory.

    python benchmarks/bench_attribution.py [--copies 1 2 5 10]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import load_press_conferences, max_rss_mib, measure, write_replicas  # noqa: E402

from analysis.inputs.corpus import load_corpus  # noqa: E402
from analysis.inputs.speakers import load_speakers  # noqa: E402
from analysis.paths import SPEAKERS  # noqa: E402
from analysis.statements import attribute_statements  # noqa: E402


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 2, 5, 10])
    args = parser.parse_args(argv)
    registry = load_speakers(SPEAKERS)
    source = load_press_conferences()
    print(f"load + attribution, {len(source)} press conferences per copy")
    print(f"{'copies':>6} {'docs':>6} {'sentences':>9} {'load s':>7} {'attr s':>7} {'total s':>8} {'docs/s':>7} {'sent/s':>8} {'ms/doc':>7} {'traced MiB':>10} {'max RSS MiB':>11}")
    rows = []
    for copies in args.copies:
        with tempfile.TemporaryDirectory() as folder:
            write_replicas(source, copies, Path(folder))
            load_s, _, documents = measure(lambda: load_corpus(folder), trace=False)
            attr_s, _, statements = measure(lambda: attribute_statements(documents, registry), trace=False)
            _, traced, _ = measure(lambda: attribute_statements(load_corpus(folder), registry)) if copies == args.copies[0] else (0, float("nan"), None)
        total = load_s + attr_s
        row = dict(copies=copies, docs=len(documents), sentences=len(statements), load_s=load_s, attr_s=attr_s, total_s=total)
        rows.append(row)
        print(
            f"{copies:>6} {len(documents):>6} {len(statements):>9} {load_s:>7.2f} {attr_s:>7.2f} {total:>8.2f} "
            f"{len(documents) / total:>7.0f} {len(statements) / total:>8.0f} {1000 * total / len(documents):>7.2f} {traced:>10.1f} {max_rss_mib():>11.0f}"
        )
    first = rows[0]
    verdict = "yes" if first["copies"] == 1 and first["total_s"] < 10 else "no" if first["copies"] == 1 else "not measured"
    print(f"500 transcripts in under 10 s: {verdict}")
    per_doc = [r["total_s"] / r["docs"] for r in rows]
    print("time per document relative to the smallest run (1.00 = linear): " + ", ".join(f"{p / per_doc[0]:.2f}" for p in per_doc))
    return rows


if __name__ == "__main__":
    main()
