"""Rates with document-bootstrap intervals, permutation tests within documents, and their plot."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.comparison import RATE_COLUMNS, compare_rates, estimate_rates  # noqa: E402
from analysis.plots.comparison import plot_differences, plot_rates  # noqa: E402


def _clustered(n_docs=20, per_doc=50, seed=0):
    """Documents that are all about the frame or not at all: statements are far from independent."""
    rng = np.random.default_rng(seed)
    on = rng.random(n_docs) < 0.5
    return pd.DataFrame(
        {
            "doc_id": np.repeat(np.arange(n_docs), per_doc),
            "voice": "CN",
            "n_words": 10,
            "frame": np.repeat(on.astype(int), per_doc),
        }
    )


def test_the_document_bootstrap_is_wider_than_a_naive_one_when_documents_cluster():
    data = _clustered()
    by_document = estimate_rates(data, ["frame"], n_boot=300, min_interval=False).iloc[0]
    naive = estimate_rates(data, ["frame"], cluster=None, n_boot=300, min_interval=False).iloc[0]
    assert by_document["per_100"] == naive["per_100"]
    document_width = by_document["per_100_high"] - by_document["per_100_low"]
    naive_width = naive["per_100_high"] - naive["per_100_low"]
    assert document_width > 3 * naive_width  # 20 independent units, not 1,000
    assert by_document["n_documents"] == 20 and naive["n_documents"] == 1000


def test_small_counts_get_wide_intervals_never_a_confident_point():
    data = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "d"], "voice": "ROK", "n_words": 20, "frame": [0, 0, 0, 0, 0]})
    row = estimate_rates(data, ["frame"], n_boot=200).iloc[0]
    assert row["per_100"] == 0 and row["per_100_low"] == 0
    assert row["per_100_high"] > 40  # Wilson: 0 of 5 is compatible with nearly half
    assert row["per_1000_words_high"] > 30  # exact Poisson: 0 matches in 100 words
    bare = estimate_rates(data, ["frame"], n_boot=200, min_interval=False).iloc[0]
    assert bare["per_100_high"] == 0  # what the bootstrap alone would claim


def test_rates_per_100_statements_and_per_1000_words_use_statements_and_matches():
    data = pd.DataFrame({"doc_id": ["a", "a", "b"], "voice": ["CN", "CN", "ROK"], "n_words": [100, 300, 50],
                         "frame": [1, 0, 1], "frame_n": [3, 0, 1]})
    rates = estimate_rates(data, ["frame"], n_boot=100).set_index("group")
    assert rates.loc["CN", "per_100"] == 50 and rates.loc["CN", "per_1000_words"] == pytest.approx(7.5)
    assert rates.loc["ROK", "n_matches"] == 1 and rates.loc["ROK", "per_1000_words"] == pytest.approx(20)
    assert list(rates.reset_index().columns) == list(RATE_COLUMNS)


def test_a_requested_group_without_statements_gets_an_empty_row_and_the_input_is_unchanged():
    data = _clustered(n_docs=4, per_doc=3)
    before = data.copy()
    rates = estimate_rates(data, ["frame"], groups=["CN", "ROK"], n_boot=50)
    pd.testing.assert_frame_equal(data, before)
    rok = rates.set_index("group").loc["ROK"]
    assert rok["n_statements"] == 0 and np.isnan(rok["per_100"]) and np.isnan(rok["per_100_high"])


def test_the_same_seed_gives_the_same_intervals():
    data = _clustered()
    first = estimate_rates(data, ["frame"], n_boot=100, random_state=3)
    pd.testing.assert_frame_equal(first, estimate_rates(data, ["frame"], n_boot=100, random_state=3))


def _two_groups(effect: float, seed: int, n_docs: int = 30, per_doc: int = 20):
    rng = np.random.default_rng(seed)
    voice = np.tile(["CN", "ROK"], n_docs * per_doc // 2)
    base = rng.uniform(0.1, 0.5, n_docs)  # each document has its own rate
    p = np.repeat(base, per_doc) + np.where(voice == "ROK", effect, 0)
    return pd.DataFrame({"doc_id": np.repeat(np.arange(n_docs), per_doc), "voice": voice, "n_words": 10,
                         "frame": (rng.random(len(p)) < p).astype(int)})


def test_the_permutation_test_under_the_null_gives_no_small_p_values():
    p_values = [compare_rates(_two_groups(0.0, seed), ["frame"], n_permutations=199, n_boot=50, random_state=seed)["p_value"].iloc[0]
                for seed in range(5)]
    assert min(p_values) > 0.05


def test_the_permutation_test_finds_a_strong_effect():
    result = compare_rates(_two_groups(0.4, seed=1), ["frame"], n_permutations=499, n_boot=200).iloc[0]
    assert result["p_value"] < 0.01
    assert result["difference"] < 0 and result["difference_high"] < 0  # CN - ROK, interval below zero
    assert result["n_mixed_documents"] == 30


def test_permuting_within_documents_does_not_mistake_a_document_effect_for_a_group_effect():
    # ROK speaks only in documents that are all about the frame; within documents ROK and CN do the same.
    rows = []
    for doc in range(40):
        about = doc < 20
        for k in range(10):
            voice = "ROK" if about and k < 2 else "CN"
            rows.append({"doc_id": doc, "voice": voice, "n_words": 10, "frame": int(about and k % 2 == 0)})
    data = pd.DataFrame(rows)
    free = compare_rates(data, ["frame"], strata=None, n_permutations=499, n_boot=100).iloc[0]
    within = compare_rates(data, ["frame"], n_permutations=499, n_boot=100).iloc[0]
    assert free["p_value"] < 0.05  # treating statements as independent: "significant"
    assert within["p_value"] > 0.5  # inside each document ROK and CN statements carry the frame alike


def test_an_absent_group_gives_no_p_value():
    result = compare_rates(_clustered(n_docs=3, per_doc=4), ["frame"], a="CN", b="ROK", n_permutations=20, n_boot=20).iloc[0]
    assert result["n_b"] == 0 and np.isnan(result["p_value"]) and np.isnan(result["difference"])


def test_the_rate_plot_draws_points_with_whiskers_and_the_counts_behind_them():
    data = pd.concat([_two_groups(0.2, seed=2).assign(other=0), pd.DataFrame()], ignore_index=True)
    rates = estimate_rates(data, ["frame", "other"], groups=["CN", "ROK", "press"], n_boot=50)
    _, ax = plt.subplots()
    plot_rates(rates, ax=ax, groups=["CN", "ROK", "press"], frames=["frame", "other"], labels={"frame": "the frame"})
    points = [line for line in ax.lines if line.get_marker() == "o"]
    assert len(points) == 3  # one series per group (press has no statements: nothing drawn)
    cn = rates[rates["group"] == "CN"].set_index("frame")
    np.testing.assert_allclose(points[0].get_xdata(), cn.loc[["frame", "other"], "per_100"])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0].startswith("CN (300 statements, 30 documents)") and legend[2] == "press (no statements)"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["the frame", "other"]  # top to bottom
    assert ax.get_yticks()[0] > ax.get_yticks()[1]
    plt.close("all")


def test_the_difference_interval_is_never_narrower_than_newcombes_score_interval():
    from analysis.comparison.intervals import newcombe_interval as _newcombe

    # Newcombe (1998), Statistics in Medicine 17, 873-890, table II example: 56/70 vs 48/80 -> (0.0524, 0.3339)
    low, high = _newcombe(56, 70, 48, 80, 0.95)
    assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)
    # A group with 0 of 44 statements: the bootstrap alone would call the difference certain.
    data = pd.DataFrame({"doc_id": np.repeat(np.arange(22), 10), "voice": np.tile(["CN"] * 8 + ["ROK"] * 2, 22),
                         "n_words": 10, "frame": np.tile([1, 0, 0, 0, 0, 0, 0, 0, 0, 0], 22)})
    bare = compare_rates(data, ["frame"], n_permutations=99, n_boot=200, min_interval=False).iloc[0]
    honest = compare_rates(data, ["frame"], n_permutations=99, n_boot=200).iloc[0]
    assert bare["difference_low"] > 10  # 12.5 points, "surely" above 10
    assert honest["difference_low"] < 5 and honest["difference_high"] >= bare["difference_high"]


def _three_groups(seed=4):
    data = _two_groups(0.1, seed=seed, n_docs=12, per_doc=10)
    data.loc[data.index % 5 == 0, "voice"] = "press"
    return data


def test_a_groups_interval_depends_only_on_its_data_and_the_seed_not_on_the_other_groups_asked_for():
    data = _three_groups()
    kw = dict(n_boot=300, min_interval=False)  # the bootstrap alone (the Wilson floor could hide a difference)
    alone = estimate_rates(data, ["frame"], groups=["ROK"], **kw).set_index("group").loc["ROK"]
    with_cn = estimate_rates(data, ["frame"], groups=["CN", "ROK"], **kw).set_index("group").loc["ROK"]
    every = estimate_rates(data, ["frame"], **kw).set_index("group").loc["ROK"]
    for row in (with_cn, every):
        assert (row["per_100_low"], row["per_100_high"]) == (alone["per_100_low"], alone["per_100_high"])
        assert (row["per_1000_words_low"], row["per_1000_words_high"]) == (alone["per_1000_words_low"], alone["per_1000_words_high"])
    # nor on the other frames asked for; and another seed does move it (the seed is used)
    other = estimate_rates(data.assign(other=1 - data["frame"]), ["other", "frame"], groups=["ROK"], **kw)
    assert other.set_index("frame").loc["frame", "per_100_low"] == alone["per_100_low"]
    moved = estimate_rates(data, ["frame"], groups=["ROK"], random_state=1, **kw).iloc[0]
    assert (moved["per_100_low"], moved["per_100_high"]) != (alone["per_100_low"], alone["per_100_high"])


def test_a_comparisons_interval_does_not_depend_on_the_number_of_permutations_or_the_other_frames():
    data = _three_groups().assign(other=lambda d: 1 - d["frame"])
    few = compare_rates(data, ["frame"], n_permutations=99, n_boot=300, min_interval=False).iloc[0]
    many = compare_rates(data, ["other", "frame"], n_permutations=499, n_boot=300, min_interval=False).set_index("frame").loc["frame"]
    assert (few["difference_low"], few["difference_high"]) == (many["difference_low"], many["difference_high"])
    assert (few["pooled_low"], few["pooled_high"]) == (many["pooled_low"], many["pooled_high"])


def test_the_difference_is_the_document_stratified_one_the_test_tests_and_the_pooled_one_is_kept_apart():
    # doc x: CN 2 of 3, ROK 0 of 1; doc y: CN 0 of 1, ROK 2 of 2; doc z: CN only (no within-document contrast).
    data = pd.DataFrame({"doc_id": list("xxxxyyyzz"), "voice": ["CN", "CN", "CN", "ROK", "CN", "ROK", "ROK", "CN", "CN"],
                         "n_words": 10, "frame": [1, 1, 0, 0, 0, 1, 1, 1, 1]})
    row = compare_rates(data, ["frame"], n_permutations=99, n_boot=200).iloc[0]
    # Mantel-Haenszel weights n_a n_b / (n_a + n_b): x 3*1/4 = 0.75, y 1*2/3; differences 2/3 - 0 and 0 - 1.
    by_hand = (0.75 * (2 / 3) + (2 / 3) * (-1)) / (0.75 + 2 / 3)
    assert row["difference"] == pytest.approx(100 * by_hand)
    assert row["pooled_difference"] == pytest.approx(100 * (4 / 6 - 2 / 3))
    assert row["statistic"] == "stratified" and row["strata"] == "doc_id" and row["n_strata"] == 2
    assert row["difference_low"] <= row["difference"] <= row["difference_high"]
    assert row["pooled_low"] <= row["pooled_difference"] <= row["pooled_high"]


def test_the_interval_and_the_p_value_speak_of_the_same_quantity():
    # ROK speaks only in documents all about the frame, and there says it as often as CN: the pooled
    # difference is large, the within-document one is exactly zero.
    rows = []
    for doc in range(40):
        about = doc < 20
        for k in range(10):
            voice = "ROK" if about and k < 2 else "CN"
            rows.append({"doc_id": doc, "voice": voice, "n_words": 10, "frame": int(about and k % 2 == 0)})
    row = compare_rates(pd.DataFrame(rows), ["frame"], n_permutations=499, n_boot=300).iloc[0]
    assert row["difference"] == pytest.approx(0) and row["difference_low"] <= 0 <= row["difference_high"]
    assert row["p_value"] > 0.5
    assert row["pooled_difference"] < 0 and row["pooled_high"] < 0  # the pooled contrast, labelled as such
    free = compare_rates(pd.DataFrame(rows), ["frame"], strata=None, n_permutations=99, n_boot=100).iloc[0]
    assert free["statistic"] == "pooled" and free["difference"] == free["pooled_difference"]


def _paired_years(differences, seed=0, per_doc=40):
    """One CN and one ROK speech a year; each speech's share of statements with the frame is given."""
    rng = np.random.default_rng(seed)
    rows = []
    for year, d in enumerate(differences):
        base = rng.integers(5, 15)
        for voice, hits in (("CN", base + d), ("ROK", base)):
            for k in range(per_doc):
                rows.append({"year": 1991 + year, "doc_id": f"{voice}-{year}", "voice": voice, "n_words": 10,
                             "frame": int(k < hits)})
    return pd.DataFrame(rows)


