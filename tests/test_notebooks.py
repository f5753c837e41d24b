"""Notebooks: committed without outputs, narrative only, and all of them run headlessly."""

import ast
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis.figures import run_notebooks

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert [n.name[:2] for n in NOTEBOOKS][:1] == ["01"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear the outputs before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_a_literal_parameters_cell_and_defines_nothing(path):
    notebook = nbformat.read(path, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: tag exactly one cell `parameters`"
    names = set()
    for node in ast.parse(tagged[0].source).body:
        assert isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant), f"{path.name}: parameters must be literals"
        names.update(t.id for t in node.targets)
    assert {"corpus_dir", "speakers_path", "background_dir", "figures_dir"} <= names
    for cell in code:
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)), (
                f"{path.name}: move definitions into analysis/"
            )


def test_every_notebook_runs_headlessly_and_writes_its_figures(small_corpus, tmp_path):
    figures = tmp_path / "figures"
    log = []
    executed = run_notebooks(
        corpus_dir=small_corpus["corpus_dir"],
        figures_dir=figures,
        speakers_path=small_corpus["speakers_path"],
        background_dir=small_corpus["background_dir"],
        executed_dir=tmp_path / "executed",
        log=log.append,
    )
    assert [p.name for p in executed] == [p.name for p in NOTEBOOKS]
    assert log[-1].endswith("done in " + log[-1].rsplit("done in ", 1)[1])
    index = pd.read_csv(figures / "index.csv")
    for notebook in NOTEBOOKS:
        rows = index[index["notebook"] == notebook.stem]
        assert len(rows), f"{notebook.name} saved no figure"
        for row in rows.itertuples():
            assert (figures / row.png).stat().st_size > 0 and (figures / row.svg).is_file() and (figures / row.data).is_file()
            assert row.question.endswith("?")
