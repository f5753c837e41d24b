"""Accuracy against span-matched hand labels: the matching on toy spans, and the levels measured per house style."""

import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from analysis.inputs.errors import InputWarning
from analysis.statements.accuracy import (
    DEV_CORPUS,
    DEV_GOLD,
    attribute_dev_set,
    load_dev_gold,
    match_gold_spans,
    measure_accuracy,
)

HOUSES = ["china-mfa-other", "japan-mofa", "rok-mofa", "rok-president", "us-state"]
# dev after the seventeenth round's fixes (the first batch and hold-outs 1-16, the rules frozen for round 17), right per
# house in the order of HOUSES, then all: 2471/2489; one wrong country side (13 misses `unknown`, 3 named wrongly within
# the page's own voices: narrator for joint, joint for narrator, and one gold sentence no statement matches; and round
# 16's two sentences opened by a Cyrillic "о" bullet that the segmenter joins to the sentence before, one of them the
# wrong side)
DEV_RIGHT = [475, 610, 491, 422, 473, 2471]
DEV_N = [480, 612, 494, 429, 474, 2489]
DEV_WRONG_COUNTRY = [0, 0, 1, 0, 0, 1]
# the ninth hold-out's single, clean measurement with the rules frozen in 7d2bc85 was 94/103 with 2 wrong country
# sides of 99 given (README "Ninth hold-out"); it is now in dev (measured_as holdout-9) and its errors fixed
ROUND_9_RIGHT = 103
# the tenth hold-out (measured_as holdout-10: 32 pages, 248 sentences labelled blind) was measured once with the rules
# frozen for round 10 (6eaca70): right per house in the order of HOUSES 51/51, 63/64, 36/37, 36/37, 57/59, all 243/248,
# one wrong country side of 246 given (README "Tenth hold-out"); it is now in dev (measured_as holdout-10) and its five
# errors fixed by the general rules of the eleventh round
ROUND_10_CLEAN_RIGHT = 243
ROUND_10_RIGHT = 248
# the eleventh hold-out (measured_as holdout-11: 23 pages, 169 sentences labelled blind) was measured once with the
# rules frozen for round 11 (572cf09): right per house in the order of HOUSES 34/35, 33/34, 27/32, 23/26, 36/42, all
# 153/169, 4 wrong country sides of 157 given (README "Eleventh hold-out"); it is now in dev (measured_as holdout-11)
# and 13 of its 16 errors fixed by the general rules of the twelfth round (3 left `unknown`), one more in the thirteenth
# (a person and "his counterparts" as a joint subject: 2 left `unknown`)
ROUND_11_N = [35, 34, 32, 26, 42, 169]
ROUND_11_CLEAN_RIGHT = [34, 33, 27, 23, 36, 153]
ROUND_11_CLEAN_WRONG_COUNTRY = [0, 0, 2, 0, 2, 4]
ROUND_11_RIGHT = 167
# the twelfth hold-out (measured_as holdout-12: 20 pages, 155 sentences labelled blind) was measured once with the
# rules frozen for round 12 (ef03dc3): right per house in the order of HOUSES 30/30, 36/36, 26/28, 2/31, 27/30, all
# 121/155, 3 wrong country sides of 127 given (README "Twelfth hold-out"); it is now in dev (measured_as holdout-12) and
# 32 of its 34 errors fixed by the general rules of the thirteenth round (2 left `unknown`)
ROUND_12_N = [30, 36, 28, 31, 30, 155]
ROUND_12_CLEAN_RIGHT = [30, 36, 26, 2, 27, 121]
ROUND_12_CLEAN_WRONG_COUNTRY = [0, 0, 0, 3, 0, 3]
ROUND_12_RIGHT = 153
# the thirteenth hold-out (measured_as holdout-13: 22 pages, 170 sentences labelled blind) was measured once with the
# rules frozen for round 13 (57303f7): right per house in the order of HOUSES 28/29, 40/42, 40/40, 19/24, 34/35, all
# 161/170, 3 wrong country sides of 165 given (README "Thirteenth hold-out"); it is now in dev (measured_as holdout-13)
# and 7 of its 9 errors fixed by the general rules of the fourteenth round (2 fragments cut mid-word left `unknown`)
ROUND_13_N = [29, 42, 40, 24, 35, 170]
ROUND_13_CLEAN_RIGHT = [28, 40, 40, 19, 34, 161]
ROUND_13_CLEAN_WRONG_COUNTRY = [0, 0, 0, 2, 1, 3]
ROUND_13_RIGHT = 168
# the fourteenth hold-out (measured_as holdout-14: 23 pages, 200 sentences labelled blind) was measured once with the
# rules frozen for round 14 (ce16546): right per house in the order of HOUSES 43/53, 35/38, 31/34, 42/52, 20/23, all
# 171/200, 5 wrong country sides of 187 given (README "Fourteenth hold-out"); it is now in dev (measured_as holdout-14)
# and 22 of its 29 errors fixed by the general rules of the fifteenth round (7 left: 4 `unknown`, 3 as below)
ROUND_14_N = [53, 38, 34, 52, 23, 200]
ROUND_14_CLEAN_RIGHT = [43, 35, 31, 42, 20, 171]
ROUND_14_CLEAN_WRONG_COUNTRY = [1, 0, 0, 3, 1, 5]
ROUND_14_RIGHT = 193
# the fifteenth hold-out (measured_as holdout-15: 18 pages, 147 sentences labelled blind) was measured once with the
# rules frozen for round 15 (3b29855): right per house in the order of HOUSES 33/35, 41/42, 29/33, 2/9, 27/28, all
# 132/147, 6 wrong country sides of 139 given (README "Fifteenth hold-out"); it is now in dev (measured_as holdout-15)
# and all 15 of its errors fixed by the general rules of the sixteenth round
ROUND_15_N = [35, 42, 33, 9, 28, 147]
ROUND_15_CLEAN_RIGHT = [33, 41, 29, 2, 27, 132]
ROUND_15_CLEAN_WRONG_COUNTRY = [0, 1, 3, 1, 1, 6]
ROUND_15_RIGHT = 147
# the sixteenth hold-out (measured_as holdout-16: 12 pages, 104 sentences labelled blind; no presidential-office or PRC
# page was left to find) was measured once with the rules frozen for round 16 (c95f6f7): per house present, in the
# order of HOUSES (japan-mofa, rok-mofa, us-state), then all: 40/40, 28/36, 17/28, all 85/104, 2 wrong country sides
# of 88 given (README "Sixteenth hold-out"); it is now in dev (measured_as holdout-16) and 17 of its 19 errors fixed by
# the general rules of the seventeenth round (2 left: the Cyrillic "о" bullets the segmenter joins, see DEV_RIGHT)
ROUND_16_N = [40, 36, 28, 104]
ROUND_16_CLEAN_RIGHT = [40, 28, 17, 85]
ROUND_16_CLEAN_WRONG_COUNTRY = [0, 1, 1, 2]
ROUND_16_RIGHT = 102
# the hold-out is empty until the eighteenth batch, labelled blind, is switched to it: its numbers are pinned then
HOLDOUT_N: list[int] = []
HOLDOUT_RIGHT: list[int] = []
HOLDOUT_WRONG_COUNTRY: list[int] = []


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
    # README "Accuracy in other house styles". dev: the first batch and hold-outs 1-16, seen and fixed by the
    # general rules of the seventeenth round, frozen in the commit "Rules frozen for round 17": 2471/2489, one wrong side.
    # holdout: the next hold-out as measured once (none labelled yet: this fixture skips)
    if split == "holdout":
        assert (_measured_as(matched["doc_id"]) == "holdout-17").all()
        assert table["n"].tolist() == HOLDOUT_N
        assert table["right"].tolist() == HOLDOUT_RIGHT
        assert table["wrong_country"].tolist() == HOLDOUT_WRONG_COUNTRY
        return
    assert table["n"].tolist() == DEV_N
    assert table["right"].tolist() == DEV_RIGHT
    assert table["wrong_country"].tolist() == DEV_WRONG_COUNTRY


