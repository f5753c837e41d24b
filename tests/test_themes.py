"""Themes: the estimator, the choice of k, stability, tables, plots and the CLI, on made-up snippets."""

from __future__ import annotations

import io
from contextlib import redirect_stderr

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.metrics import adjusted_rand_score
from sklearn.pipeline import Pipeline

from analysis.cli import main  # noqa: E402
from analysis.statements import assign_voice
from analysis.themes import (
    ASSIGNMENT_COLUMNS,
    K_SCORE_COLUMNS,
    NO_THEME,
    NO_THEME_LABEL,
    THEME_COLUMNS,
    ThemeModel,
    assign_themes,
    compute_coherence,
    compute_theme_shares,
    compute_themes_over_time,
    compute_top_terms,
    select_k,
    select_representatives,
    summarize_themes,
)
from analysis.themes.intrusion import make_intrusion_tasks, read_intrusion_answers, score_intrusion, write_intrusion_tasks
from analysis.themes.labels import compute_ctfidf
from analysis.themes.measures import MEASURE_COLUMNS, default_candidates, measure_theme_models
from analysis.themes.selection import choose_k, compute_diversity, fit_model
from analysis.themes.units import build_units, unit_ids
from analysis.plots.themes import (
    plot_intrusion,
    plot_k_selection,
    plot_theme_measures,
    plot_stability,
    plot_theme_shares,
    plot_themes_over_time,
    plot_top_terms,
)
from analysis.vectors import StatementVectorizer, read_boilerplate, score_boilerplate, write_boilerplate

PENINSULA = [
    "Denuclearization of the Korean Peninsula needs dialogue.",
    "Peace on the Korean Peninsula needs dialogue and denuclearization.",
    "The Peninsula issue needs dialogue, peace and denuclearization.",
    "Dialogue between the DPRK and the US serves denuclearization of the Peninsula.",
    "Lasting peace on the Korean Peninsula requires denuclearization.",
    "A political settlement of the Peninsula issue through dialogue.",
]
TRADE = [
    "Trade talks with the US continue, tariffs hurt trade.",
    "Tariffs hurt trade; trade talks must continue.",
    "US tariffs on Chinese goods and the trade talks.",
    "A trade war with tariffs helps nobody in trade.",
    "Both teams held trade talks on tariffs and market access.",
    "Raising tariffs will not solve the trade deficit.",
]
HONG_KONG = [
    "Hong Kong affairs are China's internal affairs.",
    "No foreign force may interfere in Hong Kong affairs.",
    "The Hong Kong SAR government handles Hong Kong affairs by law.",
    "Violence in Hong Kong must stop under the rule of law.",
    "Hong Kong affairs brook no foreign interference.",
    "The SAR government of Hong Kong restores order by law.",
]
BOILERPLATE = ["What is your comment?", "We have noted relevant reports.", "Yes."]


def _statements() -> pd.DataFrame:
    """Three themes interleaved over six documents in three months, two speakers, then boilerplate."""
    texts, truth, docs = [], [], []
    for i in range(6):
        for theme, group in enumerate((PENINSULA, TRADE, HONG_KONG)):
            texts.append(group[i])
            truth.append(theme)
            docs.append(f"d{i}")  # every document has one statement of each theme
    texts += BOILERPLATE
    truth += [NO_THEME] * len(BOILERPLATE)
    docs += ["d0", "d2", "d4"]
    n = len(texts)
    month = {f"d{k}": f"2020-0{1 + k // 2}-1{k % 2}" for k in range(6)}  # d0, d1 in January ... d4, d5 in March
    table = pd.DataFrame(
        {
            "statement_id": [f"{d}:{i}" for i, d in enumerate(docs, start=1)],
            "doc_id": docs,
            "date": pd.to_datetime([month[d] for d in docs]),
            "genre": "press-conference",
            "speaker": ["Geng Shuang" if i % 2 else "journalist" for i in range(n)],
            "side": ["CN" if i % 2 else "press" for i in range(n)],
            "reported_speaker": [None] * n,
            "reported_side": [None] * n,
            "n_words": [len(t.split()) for t in texts],
            "text": texts,
        }
    )
    table["sentence"] = table.groupby("doc_id").cumcount() + 1
    table["paragraph"] = table["sentence"]  # one sentence a paragraph, and speakers alternate: every turn one statement
    table["rule"] = "turn"
    table.loc[3, ["reported_speaker", "reported_side"]] = ["Moon Jae-in", "ROK"]
    table.attrs["truth"] = truth
    voiced = assign_voice(table)  # as attribute_statements makes it: voice computed once
    voiced.attrs = dict(table.attrs)
    return voiced


@pytest.fixture(scope="module")
def fitted():
    statements = _statements()
    model = ThemeModel(n_themes=3, n_seeds=2, random_state=0).fit(statements)
    return statements, model


# ----------------------------------------------------------------------------- the estimator


def test_a_term_matrix_already_made_is_used_as_it_is_and_gives_the_same_themes(fitted):
    statements, model = fitted
    vectorizer = StatementVectorizer(random_state=0)
    X = vectorizer.fit_transform(statements)
    again = ThemeModel(n_themes=3, n_seeds=2, random_state=0, vectorizer=vectorizer).fit(statements, term_matrix=X)
    assert again.vectorizer_ is vectorizer
    np.testing.assert_array_equal(again.labels_, model.labels_)
    np.testing.assert_allclose(again.components_, model.components_)
    with pytest.raises(ValueError, match="expected"):
        ThemeModel(n_themes=3, n_seeds=0, vectorizer=vectorizer).fit(statements.iloc[:-1], term_matrix=X)
    with pytest.raises(ValueError, match="vectorizer"):
        ThemeModel(n_themes=3, n_seeds=0).fit(statements, term_matrix=X)


