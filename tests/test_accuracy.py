"""Accuracy against span-matched hand labels: the matching on toy spans, and the levels measured per house style."""

import pandas as pd
import pytest

from analysis.statements.accuracy import attribute_dev_set, load_dev_gold, match_gold_spans, measure_accuracy

HOUSES = ["china-mfa-other", "japan-mofa", "rok-mofa", "rok-president", "us-state"]


def test_gold_spans_match_exactly_by_most_overlap_or_not_at_all():
    st = pd.DataFrame({"doc_id": ["d", "d"], "statement_id": ["d:1", "d:2"], "start": [0, 12], "end": [10, 40],
                       "speaker": ["A", "B"], "side": ["CN", "ROK"]})
    gold = pd.DataFrame({"doc_id": ["d", "d", "d", "e"], "sentence_start": [0, 8, 30, 0], "sentence_end": [10, 20, 40, 5],
                         "speaker": ["A", "B", "B", "C"], "side": ["CN", "ROK", "ROK", "JP"], "house": ["h"] * 4})
    matched = match_gold_spans(st, gold)
    assert matched["match"].tolist() == ["exact", "overlap", "overlap", "none"]
    assert matched["statement_id"].tolist() == ["d:1", "d:2", "d:2", ""]
    table = measure_accuracy(matched).set_index("house")
    assert table.loc["h", ["n", "right", "resegmented", "unknown"]].tolist() == [4, 3, 3, 0]


def test_a_wrong_country_side_is_counted_apart_from_unknown():
    matched = pd.DataFrame({"house": ["h"] * 3, "speaker_gold": ["X", "Y", "joint"], "side_gold": ["CN", "ROK", "joint"],
                            "speaker": ["X", "unknown", "Z"], "side": ["CN", "unknown", "US"], "match": ["exact"] * 3})
    row = measure_accuracy(matched).set_index("house").loc["h"]
    assert (row["right"], row["unknown"], row["given_side"], row["wrong_country"]) == (1, 1, 2, 1)


@pytest.fixture(scope="module", params=["dev", "holdout"])
def measured(request):
    gold = load_dev_gold(split=request.param)
    matched = match_gold_spans(attribute_dev_set(gold), gold)
    return request.param, matched, measure_accuracy(matched).set_index("house")


def test_the_tuning_part_and_the_fifth_hold_out_measure_as_documented(measured):
    split, matched, table = measured
    assert table.index.tolist() == [*HOUSES, "all"]
    # README "Accuracy in other house styles". dev (hold-outs 1-4 seen and fixed, and the first batch): 745/745
    # before the `carried` rule was withheld; 736/745 with it (9 rok-president sentences of quotation
    # paragraphs are `unknown`). holdout: the fifth hold-out's single, clean measurement, rules frozen at
    # commit c05e3ee: 103/116, 2 wrong country sides of 106 given (the target is not met).
    expected = {"dev": [140, 152, 147, 143, 154, 736], "holdout": [21, 17, 23, 20, 22, 103]}[split]
    wrong = {"dev": [0, 0, 0, 0, 0, 0], "holdout": [0, 1, 0, 1, 0, 2]}[split]
    assert table["right"].tolist() == expected
    assert table["wrong_country"].tolist() == wrong


def test_the_tuning_part_is_never_wrong_only_unknown(measured):
    split, matched, table = measured
    if split != "dev":
        pytest.skip("the hold-out is measured as it came out, errors included")
    errors = matched[(matched["speaker"] != matched["speaker_gold"]) | (matched["side"] != matched["side_gold"])]
    assert (errors["side"] == "unknown").all()
    assert set(errors["rule"]) <= {"carried", "unknown"}
    assert (table["resegmented"] == 0).all()
