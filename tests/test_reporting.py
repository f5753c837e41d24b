import json

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.reporting import BACKGROUND_PARAMETERS, CORPUS_PARAMETERS, FigureWriter, NotebookError, run_notebooks, write_index  # noqa: E402
from analysis.plots.style import STYLE  # noqa: E402


def _figure(values):
    with plt.style.context(STYLE):
        fig, ax = plt.subplots()
        ax.bar(["CN", "ROK"], values)
        ax.set_title("Statements by side")
    return fig


def test_save_writes_png_svg_csv_and_an_index_row(tmp_path):
    writer = FigureWriter(tmp_path, notebook="01-test")
    data = pd.DataFrame({"side": ["CN", "ROK"], "n": [3, 2]})
    files = writer.save(_figure([3, 2]), "01-sides", question="Who speaks more?", data=data)
    assert [f.name for f in files] == ["01-sides.png", "01-sides.svg", "01-sides.csv"]
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "01-sides.csv"), data)
    index = pd.read_csv(tmp_path / "index.csv")
    assert index.to_dict("records") == [{"figure": "01-sides", "notebook": "01-test", "question": "Who speaks more?", "png": "01-sides.png", "svg": "01-sides.svg", "data": "01-sides.csv"}]
    assert "| 01-sides | Who speaks more? | 01-test |" in (tmp_path / "index.md").read_text(encoding="utf-8")


def test_saving_the_same_figure_twice_gives_the_same_bytes(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    FigureWriter(first, notebook="n").save(_figure([3, 2]), "f", question="q")
    FigureWriter(second, notebook="n").save(_figure([3, 2]), "f", question="q")
    for name in ("f.png", "f.svg"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_the_index_replaces_rows_and_forgets_deleted_figures(tmp_path):
    writer = FigureWriter(tmp_path, notebook="n")
    writer.save(_figure([1, 2]), "b", question="old question")
    writer.save(_figure([1, 2]), "a", question="first")
    writer.save(_figure([1, 2]), "b", question="new question")
    assert pd.read_csv(tmp_path / "index.csv")[["figure", "question"]].values.tolist() == [["a", "first"], ["b", "new question"]]
    (tmp_path / "a.png").unlink()
    (tmp_path / "a.svg").unlink()
    assert write_index(tmp_path)["figure"].tolist() == ["b"]


def _notebook(path, source):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell('corpus_dir = ""\nfigures_dir = ""\nspeakers_path = ""\nbackground_dir = ""', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(source),
    ]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)


def test_a_failing_notebook_stops_the_run_naming_the_cell_and_error(tmp_path, small_corpus):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "01-fails.ipynb", "raise ValueError('the corpus has no ROK statement')")
    _notebook(notebooks / "02-never-runs.ipynb", "print('not reached')")
    lines = []
    with pytest.raises(NotebookError) as caught:
        run_notebooks(corpus_dir=small_corpus["corpus_dir"], figures_dir=tmp_path / "figures", notebooks_dir=notebooks, executed_dir=tmp_path / "executed", log=lines.append)
    message = str(caught.value)
    assert "01-fails.ipynb: cell" in message and "ValueError: the corpus has no ROK statement" in message
    assert lines == ["[1/2] 01-fails.ipynb ..."]
    executed = json.loads((tmp_path / "executed" / "01-fails.ipynb").read_text(encoding="utf-8"))
    injected = [c for c in executed["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert str(small_corpus["corpus_dir"].resolve()) in "".join(injected[0]["source"])


def test_an_interrupted_save_leaves_no_torn_file_and_no_index_row(tmp_path, monkeypatch):
    writer = FigureWriter(tmp_path, notebook="00-test")
    fig = _figure([3, 2])
    writer.save(fig, "a", question="A?")
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}

    def torn(target, **kwargs):  # half a file, then Ctrl-C
        with open(target, "wb") as stream:
            stream.write(b"<svg")
        raise KeyboardInterrupt

    monkeypatch.setattr(fig, "savefig", torn)
    with pytest.raises(KeyboardInterrupt):
        writer.save(fig, "a", question="A?")
    with pytest.raises(KeyboardInterrupt):
        writer.save(fig, "b", question="B?")
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before  # the complete files, no temporary one


def test_a_run_indexes_what_it_wrote_lists_stale_files_and_keeps_its_notebooks_apart(tmp_path, capfd):
    """One tiny notebook, run twice (the slow part: a kernel each time)."""
    notebooks, figures = tmp_path / "notebooks", tmp_path / "figures"
    notebooks.mkdir()
    save = ("import matplotlib.pyplot as plt\nfrom analysis.reporting import FigureWriter\nfig, ax = plt.subplots()\n"
            "ax.plot([1, 2])\nFigureWriter(figures_dir, notebook='01-tiny').save(fig, '01-line', question='A line?')")
    _notebook(notebooks / "01-tiny.ipynb", save)
    FigureWriter(figures, notebook="01-old").save(_figure([1, 1]), "01-old-corpus", question="Old?")
    lines = []
    run_notebooks(figures_dir=figures, notebooks_dir=notebooks, executed_dir=tmp_path / "run-1", log=lines.append)
    assert write_index(figures)["figure"].tolist() == ["01-line"]  # not the earlier corpus's figure
    assert lines[-1].startswith("2 file(s) of ") and lines[-1].endswith("01-old-corpus.png, 01-old-corpus.svg; `--clean` removes them")
    assert (tmp_path / "run-1" / "01-tiny.ipynb").is_file() and not (figures / ".figures.lock").exists()
    assert "running over TCP" not in capfd.readouterr().err
    run_notebooks(figures_dir=figures, notebooks_dir=notebooks, executed_dir=tmp_path / "run-2", clean=True, log=lines.append)
    assert sorted(p.name for p in figures.iterdir()) == ["01-line.png", "01-line.svg", "index.csv", "index.md"]
    assert (tmp_path / "run-1" / "01-tiny.ipynb").is_file() and (tmp_path / "run-2" / "01-tiny.ipynb").is_file()


def test_a_corpus_replaces_every_corpus_folder_of_a_notebook_and_keeps_its_parquet_apart(tmp_path, small_corpus):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    notebook = nbformat.v4.new_notebook()
    names = ("corpus_dir", "ko_corpus_dir", "un_corpus_dir", "seeds_dir", "ko_background_dir", "background_dir",
             "gold_corpus_dir", "parquet_dir", "figures_dir", "speakers_path")
    notebook.cells = [nbformat.v4.new_code_cell("\n".join(f'{name} = "default"' for name in names), metadata={"tags": ["parameters"]}),
                      nbformat.v4.new_code_cell(f"print({', '.join(names)}, sep='\\n')")]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, notebooks / "05-folders.ipynb")
    run_notebooks(corpus_dir=small_corpus["corpus_dir"], figures_dir=tmp_path / "figures", notebooks_dir=notebooks,
                  executed_dir=tmp_path / "executed", log=lambda line: None)
    executed = nbformat.read(tmp_path / "executed" / "05-folders.ipynb", as_version=4)
    seen = dict(zip(names, executed.cells[-1].outputs[0]["text"].splitlines()))
    corpus = str(small_corpus["corpus_dir"].resolve())
    assert [seen[name] for name in CORPUS_PARAMETERS] == [corpus] * len(CORPUS_PARAMETERS)
    assert [seen[name] for name in BACKGROUND_PARAMETERS] == ["", ""]  # no background given: none
    assert seen["gold_corpus_dir"] == "default"  # the corpus the gold was drawn from stays
    assert seen["parquet_dir"] == str((tmp_path / "executed" / "parquet").resolve())
