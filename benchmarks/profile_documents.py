"""Profile and time the per-document stages (load, segment, attribute, frames, terms) serially on a sample.

    PYTHONPATH=. python benchmarks/profile_documents.py SAMPLE_DIR [--out DIR] [--repeat 3] [--profile 25] [--chunk-size 64]

Runs :func:`analysis.scale.stream_corpus` with one job (in this process) on the corpus folder
``SAMPLE_DIR`` (e.g. a folder of links to every 32nd speech of the imported release), ``--repeat``
times back to back into fresh folders, and prints the CPU time (``time.process_time``: user + system
of this process, so other sessions' load does not count) and the wall time of each run and their
minimum. With ``--profile N`` it runs once more under cProfile and prints the top N functions by
cumulative and by own time. ``--out DIR`` keeps the last run's Parquet parts (to compare two
branches' outputs with ``benchmarks/compare_parts.py``).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import tempfile
import time
from pathlib import Path

from analysis.inputs.speakers import load_speakers
from analysis.paths import SPEAKERS
from analysis.scale import stream_corpus


def run_once(sample: Path, out: Path, registry, chunk_size: int) -> tuple[float, float, int]:
    """One serial run into a fresh folder: CPU seconds, wall seconds, statements."""
    shutil.rmtree(out, ignore_errors=True)
    cpu, wall = time.process_time(), time.perf_counter()
    result = stream_corpus(sample, out, speakers=registry, jobs=1, chunk_size=chunk_size, progress=False)
    return time.process_time() - cpu, time.perf_counter() - wall, result.n_statements


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sample", type=Path, help="a corpus folder")
    parser.add_argument("--out", type=Path, help="keep the last run's parts here")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, help="top N functions under cProfile (0: no profile)")
    parser.add_argument("--chunk-size", type=int, default=64)
    args = parser.parse_args(argv)
    registry = load_speakers(SPEAKERS)
    with tempfile.TemporaryDirectory() as temporary:
        out = args.out or Path(temporary) / "out"
        print(f"load: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")
        runs = []
        for number in range(args.repeat):
            cpu, wall, n = run_once(args.sample, out, registry, args.chunk_size)
            runs.append((cpu, wall))
            print(f"run {number + 1}: {cpu:.2f} s CPU, {wall:.2f} s wall, {n:,} statements", flush=True)
        if runs:
            print(f"min: {min(r[0] for r in runs):.2f} s CPU, {min(r[1] for r in runs):.2f} s wall")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(run_once, args.sample, Path(temporary) / "profiled", registry, args.chunk_size)
            for key in ("cumulative", "tottime"):
                print(f"\n--- top {args.profile} by {key} ---")
                pstats.Stats(profiler).strip_dirs().sort_stats(key).print_stats(args.profile)
        print(f"load: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")


if __name__ == "__main__":
    main()
