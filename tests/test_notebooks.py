"""Notebooks: committed without outputs, narrative only, run headlessly, and their figures hold the package's numbers."""

import ast
import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis.comparison import estimate_rates
from analysis.frames import score_frames
from analysis.inputs.korean_speeches import select_korean_speeches
from analysis.pipeline import open_corpus
from analysis.reporting import run_notebooks
from analysis.statements import summarize_speakers

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
SHIPPED = Path(__file__).resolve().parent.parent / "corpus"


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
    assert {"corpus_dir", "speakers_path", "figures_dir"} <= names
    used = {node.id for cell in code if cell is not tagged[0] for node in ast.walk(ast.parse(cell.source))
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
    assert names <= used, f"{path.name}: parameters {sorted(names - used)} are never used; remove them"
    for cell in code:
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)), (
                f"{path.name}: move definitions into analysis/"
            )


#: Each notebook's small corpus: the MFA texts for 01-03 and 06, the UN speeches for 04 (as `make figures` gives each
#: its own), and for 05 a folder of Korean speeches with the English UN speeches and the readout it compares them with.
UN_NOTEBOOKS = ("04",)
KO_NOTEBOOKS = ("05",)
KO_DOCUMENTS = tuple(f"documents/rok-president-ko/pa-speech-{n}.txt" for n in (1401772, 1400711, 1401009, 1401266, 1401498, 1401319)) + tuple(
    f"documents/un-general-debate/ungdc-kor-{year}.txt" for year in range(2017, 2022)) + (
    "documents/mfa/seeds/2020-11-26-moon-meets-wang-yi.txt", "documents/mfa/seeds/2020-05-13-xi-moon-phone-call.txt")
KO_BACKGROUND = tuple(f"background/rok-president-ko/pa-speech-{n}.txt" for n in (1400600, 1400604, 1400605))


def _copy(relatives, folder: Path) -> Path:
    folder.mkdir(parents=True)
    for relative in relatives:
        shutil.copy(SHIPPED / relative, folder / Path(relative).name)
    return folder


@pytest.fixture(scope="module")
def executed(small_corpus, tmp_path_factory):
    """Every notebook run headlessly on the small corpus: (figures folder, progress log, executed paths)."""
    root = tmp_path_factory.mktemp("notebooks")
    log, paths = [], []
    own = UN_NOTEBOOKS + KO_NOTEBOOKS
    runs = (
        ([n.name[:2] for n in NOTEBOOKS if not n.name.startswith(own)], small_corpus["corpus_dir"], small_corpus["background_dir"]),
        (list(UN_NOTEBOOKS), small_corpus["un_dir"], small_corpus["background_dir"] / "un-general-debate"),
        (list(KO_NOTEBOOKS), _copy(KO_DOCUMENTS, root / "korean"), _copy(KO_BACKGROUND, root / "korean-background")),
    )
    for names, corpus_dir, background_dir in runs:
        paths += run_notebooks(
            corpus_dir=corpus_dir,
            figures_dir=root / "figures",
            speakers_path=small_corpus["speakers_path"],
            background_dir=background_dir,
            executed_dir=root / "executed",
            names=names,
            log=log.append,
        )
    return root / "figures", log, paths


def test_every_notebook_runs_headlessly_and_writes_its_figures(executed):
    figures, log, paths = executed
    assert sorted(p.name for p in paths) == [p.name for p in NOTEBOOKS]
    for notebook in NOTEBOOKS:
        assert any(re.fullmatch(rf"\[\d+/\d+\] {re.escape(notebook.name)} done in \d+\.\d s", line) for line in log), log
    index = pd.read_csv(figures / "index.csv")
    for notebook in NOTEBOOKS:
        rows = index[index["notebook"] == notebook.stem]
        assert len(rows), f"{notebook.name} saved no figure"
        for row in rows.itertuples():
            assert (figures / row.png).stat().st_size > 0 and (figures / row.svg).is_file() and (figures / row.data).is_file()
            assert row.question.endswith("?")


def test_the_figures_hold_the_numbers_the_package_computes_on_the_same_corpus(executed, small_corpus):
    figures = executed[0]
    opened = open_corpus(small_corpus["corpus_dir"], small_corpus["speakers_path"])
    by_side = summarize_speakers(opened.statements, by=("side",))
    drawn = pd.read_csv(figures / "01-volume-by-side.csv", keep_default_na=False)
    assert drawn["n_words"].tolist() == by_side["n_words"].tolist() and drawn["side"].tolist() == by_side["side"].tolist()
    scored = score_frames(opened.statements, speakers=opened.speakers)
    rates = estimate_rates(scored, ["peninsula"], by="voice", groups=["CN"], n_boot=200, random_state=0)
    profile = pd.read_csv(figures / "02-frame-profile.csv").set_index(["group", "frame"])
    assert profile.loc[("CN", "peninsula"), "n_hits"] == rates.loc[0, "n_hits"] == int(scored.loc[scored["voice"] == "CN", "peninsula"].sum())
    voices = pd.read_csv(figures / "03-voice-similarity.csv", keep_default_na=False)
    counts = voices.drop_duplicates("group").set_index("group")["n_statements"]
    assert counts.to_dict() == scored["voice"].value_counts().reindex(counts.index).to_dict()


