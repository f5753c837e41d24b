"""The work on one chunk of documents: load, attribute, score frames, count terms; each part written to Parquet.

:func:`run_chunk` is what every engine (the serial loop, joblib's processes, Dask's workers) runs:
it reads its files and writes its own parts, so only a few counts travel back to the caller, and
memory is bounded by the chunk, not the corpus.

Parts of chunk ``N`` in the output folder (see :mod:`analysis.scale.manifest`):

* ``documents/part-N.parquet``: the documents table (:func:`analysis.inputs.corpus.load_documents`);
  front-matter values that are lists or mappings (``participants``, ``provenance``) are stored as
  JSON text;
* ``statements/part-N.parquet``: the statements table (:func:`analysis.statements.attribute_statements`);
* ``frames/part-N.parquet``: the statements with their frame scores (:func:`analysis.frames.score_frames`);
* ``terms/part-N.parquet`` and ``terms/part-N.npz``: the chunk's terms with their document
  frequency (columns ``term``, ``df``) and the statements x terms count matrix, rows in the order
  of the statements part (read by :class:`analysis.scale.ChunkedTfidf`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import json
import os
import threading
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import scipy.sparse as sp

from ..frames.scoring import score_frames
from ..inputs.corpus import load_documents
from ..statements.attribution import attribute_statements

__all__ = ["ChunkTask", "TermCounts", "count_terms", "part_path", "read_part", "read_term_counts", "run_chunk", "write_part"]


@dataclasses.dataclass(frozen=True)
class ChunkTask:
    """One chunk's work: its files, where its parts go, and which stages to compute.

    Attributes
    ----------
    number : int
        The chunk's number (its parts are ``part-<number>``).
    files : tuple of str
        The corpus files of the chunk.
    folder : str
        The output folder.
    todo : tuple of str
        Stages to compute: ``"statements"`` (documents and statements parts), ``"frames"``, ``"terms"``.
    speakers : SpeakerRegistry
    lexicon : Lexicon or None
    analyzer : callable or None
        Text -> terms (:meth:`analysis.vectors.StatementVectorizer.build_analyzer`).
    """

    number: int
    files: tuple
    folder: str
    todo: tuple
    speakers: object
    lexicon: object = None
    analyzer: object = None


@dataclasses.dataclass(frozen=True)
class TermCounts:
    """A chunk's term counts: ``terms`` (the columns), ``df`` (statements containing each), ``counts`` (csr)."""

    terms: np.ndarray
    df: np.ndarray
    counts: sp.csr_matrix


def part_path(folder, stage: str, number: int, suffix: str = ".parquet") -> Path:
    """``<folder>/<stage>/part-NNNNN<suffix>``.

    Examples
    --------
    >>> part_path("out", "frames", 3).as_posix()
    'out/frames/part-00003.parquet'
    """
    return Path(folder) / stage / f"part-{int(number):05d}{suffix}"


def run_chunk(task: ChunkTask) -> dict:
    """Compute the stages ``task.todo`` of one chunk and write their parts.

    Parameters
    ----------
    task : ChunkTask

    Returns
    -------
    dict
        ``number``, ``n_documents``, ``n_statements``, ``documents`` (``[doc_id, path]`` pairs)
        and ``done`` (the stages computed).

    Raises
    ------
    analysis.inputs.errors.CorpusError
        A file of the chunk is not a valid corpus document (naming file and line).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from analysis.inputs.speakers import SpeakerRegistry
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("---\\nid: a\\ndate: 2019\\ntitle: T\\nsource: S\\n"
    ...     "genre: speech\\nlanguage: en\\n---\\nPeace matters. So does trade.\\n", encoding="utf-8")
    >>> done = run_chunk(ChunkTask(0, (str(folder / "a.txt"),), str(folder / "out"), ("statements",), SpeakerRegistry(())))
    >>> done["n_statements"], read_part(folder / "out", "statements", 0)["text"].tolist()
    (2, ['Peace matters.', 'So does trade.'])
    """
    with _fewer_collections():
        return _run_chunk(task)


#: The cyclic garbage collector's first threshold while a chunk runs (Python's default is 700): a
#: chunk allocates millions of short-lived objects, few of them in cycles; at 700 the collector took
#: about 6% of the CPU time of the per-document stages on a sample of 343 UN speeches (0.47 s of
#: ~8 s over its 6 chunks; 0.08 s at 10,000).
_CHUNK_GC_THRESHOLD = 10_000

_GC_LOCK = threading.Lock()
_GC_STATE = {"running": 0, "before": None}  # chunks running in this process (threads), the thresholds they found


@contextlib.contextmanager
def _fewer_collections():
    """Raise the collector's first threshold while chunks run; the last chunk to end puts the caller's back.

    Counted, so that chunks run by threads (Dask's threaded scheduler) never restore each other's
    raised threshold as the caller's. A threshold of 0 (automatic collection off) is left as it is.
    """
    with _GC_LOCK:
        if _GC_STATE["running"] == 0:
            _GC_STATE["before"] = before = gc.get_threshold()
            if before[0]:
                gc.set_threshold(max(before[0], _CHUNK_GC_THRESHOLD), *before[1:])
        _GC_STATE["running"] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_STATE["running"] -= 1
            if _GC_STATE["running"] == 0:
                gc.set_threshold(*_GC_STATE["before"])


