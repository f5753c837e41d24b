"""Helpers shared by the benchmark scripts: scaled corpora and measurements."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path
from typing import Callable

import pandas as pd

from analysis.inputs.corpus import load_corpus, write_document

PROJECT = Path(__file__).resolve().parent.parent
PRESS_CONFERENCES = (PROJECT / "corpus" / "documents" / "mfa" / "press-conferences", PROJECT / "corpus" / "background" / "press-conferences")


def load_press_conferences() -> pd.DataFrame:
    """All shipped press-conference transcripts (Korea-related and background): 500 documents."""
    return pd.concat([load_corpus(folder) for folder in PRESS_CONFERENCES], ignore_index=True)


def replicate(documents: pd.DataFrame, copies: int) -> pd.DataFrame:
    """``copies`` copies of a documents table, ids made unique (``<id>-c<k>``)."""
    parts = [documents.assign(doc_id=documents["doc_id"] + f"-c{k}") for k in range(copies)]
    return pd.concat(parts, ignore_index=True)


def write_replicas(documents: pd.DataFrame, copies: int, folder: Path) -> Path:
    """Write ``copies`` copies of the documents as corpus files (for timing the loader too)."""
    keep = ("date", "title", "source", "genre", "language", "url")
    for k in range(copies):
        for row in documents.itertuples(index=False):
            meta = {"id": f"{row.doc_id}-c{k}", **{key: getattr(row, key) for key in keep}}
            meta["date"] = row.date.strftime("%Y-%m-%d")
            write_document(folder / f"c{k}" / f"{meta['id']}.txt", meta, row.text)
    return folder


def measure(function: Callable[[], object], repeat: int = 1, trace: bool = True) -> tuple[float, float, object]:
    """Best wall time (s) over ``repeat`` runs, peak traced memory (MiB) of the last, and the result.

    With ``trace=False`` memory is not traced (tracing slows Python code down) and the peak is NaN.
    """
    best, peak, result = float("inf"), float("nan"), None
    for _ in range(repeat):
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
        if trace:
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        best = min(best, elapsed)
    return best, peak, result


def max_rss_mib() -> float:
    """Peak resident memory of this process so far (MiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