def test_paired_documents_by_year_give_the_mean_yearly_difference_and_an_exact_sign_flip_test():
    differences = [3, 5, -1, 4, 6, 2]  # statements with the frame, CN - ROK, out of 40 each
    data = _paired_years(differences)
    row = compare_rates(data, ["frame"], strata="year", units="doc_id", n_boot=500, min_interval=False).iloc[0]
    assert row["difference"] == pytest.approx(100 * np.mean(differences) / 40)
    assert row["n_strata"] == 6 and row["p_method"] == "exact"
    # the exact sign-flip p-value: all 2^6 relabellings of the two speeches within each year
    import itertools

    d = np.array(differences, dtype=float)
    flips = np.array([np.mean(np.array(signs) * d) for signs in itertools.product([1, -1], repeat=len(d))])
    assert row["p_value"] == pytest.approx(np.mean(np.abs(flips) >= abs(d.mean()) - 1e-12))
    assert row["p_value"] == pytest.approx(4 / 64)  # as observed, all flipped, and each with the -1 year flipped
    # the bootstrap resamples years: the interval stays within the yearly differences
    assert 100 * min(d) / 40 <= row["difference_low"] <= row["difference"] <= row["difference_high"] <= 100 * max(d) / 40
    many = compare_rates(_paired_years([2] * 20), ["frame"], strata="year", units="doc_id", n_permutations=999, n_boot=200).iloc[0]
    assert many["p_method"] == "monte carlo" and many["p_value"] < 0.01  # 2^20 relabellings: sampled


