"""Save figures for papers, index them, and regenerate them all headlessly.

Notebooks save every figure through a :class:`FigureWriter`, which writes a
PNG (for screens), an SVG (for papers, text kept as text), the CSV of the data
drawn, and a row in ``index.csv`` / ``index.md`` (file, notebook, the question
the figure answers). :func:`run_notebooks` executes the notebooks with
papermill, passing the corpus and output folders as parameters, so
``python -m analysis figures`` regenerates every figure from the corpus.
Running it twice gives the same files.

Every file is written to a temporary name and renamed into place, so an interrupted run never
leaves a torn figure under its final name. :func:`run_notebooks` locks the figures folder
(``.figures.lock``: a second run is refused), builds the index from what this run wrote (never
from an earlier corpus's figures), lists the files it did not write (``clean=True`` removes
them), and keeps the executed notebooks of each run in their own folder under ``build/notebooks``.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Sequence

import matplotlib.pyplot as plt
import pandas as pd
import papermill
from jupyter_client.manager import AsyncKernelManager
from papermill.exceptions import PapermillExecutionError
from traitlets import default

from .inputs.speakers import default_speakers_path
from .paths import EXECUTED_NOTEBOOKS, NOTEBOOKS, PROJECT
from .plots.style import STYLE

__all__ = ["BACKGROUND_PARAMETERS", "CORPUS_PARAMETERS", "INDEX_COLUMNS", "LOCK_NAME", "FigureWriter", "FiguresLockedError", "NotebookError", "run_notebooks", "write_index"]

INDEX_COLUMNS = ("figure", "notebook", "question", "png", "svg", "data")
#: The lock file of a figures folder while :func:`run_notebooks` writes into it.
LOCK_NAME = ".figures.lock"
#: Set by :func:`run_notebooks` for the notebook kernels: the folder where each saved figure
#: leaves its index row, so the index lists exactly what the run wrote.
RUN_ROWS_ENV = "ANALYSIS_FIGURE_ROWS"
#: The notebook parameters that name a corpus folder: with ``run_notebooks(corpus_dir=...)`` each is that corpus.
CORPUS_PARAMETERS = ("corpus_dir", "ko_corpus_dir", "un_corpus_dir", "seeds_dir")
#: The notebook parameters that name a background (reference) corpus folder.
BACKGROUND_PARAMETERS = ("background_dir", "ko_background_dir")
_KEPT = {"index.csv", "index.md", LOCK_NAME, ".gitignore"}


class NotebookError(RuntimeError):
    """A notebook failed while running headlessly; the message names the cell and error."""


class FiguresLockedError(RuntimeError):
    """Another run is writing into the figures folder (its lock file exists)."""


class FigureWriter:
    """Write a notebook's figures, their data and their index rows into one folder.

    Parameters
    ----------
    out_dir : str or Path
        The figures folder (created if needed).
    notebook : str
        The notebook's name, recorded in the index.
    formats : tuple of str, default ("png", "svg")
        Image formats to write; ``"pdf"`` is available too.

    Every file goes to a temporary name first and is renamed into place when complete. Under
    :func:`run_notebooks` the index row goes to the run (which writes the index once, from what
    it wrote); otherwise ``index.csv``/``index.md`` are updated at once.

    Examples
    --------
    >>> import tempfile, matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> writer = FigureWriter(tempfile.mkdtemp(), notebook="00-example")
    >>> fig, ax = plt.subplots()
    >>> _ = ax.bar(["CN", "ROK"], [3, 2])
    >>> [p.suffix for p in writer.save(fig, "example", question="Who speaks more?",
    ...                                data=pd.DataFrame({"side": ["CN", "ROK"], "n": [3, 2]}))]
    ['.png', '.svg', '.csv']
    """

    def __init__(self, out_dir, notebook: str, formats: tuple[str, ...] = ("png", "svg")):
        self.out_dir = out_dir
        self.notebook = notebook
        self.formats = formats

    def save(self, fig, name: str, *, question: str, data: pd.DataFrame | None = None) -> list[Path]:
        """Write ``fig`` as ``name.png``/``name.svg``, ``data`` as ``name.csv``, and index it.

        Parameters
        ----------
        fig : matplotlib.figure.Figure
        name : str
            File stem, e.g. ``"01-documents-over-time"``.
        question : str
            The one-line question the figure answers (goes to the index).
        data : pandas.DataFrame, optional
            The table drawn; always pass it, so every number can be traced.

        Returns
        -------
        list of Path
            The files written.
        """
        out = Path(self.out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        with plt.style.context(STYLE):  # the style's save settings and SVG hash salt: same bytes every run
            for fmt in self.formats:
                path = out / f"{name}.{fmt}"
                with _atomic(path) as temporary:
                    fig.savefig(temporary, format=fmt, metadata=_METADATA.get(fmt))
                written.append(path)
        if data is not None:
            path = out / f"{name}.csv"
            with _atomic(path) as temporary:
                data.to_csv(temporary, index=False, lineterminator="\n")
            written.append(path)
        row = {
            "figure": name,
            "notebook": self.notebook,
            "question": question,
            "png": f"{name}.png" if "png" in self.formats else "",
            "svg": f"{name}.svg" if "svg" in self.formats else "",
            "data": f"{name}.csv" if data is not None else "",
        }
        rows = os.environ.get(RUN_ROWS_ENV)
        if rows:
            Path(rows).mkdir(parents=True, exist_ok=True)
            with _atomic(Path(rows) / f"{name}.json") as temporary:
                temporary.write_text(json.dumps(row), encoding="utf-8")
        else:
            write_index(out, add=[row])
        return written


@contextlib.contextmanager
def _atomic(path: Path):
    """Yield a temporary path beside ``path``; rename it to ``path`` when the block completes."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}