def test_three_clear_themes_are_found_and_boilerplate_gets_none(fitted):
    statements, model = fitted
    truth = np.asarray(statements.attrs["truth"])
    assert model.n_themes_ == 3 and model.components_.shape == (3, len(model.terms_))
    assert adjusted_rand_score(truth, model.labels_) == 1.0
    assert model.labels_[-3:].tolist() == [NO_THEME] * 3
    assert model.n_terms_[-3:].tolist() == [0, 0, 0]
    labels = " / ".join(model.theme_labels_)
    assert "hong kong" in labels and "peninsula" in labels and ("trade" in labels or "tariffs" in labels)
    assert all(np.isclose(model.weights_[:-3].sum(axis=1), 1)) and not model.weights_[-3:].any()
    sizes = np.bincount(model.labels_[model.labels_ >= 0])
    assert list(sizes) == sorted(sizes, reverse=True)  # themes numbered by size


def test_predict_transform_and_feature_names_follow_the_fit(fitted):
    statements, model = fitted
    assert (model.predict(statements) == model.labels_).all()
    assert np.allclose(model.transform(statements), model.weights_)
    assert model.get_feature_names_out().tolist() == ["theme0", "theme1", "theme2"]
    hong_kong = int(model.labels_[2])
    assert model.predict(["Foreign forces interfere in Hong Kong affairs again."]).tolist() == [hong_kong]
    assert model.predict(["What is your comment?"]).tolist() == [NO_THEME]
    assert list(model.terms_) == list(model.vectorizer_.get_feature_names_out())


def test_theme_model_follows_the_scikit_learn_api():
    model = ThemeModel(n_themes=2, n_seeds=1, vectorizer=StatementVectorizer(min_df=1))
    params = model.get_params()
    assert params["n_themes"] == 2 and params["vectorizer__min_df"] == 1
    copy = clone(model).set_params(vectorizer__max_df=0.9, random_state=3)
    assert copy.vectorizer.max_df == 0.9 and model.vectorizer.max_df == "auto" and copy.random_state == 3
    texts = TRADE + HONG_KONG
    assert model.fit(texts) is model
    assert not hasattr(clone(model), "components_")
    pipeline = Pipeline([("themes", ThemeModel(n_themes=2, n_seeds=0))])
    assert pipeline.fit_transform(texts).shape == (12, 2)
    assert ThemeModel(n_themes=2, n_seeds=0).fit_predict(texts).shape == (12,)


def test_the_fit_is_reproducible_and_independent_of_n_jobs():
    statements = _statements()
    one = ThemeModel(n_themes="auto", k_range=[2, 3], n_seeds=2, random_state=1).fit(statements)
    two = ThemeModel(n_themes="auto", k_range=[2, 3], n_seeds=2, random_state=1, n_jobs=2).fit(statements)
    assert (one.labels_ == two.labels_).all() and np.allclose(one.components_, two.components_)
    pd.testing.assert_frame_equal(one.k_scores_, two.k_scores_)
    pd.testing.assert_frame_equal(one.stability_, two.stability_)


def test_the_input_table_is_not_modified(fitted):
    statements = _statements()
    before = statements.copy()
    model = fitted[1]
    ThemeModel(n_themes=3, n_seeds=1).fit(statements)
    assign_themes(statements, model)
    pd.testing.assert_frame_equal(statements, before)


def test_kmeans_themes_have_term_weights_too():
    statements = _statements()
    model = ThemeModel(n_themes=3, method="kmeans", n_seeds=1, lsa_components=5).fit(statements)
    truth = np.asarray(statements.attrs["truth"])
    assert model.components_.shape == (3, len(model.terms_)) and (model.components_ >= 0).all()
    assert adjusted_rand_score(truth[:-3], model.labels_[:-3]) > 0.5
    assert model.labels_[-3:].tolist() == [NO_THEME] * 3
    assert model.k_scores_["silhouette"].notna().all()


# ----------------------------------------------------------------------------- choosing k


def test_auto_k_scores_every_k_and_follows_the_stated_rule():
    statements = _statements()
    model = ThemeModel(k_range=[2, 3, 4, 5], n_seeds=3, random_state=0).fit(statements)
    scores = model.k_scores_
    assert list(scores.columns) == list(K_SCORE_COLUMNS) and scores["k"].tolist() == [2, 3, 4, 5]
    assert scores["chosen"].sum() == 1 and model.n_themes_ == int(scores.loc[scores["chosen"], "k"].iloc[0])
    eligible = scores[scores["stability"] >= 0.6]
    if len(eligible):
        best = eligible.sort_values(["coherence", "k"], ascending=[False, True]).iloc[0]
        assert model.n_themes_ == best["k"] and "the best coherence" in model.k_rule_
    assert model.k_rule_.startswith(f"k = {model.n_themes_}:")
    assert scores["stability"].between(-1, 1).all() and scores["coherence"].between(-1, 1).all()


def test_the_default_k_range_adapts_to_a_small_corpus():
    statements = _statements()
    model = ThemeModel(n_seeds=1).fit(statements)
    ks = model.k_scores_["k"].tolist()
    assert ks == [2, 3]  # 18 statements with a theme: sqrt(18 / 2) = 3
    given = ThemeModel(n_themes=3, n_seeds=1).fit(statements)
    assert given.k_scores_["k"].tolist() == [3] and "as given" in given.k_rule_


