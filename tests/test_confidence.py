"""Confidence per rule: documented counts that match a fresh measurement, and filtering on them."""

from pathlib import Path

import pandas as pd
import pytest

from analysis.evaluation import compare_attribution
from analysis.inputs.corpus import load_corpus
from analysis.inputs.speakers import load_speakers
from analysis.statements import attribute_statements, select_confident
from analysis.statements.accuracy import attribute_dev_set, load_dev_gold, match_gold_spans, measure_rules
from analysis.statements.confidence import RULE_COUNTS, rule_confidence

PROJECT = Path(__file__).resolve().parent.parent


def test_documented_rule_counts_are_those_measured_on_the_tuning_material():
    speakers = load_speakers(PROJECT / "corpus" / "speakers.yaml")
    dev = load_dev_gold(split="dev")
    narrated = match_gold_spans(attribute_dev_set(dev, speakers=speakers), dev)
    gold = pd.read_csv(PROJECT / "tests" / "gold" / "attribution.csv", dtype=str, keep_default_na=False)
    documents = load_corpus(PROJECT / "corpus" / "documents" / "mfa")
    seeds_and_press = compare_attribution(attribute_statements(documents[documents["doc_id"].isin(gold["doc_id"])], speakers), gold)
    both = pd.concat([narrated[["rule", "speaker", "side", "speaker_gold", "side_gold"]],
                      seeds_and_press[["rule", "speaker", "side", "speaker_gold", "side_gold"]]])
    measured = {row.rule: (row.right, row.n) for row in measure_rules(both).itertuples() if row.rule != "unknown"}
    assert measured == RULE_COUNTS


def test_confidence_is_smoothed_and_unknown_is_zero():
    right, n = RULE_COUNTS["joint"]
    assert rule_confidence("joint") == pytest.approx((right + 1) / (n + 2))
    assert rule_confidence("a rule never measured") == 0.5
    assert rule_confidence("unknown") == 0.0


def test_select_confident_filters_without_changing_its_input():
    st = pd.DataFrame({"speaker": ["a", "b", "c"], "confidence": [0.99, 0.5, 0.86]})
    before = st.copy()
    assert select_confident(st)["speaker"].tolist() == ["a", "c"]
    assert select_confident(st, min_confidence=0.9)["speaker"].tolist() == ["a"]
    pd.testing.assert_frame_equal(st, before)
    with pytest.raises(ValueError, match="between 0 and 1"):
        select_confident(st, min_confidence=2)
    with pytest.raises(KeyError, match="confidence"):
        select_confident(st.drop(columns="confidence"))