def write_index(out_dir, *, add: Sequence[dict] = (), rows: Sequence[dict] | None = None) -> pd.DataFrame:
    """Update ``index.csv`` and ``index.md`` of a figures folder (each written whole, then renamed).

    Rows in ``add`` replace those of the same figure; rows whose files are gone
    are dropped, so the index always lists what is in the folder.

    Parameters
    ----------
    out_dir : str or Path
        The figures folder.
    add : sequence of dict
        New rows with :data:`INDEX_COLUMNS`.
    rows : sequence of dict, optional
        The whole index (what a run wrote): the existing index is not read.

    Returns
    -------
    pandas.DataFrame
        The index, sorted by figure name.
    """
    out = Path(out_dir)
    path = out / "index.csv"
    if rows is not None:
        index = pd.DataFrame(list(rows), columns=INDEX_COLUMNS)
    elif path.exists():
        index = pd.read_csv(path, dtype=str, keep_default_na=False)
    else:
        index = pd.DataFrame(columns=INDEX_COLUMNS)
    index = pd.concat([index[~index["figure"].isin([r["figure"] for r in add])], pd.DataFrame(list(add), columns=INDEX_COLUMNS)])
    exists = index.apply(lambda r: any((out / r[c]).exists() for c in ("png", "svg") if r[c]), axis=1) if len(index) else []
    index = index[exists] if len(index) else index
    index = index.sort_values("figure", kind="stable").reset_index(drop=True)
    with _atomic(path) as temporary:
        index.to_csv(temporary, index=False, lineterminator="\n")
    lines = ["# Figures", "", "Regenerate with `make figures`. Each figure has a PNG, an SVG for papers and the CSV of the data drawn.", ""]
    lines += ["| figure | question it answers | notebook | files |", "| --- | --- | --- | --- |"]
    for row in index.itertuples(index=False):
        files = ", ".join(f"[{kind}]({getattr(row, kind)})" for kind in ("png", "svg", "data") if getattr(row, kind))
        lines.append(f"| {row.figure} | {row.question} | {row.notebook} | {files} |")
    with _atomic(out / "index.md") as temporary:
        temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index