def test_the_tuning_part_is_never_wrong_only_unknown(measured):
    split, matched, table = measured
    if split != "dev":
        pytest.skip("the hold-out is measured as it came out, errors included")
    # the seventh to sixteenth hold-outs are in dev (measured_as kept) and their errors fixed
    measured_as = _measured_as(matched["doc_id"])
    assert [(measured_as == f"holdout-{n}").sum() for n in (7, 8, 9, 10, 11, 12, 13, 14, 15, 16)] == [
        132, 81, 103, 248, ROUND_11_N[-1], ROUND_12_N[-1], ROUND_13_N[-1], ROUND_14_N[-1], ROUND_15_N[-1], ROUND_16_N[-1]]
    errors = matched[(matched["speaker"] != matched["speaker_gold"]) | (matched["side"] != matched["side_gold"])]
    assert (measured_as[errors.index] == "holdout-9").sum() == 103 - ROUND_9_RIGHT
    assert (measured_as[errors.index] == "holdout-10").sum() == 248 - ROUND_10_RIGHT < 248 - ROUND_10_CLEAN_RIGHT
    assert (measured_as[errors.index] == "holdout-11").sum() == 169 - ROUND_11_RIGHT < 169 - ROUND_11_CLEAN_RIGHT[-1]
    assert (measured_as[errors.index] == "holdout-12").sum() == 155 - ROUND_12_RIGHT < 155 - ROUND_12_CLEAN_RIGHT[-1]
    assert (measured_as[errors.index] == "holdout-13").sum() == 170 - ROUND_13_RIGHT < 170 - ROUND_13_CLEAN_RIGHT[-1]
    assert (measured_as[errors.index] == "holdout-14").sum() == 200 - ROUND_14_RIGHT < 200 - ROUND_14_CLEAN_RIGHT[-1]
    assert (measured_as[errors.index] == "holdout-15").sum() == 147 - ROUND_15_RIGHT < 147 - ROUND_15_CLEAN_RIGHT[-1]
    assert (measured_as[errors.index] == "holdout-16").sum() == 104 - ROUND_16_RIGHT < 104 - ROUND_16_CLEAN_RIGHT[-1]
    # round 16 leaves two sentences opened by a Cyrillic "о" bullet ("о The ASEAN side expressed ...", gold `unknown`;
    # "о In particular, Foreign Minister Park emphasized ...", gold Park Jin) that the segmenter (analysis.text, not
    # changed here) joins to the sentence before: each is matched by most overlap to that sentence's statement (Park
    # Jin's "he explained ...": the one wrong country side; "The two sides shared the view ...": joint)
    left16 = errors[measured_as[errors.index] == "holdout-16"]
    assert sorted(zip(left16["speaker"], left16["rule"], left16["match"])) == [
        ("Park Jin", "pronoun", "overlap"), ("joint", "joint", "overlap")]
    errors = errors[measured_as[errors.index] != "holdout-16"]
    # no wrong country side; what is left is `unknown` (a paragraph opening without a subject: `carried`,
    # `background`; fragments cut at the end of an excerpt: `cut`; sentences no rule decides: `unknown`) except three
    # of round 14: "It is believed that the BRICS Summit ... w" (cut; gold joint, got the page's note), "The project,
    # which was agreed upon by Lee and Aso ..., will delve into ..." (gold the page's, got the joint stretch), and a
    # lone bullet "○" the segmenter joins to its sentence (no statement matches it)
    assert (errors["side"].isin(["unknown", "narrator", "joint", ""])).all()
    assert (errors["side"] != "unknown").sum() == 3 and (measured_as[errors.index[errors["side"] != "unknown"]] == "holdout-14").all()
    assert sorted(errors["rule"]) == ["", "background", "background", "carried", "carried", "continuation", "cut", "cut", "cut",
                                      "cut", "note", "unknown", "unknown", "unknown", "unknown", "unknown"]
    # two gold sentences inside one parenthesis (a Japanese attendee list, "(From the Japanese side, ... attended
    # the meeting. From the ROK side, ...)") are one statement: resegmented, and right
    # and a provisional-translation note over two gold sentences ("• (*The foregoing is ... . The date ...)"),
    # one note statement, right
    reseg = matched[matched["match"] != "exact"]
    # and, in round 9, one Japanese sentence matched by most overlap, right; in round 12, two weather sentences of a
    # briefing ("In the Baekdusan region, ... 2 degrees C." + "It can get chilly there."), one statement, right
    # and, in round 14, a lone bullet "○" no statement matches (counted as resegmented, and wrong: see above)
    # and, in round 15, three sentences resegmented as on its clean run (two Japanese, one ROK), all right
    # and, in round 16, six ROK sentences (the two "о" bullets above, wrong; the ministry's sign-off lines, one
    # statement, and two more, right)
    assert table["resegmented"].tolist() == [0, 9, 8, 2, 0, 19]
    assert (reseg["match"] == "none").sum() == 1
    reseg = reseg[(reseg["match"] != "none") & ~reseg.index.isin(left16.index)]
    assert ((reseg["speaker"] == reseg["speaker_gold"]) & (reseg["side"] == reseg["side_gold"])).all()