def test_the_rule_prefers_coherence_among_stable_k_and_falls_back_to_the_most_stable():
    scores = pd.DataFrame(
        {"k": [4, 6, 8, 10], "coherence": [0.30, 0.25, 0.25, 0.10], "stability": [0.55, 0.80, 0.70, 0.90],
         "stability_sd": 0.0, "silhouette": [0.01, 0.02, 0.03, 0.04], "largest_share": 0.3, "n_unstable": 0}  # fmt: skip
    )
    chosen, rule = choose_k(scores, criterion="coherence", min_stability=0.6, fixed=False)
    assert chosen.loc[chosen["chosen"], "k"].tolist() == [6]  # 4 is more coherent but unstable; 6 ties 8 and is smaller
    assert chosen["eligible"].tolist() == [False, True, True, True] and "3 of 4" in rule
    chosen, _ = choose_k(scores, criterion="silhouette", min_stability=0.6, fixed=False)
    assert chosen.loc[chosen["chosen"], "k"].tolist() == [10]
    chosen, rule = choose_k(scores, criterion="coherence", min_stability=0.95, fixed=False)
    assert chosen.loc[chosen["chosen"], "k"].tolist() == [10] and "no k reaches stability 0.95" in rule


def test_select_k_scores_a_matrix():
    vectorizer = StatementVectorizer()
    X = vectorizer.fit_transform(PENINSULA + TRADE)
    scores = select_k(X, vectorizer.get_feature_names_out(), k_range=[2, 3], n_seeds=2)
    assert scores["k"].tolist() == [2, 3] and scores["chosen"].sum() == 1 and scores.attrs["rule"].startswith("k = ")
    with pytest.raises(ValueError, match="every k must be between 2 and 11"):
        select_k(X, vectorizer.get_feature_names_out(), k_range=[1, 12])


def test_coherence_is_npmi_of_top_single_words():
    X = sp.csr_matrix([[1, 1, 0, 1], [1, 1, 0, 1], [0, 0, 1, 0], [0, 1, 1, 0]])
    terms = ["peace", "talks", "trade", "peace talks"]
    components = np.array([[1.0, 0.8, 0.0, 0.9], [0.0, 0.0, 1.0, 0.0]])
    coherence = compute_coherence(X, components, terms)
    # peace & talks: p=2/4, 3/4, together 2/4 -> log((1/2)/(3/8)) / -log(1/2); the bigram is left out
    assert np.isclose(coherence[0], np.log(0.5 / 0.375) / -np.log(0.5))
    assert np.isnan(coherence[1])  # a single word: no pair



def test_npmi_of_a_pair_never_seen_together_follows_gensim_epsilon():
    # "peace" in 1 of 4 statements, "tariffs" in another: p = 1/4 each, never together.
    # gensim: log((0 + 1e-12) / (1/4 * 1/4)) / -log(0 + 1e-12) = (-27.6310 + 2.7726) / 27.6310 = -0.89966
    X = sp.csr_matrix([[1, 0], [0, 1], [0, 0], [0, 0]])
    value = compute_coherence(X, np.array([[1.0, 1.0]]), ["peace", "tariffs"])[0]
    assert value == pytest.approx(-0.89966, abs=1e-5)
    assert value == pytest.approx(np.log(1e-12 / 0.0625) / -np.log(1e-12))


# ----------------------------------------------------------------------------- stability


def test_stability_is_reported_per_theme_and_unstable_themes_are_marked():
    statements = _statements()
    model = ThemeModel(n_themes=3, n_seeds=3).fit(statements)
    table = model.stability_
    assert list(table.columns) == [
        "theme", "label", "stability", "stability_min", "stability_max", "n_seeds", "stable", "stability_subsample", "stability_init"
    ]  # fmt: skip
    assert (table["n_seeds"] == 3).all() and (table["stability_min"] <= table["stability"]).all()
    assert table["stable"].tolist() == (table["stability"] >= 0.6).tolist()
    runs = model.stability_runs_
    assert set(runs["seed"]) == {0, 1, 2} and (runs["theme"] == NO_THEME).sum() == 9  # 3 seeds x 3 sources
    strict = ThemeModel(n_themes=3, n_seeds=2, min_stability=1.01).fit(statements)
    assert all(label.endswith(" (unstable)") for label in strict.theme_labels_)
    assert strict.stability_["stable"].eq(False).all()
    assert strict.k_rule_ == "k = 3, as given (not chosen: its scores are shown for reference)"
    unassessed = ThemeModel(n_themes=3, n_seeds=0).fit(statements)
    assert unassessed.stability_["stable"].isna().all() and not any("unstable" in lab for lab in unassessed.theme_labels_)
    assert unassessed.k_scores_["stability"].isna().all()


# ----------------------------------------------------------------------------- errors


def test_bad_input_names_the_field_and_what_to_do():
    statements = _statements()
    with pytest.raises(ValueError, match="n_themes=30 is too many for 18 statements .*use at most"):
        ThemeModel(n_themes=30, n_seeds=0).fit(statements)
    with pytest.raises(ValueError, match="n_themes=1: use 'auto' or a whole number of themes, 2 or more"):
        ThemeModel(n_themes=1).fit(statements)
    with pytest.raises(ValueError, match="the corpus is empty"):
        ThemeModel().fit(statements.iloc[:0])
    with pytest.raises(ValueError, match="empty vocabulary.*use fewer stop words"):
        ThemeModel().fit(BOILERPLATE)
    with pytest.raises(ValueError, match="only 0 of 3 statements have 3 or more content words.*lower min_terms"):
        ThemeModel().fit(["Peace talks.", "A trade war.", "What is your comment?"])
    with pytest.raises(ValueError, match="method='lsa': use 'nmf', 'kmeans' or 'lda'"):
        ThemeModel(method="lsa").fit(statements)
    with pytest.raises(ValueError, match="needs term weights"):
        ThemeModel(vectorizer=StatementVectorizer(n_components=3)).fit(statements)
    with pytest.raises(ValueError, match=r"k_range: \[40\]: every k must be between 2 and"):
        ThemeModel(k_range=[3, 40]).fit(statements)
    with pytest.raises(ValueError, match="subsample=1.5"):
        ThemeModel(subsample=1.5).fit(statements)
    model = ThemeModel(n_themes=3, n_seeds=0).fit(statements)
    with pytest.raises(KeyError, match=r"lacks column\(s\) \['statement_id'"):
        assign_themes(statements.drop(columns=["statement_id"]), model)


