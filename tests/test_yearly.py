"""Rates over years (analysis.comparison.yearly), yearly vocabulary similarity, and their plots."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.comparison import compare_rates, estimate_rates, estimate_yearly_rates  # noqa: E402
from analysis.keyness import compute_keyness  # noqa: E402
from analysis.plots.comparison import plot_differences  # noqa: E402
from analysis.plots.keyness import plot_distinctive_terms  # noqa: E402
from analysis.plots.trends import plot_text_quality_by_year, plot_yearly_heatmap, plot_yearly_rates, plot_yearly_similarity  # noqa: E402
from analysis.vectors import StatementVectorizer, compare_by_year, pool_vectors  # noqa: E402


def _speeches(rates_by_year, n=20, side="CN"):
    rows = []
    for year, hits in rates_by_year.items():
        for i in range(n):
            rows.append({"doc_id": f"{side}-{year}", "side": side, "date": pd.Timestamp(f"{year}-01-01"), "n_words": 10,
                         "peninsula": int(i < hits), "text": f"peace talks year {year}"})
    return pd.DataFrame(rows)


def test_one_point_per_year_with_the_rate_of_that_years_speech():
    st = pd.concat([_speeches({2001: 2, 2002: 4, 2004: 10}), _speeches({2001: 5}, side="ROK")])
    yearly = estimate_yearly_rates(st, ["peninsula"], by="side", window=3, n_boot=300)
    cn = yearly[yearly["group"] == "CN"].set_index("year")
    assert cn.index.tolist() == [2001, 2002, 2004]  # no invented year 2003, no day
    assert cn["per_100"].tolist() == [10.0, 20.0, 50.0]
    assert cn["n_hits"].tolist() == [2, 4, 10]
    assert (cn["per_100_low"] <= cn["per_100"]).all() and (cn["per_100_high"] >= cn["per_100"]).all()
    # the same as estimate_rates on that year's statements
    alone = estimate_rates(st[(st["side"] == "CN") & (st["date"].dt.year == 2002)], ["peninsula"], by="side", n_boot=300)
    assert alone.loc[0, "per_100"] == cn.loc[2002, "per_100"]


def test_the_trend_is_a_centred_rolling_mean_of_the_years_present_with_a_band_around_it():
    st = _speeches({2001: 2, 2002: 4, 2003: 6, 2004: 8, 2005: 10})
    yearly = estimate_yearly_rates(st, ["peninsula"], window=3, n_boot=400).set_index("year")
    assert yearly["trend"].round(6).tolist() == [15.0, 20.0, 30.0, 40.0, 45.0]
    assert yearly["trend_years"].tolist() == [2, 3, 3, 3, 2]
    assert (yearly["trend_low"] < yearly["trend"]).all() and (yearly["trend_high"] > yearly["trend"]).all()
    with pytest.raises(ValueError, match="odd number"):
        estimate_yearly_rates(st, ["peninsula"], window=4)


def test_paired_comparison_by_year_estimates_the_mean_yearly_difference():
    st = pd.concat([_speeches({2001: 2, 2002: 4, 2003: 6}), _speeches({2001: 4, 2002: 4, 2003: 12}, side="ROK")])
    row = compare_rates(add := st.assign(year=st["date"].dt.year), ["peninsula"], by="side", a="CN", b="ROK",
                        strata="year", units="doc_id", n_boot=200).iloc[0]
    assert add["year"].nunique() == 3
    assert row["difference"] == pytest.approx(np.mean([-10, 0, -30]))
    assert row["p_method"] == "exact" and row["n_strata"] == 3


def test_plot_yearly_rates_draws_points_at_integer_years_and_the_trend():
    st = pd.concat([_speeches({2001: 2, 2002: 4, 2003: 6}), _speeches({2001: 4, 2003: 12}, side="ROK")])
    yearly = estimate_yearly_rates(st, ["peninsula"], window=3, n_boot=100)
    ax = plot_yearly_rates(yearly, frame="peninsula", groups=["CN", "ROK"])
    lines = ax.get_lines()
    trend = [line for line in lines if line.get_linewidth() == 1.6]
    assert [list(line.get_xdata()) for line in trend] == [[2001, 2002, 2003], [2001, 2003]]
    assert list(trend[0].get_ydata()) == yearly[yearly["group"] == "CN"]["trend"].tolist()
    assert len(ax.collections) >= 2  # the bands
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["CN (60 statements, 3 years)", "ROK (40 statements, 2 years)"]
    assert ax.get_xlabel() == "year"
    with pytest.raises(KeyError, match="no frame"):
        plot_yearly_rates(yearly, frame="other")
    plt.close("all")


def test_plot_yearly_heatmap_has_a_column_for_every_year():
    table = pd.DataFrame({"year": [2001, 2003, 2001], "row": ["a", "a", "b"], "value": [1.0, 2.0, 3.0]})
    ax = plot_yearly_heatmap(table, row="row", value="value")
    data = ax.images[0].get_array()
    assert data.shape == (2, 3) and data.mask[0, 1] and data[1, 0] == 3.0
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    plt.close("all")


def test_similarity_by_year_and_its_plot():
    st = pd.DataFrame({"doc_id": list("abcdef"), "side": ["CN", "ROK", "US"] * 2, "year": [2001] * 3 + [2002] * 3,
                       "text": ["peace talks now", "peace trade deal", "war and sanctions", "trade deal", "trade deal", "sanctions"]})
    pooled = pool_vectors(st, StatementVectorizer().fit_transform(st), by=("side", "year"))
    table = compare_by_year(pooled, focus="CN")
    assert table[["year", "other"]].values.tolist() == [[2001, "ROK"], [2002, "ROK"], [2001, "US"], [2002, "US"]]
    assert table.loc[1, "similarity"] == pytest.approx(1.0)
    ax = plot_yearly_similarity(table, focus="CN", highlight="ROK")
    assert [line.get_label() for line in ax.get_lines()] == ["CN–ROK", "CN–US"]
    assert list(ax.get_lines()[0].get_ydata()) == table[table["other"] == "ROK"]["similarity"].tolist()
    with pytest.raises(ValueError, match="by=\\('side', 'year'\\)"):
        compare_by_year(pool_vectors(st, StatementVectorizer().fit_transform(st), by="side"))
    plt.close("all")


def test_plot_differences_plot_distinctive_terms_and_text_quality():
    comparison = pd.DataFrame({"frame": ["a", "b"], "group_a": "CN", "group_b": "ROK", "strata": "year",
                               "difference": [-5.0, 2.0], "difference_low": [-8.0, -1.0], "difference_high": [-2.0, 4.0],
                               "p_value": [0.01, 0.4], "n_strata": 6})
    ax = plot_differences(comparison)
    assert list(ax.lines[0].get_xdata()) == [-5.0, 2.0]
    assert [t.get_text() for t in ax.texts] == ["p = 0.01", "p = 0.4"]
    assert ax.get_xlabel() == "CN − ROK, points per 100 statements (paired by year, n = 6)"
    st = pd.DataFrame({"side": ["CN", "CN", "ROK", "US"], "text": ["peace peace", "trade", "unification", "freedom"]})
    keyness = compute_keyness(st, by="side", target=None, reference="rest")
    ax = plot_distinctive_terms(keyness, top=2, groups=["CN", "ROK", "US"])
    assert ax.texts[0].get_text().startswith("peace (")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["CN", "ROK", "US"]
    quality = pd.DataFrame({"year": [2001, 2002], "side": ["CN", "CN"], "clean": [True, False], "share_unknown": [0.01, 0.2]})
    ax = plot_text_quality_by_year(quality)
    offsets = [c.get_offsets() for c in ax.collections]
    assert [len(o) for o in offsets] == [1, 1] and offsets[1][0][1] == pytest.approx(0.2)
    plt.close("all")


def test_the_yearly_plots_say_there_is_nothing_to_show_on_an_empty_corpus():
    empty_speeches = _speeches({2019: 1}).iloc[:0].assign(year=pd.Series(dtype=int))
    yearly = estimate_yearly_rates(empty_speeches, ["peninsula"], by="side", groups=["CN", "ROK"], window=1, n_boot=20)
    paired = compare_rates(empty_speeches, ["peninsula"], by="side", a="CN", b="ROK", strata="year", units="doc_id", n_boot=20)
    _, axes = plt.subplots(1, 6)
    drawn = [plot_yearly_rates(yearly, frame="peninsula", ax=axes[0]),
             plot_yearly_heatmap(yearly.assign(row="x"), row="row", value="per_100", ax=axes[1]),
             plot_yearly_similarity(pd.DataFrame(columns=["year", "side", "other", "similarity"]), ax=axes[2]),
             plot_text_quality_by_year(pd.DataFrame(columns=["year", "side", "clean", "share_unknown"]), ax=axes[3]),
             plot_differences(paired, ax=axes[4]),
             plot_distinctive_terms(pd.DataFrame(columns=["group", "term", "score"]), ax=axes[5])]
    for ax in drawn:
        assert ax.texts[0].get_text().startswith("nothing to show: ") and not ax.lines and not ax.collections and not ax.images
    plt.close("all")
