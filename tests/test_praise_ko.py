"""The learned Korean praise rule for use (analysis.frames.praise_ko), on tiny made-up Korean speeches."""

import numpy as np
import pandas as pd
import pytest

from analysis.evaluation_ko import BEST_PRAISE, KO_FRAME_SAMPLES, PRAISE_VARIANTS, fit_praise_variant, score_gold_documents_ko
from analysis.frames import load_lexicon, score_frames
from analysis.frames.classifier import FrameClassifier
from analysis.frames.praise_ko import PRAISE_KO_COLUMNS, fit_praise_model_ko, gold_samples_ko, score_praise_ko
from analysis.inputs.corpus import load_corpus
from analysis.inputs.speakers import Speaker, SpeakerRegistry, load_speakers
from analysis.paths import FRAMES_LEXICON_KO, GOLD, KO_BACKGROUND, KO_CORPUS, SPEAKERS
from analysis.statements import attribute_statements

REGISTRY = SpeakerRegistry((Speaker("Moon Jae-in", "ROK"),))
# Made-up speeches: "멋지십니다" ("is wonderful") marks praise here; the Korean lexicon does not know it, so only
# the model can learn it. "기차" (train) is only in the hold-out 9 speech: the model knows it only if it read that sample.
SPEECHES = {"d1": ("tuning", "장관님은 정말 멋지십니다.회의가 열렸습니다."),
            "d2": ("tuning", "대사님은 멋지십니다.날씨가 좋습니다."),
            "d3": ("holdout-8", "의원님은 참 멋지십니다.경제가 성장합니다."),
            "d4": ("holdout-9", "총리님은 멋지십니다.기차가 도착했습니다.")}


def _write_speech(folder, doc_id, text):
    front = (f"---\nid: {doc_id}\ndate: 2019-05-01\ntitle: 연설\nsource: made up for a test\ngenre: speech\nlanguage: ko\n"
             "speaker: Moon Jae-in\nside: ROK\n---\n")
    (folder / f"{doc_id}.txt").write_text(front + text + "\n", encoding="utf-8")