# ----------------------------------------------------------------------------- tables


def test_assignments_keep_every_statement_in_order_with_voice_and_none(fitted):
    statements, model = fitted
    table = assign_themes(statements, model)
    assert list(table.columns) == list(ASSIGNMENT_COLUMNS) and len(table) == len(statements)
    assert table["statement_id"].tolist() == statements["statement_id"].tolist()
    assert (table["theme"].to_numpy() == model.labels_).all()
    none = table[table["theme"] == NO_THEME]
    assert none["label"].eq(NO_THEME_LABEL).all() and none["weight"].isna().all() and none["stable"].isna().all()
    assert table["weight"].dropna().between(0, 1).all() and (table["score"].dropna() > 0).all()
    assert none["score"].isna().all()
    assert table.loc[3, "voice"] == "ROK" and table.loc[2, "voice"] == "press"
    X = model.vectorizer_.transform(statements)
    pd.testing.assert_frame_equal(assign_themes(statements, model, X=X), table)
    with pytest.raises(ValueError, match=r"X has shape \(2, \d+\); expected \(21, \d+\)"):
        assign_themes(statements, model, X=X[:2])
    new = assign_themes(pd.concat([statements.iloc[:2], statements.iloc[-1:]], ignore_index=True), model)
    assert new["theme"].tolist() == model.labels_[[0, 1, len(statements) - 1]].tolist()


def test_theme_table_counts_recurrence_persistence_and_who_carries_it(fitted):
    statements, model = fitted
    assignments = assign_themes(statements, model)
    table = summarize_themes(assignments, model)
    assert list(table.columns) == list(THEME_COLUMNS)
    assert table["theme"].tolist() == [0, 1, 2, NO_THEME]
    assert table["n_statements"].sum() == len(statements) and np.isclose(table["share"].sum(), 1)
    themed = table[table["theme"] >= 0]
    assert (themed["n_documents"] == 6).all() and themed["recurring"].all() and (themed["n_months"] == 3).all()
    assert themed["persistence"].between(0, 1).all() and themed["top_terms"].str.contains(r"\(0\.\d{3}\)").all()
    assert set(themed["top_side"]) <= {"CN", "press"} and themed["top_side_share"].between(0.5, 1).all()
    one_document = summarize_themes(assignments.assign(doc_id="only"), model)
    assert not one_document["recurring"].any()
    assert table.loc[table["theme"] == NO_THEME, "label"].item() == NO_THEME_LABEL


def test_top_terms_carry_names_and_weights(fitted):
    _, model = fitted
    terms = compute_top_terms(model, n_terms=4)
    assert list(terms.columns) == ["theme", "label", "stable", "rank", "term", "weight"]
    assert terms.groupby("theme")["rank"].apply(list).tolist() == [[1, 2, 3, 4]] * 3
    assert set(terms["term"]) <= set(model.terms_)
    for _, part in terms.groupby("theme"):
        assert part["weight"].is_monotonic_decreasing and (part["weight"] > 0).all()


def test_representatives_prefer_heavy_long_statements_from_distinct_documents(fitted):
    statements, model = fitted
    representatives = select_representatives(assign_themes(statements, model), n=3, min_words=6)
    assert sorted(representatives["theme"].unique()) == [0, 1, 2]
    for _, part in representatives.groupby("theme"):
        assert part["rank"].tolist() == [1, 2, 3] and part["doc_id"].is_unique
        assert part["score"].is_monotonic_decreasing
    assert NO_THEME not in representatives["theme"].tolist()
    assert (statements.set_index("statement_id").loc[representatives["statement_id"], "n_words"] >= 6).all()


def test_theme_shares_by_side_sum_to_one_both_ways(fitted):
    statements, model = fitted
    assignments = assign_themes(statements, model)
    shares = compute_theme_shares(assignments, by="side")
    assert shares["group"].unique().tolist() == ["CN", "press"] or shares["group"].unique().tolist() == ["press", "CN"]
    assert len(shares) == 2 * 4  # every side x theme, none included
    assert np.allclose(shares.groupby("group")["share"].sum(), 1)
    assert np.allclose(shares.groupby("theme")["theme_share"].sum(), 1)
    assert shares.groupby("group")["n_statements"].sum().sum() == len(statements)
    by_voice = compute_theme_shares(assignments, by="voice")
    assert by_voice.set_index(["group", "theme"]).loc[("ROK", int(model.labels_[3])), "n_statements"] == 1
    by_speaker = compute_theme_shares(assignments, by="speaker", min_statements=11)
    assert by_speaker["group"].unique().tolist() == ["journalist"]  # 11 of 21; Geng Shuang has 10
    with pytest.raises(KeyError, match=r"cannot group by \['party'\]"):
        compute_theme_shares(assignments, by="party")