def test_notebook_04_draws_the_package_numbers_of_the_speeches(executed, small_corpus):
    figures = executed[0]
    opened = open_corpus(small_corpus["un_dir"], small_corpus["speakers_path"])
    scored = score_frames(opened.statements, speakers=opened.speakers)
    rates = pd.read_csv(figures / "04-frame-rates-six-parties.csv", keep_default_na=False).set_index(["group", "frame"])
    protocol_free = scored["leadership_praise"].astype(bool) & ~scored["protocol"]
    for side in ("CN", "ROK"):
        mine = scored["side"] == side
        assert rates.loc[(side, "peninsula"), "n_hits"] == int(scored.loc[mine, "peninsula"].sum())
        assert rates.loc[(side, "leadership_praise"), "n_hits"] == int((protocol_free & mine).sum())  # protocol excluded
    paired = pd.read_csv(figures / "04-paired-cn-rok.csv", keep_default_na=False)
    assert set(paired["strata"]) == {"year"} and set(paired["units"]) == {"doc_id"}
    assert set(paired["n_strata"]) == {int(opened.documents.loc[opened.documents["side"] == "ROK", "year"].nunique())}
    yearly = pd.read_csv(figures / "04-cn-rok-frames-by-year.csv")
    assert sorted(yearly["year"].unique()) == sorted(opened.documents["year"].unique()) and set(yearly["group"]) == {"CN", "ROK"}
    praise = pd.read_csv(figures / "04-praise-matrix.csv", keep_default_na=False)
    drawn_ids = {i for ids in praise["statement_ids"] for i in ids.split(";") if i}
    protocol_ids = set(scored.loc[scored["protocol"], "statement_id"])
    assert drawn_ids and not drawn_ids & protocol_ids  # protocol left out of who praises whom


def test_notebook_05_draws_the_korean_speeches_of_the_corpus_it_is_given(executed, tmp_path):
    figures = executed[0]
    corpus = _copy(KO_DOCUMENTS, tmp_path / "korean")
    opened = open_corpus(corpus, SHIPPED / "speakers.yaml")
    korean = select_korean_speeches(opened.documents)
    assert len(korean) == 6 and set(opened.documents["language"]) == {"ko", "en"}  # the English speeches and readouts are not Korean
    china = korean.loc[korean["mentions_china"], "doc_id"]
    profile = pd.read_csv(figures / "05-frame-profile-by-year.csv").drop_duplicates("group")
    assert profile["n_statements"].sum() == int(opened.statements["doc_id"].isin(china).sum()) > 0
    check = pd.read_csv(figures / "05-cross-language-check.csv")
    assert check[["rate_a", "rate_b"]].notna().all().all()  # the five UN speeches, in Korean and in English
    assert len(pd.read_csv(figures / "05-keyness-china-relevant.csv")) > 0


#: Every notebook runs on each small corpus: with ``corpus_dir``, the runner gives a notebook's other
#: corpus folders (05's Korean speeches, its English UN speeches and seeds) the same corpus.
GENERAL_NOTEBOOKS = tuple(n.name[:2] for n in NOTEBOOKS)
_NO_SPEECHES = "anything about speeches (the UN General Debate)"
_NO_KOREAN = "anything in Korean"
#: Four small corpora of real documents the notebooks must run on, and per notebook what it must say it cannot show.
SMALL_CORPORA = {
    "one readout": (["documents/mfa/seeds/2020-05-13-xi-moon-phone-call.txt"],
                    {"01": "reported speakers in press-conference turns", "02": "reported speakers in press-conference turns",
                     "04": _NO_SPEECHES, "05": _NO_KOREAN, "06": _NO_SPEECHES}),
    "press conferences only": (["documents/mfa/press-conferences/mfa-presscon-2018-05-16-t1559978.txt"],
                               {"01": "the readout sample of the attribution rules",
                                "02": "the readout sample of the attribution rules",
                                "04": _NO_SPEECHES, "05": _NO_KOREAN, "06": _NO_SPEECHES}),
    "speeches only": (["documents/un-general-debate/ungdc-chn-2019.txt", "documents/un-general-debate/ungdc-kor-2019.txt"],
                      {"01": "reported speakers in press-conference turns", "02": "reported speakers in press-conference turns",
                       "04": "year by year", "05": _NO_KOREAN, "06": "typicality among all states"}),
    "no ROK voice": (["background/press-conferences/mfa-presscon-2018-05-21-t1561142.txt"],
                     {"01": "anything about the ROK voice", "02": "anything about the ROK voice",
                      "04": _NO_SPEECHES, "05": _NO_KOREAN, "06": _NO_SPEECHES}),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SMALL_CORPORA))
def test_every_notebook_runs_on_a_small_corpus_and_says_what_it_cannot_show(name, tmp_path):
    """Slow: every notebook, headless, on the smallest corpus of its kind (issue 11 item 5)."""
    files, cannot_show = SMALL_CORPORA[name]
    paths = run_notebooks(corpus_dir=_copy(files, tmp_path / "corpus"), figures_dir=tmp_path / "figures", speakers_path=SHIPPED / "speakers.yaml",
                          executed_dir=tmp_path / "executed", log=lambda line: None, names=GENERAL_NOTEBOOKS)
    assert [p.name[:2] for p in paths] == list(GENERAL_NOTEBOOKS)
    said = {path.name[:2]: json.dumps(nbformat.read(path, as_version=4)["cells"]) for path in paths}
    for notebook, message in cannot_show.items():
        assert message in said[notebook], f"notebook {notebook} does not say it cannot show {message!r}"
