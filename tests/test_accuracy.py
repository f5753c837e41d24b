"""Accuracy against span-matched hand labels: the matching on toy spans, and the levels measured per house style."""

import pandas as pd
import pytest

from analysis.statements.accuracy import DEV_CORPUS, attribute_dev_set, load_dev_gold, match_gold_spans, measure_accuracy

HOUSES = ["china-mfa-other", "japan-mofa", "rok-mofa", "rok-president", "us-state"]
# the eighth hold-out's single, clean measurement with the rules frozen in 19521ac (right, and wrong country
# sides, per house in the order of HOUSES, then all): 77/81, 1 wrong country side of 77 given
HOLDOUT_RIGHT = [21, 21, 15, 8, 12, 77]
HOLDOUT_WRONG = [0, 0, 1, 0, 0, 1]
# the seventh hold-out, now in dev: measured (121/132, 3 wrong country sides) but its errors not yet fixed
SEVENTH_RIGHT = [22, 28, 27, 29, 15, 121]
SEVENTH_WRONG = [0, 1, 0, 0, 2, 3]
FIXED_DEV_RIGHT = [190, 206, 195, 192, 197, 980]


def _measured_as(doc_ids):
    split = pd.read_csv(DEV_CORPUS / "split.csv", dtype=str).set_index("doc_id")["measured_as"]
    return doc_ids.map(split)


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


def test_the_confident_columns_count_sentences_at_or_above_the_threshold():
    matched = pd.DataFrame({"house": ["h"] * 4, "speaker_gold": ["X", "Y", "joint", "Z"], "side_gold": ["CN", "ROK", "joint", "JP"],
                            "speaker": ["X", "W", "Z", "Z"], "side": ["CN", "ROK", "US", "JP"], "match": ["exact"] * 4,
                            "confidence": [0.97, 0.9, 0.86, ""]})
    row = measure_accuracy(matched).set_index("house").loc["h"]
    assert (row["confident"], row["confident_right"], row["confident_wrong_country"]) == (3, 1, 1)
    row = measure_accuracy(matched, min_confidence=0.95).set_index("house").loc["h"]
    assert (row["confident"], row["confident_right"], row["confident_wrong_country"]) == (1, 1, 0)
    assert measure_accuracy(matched, min_confidence=0).set_index("house").loc["h", "confident"] == 4
    with pytest.raises(ValueError, match="between 0 and 1"):
        measure_accuracy(matched, min_confidence=1.5)


def test_a_wrong_country_side_is_counted_apart_from_unknown():
    matched = pd.DataFrame({"house": ["h"] * 3, "speaker_gold": ["X", "Y", "joint"], "side_gold": ["CN", "ROK", "joint"],
                            "speaker": ["X", "unknown", "Z"], "side": ["CN", "unknown", "US"], "match": ["exact"] * 3})
    row = measure_accuracy(matched).set_index("house").loc["h"]
    assert (row["right"], row["unknown"], row["given_side"], row["wrong_country"]) == (1, 1, 2, 1)


@pytest.fixture(scope="module", params=["dev", "holdout"])
def measured(request):
    try:
        gold = load_dev_gold(split=request.param)
    except ValueError:
        pytest.skip(f"no `{request.param}` rows: the next hold-out is labelled but not yet measured")
    matched = match_gold_spans(attribute_dev_set(gold), gold)
    return request.param, matched, measure_accuracy(matched).set_index("house")


def test_the_tuning_part_and_the_hold_out_measure_as_documented(measured):
    split, matched, table = measured
    assert table.index.tolist() == [*HOUSES, "all"]
    # README "Accuracy in other house styles". dev: the first batch and hold-outs 1-6, seen and fixed by the
    # general rules of the seventh round, frozen in the commit "rules frozen for round 7" (980/980), plus the
    # seventh hold-out, moved into dev but its errors not yet fixed (121/132, 3 wrong country sides): 1101/1112.
    # holdout: the eighth hold-out's single, clean measurement with the rules of 19521ac: 77/81, 1 wrong
    # country side of 77 given (the 95% per house style is missed by the ROK foreign ministry only).
    expected = {"dev": [a + b for a, b in zip(FIXED_DEV_RIGHT, SEVENTH_RIGHT)], "holdout": HOLDOUT_RIGHT}[split]
    wrong = {"dev": SEVENTH_WRONG, "holdout": HOLDOUT_WRONG}[split]
    assert table["right"].tolist() == expected
    assert table["wrong_country"].tolist() == wrong


def test_the_tuning_part_is_never_wrong_only_unknown(measured):
    split, matched, table = measured
    if split != "dev":
        pytest.skip("the hold-out is measured as it came out, errors included")
    # the fixed part only: the seventh hold-out is in dev but its errors are not fixed yet
    fixed = _measured_as(matched["doc_id"]) != "holdout-7"
    assert (~fixed).sum() == 132
    matched, table = matched[fixed], measure_accuracy(matched[fixed]).set_index("house")
    assert table["right"].tolist() == FIXED_DEV_RIGHT
    errors = matched[(matched["speaker"] != matched["speaker_gold"]) | (matched["side"] != matched["side_gold"])]
    assert (errors["side"] == "unknown").all()
    assert set(errors["rule"]) <= {"carried", "unknown"}
    # two gold sentences inside one parenthesis (a Japanese attendee list, "(From the Japanese side, ... attended
    # the meeting. From the ROK side, ...)") are one statement: resegmented, and right
    # and a provisional-translation note over two gold sentences ("• (*The foregoing is ... . The date ...)"),
    # one note statement, right
    reseg = matched[matched["match"] != "exact"]
    assert table["resegmented"].tolist() == [0, 4, 0, 0, 0, 4]
    assert ((reseg["speaker"] == reseg["speaker_gold"]) & (reseg["side"] == reseg["side_gold"])).all()