def test_themes_over_time_cover_every_month_and_leave_gaps_as_nan(fitted):
    statements, model = fitted
    assignments = assign_themes(statements, model)
    gap = assignments[assignments["date"].dt.month != 2]
    trend = compute_themes_over_time(gap)
    assert list(trend.columns) == ["period", "theme", "label", "stable", "n_statements", "n_period", "n_documents", "share"]
    assert trend["period"].drop_duplicates().dt.strftime("%Y-%m").tolist() == ["2020-01", "2020-02", "2020-03"]
    february = trend[trend["period"] == pd.Timestamp("2020-02-01")]
    assert february["share"].isna().all() and (february["n_period"] == 0).all()
    present = trend[trend["n_period"] > 0]
    assert np.allclose(present.groupby("period")["share"].sum(), 1)
    quarterly = compute_themes_over_time(assignments, freq="Q")
    assert quarterly["period"].nunique() == 1
    with pytest.warns(UserWarning, match="no statements to follow over time"):  # said, not raised: notebooks go on
        assert compute_themes_over_time(assignments.iloc[:0]).empty


# ----------------------------------------------------------------------------- plots


def test_plots_draw_the_tables_and_mark_unstable_themes():
    statements = _statements()
    model = ThemeModel(n_themes=3, n_seeds=2, min_stability=1.01).fit(statements)  # every theme unstable
    assignments = assign_themes(statements, model)

    fig, ax = plt.subplots()
    assert plot_k_selection(model.k_scores_, ax=ax) is ax
    assert [line.get_label() for line in ax.lines if not line.get_label().startswith("_")][:3] == ["stability", "coherence", "silhouette"]
    plt.close(fig)

    terms = compute_top_terms(model)
    fig, ax = plt.subplots()
    plot_top_terms(terms, theme=0, ax=ax, n=5)
    assert len(ax.patches) == 5 and all(bar.get_hatch() == "///" for bar in ax.patches)
    assert [t.get_text() for t in ax.get_yticklabels()] == terms[terms["theme"] == 0]["term"].head(5).tolist()[::-1]
    assert "(unstable)" in ax.get_title(loc="left")
    with pytest.raises(ValueError, match="theme 9 has no terms"):
        plot_top_terms(terms, theme=9, ax=ax)
    plt.close(fig)

    shares = compute_theme_shares(assignments, by="side")
    fig, ax = plt.subplots()
    plot_theme_shares(shares, ax=ax)
    drawn = np.asarray(ax.images[0].get_array())
    assert drawn.shape == (4, 2)
    first = shares.drop_duplicates("group")["group"].iloc[0]
    assert np.allclose(drawn[:, 0], shares[shares["group"] == first]["share"].to_numpy())
    assert sum(1 for p in ax.patches if p.get_hatch() == "///") == 3  # the three unstable rows, not `none`
    plt.close(fig)

    trend = compute_themes_over_time(assignments)
    fig, ax = plt.subplots()
    plot_themes_over_time(trend, ax=ax)
    assert np.asarray(ax.images[0].get_array()).shape == (4, 3)
    plt.close(fig)

    fig, ax = plt.subplots()
    plot_stability(model.stability_, ax=ax, min_stability=1.01)
    bars = [p for p in ax.patches]
    assert len(bars) == 3 and all(bar.get_hatch() == "///" for bar in bars)
    assert np.allclose(sorted(bar.get_width() for bar in bars), sorted(model.stability_["stability"].clip(lower=0)))
    plt.close(fig)


# ----------------------------------------------------------------------------- command line


def test_cli_themes_writes_assignments_to_stdout_and_every_table_to_a_folder(small_corpus, tmp_path, run_cli):
    corpus = str(small_corpus["corpus_dir"])
    status, out, err = run_cli("themes", "--corpus", corpus, "--k", "3", "--seeds", "1")
    assert status == 0 and err.startswith("k = 3, as given")
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == list(ASSIGNMENT_COLUMNS) and table["theme"].between(-1, 2).all()
    assert (table["label"] == NO_THEME_LABEL).sum() == (table["theme"] == NO_THEME).sum() > 0
    status, out, _ = run_cli("themes", "--corpus", corpus, "--k", "3", "--seeds", "1", "--table", "themes", "--format", "jsonl")
    themes = pd.read_json(io.StringIO(out), lines=True)
    assert status == 0 and themes["theme"].tolist() == [0, 1, 2, NO_THEME]
    status, _, err = run_cli("themes", "--corpus", corpus, "--k", "auto", "--k-range", "2", "3", "--seeds", "1", "--output-dir", str(tmp_path))
    assert status == 0 and ("the best coherence" in err or "no k reaches" in err)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["theme-assignments.csv", "theme-k-scores.csv", "theme-representatives.csv", "theme-terms.csv", "themes.csv"]
    assert pd.read_csv(tmp_path / "theme-k-scores.csv")["k"].tolist() == [2, 3]


def test_cli_themes_offers_every_method_the_model_has(small_corpus, run_cli):
    """The command line's --method lists what ThemeModel fits (LDA was missing)."""
    status, out, err = run_cli("themes", "--corpus", str(small_corpus["corpus_dir"]), "--k", "3", "--seeds", "0",
                               "--method", "lda", "--table", "themes")
    assert status == 0, err
    assert pd.read_csv(io.StringIO(out))["theme"].tolist() == [0, 1, 2, NO_THEME]


def test_cli_themes_rejects_a_bad_k(small_corpus, run_cli):
    with pytest.raises(SystemExit) as exit_info, redirect_stderr(io.StringIO()):
        main(["themes", "--corpus", str(small_corpus["corpus_dir"]), "--k", "one"])
    assert exit_info.value.code == 2
    status, _, err = run_cli("themes", "--corpus", str(small_corpus["corpus_dir"] / "seeds"), "--k", "50", "--seeds", "0")
    assert status == 2 and "n_themes=50 is too many" in err


