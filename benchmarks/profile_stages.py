"""Serial CPU time of each per-document stage on a sample: load, attribution, frames, term counting, writing.

    PYTHONPATH=. python benchmarks/profile_stages.py SAMPLE_DIR [--chunk-size 64]

Cuts the corpus folder's files (sorted, as :func:`analysis.scale.stream_corpus` does) into chunks
and runs on each chunk, in this process, what :func:`analysis.scale.chunks.run_chunk` runs:
``load_documents`` (reading and segmentation), ``attribute_statements``, ``score_frames``,
``count_terms`` with ``StatementVectorizer().build_analyzer()``, and the Parquet writes (into a
temporary folder). Prints the CPU time (``time.process_time``) of each stage summed over the
chunks, the total, and the load average before and after. One run per process: alternate runs of
two branches in fresh processes to compare them.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from analysis.frames.lexicon import as_lexicon
from analysis.frames.scoring import score_frames
from analysis.inputs.corpus import list_corpus_files, load_documents
from analysis.inputs.speakers import load_speakers
from analysis.paths import SPEAKERS
from analysis.scale.chunks import count_terms, part_path, write_part
from analysis.statements.attribution import attribute_statements
from analysis.vectors.vectorizer import StatementVectorizer

STAGES = ("load", "attribution", "frames", "terms", "write")


def time_stages(files: list, chunk_size: int, out: Path) -> dict:
    """CPU seconds per stage, summed over the chunks."""
    registry, lexicon = load_speakers(SPEAKERS), as_lexicon(None)
    analyzer = StatementVectorizer().build_analyzer()
    spent = dict.fromkeys(STAGES, 0.0)
    for number, start in enumerate(range(0, len(files), chunk_size)):
        chunk = files[start : start + chunk_size]
        clock = time.process_time()
        documents = load_documents(chunk)
        spent["load"] += time.process_time() - clock
        clock = time.process_time()
        statements = attribute_statements(documents, registry)
        spent["attribution"] += time.process_time() - clock
        clock = time.process_time()
        frames = score_frames(statements, lexicon, speakers=registry)
        spent["frames"] += time.process_time() - clock
        clock = time.process_time()
        count_terms(statements["text"].tolist(), analyzer)
        spent["terms"] += time.process_time() - clock
        clock = time.process_time()
        write_part(statements, part_path(out, "statements", number))
        write_part(frames, part_path(out, "frames", number))
        spent["write"] += time.process_time() - clock
    return spent


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sample", type=Path, help="a corpus folder")
    parser.add_argument("--chunk-size", type=int, default=64)
    args = parser.parse_args(argv)
    files = list_corpus_files(args.sample)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")
    with tempfile.TemporaryDirectory() as out:
        spent = time_stages(files, args.chunk_size, Path(out))
    print(" ".join(f"{stage} {seconds:.2f}" for stage, seconds in spent.items()) + f" total {sum(spent.values()):.2f} (CPU s)")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")


if __name__ == "__main__":
    main()