def test_an_empty_hold_out_is_said_plainly():
    if (load_dev_gold()["split"] == "holdout").any():
        pytest.skip("a hold-out is labelled")
    with pytest.raises(ValueError, match="hold-out is empty"):
        load_dev_gold(split="holdout")
    run = subprocess.run([sys.executable, "-m", "analysis.statements.accuracy", "--split", "holdout"],
                         cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, check=False)
    assert run.returncode == 1 and run.stdout == ""
    assert str(DEV_GOLD) in run.stderr and "holdout-N-pending" in run.stderr


def test_the_dev_sets_own_notes_are_not_warned_about_but_another_folders_are(tmp_path):
    gold = load_dev_gold(split="dev")
    gold = gold[gold["doc_id"] == "dev-us-state-2020-02-29-biegun-kang-call"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", InputWarning)  # README.md and split.csv beside the documents: known, not said
        assert len(attribute_dev_set(gold)) > 0
    for name in ("README.md", "split.csv"):  # the same names in another folder are still said
        (tmp_path / name).write_text("notes", encoding="utf-8")
    (tmp_path / "a.txt").write_text((DEV_CORPUS / "us-state" / "dev-us-state-2020-02-29-biegun-kang-call.txt").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.warns(InputWarning) as said:
        attribute_dev_set(gold, corpus_dir=tmp_path)
    assert sorted(str(w.message).split(": not read")[0] for w in said) == [str(tmp_path / "README.md"), str(tmp_path / "split.csv")]