# ----------------------------------------------------------------------------- issue 9 item 5: both sources of variation


def _noise_matrix(seed: int = 0) -> sp.csr_matrix:
    """TF-IDF-like rows with no theme structure: what a theme model is unsure about."""
    rng = np.random.default_rng(seed)
    dense = rng.random((60, 30)) * (rng.random((60, 30)) < 0.25)
    return sp.csr_matrix(dense / np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-12))


def test_refits_start_from_random_factors_where_the_default_start_ignores_the_seed():
    X = _noise_matrix()
    options = dict(method="nmf", lsa_components=10, max_iter=200)
    fixed = [fit_model(X, 4, seed=seed, **options) for seed in (1, 2)]
    # nndsvda: the seed moves only its randomized SVD, by rounding: the old refits saw one start
    assert np.allclose(fixed[0][2], fixed[1][2], atol=0.01) and adjusted_rand_score(fixed[0][3], fixed[1][3]) > 0.95
    drawn = [fit_model(X, 4, seed=seed, random_init=True, **options) for seed in (1, 2)]
    assert adjusted_rand_score(drawn[0][3], drawn[1][3]) < 0.9


def test_stability_reports_subsamples_and_initialisations_apart_and_the_rule_uses_both():
    X = _noise_matrix()
    terms = [f"w{i}" for i in range(X.shape[1])]
    scores = select_k(X, terms, k_range=[3, 4], n_seeds=3, min_stability=0.0)
    assert {"stability_subsample", "stability_init", "stability"} <= set(scores.columns)
    assert (scores["stability_init"] < 0.99).all()  # random starts on the same rows do not agree on noise
    statements = _statements()
    model = ThemeModel(k_range=[2, 3, 4], n_seeds=3, random_state=0).fit(statements)
    runs = model.stability_runs_
    assert set(runs["source"]) == {"subsample", "init", "both"}
    overall = runs[runs["theme"] == NO_THEME].groupby("source")["ari"].mean()
    for row in model.k_scores_.itertuples():
        if row.chosen:
            assert row.stability == pytest.approx(overall["both"])
            assert row.stability_subsample == pytest.approx(overall["subsample"])
            assert row.stability_init == pytest.approx(overall["init"])
    assert model.k_scores_["eligible"].tolist() == (model.k_scores_["stability"] >= 0.6).tolist()


# ----------------------------------------------------------------------------- issue 15: units, boilerplate, labels