def _run_chunk(task: ChunkTask) -> dict:
    folder, number = task.folder, task.number
    statements = None
    if "statements" in task.todo:
        documents = load_documents(task.files)
        statements = attribute_statements(documents, task.speakers)
        write_part(_json_cells(documents), part_path(folder, "documents", number))
        write_part(statements, part_path(folder, "statements", number))
    else:
        documents = read_part(folder, "documents", number, columns=["doc_id", "path"])
    if statements is None and {"frames", "terms"} & set(task.todo):
        statements = read_part(folder, "statements", number)
    if "frames" in task.todo:
        write_part(score_frames(statements, task.lexicon, speakers=task.speakers), part_path(folder, "frames", number))
    if "terms" in task.todo:
        _write_terms(statements["text"].tolist(), task.analyzer, folder, number)
    n_statements = len(statements) if statements is not None else pq.ParquetFile(part_path(folder, "statements", number)).metadata.num_rows
    return {
        "number": number,
        "n_documents": len(documents),
        "n_statements": int(n_statements),
        "documents": [[str(d), str(p)] for d, p in zip(documents["doc_id"], documents["path"])],
        "done": list(task.todo),
    }


def write_part(frame: pd.DataFrame, path: Path) -> Path:
    """Write a table as a Parquet file, atomically (a stopped run never leaves half a part)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    # A text column with no value in this chunk (no `cue` at all) is text, as in the other chunks, not "null".
    table = table.cast(pa.schema([pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in table.schema], metadata=table.schema.metadata))
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, path)
    return path


def read_part(folder, stage: str, number: int, *, columns=None) -> pd.DataFrame:
    """Read one chunk's part of a stage (``columns``: only these)."""
    path = part_path(folder, stage, number)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such part; run analysis.scale.stream_corpus on this folder first")
    return pq.read_table(path, columns=columns).to_pandas()


def read_term_counts(folder, number: int) -> TermCounts:
    """Read one chunk's terms part (vocabulary with document frequencies, and the count matrix)."""
    vocabulary = read_part(folder, "terms", number)
    counts = sp.load_npz(part_path(folder, "terms", number, ".npz")).tocsr()
    return TermCounts(vocabulary["term"].to_numpy(dtype=object), vocabulary["df"].to_numpy(dtype=np.int64), counts)


def _write_terms(texts: list[str], analyzer, folder, number: int) -> None:
    if analyzer is None:
        raise ValueError("the terms stage needs an analyzer: pass terms=StatementVectorizer(...) (or True)")
    counts, terms = count_terms(texts, analyzer)
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.int64)
    npz = part_path(folder, "terms", number, ".npz")  # first: the .parquet marks the part done
    npz.parent.mkdir(parents=True, exist_ok=True)
    temporary = npz.with_name(f".{npz.stem}.{os.getpid()}.npz")
    sp.save_npz(temporary, counts, compressed=False)
    os.replace(temporary, npz)
    write_part(pd.DataFrame({"term": pd.Series(terms, dtype=object), "df": df}), part_path(folder, "terms", number))


def count_terms(texts: list[str], analyzer) -> tuple[sp.csr_matrix, np.ndarray]:
    """The texts x terms count matrix (int32) and the terms (sorted), as ``CountVectorizer(analyzer=analyzer)``.

    The same matrix as scikit-learn's ``fit_transform`` (values, and column indices in the same
    order within a row), counted with a ``collections.Counter`` per text instead of a Python loop
    over its terms; an analyzer with a ``count_terms`` method (:meth:`analysis.vectors.StatementVectorizer.build_analyzer`'s)
    counts the texts itself, in numpy (:func:`analysis.vectors.counting.count_marks`), with the same result.
    No term at all: a matrix of 0 columns (``CountVectorizer`` raises).

    Examples
    --------
    >>> counts, terms = count_terms(["b a b", "c"], str.split)
    >>> terms.tolist(), counts.toarray().tolist()
    (['a', 'b', 'c'], [[1, 2, 0], [0, 0, 1]])
    """
    fast = getattr(analyzer, "count_terms", None)  # StatementVectorizer's analyzer counts a whole chunk at once
    if callable(fast):
        return fast(texts)
    vocabulary: dict = defaultdict()
    vocabulary.default_factory = vocabulary.__len__  # a new term gets the next column, as in CountVectorizer
    columns, values, indptr = [], [], [0]
    for text in texts:
        counter = Counter(map(vocabulary.__getitem__, analyzer(text)))  # columns in order of first use
        columns.extend(counter.keys())
        values.extend(counter.values())
        indptr.append(len(columns))
    if not vocabulary:  # every statement boilerplate
        return sp.csr_matrix((len(texts), 0), dtype=np.int32), np.array([], dtype=object)
    index_dtype = np.int64 if len(columns) > np.iinfo(np.int32).max else np.int32
    counts = sp.csr_matrix(
        (np.asarray(values, dtype=np.int32), np.asarray(columns, dtype=index_dtype), np.asarray(indptr, dtype=index_dtype)),
        shape=(len(texts), len(vocabulary)),
    )
    counts.sort_indices()
    ordered = sorted(vocabulary)  # columns renamed to the terms' sorted order (indices left as they fall)
    rename = np.empty(len(ordered), dtype=counts.indices.dtype)
    rename[[vocabulary[term] for term in ordered]] = np.arange(len(ordered), dtype=rename.dtype)
    counts.indices = rename.take(counts.indices)
    counts.has_sorted_indices = False  # (as CountVectorizer leaves them)
    terms = np.empty(len(ordered), dtype=object)
    terms[:] = ordered
    return counts, terms


def _json_cells(documents: pd.DataFrame) -> pd.DataFrame:
    """Lists and mappings (``participants``, ``provenance``) as JSON text: Parquet needs one type per column."""
    out = documents.copy()
    for column in out.columns:
        if out[column].dtype == object and out[column].map(lambda v: isinstance(v, (dict, list, tuple))).any():
            out[column] = out[column].map(lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True, default=str) if isinstance(v, (dict, list, tuple)) else v)
    return out
