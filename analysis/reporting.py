"""Save figures for papers, index them, and regenerate them all headlessly.

Notebooks save every figure through a :class:`FigureWriter`, which writes a
PNG (for screens), an SVG (for papers, text kept as text), the CSV of the data
drawn, and a row in ``index.csv`` / ``index.md`` (file, notebook, the question
the figure answers). :func:`run_notebooks` executes the notebooks with
papermill, passing the corpus and output folders as parameters, so
``python -m analysis figures`` regenerates every figure from the corpus.
Running it twice gives the same files.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

import matplotlib.pyplot as plt
import pandas as pd
import papermill
from papermill.exceptions import PapermillExecutionError

from .inputs.speakers import default_speakers_path
from .paths import EXECUTED_NOTEBOOKS, NOTEBOOKS, PROJECT
from .plots.style import STYLE

__all__ = ["INDEX_COLUMNS", "FigureWriter", "NotebookError", "run_notebooks", "write_index"]

INDEX_COLUMNS = ("figure", "notebook", "question", "png", "svg", "data")


class NotebookError(RuntimeError):
    """A notebook failed while running headlessly; the message names the cell and error."""


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
                fig.savefig(path, format=fmt, metadata=_METADATA.get(fmt))
                written.append(path)
        if data is not None:
            path = out / f"{name}.csv"
            data.to_csv(path, index=False, lineterminator="\n")
            written.append(path)
        row = {
            "figure": name,
            "notebook": self.notebook,
            "question": question,
            "png": f"{name}.png" if "png" in self.formats else "",
            "svg": f"{name}.svg" if "svg" in self.formats else "",
            "data": f"{name}.csv" if data is not None else "",
        }
        write_index(out, add=[row])
        return written


_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}


def write_index(out_dir, *, add: Sequence[dict] = ()) -> pd.DataFrame:
    """Update ``index.csv`` and ``index.md`` of a figures folder.

    Rows in ``add`` replace those of the same figure; rows whose files are gone
    are dropped, so the index always lists what is in the folder.

    Parameters
    ----------
    out_dir : str or Path
        The figures folder.
    add : sequence of dict
        New rows with :data:`INDEX_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        The index, sorted by figure name.
    """
    out = Path(out_dir)
    path = out / "index.csv"
    index = pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame(columns=INDEX_COLUMNS)
    index = pd.concat([index[~index["figure"].isin([r["figure"] for r in add])], pd.DataFrame(list(add), columns=INDEX_COLUMNS)])
    exists = index.apply(lambda r: any((out / r[c]).exists() for c in ("png", "svg") if r[c]), axis=1) if len(index) else []
    index = index[exists] if len(index) else index
    index = index.sort_values("figure", kind="stable").reset_index(drop=True)
    index.to_csv(path, index=False, lineterminator="\n")
    lines = ["# Figures", "", "Regenerate with `make figures`. Each figure has a PNG, an SVG for papers and the CSV of the data drawn.", ""]
    lines += ["| figure | question it answers | notebook | files |", "| --- | --- | --- | --- |"]
    for row in index.itertuples(index=False):
        files = ", ".join(f"[{kind}]({getattr(row, kind)})" for kind in ("png", "svg", "data") if getattr(row, kind))
        lines.append(f"| {row.figure} | {row.question} | {row.notebook} | {files} |")
    (out / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
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
    log: Callable[[str], None] = print,
    kernel_name: str = "python3",
) -> list[Path]:
    """Execute the notebooks headlessly, in order, with the corpus as parameters.

    Parameters
    ----------
    corpus_dir : str or Path, optional
        Passed to every notebook as ``corpus_dir``. By default each notebook keeps its own
        (the shipped corpus it was written for, in its ``parameters`` cell), and so do
        ``speakers_path`` and ``background_dir`` unless given.
    figures_dir : str or Path
        Passed to every notebook as ``figures_dir``.
    speakers_path, background_dir : str or Path, optional
        Passed as ``speakers_path`` and ``background_dir``; with a ``corpus_dir``, by default the
        speakers file in or beside the corpus, and no background corpus.
    notebooks_dir : str or Path, optional
        Where the notebooks are (default: the project's ``notebooks/``).
    names : sequence of str, optional
        Run only notebooks whose file name starts with one of these.
    executed_dir : str or Path, optional
        Where the executed copies go (default: ``build/notebooks``), outputs included.
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
    """
    notebooks_dir = Path(notebooks_dir) if notebooks_dir else NOTEBOOKS
    executed_dir = Path(executed_dir) if executed_dir else EXECUTED_NOTEBOOKS
    executed_dir.mkdir(parents=True, exist_ok=True)
    Path(figures_dir).mkdir(parents=True, exist_ok=True)
    notebooks = sorted(p for p in notebooks_dir.glob("*.ipynb") if not names or p.name.startswith(tuple(names)))
    if not notebooks:
        raise FileNotFoundError(f"{notebooks_dir}: no notebook to run" + (f" matching {list(names)}" if names else ""))
    parameters = {"figures_dir": str(Path(figures_dir).resolve())}
    if corpus_dir is not None:
        parameters["corpus_dir"] = str(Path(corpus_dir).resolve())
        parameters["speakers_path"] = str(Path(speakers_path or default_speakers_path(corpus_dir)).resolve())
        parameters["background_dir"] = str(Path(background_dir).resolve()) if background_dir else ""
    else:
        parameters.update({key: str(Path(value).resolve()) for key, value in
                           (("speakers_path", speakers_path), ("background_dir", background_dir)) if value})
    done = []
    for number, notebook in enumerate(notebooks, start=1):
        output = executed_dir / notebook.name
        log(f"[{number}/{len(notebooks)}] {notebook.name} ...")
        started = time.perf_counter()
        try:
            declared = papermill.inspect_notebook(str(notebook))  # pass each notebook only the parameters it has
            with _kernel_imports_this_package():
                papermill.execute_notebook(
                    str(notebook),
                    str(output),
                    parameters={key: value for key, value in parameters.items() if key in declared},
                    cwd=str(notebooks_dir),
                    kernel_name=kernel_name,
                    progress_bar=sys.stderr.isatty(),
                    log_output=False,
                )
        except PapermillExecutionError as error:
            raise NotebookError(
                f"{notebook}: cell {error.cell_index} (execution count {error.exec_count}) failed with "
                f"{error.ename}: {error.evalue}\nThe executed notebook with the full traceback is {output}"
            ) from error
        log(f"[{number}/{len(notebooks)}] {notebook.name} done in {time.perf_counter() - started:.1f} s")
        done.append(output)
    write_index(figures_dir)
    return done


@contextlib.contextmanager
def _kernel_imports_this_package():
    """Let the notebook kernel import the ``analysis`` package that runs it (the kernel is a new
    process: without this it imports whichever copy is installed, e.g. another checkout's)."""
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([str(PROJECT)] + ([before] if before else []))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = before
