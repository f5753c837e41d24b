import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.inputs.corpus import (  # noqa: E402
    DOCUMENT_COLUMNS,
    CorpusError,
    count_documents,
    load_corpus,
    locate,
    read_document,
    validate_corpus,
    write_document,
)
from analysis.plots.corpus import plot_documents_over_time  # noqa: E402

GOOD = """---
id: {id}
date: {date}
title: A readout
source: Ministry of Foreign Affairs
genre: {genre}
language: en
{extra}---
First paragraph. Second sentence.

Second paragraph.
"""


def _write(folder, name, **fields):
    values = {"id": "doc-a", "date": "2020-05-13", "genre": "readout", "extra": ""}
    values.update(fields)
    path = folder / name
    path.write_text(GOOD.format(**values), encoding="utf-8")
    return path


def test_load_corpus_returns_documented_columns_sorted_by_date(tmp_path):
    _write(tmp_path, "b.txt", id="doc-b", date="2020-06-01")
    _write(tmp_path / "sub", "a.txt", id="doc-a", date="2019-01-02") if (tmp_path / "sub").mkdir() is None else None
    documents = load_corpus(tmp_path)
    assert list(documents.columns[: len(DOCUMENT_COLUMNS)]) == list(DOCUMENT_COLUMNS)
    assert documents["doc_id"].tolist() == ["doc-a", "doc-b"]
    assert str(documents["date"].dtype) == "datetime64[ns]"
    assert documents.loc[0, "n_paragraphs"] == 2
    assert documents.loc[0, "n_words"] == 6
    assert documents.loc[0, "text"].startswith("First paragraph.")


def test_extra_front_matter_keys_are_kept_as_columns(tmp_path):
    _write(tmp_path, "a.txt", extra="published: 2020-05-14\nparticipants: [Xi Jinping, Moon Jae-in]\n")
    documents = load_corpus(tmp_path)
    assert documents.loc[0, "published"] == "2020-05-14"
    assert documents.loc[0, "participants"] == ["Xi Jinping", "Moon Jae-in"]


def test_locate_gives_the_file_line_of_a_character(tmp_path):
    path = _write(tmp_path, "a.txt")
    document = load_corpus(tmp_path).iloc[0]
    offset = document["text"].index("Second paragraph")
    line = path.read_text(encoding="utf-8").split("\n").index("Second paragraph.") + 1
    assert locate(document, offset) == f"{path}:{line}"


