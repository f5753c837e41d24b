"""ScalableThemeModel (analysis.scale.themes): MiniBatchNMF themes, stability on samples."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone

from analysis.scale.themes import ScalableThemeModel
from analysis.themes import NO_THEME
from analysis.vectors import StatementVectorizer

PENINSULA = ["Peace on the Korean Peninsula needs dialogue and denuclearization.", "Denuclearization of the Peninsula through dialogue.",
             "Dialogue for peace and denuclearization on the Korean Peninsula."]
TRADE = ["Trade tariffs hurt trade talks and jobs.", "Tariffs, trade talks and jobs.", "Trade talks on tariffs protect jobs."]
HEALTH = ["The pandemic needs vaccines and the WHO.", "Vaccines against the pandemic, with the WHO.", "The WHO leads on pandemic vaccines."]


def _fit(**options):
    texts = (PENINSULA + TRADE + HEALTH) * 4 + ["What is your comment?"]
    vectorizer = StatementVectorizer(min_df=1, max_df=1.0)
    X = vectorizer.fit_transform(texts)
    return texts, ScalableThemeModel(**{"n_themes": 3, "n_seeds": 2, "sample_size": 30, **options}).fit(X, terms=vectorizer.get_feature_names_out())


def test_three_clear_themes_are_found_and_stable():
    texts, model = _fit()
    labels = model.labels_
    assert labels[-1] == NO_THEME
    groups = [set(labels[i : len(texts) - 1 : 9].tolist() + labels[i + 1 : len(texts) - 1 : 9].tolist() + labels[i + 2 : len(texts) - 1 : 9].tolist()) for i in (0, 3, 6)]
    assert all(len(g) == 1 for g in groups) and len(set.union(*groups)) == 3
    assert np.allclose(model.weights_[:-1].sum(axis=1), 1.0) and not model.weights_[-1].any()
    assert model.stability_["stability"].min() == pytest.approx(1.0)
    assert model.stability_["stable"].all()
    summary = model.summarize()
    assert summary["n_rows"].sum() == len(texts) - 1 and summary["n_rows"].is_monotonic_decreasing
    assert any("peninsula" in label for label in model.theme_labels_)


def test_follows_the_estimator_api_and_reports_bad_input():
    model = ScalableThemeModel(n_themes=4)
    assert clone(model).get_params()["n_themes"] == 4 and not hasattr(model, "components_")
    with pytest.raises(ValueError, match="too few for 40 themes"):
        _fit(n_themes=40)
    vectorizer = StatementVectorizer(min_df=1, max_df=1.0)
    X = vectorizer.fit_transform(PENINSULA + TRADE)
    with pytest.raises(ValueError, match="names for"):
        ScalableThemeModel(n_themes=2).fit(X, terms=["a"])


def test_no_stability_without_seeds():
    _, model = _fit(n_seeds=0)
    assert model.stability_runs_.empty and model.stability_["stable"].isna().all()
    assert not any(label.endswith("(unstable)") for label in model.theme_labels_)