def _turns() -> pd.DataFrame:
    """Two press conferences: a question and a long answer per subject; answers open and close with formulas."""
    subjects = {
        "hong kong": ["Hong Kong affairs are China's internal affairs.", "Violence in Hong Kong must stop under the rule of law.",
                      "The SAR government of Hong Kong restores order."],
        "trade": ["Tariffs hurt trade and the world economy.", "Trade talks on tariffs must continue on equal footing.",
                  "Raising tariffs will not solve the trade deficit."],
        "peninsula": ["Denuclearization of the Korean Peninsula needs dialogue.",
                      "Peace on the Korean Peninsula needs dialogue and denuclearization.",
                      "A political settlement of the Peninsula issue through dialogue."],
    }  # fmt: skip
    rows = []
    spokespersons = ("Geng Shuang", "Hua Chunying", "Lu Kang")
    for d in range(6):  # two press conferences per subject, two questions each; the formula in every answer
        doc, subject = f"p{d + 1}", list(subjects)[d // 2]
        answer = subjects[subject]
        sentence = paragraph = 0
        for q in range(2):
            paragraph += 1
            sentence += 1
            rows.append((doc, paragraph, sentence, "journalist", "press", "turn", f"What about {subject} news this week?"))
            paragraph += 1
            for i, text in enumerate([answer[(d + q) % 3], answer[(d + q + 1) % 3], "China's position is consistent and clear."]):
                sentence += 1
                rows.append((doc, paragraph, sentence, spokespersons[d % 3], "CN", "turn" if i == 0 else "turn-continued", text))
    table = pd.DataFrame(rows, columns=["doc_id", "paragraph", "sentence", "speaker", "side", "rule", "text"])
    table["statement_id"] = table["doc_id"] + ":" + table["sentence"].astype(str)
    table["date"] = pd.to_datetime("2019-08-01") + pd.to_timedelta(table["doc_id"].str[-1].astype(int), unit="D")
    table["genre"] = "press-conference"
    table["n_words"] = table["text"].str.split().str.len()
    table["reported_side"] = None
    return assign_voice(table)


def test_turns_group_a_speakers_sentences_and_every_statement_gets_its_turns_theme():
    statements = _turns()
    ids = unit_ids(statements, "turn")
    assert len(set(ids)) == 24 and ids[1] == ids[2] == ids[3] == "p1:2"  # the answer: three sentences, one turn
    units = build_units(statements, "turn")
    assert units["n_statements"].tolist() == [1, 3] * 12 and units["text"].iloc[1].endswith("consistent and clear.")
    model = ThemeModel(n_themes=3, n_seeds=0, unit="turn", min_terms=2).fit(statements)
    assert model.unit_ == "turn" and len(model.units_) == 24
    assignments = assign_themes(statements, model)
    assert len(assignments) == len(statements)
    formula = assignments["text"].str.startswith("China's position")
    turn_of = pd.Series(ids)
    for unit, part in assignments.groupby(turn_of.to_numpy()):
        assert part["theme"].nunique() == 1  # the formula closing an answer has its answer's theme
    assert (assignments.loc[formula, "theme"] >= 0).all()
    with pytest.warns(UserWarning, match="fitting on statements instead"):
        fallback = ThemeModel(n_themes=3, n_seeds=0, min_terms=2).fit(statements.drop(columns=["rule"]))
    assert fallback.unit_ == "statement"
    with pytest.raises(ValueError, match="unit='sentence'"):
        ThemeModel(unit="sentence").fit(statements)


def test_boilerplate_is_a_term_spread_evenly_over_documents_and_speakers_not_a_subject_of_the_day():
    X = sp.csr_matrix(np.array([[1, 1, 0], [1, 0, 0], [1, 0, 1], [1, 0, 1], [1, 0, 1], [1, 0, 0]]))
    documents = ["a", "b", "c", "c", "c", "d"]
    table = score_boilerplate(X, ["position", "peace", "tariffs"], documents, ["Hua", "Geng", "Lu", "Hua", "Geng", "Lu"],
                              min_doc_share=0.5, min_speakers=3, min_evenness=0.6).set_index("term")  # fmt: skip
    # position: in every statement, spread as the statements are: DP = 0
    assert table.loc["position", "evenness"] == pytest.approx(1.0) and table.loc["position", "boilerplate"]
    # tariffs: all in document c (3 of 6 statements): DP = 0.5 * (1/6 + 1/6 + |1 - 1/2| + 1/6) = 0.5
    assert table.loc["tariffs", "evenness"] == pytest.approx(0.5) and not table.loc["tariffs", "boilerplate"]
    assert table.loc["peace", "doc_share"] == 0.25 and not table.loc["peace", "boilerplate"]
    assert table.loc["tariffs", "n_speakers"] == 3


def test_the_learned_boilerplate_is_down_weighted_shown_and_editable(tmp_path):
    statements = _turns()
    vectorizer = StatementVectorizer(boilerplate="auto").fit(statements)
    shown = vectorizer.boilerplate_
    flagged = set(shown.loc[shown["boilerplate"], "term"])
    assert {"position", "consistent", "clear"} <= flagged and not flagged & {"hong", "kong", "tariffs", "peninsula"}
    terms = list(vectorizer.get_feature_names_out())
    X = vectorizer.transform(statements)
    plain = StatementVectorizer().fit(statements).transform(statements)
    row = statements.index[statements["text"].str.startswith("China's position")][0]
    assert X[row, terms.index("position")] == pytest.approx(plain[row, terms.index("position")])  # a row of formulas only: rescaled
    turn = vectorizer.transform([" ".join(statements["text"].iloc[1:4])]).toarray()[0]
    turn_plain = StatementVectorizer().fit(statements).transform([" ".join(statements["text"].iloc[1:4])]).toarray()[0]
    assert turn[terms.index("position")] < turn_plain[terms.index("position")] / 3  # a mixed turn: the formula weighs less
    assert turn[terms.index("hong kong")] > turn_plain[terms.index("hong kong")] and np.isclose(np.linalg.norm(turn), 1.0)
    path = write_boilerplate(shown, tmp_path / "boilerplate.csv")
    edited = pd.read_csv(path)
    edited.loc[edited["term"] == "clear", "boilerplate"] = False
    edited.to_csv(path, index=False)
    assert "clear" not in read_boilerplate(path) and "position" in read_boilerplate(path)
    again = StatementVectorizer(boilerplate=path).fit(statements)
    assert again.term_weights_[terms.index("clear")] == 1.0 and again.term_weights_[terms.index("position")] == 0.1
    edited = edited.astype({"boilerplate": object})
    edited.loc[0, "boilerplate"] = "maybe"
    edited.to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"boilerplate.csv:2: boilerplate='maybe'; write true or false"):
        read_boilerplate(path)


def test_class_based_tfidf_matches_the_formula_and_labels_leave_boilerplate_out():
    counts = sp.csr_matrix(np.array([[2, 1, 0], [1, 0, 0], [1, 0, 2]]))
    values = compute_ctfidf(counts, np.array([0, 0, 1]), 2)
    # theme 0: counts (3, 1, 0) of 4; theme 1: (1, 0, 2) of 3; A = 3.5; f = (4, 1, 2)
    expected = np.array([[3 / 4 * np.log(1 + 3.5 / 4), 1 / 4 * np.log(1 + 3.5 / 1), 0],
                         [1 / 3 * np.log(1 + 3.5 / 4), 0, 2 / 3 * np.log(1 + 3.5 / 2)]])  # fmt: skip
    np.testing.assert_allclose(values, expected)
    assert (compute_ctfidf(counts, np.array([0, 0, 1]), 2, exclude=np.array([True, False, False]))[:, 0] == 0).all()
    model = ThemeModel(n_themes=3, n_seeds=0, min_terms=2).fit(_turns())
    flagged = set(model.vectorizer_.boilerplate_.query("boilerplate")["term"])
    for label in model.theme_labels_:
        assert not set(label.split(", ")) & flagged
    assert any("hong kong" in label for label in model.theme_labels_) and any("tariffs" in label for label in model.theme_labels_)


# ----------------------------------------------------------------------------- intrusion


