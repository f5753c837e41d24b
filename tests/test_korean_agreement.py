"""Tests of tests/gold/ko/agreement.py (two coders of the Korean gold) on made-up rows."""

from __future__ import annotations

import importlib.util
import io
import math
from pathlib import Path

import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score, f1_score

PROJECT = Path(__file__).resolve().parent.parent
_SPEC = importlib.util.spec_from_file_location("agreement", PROJECT / "tests" / "gold" / "ko" / "agreement.py")
agreement = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(agreement)

HEADER = ("doc_id,start,end,sample,text,leadership_praise,multilateralism,peninsula,protocol,"
          "peninsula_in_context,praise_target,note\n")


def _coder(rows: list[str]) -> pd.DataFrame:
    return agreement.load_codes(io.StringIO(HEADER + "".join(row + "\n" for row in rows)))


FIRST = [
    "d1,0,6,holdout-2,감사합니다.,0,0,0,1,0,,closing",
    "d1,7,20,holdout-2,국민 덕분입니다.,1,0,0,0,0,ROK,",
    "d2,0,9,holdout-3,유엔의 역할.,1,1,0,0,0,UN,",
    "d2,10,30,holdout-3,북한의 도발.,0,0,1,0,1,,",
    "d3,0,5,holdout-3,좋습니다.,0,0,0,0,0,,",
]
SECOND = [
    "d1,0,6,holdout-2,감사합니다.,0,0,0,1,0,,",
    "d1,7,20,holdout-2,국민 덕분입니다.,1,0,0,0,0,ROK,",
    "d2,0,9,holdout-3,유엔의 역할.,1,1,0,0,0,ROK;UN,",
    "d2,10,30,holdout-3,북한의 도발.,0,0,1,0,1,,",
    "d3,0,5,holdout-3,좋습니다.,1,0,0,0,0,unspecified,slip",
]


def test_table_formulas_agree_with_sklearn():
    first, second = [1, 1, 1, 0, 0, 0, 0, 1, 0, 0], [1, 0, 1, 1, 1, 0, 0, 1, 0, 0]
    table = agreement.count_table(first, second)
    assert table == {"both": 3, "first_only": 1, "second_only": 2, "neither": 4}
    assert agreement.kappa_from_table(table) == pytest.approx(cohen_kappa_score(first, second))
    assert agreement.f1_from_table(table) == pytest.approx(f1_score(first, second))


def test_kappa_is_nan_when_both_coders_are_constant_and_equal():
    assert math.isnan(agreement.kappa_from_table({"both": 0, "first_only": 0, "second_only": 0, "neither": 4}))


def test_measure_agreement_counts_the_second_coders_extra_praise():
    merged = agreement.match_coders(_coder(FIRST), _coder(SECOND))
    result = agreement.measure_agreement(merged, resamples=50).set_index("frame")
    praise = result.loc["leadership_praise"]
    assert (praise["both"], praise["first_only"], praise["second_only"], praise["neither"]) == (2, 0, 1, 2)
    assert praise["f1"] == pytest.approx(0.8)
    assert praise["agreement"] == pytest.approx(0.8)
    assert praise["f1_low"] <= praise["f1"] <= praise["f1_high"]
    assert result.loc["peninsula", "kappa"] == pytest.approx(1.0)


def test_targets_compared_only_where_both_coded_praise():
    merged = agreement.match_coders(_coder(FIRST), _coder(SECOND))
    assert agreement.measure_targets(merged) == {"rows": 2, "same": 1, "overlap": 2}
    disagreements = agreement.list_disagreements(merged, "praise_target")
    assert disagreements["text"].tolist() == ["유엔의 역할."]
    assert agreement.list_disagreements(merged, "leadership_praise")["note_2"].tolist() == ["slip"]


def test_second_coder_row_missing_from_first_is_an_error():
    with pytest.raises(ValueError, match="d9:0-3 is not in the first coder's file"):
        agreement.match_coders(_coder(FIRST), _coder(["d9,0,3,holdout-2,가.,0,0,0,0,0,,"]))


def test_changed_text_is_an_error():
    with pytest.raises(ValueError, match="texts differ"):
        agreement.match_coders(_coder(FIRST), _coder(["d3,0,5,holdout-3,나쁩니다.,0,0,0,0,0,,"]))


def test_bad_code_names_the_line_and_column():
    with pytest.raises(ValueError, match=r"<input>:3: peninsula is '2'"):
        _coder(["d1,0,6,holdout-2,가.,0,0,0,0,0,,", "d1,7,9,holdout-2,나.,0,0,2,0,0,,"])


def test_main_prints_the_table_and_the_disagreements(tmp_path, capsys):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(HEADER + "\n".join(FIRST) + "\n", encoding="utf-8")
    second.write_text(HEADER + "\n".join(SECOND) + "\n", encoding="utf-8")
    assert agreement.main(["--first", str(first), "--second", str(second), "--resamples", "20"]) == 0
    out = capsys.readouterr().out
    assert "| leadership_praise | 5 | 2 | 0 | 1 | 2 | 80.0% |" in out
    assert "#### leadership_praise: 1 disagreement(s)" in out
    assert "first: **0** (no note); second: **1** (slip)" in out