def test_every_problem_is_listed_with_file_line_and_what_to_do(tmp_path):
    _write(tmp_path, "bad-date.txt", id="one", date="2020-13-45")
    _write(tmp_path, "bad-genre.txt", id="two", genre="tweet")
    (tmp_path / "no-front.txt").write_text("Just text.\n", encoding="utf-8")
    (tmp_path / "unclosed.txt").write_text("---\nid: x\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text(GOOD.format(id="three", date="2020-01-01", genre="readout", extra="").split("---\n")[0] + "---\nid: three\ndate: 2020-01-01\ntitle: T\nsource: S\ngenre: readout\nlanguage: en\n---\n\n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes(GOOD.format(id="four", date="2020-01-01", genre="readout", extra="").encode() + "caf\u00e9".encode("latin-1"))
    with pytest.raises(CorpusError) as caught:
        load_corpus(tmp_path)
    message = str(caught.value)
    assert "6 problem(s)" in message
    assert "bad-date.txt:3: bad date `2020-13-45`: write it as YYYY-MM-DD" in message
    assert "bad-genre.txt:6: unknown genre `tweet`: use one of readout" in message
    assert "no-front.txt:1: no front matter" in message
    assert "unclosed.txt:1: front matter is not closed" in message
    assert "empty.txt:9: empty text" in message
    assert "latin1.txt:12: not UTF-8" in message
    assert len(caught.value.problems) == 6


def test_missing_keys_and_bad_yaml_are_reported(tmp_path):
    (tmp_path / "missing.txt").write_text("---\nid: m\ndate: 2020-01-01\n---\nText.\n", encoding="utf-8")
    (tmp_path / "yaml.txt").write_text("---\nid: y\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    problems = validate_corpus(tmp_path)
    text = [str(p) for p in problems]
    for key in ("title", "source", "genre", "language"):
        assert any(f"missing.txt:1: missing required key `{key}`" in t for t in text)
    assert any("yaml.txt:" in t and "not valid YAML" in t for t in text)


def test_bad_id_and_duplicate_ids_name_both_files(tmp_path):
    _write(tmp_path, "one.txt", id="same-id")
    _write(tmp_path, "two.txt", id="same-id")
    _write(tmp_path, "three.txt", id="Bad_Id")
    text = [str(p) for p in validate_corpus(tmp_path)]
    assert any("two.txt:2: duplicate id `same-id` (also in" in t and "one.txt" in t for t in text)
    assert any("three.txt:2: bad id `Bad_Id`" in t for t in text)


def test_empty_folder_and_missing_folder_raise_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match="no \\*.txt document"):
        load_corpus(tmp_path)
    with pytest.raises(FileNotFoundError, match="no such corpus folder"):
        load_corpus(tmp_path / "nowhere")


def test_write_document_round_trips_metadata_and_text(tmp_path):
    path = write_document(tmp_path / "x" / "d.txt", {"id": "d", "date": "2021-02-03", "title": "T: a title", "source": "S", "genre": "speech", "language": "en"}, "Words here.\n\nMore words.")
    assert "date: 2021-02-03\n" in path.read_text(encoding="utf-8")  # a YAML date, not a quoted string
    record = read_document(path)
    assert record["doc_id"] == "d" and record["title"] == "T: a title"
    assert record["text"] == "Words here.\n\nMore words."


def test_count_documents_fills_empty_periods_and_plot_draws_them():
    documents = pd.DataFrame({"date": pd.to_datetime(["2020-01-15", "2020-02-20", "2020-07-01"]), "genre": ["readout", "speech", "readout"]})
    counts = count_documents(documents, freq="QS", by="genre")
    assert counts["period"].dt.strftime("%Y-%m").unique().tolist() == ["2020-01", "2020-04", "2020-07"]
    assert counts.groupby("period")["n_documents"].sum().tolist() == [2, 0, 1]
    fig, ax = plt.subplots()
    plot_documents_over_time(counts, ax=ax)
    heights = sorted(round(p.get_height()) for p in ax.patches)
    assert heights == [0, 0, 0, 1, 1, 1]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["readout", "speech"]
    plt.close(fig)


def test_a_year_date_is_kept_with_its_precision_and_no_day_is_invented(tmp_path):
    _write(tmp_path, "a.txt", id="doc-a", date="2019")
    _write(tmp_path, "b.txt", id="doc-b", date='"2018"')
    _write(tmp_path, "c.txt", id="doc-c", date="2019-09-24")
    documents = load_corpus(tmp_path).set_index("doc_id")
    assert str(documents["date"].dtype) == "datetime64[ns]"
    assert documents["date_precision"].to_dict() == {"doc-b": "year", "doc-a": "year", "doc-c": "day"}
    assert documents["year"].to_dict() == {"doc-b": 2018, "doc-a": 2019, "doc-c": 2019}
    assert str(documents.loc["doc-a", "date"].date()) == "2019-01-01"  # held at 1 January, flagged as a year
    assert list(documents.columns[:4]) == ["date", "date_precision", "year", "title"]


def test_write_document_round_trips_a_year_date(tmp_path):
    path = write_document(tmp_path / "d.txt", {"id": "d", "date": 2019, "title": "T", "source": "S", "genre": "speech", "language": "en"}, "Words.")
    assert "date: 2019\n" in path.read_text(encoding="utf-8")
    assert read_document(path)["date_precision"] == "year"


def test_a_bad_year_date_names_file_and_line(tmp_path):
    _write(tmp_path, "five.txt", id="five", date="20190")
    _write(tmp_path, "month.txt", id="month", date="2019-09")
    text = [str(p) for p in validate_corpus(tmp_path)]
    assert any("five.txt:3: bad date `20190`: write it as YYYY-MM-DD (or YYYY" in t for t in text)
    assert any("month.txt:3: bad date `2019-09`" in t for t in text)


def test_the_text_is_kept_character_for_character(tmp_path):
    body = "\n\ufeffFirst line\rsecond line \n\nLast paragraph.  \n\n\n"
    path = tmp_path / "exact.txt"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(f"---\nid: exact\ndate: 2019\ntitle: T\nsource: S\ngenre: speech\nlanguage: en\n---\n{body}\n")
    document = load_corpus(tmp_path).iloc[0]
    assert document["text"] == body
    assert document["text_line"] == 9
    offset = document["text"].index("Last paragraph")
    assert locate(document, offset) == f"{path}:12"