def run_notebooks(
    *,
    corpus_dir=None,
    figures_dir,
    speakers_path=None,
    background_dir=None,
    notebooks_dir=None,
    names: Sequence[str] | None = None,
    executed_dir=None,
    clean: bool = False,
    log: Callable[[str], None] = print,
    kernel_name: str = "python3",
) -> list[Path]:
    """Execute the notebooks headlessly, in order, with the corpus as parameters.

    Parameters
    ----------
    corpus_dir : str or Path, optional
        Passed to every notebook as ``corpus_dir``, and as every other corpus folder a notebook
        declares (:data:`CORPUS_PARAMETERS`: notebook 05's Korean speeches, English UN speeches
        and seeds), so each notebook runs on this corpus and says what it cannot show. By default
        each notebook keeps its own (the shipped corpora it was written for, in its ``parameters``
        cell), and so do ``speakers_path`` and ``background_dir`` unless given. With a
        ``corpus_dir``, notebook 06's Parquet stages (``parquet_dir``) go into the run's folder
        under ``executed_dir``, never over those of the shipped corpus.
    figures_dir : str or Path
        Passed to every notebook as ``figures_dir``. Locked while the run writes into it.
    speakers_path, background_dir : str or Path, optional
        Passed as ``speakers_path`` and ``background_dir`` (with a ``corpus_dir``, as every
        background folder of :data:`BACKGROUND_PARAMETERS` too); with a ``corpus_dir``, by default
        the speakers file in or beside the corpus, and no background corpus.
    notebooks_dir : str or Path, optional
        Where the notebooks are (default: the project's ``notebooks/``).
    names : sequence of str, optional
        Run only notebooks whose file name starts with one of these.
    executed_dir : str or Path, optional
        Where the executed copies go, outputs included, one folder per run
        (default: ``build/notebooks/<date>-<time>-<process>``).
    clean : bool, default False
        Remove the files of the figures folder this run did not write (by default they are
        listed through ``log``, and left out of the index). With ``names``, the figures of the
        notebooks not run keep their index rows and files.
    log : callable
        Receives one progress line per notebook.
    kernel_name : str
        The Jupyter kernel.

    Returns
    -------
    list of Path
        The executed notebooks.

    Raises
    ------
    NotebookError
        At the first failing cell, naming the notebook, the cell and the error.
    FiguresLockedError
        If another run holds the figures folder's lock.
    FileNotFoundError
        If there is no notebook to run, or ``background_dir`` is not a folder.

    Examples
    --------
    >>> run_notebooks(figures_dir="figures", names=["99"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    FileNotFoundError: ...notebooks: no notebook to run matching ['99']
    """
    notebooks_dir = Path(notebooks_dir) if notebooks_dir else NOTEBOOKS
    notebooks = sorted(p for p in notebooks_dir.glob("*.ipynb") if not names or p.name.startswith(tuple(names)))
    if not notebooks:
        raise FileNotFoundError(f"{notebooks_dir}: no notebook to run" + (f" matching {list(names)}" if names else ""))
    if background_dir and not Path(background_dir).is_dir():
        raise FileNotFoundError(f"{background_dir}: no such background folder; check the path")
    parameters = _parameters(corpus_dir, figures_dir, speakers_path, background_dir)
    run_dir = Path(executed_dir) if executed_dir else EXECUTED_NOTEBOOKS / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    if corpus_dir is not None:  # another corpus's intermediate files stay with its run
        parameters["parquet_dir"] = str((run_dir / "parquet").resolve())
    rows_dir = run_dir / ".figure-rows"
    Path(figures_dir).mkdir(parents=True, exist_ok=True)
    done = []
    with _locked(Path(figures_dir)):
        run_dir.mkdir(parents=True, exist_ok=True)
        for stale_row in rows_dir.glob("*.json") if rows_dir.is_dir() else ():
            stale_row.unlink()
        try:
            for number, notebook in enumerate(notebooks, start=1):
                log(f"[{number}/{len(notebooks)}] {notebook.name} ...")
                started = time.perf_counter()
                done.append(_execute(notebook, run_dir / notebook.name, parameters, rows_dir, kernel_name))
                log(f"[{number}/{len(notebooks)}] {notebook.name} done in {time.perf_counter() - started:.1f} s")
        finally:
            not_run = {path.stem for path in notebooks_dir.glob("*.ipynb")} - {notebook.stem for notebook in notebooks}
            _finish(Path(figures_dir), rows_dir, not_run, clean, log)
    return done


def _parameters(corpus_dir, figures_dir, speakers_path, background_dir) -> dict[str, str]:
    parameters = {"figures_dir": str(Path(figures_dir).resolve())}
    background = str(Path(background_dir).resolve()) if background_dir else ""
    if corpus_dir is not None:
        parameters.update(dict.fromkeys(CORPUS_PARAMETERS, str(Path(corpus_dir).resolve())))
        parameters["speakers_path"] = str(Path(speakers_path or default_speakers_path(corpus_dir)).resolve())
        parameters.update(dict.fromkeys(BACKGROUND_PARAMETERS, background))
    else:
        if speakers_path:
            parameters["speakers_path"] = str(Path(speakers_path).resolve())
        if background:
            parameters["background_dir"] = background
    return parameters


