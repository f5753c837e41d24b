"""Structure features of Korean statements for the praise model (analysis.frames.structure)."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from analysis.frames.classifier import EVIDENCE, FrameClassifier, predict_grouped_folds
from analysis.frames.structure import STRUCTURE_FEATURES, STRUCTURE_GROUPS, StructureFeatures, add_positions, load_structure_words

# A made-up lexicon: its lists are the word classes; its targets the actors.
LEXICON = """language: ko
lists:
  performance: [노고, 헌신]
  praise_act: [높이 평가]
  thanks_respect: [감사]
  courtesy_object: [환대, 초청]
  aggregate_subject: [수출이]
  addressee: [여러분]
frames:
  leadership_praise:
    terms: [헌신]
targets:
  ROK: [의료진, 국민]
"""


@pytest.fixture()
def lexicon(tmp_path):
    path = tmp_path / "frames.ko.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return path


def _features(table, lexicon, groups=STRUCTURE_GROUPS):
    model = StructureFeatures(groups, lexicon=lexicon).fit(table)
    return pd.DataFrame(model.transform(table), columns=model.get_feature_names_out())


def test_positions_count_from_both_ends_of_each_document_in_start_order():
    table = pd.DataFrame({"doc_id": ["b", "a", "a", "a"], "start": [0, 30, 0, 10]})
    out = add_positions(table)
    assert out["sentence_index"].tolist() == [0, 2, 0, 1] and out["sentences_after"].tolist() == [0, 0, 2, 1]
    assert "sentence_index" not in table  # nothing edits its input


def test_word_classes_come_from_the_lexicon_yaml(lexicon, tmp_path):
    words = load_structure_words(lexicon)
    assert words["deed"] == ("노고", "헌신") and words["act"] == ("높이 평가", "감사") and words["thing"] == ("수출이",)
    assert words["courtesy"] == ("환대", "초청") and words["addressee"] == ("여러분",)
    bad = tmp_path / "bad.yaml"
    bad.write_text("lists: [노고]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yaml: `lists` must map"):
        load_structure_words(bad)
    project = load_structure_words()  # the project's lexicon has every class
    assert all(project[word_class] for word_class in ("deed", "act", "courtesy", "thing", "addressee"))


def test_clause_pairs_tell_credit_from_courtesy_and_from_a_state_of_affairs(lexicon):
    texts = ["의료진의 헌신과 노고에 깊이 감사드립니다.",  # an actor's deed thanked: credit
             "따뜻한 환대에 감사드립니다.",  # thanks for hospitality: a courtesy, no actor
             "수출이 늘었습니다.",  # a thing as subject, no actor
             "감사합니다.",  # the closing thanks
             "여러분, 오늘 비가 옵니다. 노고가 컸습니다."]  # the actor and the deed in different clauses
    out = _features(pd.DataFrame({"doc_id": "a", "start": range(5), "text": texts}), lexicon, ("clause", "courtesy", "state"))
    assert out.loc[0, ["clause:deed_actor", "clause:act_actor", "clause:deed_act", "clause:actor_marked"]].tolist() == [1, 1, 1, 1]
    assert out.loc[0, ["clause:praise_no_actor", "courtesy:object", "state:thing_subject"]].tolist() == [0, 0, 0]
    assert out.loc[1, ["courtesy:object", "clause:praise_no_actor", "clause:act_actor"]].tolist() == [1, 1, 0]
    assert out.loc[2, "state:thing_subject"] == 1 and out.loc[2, "clause:praise_no_actor"] == 0
    assert out.loc[3, ["courtesy:closing", "clause:praise_no_actor", "courtesy:object"]].tolist() == [1, 1, 0]
    assert out.loc[4, ["clause:deed_actor", "clause:praise_no_actor"]].tolist() == [0, 1]


def test_position_and_length_columns(lexicon):
    table = pd.DataFrame({"doc_id": ["a"] * 5 + ["b"], "start": [0, 1, 2, 3, 4, 0],
                          "text": ["국민 여러분!", "하나 둘 셋 넷 다섯.", "비가 옵니다.", "눈이 옵니다.", "감사합니다.", "홀로 있습니다."]})
    out = _features(table, lexicon, ("position", "length"))
    assert list(out.columns) == [*STRUCTURE_FEATURES["position"], *STRUCTURE_FEATURES["length"]]
    assert out["pos:first"].tolist() == [1, 1, 0, 0, 0, 1] and out["pos:last"].tolist() == [0, 0, 0, 1, 1, 1]
    assert out["pos:relative"].tolist() == [0, 0.25, 0.5, 0.75, 1, 1]
    assert out["len:short"].tolist() == [1, 0, 1, 1, 1, 1] and out.loc[1, "len:words"] == pytest.approx(5 / 60)
    # positions given (the whole speech's, as score_gold_documents_ko writes them) win over the table's own order
    given = table.assign(sentence_index=10, sentences_after=10)
    assert _features(given, lexicon, ("position",))["pos:first"].tolist() == [0] * 6


def test_estimator_api_and_errors(lexicon):
    table = pd.DataFrame({"doc_id": "a", "start": [0], "text": ["감사합니다."]})
    model = StructureFeatures(("courtesy",), lexicon=lexicon)
    assert clone(model).get_params() == model.get_params() and not hasattr(model, "feature_names_")
    with pytest.raises(ValueError, match="not fitted yet"):
        model.transform(table)
    assert model.fit(table) is model and list(model.get_feature_names_out()) == list(STRUCTURE_FEATURES["courtesy"])
    with pytest.raises(ValueError, match="structure group `syntax` is not one of position, length"):
        StructureFeatures(("syntax",)).fit(table)
    assert model.transform(table.iloc[:0]).shape == (0, 2)


def test_the_classifier_adds_structure_columns_after_the_evidence(lexicon):
    texts = ["의료진의 헌신에 감사드립니다.", "국민의 노고에 감사드립니다.", "환대에 감사드립니다.", "초청에 감사드립니다."] * 2
    table = pd.DataFrame({"doc_id": [f"d{k}" for k in range(8)], "start": 0, "text": texts, "leadership_praise": 0})
    y = [1, 1, 0, 0] * 2
    plain = FrameClassifier(previous=False, morphemes=True).fit(table, y)
    model = FrameClassifier(previous=False, morphemes=True, structure=("clause", "courtesy"), structure_weight=2.0).fit(table, y)
    extra = [*STRUCTURE_FEATURES["clause"], *STRUCTURE_FEATURES["courtesy"]]
    assert list(model.feature_names_) == [*plain.feature_names_, *extra] and plain.structure_ is None
    assert list(model.feature_names_[len(plain.feature_names_) - len(EVIDENCE):len(plain.feature_names_)]) == list(EVIDENCE)
    assert model.n_features_ == plain.n_features_ + len(extra) and clone(model).structure == ("clause", "courtesy")
    assert model.predict(table).tolist() == y
    out = predict_grouped_folds(table, y, table["doc_id"], n_splits=2, previous=False, structure=("courtesy",))
    assert out["proba"].notna().all()
    assert not np.allclose(model.predict_proba(table), plain.predict_proba(table))


def test_boosted_trees_read_the_linear_score_the_evidence_and_the_structure():
    texts = ["의료진의 헌신에 감사드립니다.", "국민의 노고에 감사드립니다.", "환대에 감사드립니다.", "초청에 감사드립니다."] * 20
    table = pd.DataFrame({"doc_id": [f"d{k}" for k in range(80)], "start": 0, "text": texts, "leadership_praise": [1, 0, 0, 0] * 20})
    y = [1, 1, 0, 0] * 20  # the trees need 20 rows a leaf
    model = FrameClassifier(previous=False, morphemes=True, structure=("courtesy",), model="hgb").fit(table, y)
    assert model.booster_.n_features_in_ == 1 + len(EVIDENCE) + len(STRUCTURE_FEATURES["courtesy"])
    proba = model.predict_proba(table)
    assert proba.shape == (80, 2) and np.allclose(proba.sum(axis=1), 1) and model.predict(table).tolist() == y
    assert FrameClassifier(previous=False, morphemes=True).fit(table, y).booster_ is None


def test_context_reads_the_credit_in_the_sentence_before(lexicon):
    table = pd.DataFrame({"doc_id": "a", "start": [0, 1, 2], "text": ["의료진의 헌신이 컸습니다.", "깊이 감사드립니다.", "깊이 감사드립니다."],
                          "previous_text": ["", "의료진의 헌신이 컸습니다.", "깊이 감사드립니다."]})
    out = _features(table, lexicon, ("context",))
    assert out["ctx:prev_credit"].tolist() == [0, 1, 0] and out["ctx:thanks_after_credit"].tolist() == [0, 1, 0]
    with pytest.raises(ValueError, match="reads the column `previous_text`"):
        StructureFeatures(("context",), lexicon=lexicon).fit(table).transform(table.drop(columns="previous_text"))
