"""Country-year vectors, similarity to every member state, standing (analysis.scale.members) and their plots."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.plots.members import plot_member_similarity, plot_standing  # noqa: E402
from analysis.scale.members import MEMBER_SIMILARITY_COLUMNS, STANDING_COLUMNS, compute_member_similarity, compute_standing, pool_country_years  # noqa: E402
from analysis.vectors import StatementVectorizer  # noqa: E402

ROWS = [  # doc_id, year, text
    ("rok-2019", 2019, "peace talks on the peninsula"), ("rok-2019", 2019, "dialogue for peace"),
    ("cn-2019", 2019, "peace talks and dialogue"), ("jp-2019", 2019, "trade and tariffs"), ("us-2019", 2019, "trade deal now"),
    ("rok-2020", 2020, "pandemic vaccines"), ("cn-2020", 2020, "pandemic and vaccines"), ("jp-2020", 2020, "peace talks"),
]


def _pooled():
    statements = pd.DataFrame({"doc_id": [r[0] for r in ROWS], "date": pd.to_datetime([f"{r[1]}-01-01" for r in ROWS]),
                               "side": "unknown", "n_words": 3, "text": [r[2] for r in ROWS]})  # fmt: skip
    documents = pd.DataFrame({"doc_id": sorted({r[0] for r in ROWS})})
    documents["side"] = documents["doc_id"].str.split("-").str[0].str.upper()
    X = StatementVectorizer().fit_transform(statements)
    return statements, X, pool_country_years(statements, X, documents=documents)


def test_country_years_pool_the_statements_of_each_delegation():
    statements, X, pooled = _pooled()
    groups = pooled.groups.set_index(["country", "year"])
    assert groups.loc[("ROK", "2019"), "n_statements"] == 2 and len(groups) == 7
    rok = np.flatnonzero((pooled.groups["country"] == "ROK") & (pooled.groups["year"] == "2019"))[0]
    assert np.allclose(pooled.matrix[rok].toarray(), X[:2].mean(axis=0))
    assert (statements["side"] == "unknown").all()  # the input is not changed
    without = pool_country_years(statements, X)  # no documents: the statement's side
    assert without.groups["country"].unique().tolist() == ["unknown"]


def test_similarity_ranks_every_other_country_per_year():
    _, _, pooled = _pooled()
    table = compute_member_similarity(pooled, targets=("ROK", "CN", "XX"))
    assert list(table.columns) == list(MEMBER_SIMILARITY_COLUMNS)
    rok2019 = table[(table["target"] == "ROK") & (table["year"] == 2019)].set_index("country")
    assert rok2019.loc["CN", "rank"] == 1 and rok2019["n_countries"].iloc[0] == 3 and "ROK" not in rok2019.index
    assert rok2019.loc["JP", "similarity"] == 0.0
    assert set(table["target"]) == {"ROK", "CN"}  # XX has no statement: no row
    cn2020 = table[(table["target"] == "CN") & (table["year"] == 2020)].set_index("country")
    assert cn2020.loc["ROK", "rank"] == 1


def test_standing_places_each_country_among_all():
    _, _, pooled = _pooled()
    standing = compute_standing(pooled)
    assert list(standing.columns) == list(STANDING_COLUMNS)
    year = standing[standing["year"] == 2019].set_index("country")
    assert year.loc["JP", "percentile"] <= year.loc["CN", "percentile"] and year["percentile"].max() == 100.0
    assert year["n_countries"].iloc[0] == 4
    assert set(standing["year"]) == {2019, 2020}


def test_plots_draw_the_tables():
    _, _, pooled = _pooled()
    table = compute_member_similarity(pooled, targets=("ROK",))
    fig, ax = plt.subplots()
    plot_member_similarity(table, target="ROK", ax=ax)
    grid = ax.images[0].get_array()
    assert grid.shape == (3, 2) and np.ma.count_masked(grid) == 1  # CN, JP in both years, US in 2019 only
    fig, ax = plt.subplots()
    plot_standing(compute_standing(pooled), highlight=("CN", "ROK", "XX"), ax=ax)
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert set(lines) == {"median of all countries", "CN", "ROK"}
    assert lines["CN"].get_xdata().tolist() == [2019, 2020]
    plt.close("all")


def test_only_speeches_are_member_states_and_no_speech_gives_empty_tables_and_says_so():
    statements, X, _ = _pooled()
    documents = pd.DataFrame({"doc_id": sorted({r[0] for r in ROWS})})
    documents["side"] = documents["doc_id"].str.split("-").str[0].str.upper()
    genres = statements.assign(genre=["speech"] * 6 + ["readout", "speech"])  # cn-2020 is not a speech
    pooled = pool_country_years(genres, X, documents=documents, genre="speech")
    assert "CN | 2020" not in set(pooled.groups["group"]) and pooled.matrix.shape == (len(pooled.groups), X.shape[1])
    with pytest.warns(UserWarning, match="no statement to pool by country and year: no document of genre speech"):
        nothing = pool_country_years(statements.assign(genre="readout"), X, documents=documents, genre="speech")
    assert nothing.groups.empty and nothing.matrix.shape == (0, X.shape[1])
    assert list(nothing.groups.columns) == list(pooled.groups.columns)  # the same table, without rows
    similarity, standing = compute_member_similarity(nothing), compute_standing(nothing)
    assert list(similarity.columns) == list(MEMBER_SIMILARITY_COLUMNS) and similarity.empty
    assert list(standing.columns) == list(STANDING_COLUMNS) and standing.empty
    _, axes = plt.subplots(1, 2)
    assert " ".join(plot_member_similarity(similarity, target="ROK", ax=axes[0]).texts[0].get_text().split()) == "nothing to show: no speech of ROK"
    assert " ".join(plot_standing(standing, ax=axes[1]).texts[0].get_text().split()) == "nothing to show: no state to compare"
    assert not axes[0].images and not axes[1].lines
    plt.close("all")