def _execute(notebook: Path, output: Path, parameters: dict, rows_dir: Path, kernel_name: str) -> Path:
    """Run one notebook with the parameters it declares; its figures leave their rows in ``rows_dir``."""
    declared = papermill.inspect_notebook(str(notebook))  # pass each notebook only the parameters it has
    try:
        with _kernel_environment(rows_dir):
            papermill.execute_notebook(
                str(notebook),
                str(output),
                parameters={key: value for key, value in parameters.items() if key in declared},
                cwd=str(notebook.parent),
                kernel_name=kernel_name,
                kernel_manager_class=_IpcKernelManager,
                progress_bar=sys.stderr.isatty(),
                log_output=False,
            )
    except PapermillExecutionError as error:
        raise NotebookError(
            f"{notebook}: cell {error.cell_index} (execution count {error.exec_count}) failed with "
            f"{error.ename}: {error.evalue}\nThe executed notebook with the full traceback is {output}"
        ) from error
    return output


class _IpcKernelManager(AsyncKernelManager):
    """A kernel that talks over local sockets (IPC), not TCP: nothing to encrypt, no warning.

    Each kernel's sockets are in a new private folder, so runs at the same time never share them.
    """

    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"

    @default("ip")
    def _default_ip(self) -> str:
        return os.path.join(tempfile.mkdtemp(prefix="analysis-kernel-"), "kernel")

    def cleanup_ipc_files(self) -> None:
        """Remove the sockets, then their folder."""
        super().cleanup_ipc_files()
        with contextlib.suppress(OSError):
            os.rmdir(os.path.dirname(self.ip))


@contextlib.contextmanager
def _locked(folder: Path):
    """Hold ``folder/.figures.lock`` (created exclusively) for the block; refuse if another run has it."""
    lock = folder / LOCK_NAME
    try:
        handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        holder = lock.read_text(encoding="utf-8", errors="replace").strip() if lock.is_file() else ""
        raise FiguresLockedError(
            f"{lock}: another figures run is writing to {folder} ({holder or 'unknown run'}); wait for it to end, "
            f"or if no run is going on (one was killed), remove the stale lock: rm {lock}"
        ) from None
    try:
        os.write(handle, f"process {os.getpid()} on {socket.gethostname()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode())
        os.close(handle)
        yield lock
    finally:
        lock.unlink(missing_ok=True)


def _finish(folder: Path, rows_dir: Path, not_run: set[str], clean: bool, log: Callable[[str], None]) -> None:
    """Write the index from the rows this run left (and the rows of notebooks it did not run);
    list (or remove) the files it did not write."""
    rows = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(rows_dir.glob("*.json"))] if rows_dir.is_dir() else []
    previous = folder / "index.csv"
    if previous.is_file():  # a run of some notebooks (--notebook) keeps the others' figures
        kept = pd.read_csv(previous, dtype=str, keep_default_na=False)
        rows += kept[kept["notebook"].isin(not_run)].to_dict("records")
    index = write_index(folder, rows=rows)
    written = {name for column in ("png", "svg", "data") for name in index[column] if name}
    stale = sorted(path.name for path in folder.iterdir() if path.is_file() and path.name not in written | _KEPT)
    if stale and clean:
        for name in stale:
            (folder / name).unlink()
        log(f"Removed {len(stale)} file(s) of {folder} this run did not write: {', '.join(stale)}")
    elif stale:
        log(f"{len(stale)} file(s) of {folder} were not written by this run and are not in its index "
            f"(an earlier corpus, or a figure this corpus cannot show): {', '.join(stale)}; `--clean` removes them")


@contextlib.contextmanager
def _kernel_environment(rows_dir: Path):
    """Let the notebook kernel import the ``analysis`` package that runs it (the kernel is a new
    process: without this it imports whichever copy is installed, e.g. another checkout's), and
    tell its figure writers where this run's index rows go."""
    before = {key: os.environ.get(key) for key in ("PYTHONPATH", RUN_ROWS_ENV)}
    os.environ["PYTHONPATH"] = os.pathsep.join([str(PROJECT)] + ([before["PYTHONPATH"]] if before["PYTHONPATH"] else []))
    os.environ[RUN_ROWS_ENV] = str(rows_dir.resolve())
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
