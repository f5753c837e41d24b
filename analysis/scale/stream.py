"""The per-document stages of a large corpus, chunk by chunk, in parallel, into Parquet: :func:`stream_corpus`.

The corpus files are cut into chunks of ``chunk_size`` documents (files sorted by path). Each
chunk is loaded, attributed, scored by the frames lexicon and its terms counted
(:func:`analysis.scale.chunks.run_chunk`), and its parts are written to the output folder, so
memory is bounded by a chunk and by ``jobs``, not by the corpus. The in-memory API
(:func:`analysis.pipeline.load_statements`) stays for small corpora and gives the same rows.

Engines (one option, same results, same files):

* ``engine="joblib"`` (default): ``jobs`` processes on this machine (``jobs=1``: in this process);
* ``engine="dask"``: the chunks are the partitions of a ``dask.bag``; with ``scheduler=None`` it
  runs on Dask's local process pool (``jobs`` workers); with ``scheduler="tcp://host:8786"`` (a
  ``distributed`` scheduler's address) or a ``distributed.Client``, on that cluster. The workers
  must see the corpus files and the output folder at the same paths (a shared file system).

A rerun on the same folder computes only what changed (see :mod:`analysis.scale.manifest`).
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import Iterator, Sequence

import pandas as pd
from joblib import Parallel, delayed
from tqdm.auto import tqdm

from ..frames.lexicon import Lexicon, as_lexicon
from ..inputs.corpus import list_corpus_files
from ..inputs.errors import CorpusError, Problem
from ..inputs.speakers import SpeakerRegistry, default_speakers_path, load_speakers
from ..paths import PROJECT
from ..vectors.vectorizer import StatementVectorizer
from .chunks import ChunkTask, part_path, read_part, run_chunk
from .manifest import Manifest, hash_files, hash_values

__all__ = ["ENGINES", "StreamResult", "iter_stage", "read_stage", "stream_corpus"]

#: The engines of :func:`stream_corpus`.
ENGINES = ("joblib", "dask")
_PACKAGE = PROJECT / "analysis"
# The code each stage's output depends on (its hash is part of the stage's key).
_CODE = {
    "statements": ("inputs/corpus.py", "inputs/speakers.py", "statements", "text", "lexicons/cues.yaml", "scale/chunks.py"),
    "frames": ("frames",),
    "terms": ("vectors/vectorizer.py", "vectors/analyzer.py", "vectors/counting.py", "text", "lexicons/stopwords.yaml"),
}


@dataclasses.dataclass(frozen=True)
class StreamResult:
    """What :func:`stream_corpus` wrote.

    Attributes
    ----------
    folder : Path
        The output folder: read its stages with :func:`read_stage` / :func:`iter_stage`.
    n_chunks, n_documents, n_statements : int
    computed : dict
        Per stage, the number of chunks computed in this run (the others were up to date).
    stages : tuple of str
        The stages the folder holds.
    """

    folder: Path
    n_chunks: int
    n_documents: int
    n_statements: int
    computed: dict
    stages: tuple


def stream_corpus(
    corpus,
    out,
    *,
    speakers: SpeakerRegistry | str | Path | None = None,
    lexicon: Lexicon | str | Path | bool | None = True,
    terms: StatementVectorizer | bool = True,
    chunk_size: int = 64,
    jobs: int = 1,
    engine: str = "joblib",
    scheduler=None,
    progress: bool | None = None,
) -> StreamResult:
    """Load, attribute, score and count the terms of a corpus chunk by chunk, into Parquet parts.

    Parameters
    ----------
    corpus : str, Path or sequence of them
        Corpus folders (or files), e.g. ``["corpus/documents/un-general-debate",
        "corpus/background/un-general-debate"]``.
    out : str or Path
        The output folder (created; a rerun reuses every part still up to date).
    speakers : SpeakerRegistry or path, optional
        Default: ``speakers.yaml`` in or above the first corpus folder.
    lexicon : Lexicon, path, True, False or None, default True
        The frames lexicon (True: the default one); False or None: no ``frames`` stage.
    terms : StatementVectorizer, True or False, default True
        Count terms with this vectorizer's analyzer (True: ``StatementVectorizer()``), for
        :class:`analysis.scale.ChunkedTfidf`; False: no ``terms`` stage.
    chunk_size : int, default 64
        Documents per chunk.
    jobs : int, default 1
        Processes (joblib) or local Dask workers.
    engine : {"joblib", "dask"}, default "joblib"
    scheduler : str or distributed.Client, optional
        Dask only: a scheduler address or client (a cluster); None: Dask's local processes.
    progress : bool, optional
        A progress bar on stderr; default: when stderr is a terminal.

    Returns
    -------
    StreamResult

    Raises
    ------
    analysis.inputs.errors.CorpusError
        A document is not valid, or two documents share an id (naming both files).
    ValueError
        A bad option.

    Examples
    --------
    >>> result = stream_corpus("corpus/documents/mfa/seeds", "build/seeds-parquet")  # doctest: +SKIP
    >>> read_stage(result.folder, "frames")[["speaker", "side", "peninsula"]].head(2)  # doctest: +SKIP
    """
    if engine not in ENGINES:
        raise ValueError(f"engine={engine!r}: use one of {', '.join(ENGINES)}")
    if int(chunk_size) < 1 or int(jobs) < 1:
        raise ValueError(f"chunk_size={chunk_size}, jobs={jobs}: both must be 1 or more")
    folders = [Path(corpus)] if isinstance(corpus, (str, Path)) else [Path(c) for c in corpus]
    if not folders:
        raise ValueError("corpus: name at least one corpus folder")
    files = [file for folder in folders for file in list_corpus_files(folder)]
    registry = speakers if isinstance(speakers, SpeakerRegistry) else load_speakers(speakers or default_speakers_path(folders[0]))
    lexicon = None if lexicon is None or lexicon is False else as_lexicon(None if lexicon is True else lexicon)
    vectorizer = StatementVectorizer() if terms is True else (terms or None)
    stages = ("documents", "statements") + (("frames",) if lexicon is not None else ()) + (("terms",) if vectorizer is not None else ())
    settings = {
        "statements": hash_values(registry, _code("statements")),
        "frames": hash_values(lexicon, _code("frames")),
        "terms": hash_values(vectorizer.get_params() if vectorizer is not None else None, _code("terms")),
    }
    chunks = [tuple(files[i : i + int(chunk_size)]) for i in range(0, len(files), int(chunk_size))]
    manifest = Manifest(out)
    manifest.restart(len(chunks))
    tasks, keys = [], {}
    analyzer = vectorizer.build_analyzer() if vectorizer is not None else None  # once: it reads the stop words
    for number, chunk in enumerate(chunks):
        key = hash_values(hash_files(chunk), settings["statements"])
        keys[number] = {"documents": key, "statements": key}
        keys[number].update({s: hash_values(key, settings[s]) for s in ("frames", "terms") if s in stages})
        todo = tuple(s for s in ("statements", "frames", "terms") if s in stages and not manifest.is_done(number, s, keys[number][s]))
        if "statements" in todo:
            todo = tuple(s for s in ("statements", "frames", "terms") if s in stages)  # new statements: every later stage anew
        if todo:
            tasks.append(ChunkTask(number, tuple(str(f) for f in chunk), str(manifest.folder), todo, registry, lexicon, analyzer))
    computed = {s: 0 for s in stages}
    show = sys.stderr.isatty() if progress is None else bool(progress)
    with tqdm(total=sum(len(t.files) for t in tasks), unit="doc", desc=" + ".join(stages[1:]), disable=not show, file=sys.stderr) as bar:
        for done in _run(tasks, engine=engine, jobs=int(jobs), scheduler=scheduler):
            number = done["number"]
            stored = {s: keys[number][s] for s in done["done"]}
            if "statements" in done["done"]:
                stored["documents"] = keys[number]["documents"]
            manifest.record(number, stored, n_documents=done["n_documents"], n_statements=done["n_statements"], doc_ids=done["documents"])
            for stage in stored:
                computed[stage] += 1
            bar.update(len(chunks[number]))
    _check_unique_ids(manifest)
    entries = [manifest.chunks[n] for n in range(len(chunks))]
    return StreamResult(manifest.folder, len(chunks), sum(e["n_documents"] for e in entries), sum(e["n_statements"] for e in entries), computed, stages)


def iter_stage(folder, stage: str, *, columns: Sequence[str] | None = None) -> Iterator[pd.DataFrame]:
    """The parts of a stage, chunk by chunk (memory: one chunk).

    Parameters
    ----------
    folder : str or Path
        An output folder of :func:`stream_corpus`.
    stage : {"documents", "statements", "frames"}
    columns : sequence of str, optional
        Read only these columns.

    Yields
    ------
    pandas.DataFrame
        One chunk's table; chunks in order (files sorted by path), rows within a chunk as the
        in-memory stage orders them (documents by date, then id).
    """
    manifest = _read_manifest(folder, stage)
    for number in range(manifest.n_chunks):
        yield read_part(folder, stage, number, columns=None if columns is None else list(columns))


def read_stage(folder, stage: str, *, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """A whole stage as one table (the parts concatenated in chunk order).

    Parameters
    ----------
    folder, stage, columns
        As in :func:`iter_stage`.

    Returns
    -------
    pandas.DataFrame
        ``documents``: the documents table (lists and mappings as JSON text); ``statements``:
        the statements table; ``frames``: the statements with their frame scores.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from analysis.inputs.speakers import SpeakerRegistry
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("a", "b", "c"):
    ...     _ = (folder / f"{name}.txt").write_text(f"---\\nid: {name}\\ndate: 2019\\ntitle: T\\nsource: S\\n"
    ...         "genre: speech\\nlanguage: en\\n---\\nWe uphold multilateralism. Peace matters.\\n", encoding="utf-8")
    >>> result = stream_corpus(folder, folder / "out", speakers=SpeakerRegistry(()), chunk_size=2, terms=False)
    >>> result.n_chunks, result.n_statements
    (2, 6)
    >>> read_stage(result.folder, "frames", columns=["doc_id", "multilateralism"]).values.tolist()
    [['a', 1], ['a', 0], ['b', 1], ['b', 0], ['c', 1], ['c', 0]]
    """
    parts = list(iter_stage(folder, stage, columns=columns))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=list(columns or []))


def _read_manifest(folder, stage: str) -> Manifest:
    manifest = Manifest(folder)
    if manifest.n_chunks == 0:
        raise FileNotFoundError(f"{folder}: no chunked output here; write it with analysis.scale.stream_corpus (or `statements --out-parquet`)")
    missing = [n for n in range(manifest.n_chunks) if not part_path(folder, stage, n).is_file()]
    if missing:
        raise FileNotFoundError(f"{part_path(folder, stage, missing[0])}: stage `{stage}` is missing for {len(missing)} chunk(s); run stream_corpus with it")
    return manifest


def _run(tasks: list[ChunkTask], *, engine: str, jobs: int, scheduler) -> Iterator[dict]:
    """Run the chunk tasks on the engine, yielding each chunk's counts as it finishes."""
    if not tasks:
        return
    if engine == "joblib":
        if jobs == 1:
            yield from map(run_chunk, tasks)
        else:  # joblib hands the tasks out in order: the largest chunks first
            yield from Parallel(n_jobs=jobs, return_as="generator_unordered")(delayed(run_chunk)(task) for task in _largest_first(tasks))
        return
    import dask.bag

    bag = dask.bag.from_sequence(tasks, npartitions=len(tasks)).map(run_chunk)
    if scheduler is None or scheduler in ("processes", "threads", "sync", "synchronous"):
        yield from bag.compute(scheduler=scheduler or "processes", num_workers=jobs)
        return
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        for future in as_completed(client.compute(bag.to_delayed())):
            yield from future.result()
    finally:
        if client is not scheduler:
            client.close()


def _largest_first(tasks: list[ChunkTask]) -> list[ChunkTask]:
    """The tasks, the chunks of most bytes first (ties in chunk order).

    Several processes then end together: a large chunk started last would keep one busy while
    the others wait. Parts are numbered by chunk, so the order of the work changes no output.
    """
    return sorted(tasks, key=lambda task: -sum(os.path.getsize(file) for file in task.files))


def _check_unique_ids(manifest: Manifest) -> None:
    seen: dict[str, str] = {}
    problems = []
    for number in range(manifest.n_chunks):
        for doc_id, path in manifest.chunks[number].get("doc_ids", []):
            first = seen.setdefault(doc_id, path)
            if first != path:
                problems.append(Problem(path, 1, f"duplicate id `{doc_id}` (also in {first}); give each document its own id"))
    if problems:
        raise CorpusError(problems)


def _code(stage: str) -> str:
    """A hash of the source files a stage's output depends on."""
    files = []
    for name in _CODE[stage]:
        path = _PACKAGE / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return hash_files(f for f in files if f.is_file())