def test_intrusion_scoring_on_a_made_up_answer_sheet(tmp_path):
    tasks = pd.DataFrame({
        "task_id": ["w01", "w02", "w03", "t01"], "kind": ["word", "word", "word", "theme"], "text": ["", "", "", "Tariffs hurt trade."],
        "option_1": ["peace", "tariffs", "SAR", "trade, tariffs"], "option_2": ["dialogue", "trade", "hong kong", "peace, dialogue"],
        "option_3": ["tariffs", "peace", "violence", "hong kong, SAR"], "answer": "",
    })  # fmt: skip
    key = pd.DataFrame({"task_id": ["w01", "w02", "w03", "t01"], "kind": ["word", "word", "word", "theme"], "theme": [0, 1, 2, 1],
                        "label": ["peace", "trade", "hong kong", "trade"], "intruder_option": [3, 3, 1, 3],
                        "intruder": ["tariffs", "peace", "SAR", "hong kong, SAR"]})  # fmt: skip
    sheet, _ = write_intrusion_tasks(tasks, key, tmp_path, name="made-up")
    coded = pd.read_csv(sheet, dtype=str, keep_default_na=False)
    coded["answer"] = ["3", "1", "", "3"]  # right, wrong, unanswered, right
    coded.to_csv(sheet, index=False)
    scores = score_intrusion(read_intrusion_answers(sheet), key).set_index(["kind", "theme"])
    assert scores.loc[("word", 0), "precision"] == 1.0 and scores.loc[("word", 1), "precision"] == 0.0
    assert np.isnan(scores.loc[("word", 2), "precision"]) and scores.loc[("word", 2), "n_answered"] == 0
    assert scores.loc[("word", "all"), ["n_tasks", "n_answered", "n_correct", "precision"]].tolist() == [3, 2, 1, 0.5]
    assert scores.loc[("theme", "all"), "precision"] == 1.0 and scores.loc[("theme", "all"), "chance"] == 0.25
    coded.loc[1, "answer"] = "7"
    coded.to_csv(sheet, index=False)
    with pytest.raises(ValueError, match=r"made-up-tasks.csv:3: answer '7' for task w02; write the number \(1-3\)"):
        read_intrusion_answers(sheet)
    with pytest.raises(ValueError, match="not both"):
        score_intrusion(pd.DataFrame({"task_id": ["w09"], "answer": [1]}), key)


def test_intrusion_tasks_hide_one_intruder_from_another_theme_and_the_key_says_where():
    statements = _statements()
    model = ThemeModel(n_themes=3, n_seeds=0).fit(statements)
    terms = compute_top_terms(model, n_terms=8)
    tasks, key = make_intrusion_tasks(terms, weights=model.weights_, texts=statements["text"], n_word_tasks=2, n_theme_tasks=1, min_words=3)
    words = key[key["kind"] == "word"]
    assert len(words) == 6 and (tasks.loc[words.index, "answer"] == "").all()
    for row in words.itertuples():
        own = set(terms.loc[terms["theme"] == row.theme, "term"])
        shown = tasks.loc[row.Index, [f"option_{i}" for i in range(1, 7)]].tolist()
        assert shown[row.intruder_option - 1] == row.intruder and row.intruder not in own
        assert set(shown) - {row.intruder} <= own
    assert (key["kind"] == "theme").sum() == 3 and "intruder" not in tasks.columns


# ----------------------------------------------------------------------------- the measures table


def test_measures_table_has_one_row_per_candidate_with_every_measure():
    statements = _turns()
    candidates = {"nmf turns": ThemeModel(n_themes=3, n_seeds=2, min_terms=2),
                  "lda statements": ThemeModel(n_themes=3, n_seeds=2, min_terms=2, method="lda", unit="statement")}  # fmt: skip
    table = measure_theme_models(statements, candidates)
    assert list(table.columns) == list(MEASURE_COLUMNS) and table["model"].tolist() == ["nmf turns", "lda statements"]
    assert table["unit"].tolist() == ["turn", "statement"] and table["n_units"].tolist() == [24, len(statements)]
    assert table[["coherence", "stability", "stability_subsample", "stability_init"]].apply(lambda c: c.between(-1, 1)).all().all()
    assert table["diversity"].between(1 / 3, 1).all() and table["no_theme_share"].between(0, 1).all()
    model = table.attrs["models"]["nmf turns"]
    assert table.loc[0, "no_theme_share"] == pytest.approx(np.mean(model.labels_ == NO_THEME))
    assert table.loc[0, "diversity"] == pytest.approx(compute_diversity(model.components_, model.terms_))
    assert sorted(default_candidates(5)) == sorted(default_candidates(5, n_seeds=1))


def test_measure_and_intrusion_plots_draw_their_tables():
    measures = pd.DataFrame({"model": ["a", "b"], "coherence": [0.2, 0.1], "diversity": [0.9, 0.5], "stability": [0.7, 0.4],
                             "stability_subsample": [0.8, 0.5], "stability_init": [0.75, 0.45], "no_theme_share": [0.01, 0.2]})  # fmt: skip
    ax = plot_theme_measures(measures)
    assert len(ax.patches) == 12 and sorted(p.get_width() for p in ax.patches)[-1] == 0.9
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    scores = pd.DataFrame({"kind": "word", "theme": [0, "all"], "label": ["peace", ""], "precision": [0.5, 0.75], "chance": 1 / 6})
    ax = plot_intrusion(scores.assign(run="after"))
    assert [p.get_width() for p in ax.patches] == [0.5, 0.75] and "after: all themes" in [t.get_text() for t in ax.get_yticklabels()]
    plt.close("all")


def test_window_units_cut_each_document_into_runs_of_sentences():
    st = pd.DataFrame({"doc_id": ["a"] * 5 + ["b"] * 2, "sentence": [1, 2, 3, 4, 5, 1, 2], "paragraph": 1,
                       "text": [f"s{i}" for i in range(7)]})
    assert unit_ids(st, "window", window=2).tolist() == ["a:1", "a:1", "a:3", "a:3", "a:5", "b:1", "b:1"]
    units = build_units(st, "window", window=3)
    assert units["n_statements"].tolist() == [3, 2, 2] and units["text"].tolist()[0] == "s0 s1 s2"
    with pytest.raises(ValueError, match="window=0"):
        unit_ids(st, "window", window=0)
