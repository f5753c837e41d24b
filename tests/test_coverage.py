"""What a corpus cannot show: describe_limits, one check at a time, on tiny made-up statement tables."""

import pandas as pd
import pytest

from analysis.coverage import DEFAULT_CHECKS, LIMIT_CHECKS, LIMIT_COLUMNS, describe_limits


def _statements(rows):
    """rows: (doc_id, genre, side/voice, year), one statement each."""
    return pd.DataFrame({"doc_id": [r[0] for r in rows], "genre": [r[1] for r in rows], "speaker": [f"delegate of {r[2]}" for r in rows],
                         "side": [r[2] for r in rows], "voice": [r[2] for r in rows],
                         "date": pd.to_datetime([f"{r[3]}-01-01" for r in rows])})  # fmt: skip


SPEECHES = _statements([("cn-2018", "speech", "CN", 2018), ("rok-2018", "speech", "ROK", 2018), ("cn-2019", "speech", "CN", 2019),
                        ("rok-2019", "speech", "ROK", 2019), ("jp-2019", "speech", "JP", 2019)])


def test_a_corpus_without_speeches_cannot_show_the_speech_notebooks():
    readout = _statements([("a", "readout", "CN", 2020), ("a", "readout", "ROK", 2020)])
    limits = describe_limits(readout, checks=("speeches", "states"))
    assert list(limits.columns) == list(LIMIT_COLUMNS)
    assert limits["because"].tolist() == ["no document of genre speech", "at most 0 state(s) speak in one year; typicality needs 3"]
    assert describe_limits(SPEECHES, checks=("speeches", "states"))["cannot_show"].tolist() == ["nothing: every figure can be drawn"]


def test_years_are_compared_only_when_both_voices_speak_in_two_years():
    assert describe_limits(SPEECHES, checks=("years",))["cannot_show"].str.startswith("nothing").all()
    one_year = SPEECHES[SPEECHES["date"].dt.year == 2019]
    limits = describe_limits(one_year, checks=("years",))
    assert limits["cannot_show"].str.contains("year by year").all() and limits["because"].tolist() == [
        "CN and ROK both speak in 1 year(s); comparing years needs 2"]
    no_rok = SPEECHES[SPEECHES["voice"] != "ROK"]
    assert describe_limits(no_rok, checks=("years",))["because"].tolist() == ["CN and ROK both speak in 0 year(s); comparing years needs 2"]
    assert describe_limits(SPEECHES.assign(year=SPEECHES["date"].dt.year.astype(str)).drop(columns="date"),
                           checks=("years",))["cannot_show"].str.startswith("nothing").all()  # notebook 04's `year` column


def test_korean_needs_a_korean_document():
    documents = pd.DataFrame({"doc_id": ["a"], "language": ["en"]})
    assert describe_limits(SPEECHES, checks=("korean",), documents=documents)["because"].tolist() == ["no document in language ko"]
    assert describe_limits(SPEECHES, checks=("korean",))["cannot_show"].str.startswith("anything in Korean").all()
    korean = pd.DataFrame({"doc_id": ["a"], "language": ["ko"]})
    assert describe_limits(SPEECHES, checks=("korean",), documents=korean)["cannot_show"].str.startswith("nothing").all()


def test_the_default_checks_are_those_of_notebooks_01_to_03_and_unknown_checks_are_refused():
    assert set(DEFAULT_CHECKS) < set(LIMIT_CHECKS)
    limits = describe_limits(SPEECHES)
    assert not limits["because"].str.contains("genre speech").any()  # 01-03 are not asked about speeches
    with pytest.raises(ValueError, match=r"unknown check\(s\) \['speech'\]"):
        describe_limits(SPEECHES, checks=("speech",))
