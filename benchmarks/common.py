"""Helpers shared by the benchmark scripts: scaled corpora and measurements."""

from __future__ import annotations

import dataclasses
import importlib
import multiprocessing
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

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


@dataclasses.dataclass(frozen=True)
class Spread:
    """The least and the most of one figure over repeated runs (``n`` runs).

    The least is the figure a benchmark reports (timeit's convention: the least-disturbed run);
    the most shows how far the others strayed.

    >>> Spread(20.6, 30.7, 2).show()
    '20.6 s (20.6..30.7)'
    >>> Spread(15.0, 15.0, 1).show()
    '15.0 s'
    """

    least: float
    most: float
    n: int

    def show(self, unit: str = "s") -> str:
        """``least unit (least..most)``; the least alone for one run."""
        if self.n == 1:
            return f"{self.least:.1f} {unit}"
        return f"{self.least:.1f} {unit} ({self.least:.1f}..{self.most:.1f})"


def summarize_runs(runs: Iterable[Mapping[str, float]]) -> dict[str, Spread]:
    """Per figure, the least and the most over repeated runs (each run a mapping name -> value).

    Every run must give the same figures (a benchmark that measured one figure in one run only
    would compare a single sample with a least of several).

    >>> spreads = summarize_runs([{"documents": 22.8, "vectors": 1.9}, {"documents": 15.0, "vectors": 1.4}])
    >>> spreads["documents"]
    Spread(least=15.0, most=22.8, n=2)
    >>> spreads["vectors"].show()
    '1.4 s (1.4..1.9)'
    """
    runs = list(runs)
    if not runs:
        raise ValueError("summarize_runs: no runs; run each size at least once")
    names = list(runs[0])
    for number, run in enumerate(runs[1:], start=2):
        if set(run) != set(names):
            raise ValueError(f"summarize_runs: run {number} has figures {sorted(run)}, run 1 has {sorted(names)}; give every run the same figures")
    return {name: Spread(min(run[name] for run in runs), max(run[name] for run in runs), len(runs)) for name in names}


def import_modules(*names: str) -> None:
    """Import modules (by dotted name) in this process: a worker's warm-up before a timed call."""
    for name in names:
        importlib.import_module(name)


@contextmanager
def fresh_process(*modules: str) -> Iterator[ProcessPoolExecutor]:
    """An executor of one fresh Python process with ``modules`` already imported.

    The process is started by ``spawn``: a new interpreter, as joblib's (loky) workers are, with
    none of the calling process's heap (``fork`` would copy it, and the copy's garbage collection
    with it). The imports are done before the executor is handed out, so a timed call pays for its
    work, not for the interpreter's start. The process ends when the block does.
    """
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as executor:
        executor.submit(import_modules, *modules).result()
        yield executor