@pytest.fixture()
def made_up(tmp_path):
    """A corpus folder of four made-up speeches and a gold folder coding each sentence (praise = 멋지십니다)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for doc_id, (_, text) in SPEECHES.items():
        _write_speech(corpus, doc_id, text)
    statements = attribute_statements(load_corpus(corpus), REGISTRY)
    gold = statements[["doc_id", "start", "end", "text"]].assign(
        sample=statements["doc_id"].map({doc_id: sample for doc_id, (sample, _) in SPEECHES.items()}),
        leadership_praise=statements["text"].str.contains("멋지십니다").astype(int))
    (tmp_path / "gold" / "ko").mkdir(parents=True)
    gold.to_csv(tmp_path / "gold" / "ko" / "frames_ko.csv", index=False)
    return corpus, tmp_path / "gold", gold


def _scored(texts, doc_id="new"):
    starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    statements = pd.DataFrame({"statement_id": [f"{doc_id}:{k}" for k in range(len(texts))], "doc_id": doc_id, "start": starts,
                               "speaker": "Moon Jae-in", "side": "ROK", "voice": "ROK", "text": texts})
    return score_frames(statements, load_lexicon(FRAMES_LEXICON_KO), speakers=REGISTRY)


def test_fits_on_every_coded_sample_and_is_deterministic(made_up):
    corpus, gold_dir, gold = made_up
    assert len(gold) == 8 and gold["leadership_praise"].sum() == 4
    assert gold_samples_ko(gold_dir) == ["ko, tuning", "ko, hold-out 8", "ko, hold-out 9"]  # hold-outs too: for use
    model = fit_praise_model_ko(REGISTRY, gold_dir, corpus_dirs=[corpus])
    assert isinstance(model, FrameClassifier) and (model.rule, model.C) == (BEST_PRAISE[1], PRAISE_VARIANTS[BEST_PRAISE[0]]["C"])
    words = set(model.vectorizer_.get_feature_names_out())
    assert {"기차", "성장"} <= words  # the hold-outs' rows were read
    again = fit_praise_model_ko(REGISTRY, gold_dir, corpus_dirs=[corpus])
    assert np.array_equal(model.model_.coef_, again.model_.coef_)
    learned = fit_praise_model_ko(REGISTRY, gold_dir, corpus_dirs=[corpus], rule="learned", variant="stacked, C=10")
    assert (learned.rule, learned.C) == ("learned", 10.0)


def test_score_praise_ko_decides_by_the_rule_and_keeps_the_lexicons_decision(made_up):
    corpus, gold_dir, _ = made_up
    model = fit_praise_model_ko(REGISTRY, gold_dir, corpus_dirs=[corpus])
    scored = _scored(["위원장님은 멋지십니다.", "버스가 도착했습니다.", "장관님 수고하셨습니다."])
    before = scored.copy()
    out = score_praise_ko(scored, model)
    pd.testing.assert_frame_equal(scored, before)  # nothing edits its input
    assert set(PRAISE_KO_COLUMNS) <= set(out.columns) and out.index.equals(scored.index)
    assert out["leadership_praise_lexicon"].tolist() == scored["leadership_praise"].tolist() == [0, 0, 1]
    assert out["leadership_praise"].tolist() == [1, 0, 1]  # the model's word, nothing, the lexicon's thanks (either)
    proba = out["leadership_praise_proba"]
    assert proba[0] > 0.5 > proba[1] and proba.between(0, 1).all()
    assert out["praise_target"].tolist() == scored["praise_target"].tolist()  # targets stay the lexicon's
    assert score_praise_ko(scored.iloc[:0], model)[list(PRAISE_KO_COLUMNS)].empty


def test_errors_say_where_and_what_to_do(made_up, tmp_path):
    corpus, gold_dir, gold = made_up
    with pytest.raises(FileNotFoundError, match=r"nowhere/ko/frames_ko.csv: no Korean gold file .*pass gold_dir="):
        fit_praise_model_ko(REGISTRY, tmp_path / "nowhere")
    with pytest.raises(ValueError, match="unknown praise variant `nonsense`"):
        fit_praise_model_ko(REGISTRY, gold_dir, corpus_dirs=[corpus], variant="nonsense")
    with pytest.raises(ValueError, match="rule `maybe`"):
        fit_praise_model_ko(REGISTRY, gold_dir, corpus_dirs=[corpus], rule="maybe")
    odd = tmp_path / "odd"
    (odd / "ko").mkdir(parents=True)
    gold.assign(sample=["tuning"] * 7 + ["holdout-99"]).to_csv(odd / "ko" / "frames_ko.csv", index=False)
    with pytest.raises(ValueError, match=r"frames_ko.csv:9: sample `holdout-99` is not a known Korean gold sample"):
        fit_praise_model_ko(REGISTRY, odd, corpus_dirs=[corpus])
    model = fit_praise_model_ko(REGISTRY, gold_dir, corpus_dirs=[corpus])
    scored = _scored(["위원장님은 멋지십니다."])
    with pytest.raises(ValueError, match="no `leadership_praise` column: score it with the Korean lexicon first"):
        score_praise_ko(scored.drop(columns="leadership_praise"), model)
    with pytest.raises(ValueError, match="already has `leadership_praise_lexicon`"):
        score_praise_ko(score_praise_ko(scored, model), model)
    actor = fit_praise_model_ko(REGISTRY, gold_dir, corpus_dirs=[corpus], rule="actor")
    with pytest.raises(ValueError, match="mark_actors"):
        score_praise_ko(scored, actor)


def test_fit_praise_variant_is_the_one_fit_of_the_evaluation(made_up):
    corpus, gold_dir, _ = made_up
    scored = score_gold_documents_ko(REGISTRY, gold_dir, corpus_dirs=[corpus])
    direct = fit_praise_variant(scored, ["ko, tuning", "ko, hold-out 8", "ko, hold-out 9"], gold_dir)
    assert np.array_equal(direct.model_.coef_, fit_praise_model_ko(REGISTRY, gold_dir, corpus_dirs=[corpus]).model_.coef_)


def test_the_real_gold_fits_on_all_its_rows_and_knows_the_holdouts():
    if not (KO_CORPUS.is_dir() and KO_BACKGROUND.is_dir()):
        pytest.skip("the Korean corpus is not imported")
    file = pd.read_csv(GOLD / "ko" / "frames_ko.csv", keep_default_na=False)
    names = gold_samples_ko()
    assert {KO_FRAME_SAMPLES[name] for name in names} == set(file["sample"]) and "ko, hold-out 9" in names
    speakers = load_speakers(SPEAKERS)
    model = fit_praise_model_ko(speakers)
    scored = score_praise_ko(score_gold_documents_ko(speakers), model)
    rows = file.merge(scored, on=["doc_id", "start", "end"], suffixes=("_gold", ""))
    assert len(rows) == len(file)
    held = rows[rows["sample"].isin(["holdout-8", "holdout-9"])]
    gold, rule, lexicon = (held[c].astype(int).to_numpy() for c in ("leadership_praise_gold", "leadership_praise", "leadership_praise_lexicon"))
    # the rule measured once there (fitted without them): F1 0.74; fitted on them, it must know them better
    f1 = 2 * (gold & rule).sum() / (gold.sum() + rule.sum())
    assert f1 > 0.85 and (rule >= lexicon).all()  # `either`: every lexicon positive stays