def test_one_year_of_paired_speeches_gives_a_difference_but_no_test_and_the_plot_says_so():
    one = compare_rates(_paired_years([5]), ["frame"], strata="year", units="doc_id", n_boot=50).iloc[0]
    assert one["n_strata"] == 1 and one["difference"] == pytest.approx(100 * 5 / 40)
    assert np.isnan(one["p_value"]) and one["p_method"] is None  # both sign flips give |D|: p would be 1 always
    two = compare_rates(_paired_years([5, 4]), ["frame"], strata="year", units="doc_id", n_boot=50).iloc[0]
    assert two["p_method"] == "exact" and two["p_value"] == pytest.approx(0.5)  # 2 of 4 flips as extreme
    within = compare_rates(_paired_years([5]).assign(doc_id="d"), ["frame"], strata="doc_id", n_permutations=99, n_boot=50).iloc[0]
    assert within["p_method"] == "monte carlo"  # one document, many statements: relabelling statements is a test
    ax = plot_differences(compare_rates(_paired_years([5]), ["frame"], strata="year", units="doc_id", n_boot=50))
    assert [t.get_text() for t in ax.texts] == ["no test (n = 1)"] and ax.get_xlabel().endswith("(paired by year, n = 1)")
    plt.close("all")


def test_no_shared_stratum_gives_no_stratified_difference_and_bad_strata_are_clear_errors():
    apart = pd.DataFrame({"doc_id": ["x", "x", "y", "y"], "voice": ["CN", "CN", "ROK", "ROK"], "n_words": 10, "frame": [1, 0, 0, 0]})
    row = compare_rates(apart, ["frame"], n_permutations=20, n_boot=20).iloc[0]
    assert row["n_strata"] == 0 and np.isnan(row["difference"]) and np.isnan(row["p_value"])
    assert row["pooled_difference"] == pytest.approx(50)  # still reported, and labelled as pooled
    with pytest.raises(ValueError, match="needs strata"):
        compare_rates(apart, ["frame"], strata=None, units="doc_id")
    with pytest.raises(ValueError, match=r"1 statement\(s\) of CN or ROK have no `year`"):
        compare_rates(apart.assign(year=[2001, None, 2001, 2002]), ["frame"], strata="year")
    with pytest.raises(KeyError, match="no column `year` for strata="):
        compare_rates(apart, ["frame"], strata="year")


def test_rates_of_groups_without_statements_draw_nothing_and_say_so():
    empty = pd.DataFrame({"doc_id": [], "side": [], "text": [], "n_words": [], "peninsula": []})
    rates = estimate_rates(empty, ["peninsula"], by="side", groups=["CN", "ROK"], n_boot=20)
    _, ax = plt.subplots()
    plot_rates(rates, ax=ax, groups=["CN", "ROK"])
    assert " ".join(ax.texts[0].get_text().split()) == "nothing to show: no statements of these groups" and not ax.lines
    plt.close("all")
