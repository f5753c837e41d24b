"""Keyness: the log-odds ratio with an informative Dirichlet prior and chi-squared, checked against
independently computed references; any groups; the fightin' words plot; the command line."""

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from scipy.stats import chi2_contingency  # noqa: E402

from analysis.keyness import KEYNESS_COLUMNS, compute_keyness  # noqa: E402
from analysis.plots.keyness import plot_keyness  # noqa: E402

# A: peace 4, dialogue 1, sanctions 1 (6 words); B: sanctions 2, pressure 2, dialogue 1 (5 words).
TOY = pd.DataFrame(
    {
        "voice": ["A", "A", "B", "B"],
        "text": ["Peace peace peace dialogue.", "Peace, sanctions.", "Sanctions sanctions pressure.", "Dialogue pressure."],
    }
)
# Background: cooperation 1, dialogue 2, peace 2, pressure 1, sanctions 1 (7 words).
BACKGROUND = ["peace dialogue sanctions pressure", "peace dialogue cooperation"]
TERMS = ["cooperation", "dialogue", "peace", "pressure", "sanctions"]  # the vocabulary, background included
Y_A, Y_B, B = np.array([0, 1, 4, 0, 1.0]), np.array([0, 1, 0, 2, 2.0]), np.array([1, 2, 2, 1, 1.0])
SEEN = [1, 2, 3, 4]  # words the two groups use ("cooperation" is only in the background: not reported)


def _monroe_z(y_i, y_j, alpha_i, alpha_j, a0_i, a0_j):
    """Monroe, Colaresi & Quinn (2008), eqs. 16-22, written out independently of the module."""
    n_i, n_j = y_i.sum(), y_j.sum()
    delta = np.log((y_i + alpha_i) / (n_i + a0_i - y_i - alpha_i)) - np.log((y_j + alpha_j) / (n_j + a0_j - y_j - alpha_j))
    return delta / np.sqrt(1 / (y_i + alpha_i) + 1 / (y_j + alpha_j))


def test_log_odds_with_a_fixed_prior_matches_the_formula_and_a_hand_computed_value():
    result = compute_keyness(TOY, target="A", reference="B", background=BACKGROUND, prior_scale=10).set_index("term")
    alpha = 10 * (B + 0.5) / (B.sum() + 0.5 * len(B))  # prior counts, add-half smoothed background shares
    expected = _monroe_z(Y_A, Y_B, alpha, alpha, 10, 10)
    assert "cooperation" not in result.index
    np.testing.assert_allclose(result.loc[[TERMS[k] for k in SEEN], "score"], expected[SEEN], rtol=1e-10)
    np.testing.assert_allclose(result.loc[[TERMS[k] for k in SEEN], "prior"], alpha[SEEN])
    # By hand for "peace": a = 10 * 2.5 / 9.5 = 2.63158; delta = ln((6.63158 / 9.36842) / (2.63158 / 12.36842))
    # = 1.20206; var = 1 / 6.63158 + 1 / 2.63158 = 0.53079; z = 1.20206 / 0.72856 = 1.64992.
    assert result.loc["peace", "score"] == pytest.approx(1.649923, abs=1e-5)
    assert result.loc["peace", "delta"] == pytest.approx(1.202058, abs=1e-5)


def test_raw_counts_stand_beside_every_score():
    result = compute_keyness(TOY, target="A", reference="B", background=BACKGROUND).set_index("term")
    seen = [TERMS[k] for k in SEEN]
    assert result.loc[seen, "count_group"].tolist() == Y_A[SEEN].astype(int).tolist()
    assert result.loc[seen, "count_reference"].tolist() == Y_B[SEEN].astype(int).tolist()
    assert result.loc[seen, "background_count"].tolist() == B[SEEN].astype(int).tolist()
    assert set(result["total_group"]) == {6} and set(result["total_reference"]) == {5}
    assert list(compute_keyness(TOY, target="A", reference="B").columns) == list(KEYNESS_COLUMNS)
    assert result.index.tolist()[0] == "peace" and result["score"].is_monotonic_decreasing


def test_any_groups_one_against_the_rest_several_together_and_every_group():
    data = pd.DataFrame({"voice": ["CN", "ROK", "press", "CN"], "text": ["uphold peace", "appreciate role", "comment please", "peace talks"]})
    rest = compute_keyness(data, target="CN")
    assert set(rest["reference"]) == {"ROK+press"}
    merged = compute_keyness(data, target=["CN", "ROK"], reference="press")
    assert set(merged["group"]) == {"CN+ROK"} and set(merged["reference"]) == {"press"}
    every = compute_keyness(data, target=None)
    assert every.groupby("group")["reference"].first().to_dict() == {"CN": "ROK+press", "ROK": "CN+press", "press": "CN+ROK"}
    top = every.groupby("group").head(1).set_index("group")["term"]
    assert top["CN"] == "peace" and top["press"] in {"comment", "please"}


def test_unknown_or_overlapping_groups_are_clear_errors():
    with pytest.raises(ValueError, match=r"unknown reference group\(s\) \['ROK'\] in column `side`; available: A, B"):
        compute_keyness(TOY.rename(columns={"voice": "side"}), by="side", target="A", reference="ROK")
    with pytest.raises(ValueError, match="both target and reference"):
        compute_keyness(TOY, target="A", reference=["A", "B"])
    with pytest.raises(KeyError, match="lack column `speaker`"):
        compute_keyness(TOY, by="speaker")


def test_the_fightin_words_plot_draws_every_word_and_labels_the_top_ones():
    result = compute_keyness(TOY, target="A", reference="B", background=BACKGROUND, prior_scale=10)
    _, ax = plt.subplots()
    plot_keyness(result, ax=ax, top=1, adjust=False, threshold=1.0)
    drawn = sum(len(c.get_offsets()) for c in ax.collections)
    assert drawn == len(result)
    labels = {t.get_text() for t in ax.texts}
    assert labels == {"peace", "pressure"}  # the top word on each side
    assert ax.get_xscale() == "log"
    plt.close("all")
    _, ax = plt.subplots()
    plot_keyness(result, ax=ax, top=2)  # with adjustText: labels moved apart, none lost
    assert {t.get_text() for t in ax.texts} == {"peace", "pressure", "sanctions"}  # only "peace" scores above 0
    plt.close("all")



def test_the_adjusted_labels_sit_on_a_rounded_grid_so_the_files_reproduce_byte_for_byte():
    import io

    result = compute_keyness(TOY, target="A", reference="B", background=BACKGROUND, prior_scale=10)
    svgs = []
    for nudge in (0.0, 1e-12):  # another machine's last digits
        fig, ax = plt.subplots()
        plot_keyness(result.assign(score=result["score"] + nudge), ax=ax, top=2)
        to_axes = ax.transScale + ax.transLimits
        for text in ax.texts:
            x, y = to_axes.transform(text.get_position())
            assert abs(x * 1000 - round(x * 1000)) < 1e-6 and abs(y * 1000 - round(y * 1000)) < 1e-6, text.get_text()
        buffer = io.StringIO()
        with plt.rc_context({"svg.hashsalt": "diplomatic-frames"}):  # as the style file sets it
            fig.savefig(buffer, format="svg", metadata={"Date": None})
        svgs.append(buffer.getvalue())
        plt.close(fig)
    assert svgs[0] == svgs[1]

def test_the_keyness_command(small_corpus, run_cli):
    corpus = str(small_corpus["corpus_dir"])
    status, out, _ = run_cli("keyness", "--corpus", corpus, "--by", "side", "--target", "CN", "--reference", "ROK",
                          "--method", "chi2", "--top", "5")
    assert status == 0
    table = pd.read_csv(io.StringIO(out))
    assert set(table["group"]) == {"CN"} and set(table["reference"]) == {"ROK"} and len(table) == 10
    status, out, _ = run_cli("keyness", "--corpus", corpus, "--background", str(small_corpus["background_dir"]), "--top", "3")
    assert status == 0 and (pd.read_csv(io.StringIO(out))["background_count"] > 0).any()
    status, _, err = run_cli("keyness", "--corpus", corpus, "--by", "side", "--target", "US")
    assert status == 2 and "unknown target group(s) ['US'] in column `side`" in err


def test_the_prior_options_match_monroe_colaresi_and_quinn_by_hand():
    share = (B + 0.5) / (B.sum() + 0.5 * len(B))
    seen = [TERMS[k] for k in SEEN]
    # "class-size" (the default, as scattertext): a0 is each group's own number of words, 6 and 5.
    named = compute_keyness(TOY, target="A", reference="B", background=BACKGROUND, prior_scale="class-size").set_index("term")
    default = compute_keyness(TOY, target="A", reference="B", background=BACKGROUND).set_index("term")
    expected = _monroe_z(Y_A, Y_B, 6 * share, 5 * share, 6, 5)
    np.testing.assert_allclose(named.loc[seen, "score"], expected[SEEN], rtol=1e-10)
    pd.testing.assert_frame_equal(named, default)
    # "background": a0 is the background's size (7 words + 0.5 for each of the 5 words), so the prior
    # counts are the smoothed background counts themselves: a_w = b_w + 0.5.
    back = compute_keyness(TOY, target="A", reference="B", background=BACKGROUND, prior_scale="background").set_index("term")
    np.testing.assert_allclose(back.loc[seen, "prior"], B[SEEN] + 0.5)
    np.testing.assert_allclose(back.loc[seen, "score"], _monroe_z(Y_A, Y_B, B + 0.5, B + 0.5, 9.5, 9.5)[SEEN], rtol=1e-10)
    # By hand for "peace": a = 2.5; delta = ln(6.5 / 9) - ln(2.5 / 12) = 1.243194; var = 1/6.5 + 1/2.5 = 0.553846;
    # z = 1.243194 / 0.744208 = 1.670491.
    assert back.loc["peace", "delta"] == pytest.approx(1.243194, abs=1e-5)
    assert back.loc["peace", "score"] == pytest.approx(1.670491, abs=1e-5)
    with pytest.raises(ValueError, match="prior_scale"):
        compute_keyness(TOY, target="A", reference="B", prior_scale="corpus")


def _scrambled():
    # the target says 300 words, the reference 6; "scrambled" is 0 vs 2 (expected count in the reference 0.05)
    target = pd.DataFrame({"voice": "CN", "text": ["we uphold peace and dialogue"] * 60})
    reference = pd.DataFrame({"voice": "ROK", "text": ["the jets scrambled", "scrambled the zone"]})
    return pd.concat([target, reference], ignore_index=True)


def test_small_expected_counts_get_fishers_exact_test_not_chi_squared():
    from scipy.stats import chi2, fisher_exact

    result = compute_keyness(_scrambled(), target="CN", reference="ROK", method="chi2").set_index("term")
    row = result.loc["scrambled"]
    exact = fisher_exact([[0, 300], [2, 4]]).pvalue
    pearson = chi2_contingency([[0, 300], [2, 4]], correction=True)[1]
    assert row["small_expected"] and row["test"] == "fisher"
    assert row["p_value"] == pytest.approx(exact, rel=1e-9)
    assert pearson < exact / 1e3  # what chi-squared would have claimed
    assert row["score"] == pytest.approx(-chi2.isf(exact, 1))  # signed, on the chi-squared scale of the exact p
    for term in ("we", "peace"):  # 60 vs 0: expected in the reference 1.2, small too
        assert result.loc[term, "p_value"] == pytest.approx(fisher_exact([[60, 240], [0, 6]]).pvalue, rel=1e-9)
    assert result["small_expected"].all()


@pytest.mark.parametrize("correction", [True, False])
def test_large_expected_counts_keep_pearsons_chi_squared_as_scipy_computes_it(correction):
    data = pd.DataFrame({"voice": ["A", "B"], "text": ["peace " * 40 + "dialogue " * 60, "peace " * 10 + "dialogue " * 40]})
    result = compute_keyness(data, target="A", reference="B", method="chi2", correction=correction).set_index("term")
    assert not result["small_expected"].any() and set(result["test"]) == {"chi2"}
    for term, y_i, y_j in (("peace", 40, 10), ("dialogue", 60, 40)):
        statistic, p_value, _, expected = chi2_contingency([[y_i, 100 - y_i], [y_j, 50 - y_j]], correction=correction)
        assert expected.min() >= 5
        assert result.loc[term, "score"] == pytest.approx(np.sign(y_i / 100 - y_j / 50) * statistic)
        assert result.loc[term, "p_value"] == pytest.approx(p_value)


def _benjamini_hochberg(p):
    """Benjamini & Hochberg (1995), step-up, written out: p_(k) * m / k, then the running minimum from the top."""
    p = np.asarray(p, dtype=float)
    order = np.argsort(p)
    m = len(p)
    ranked = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum(np.minimum.accumulate(ranked[::-1])[::-1], 1)
    out = np.empty(m)
    out[order] = adjusted
    return out


@pytest.mark.parametrize("method", ["log-odds", "chi2"])
def test_every_p_value_has_a_benjamini_hochberg_adjusted_one_beside_it(method):
    from scipy.stats import norm

    result = compute_keyness(_scrambled(), target="CN", reference="ROK", method=method, background=BACKGROUND)
    assert {"p_value", "p_adjusted"} <= set(result.columns)
    np.testing.assert_allclose(result["p_adjusted"], _benjamini_hochberg(result["p_value"]), rtol=1e-12)
    assert (result["p_adjusted"] >= result["p_value"]).all()
    if method == "log-odds":
        np.testing.assert_allclose(result["p_value"], 2 * norm.sf(np.abs(result["score"])), rtol=1e-12)
    every = compute_keyness(TOY.assign(voice=["A", "B", "C", "C"]), target=None, method=method)
    for _, part in every.groupby("group"):  # adjusted within each comparison
        np.testing.assert_allclose(part["p_adjusted"], _benjamini_hochberg(part["p_value"]), rtol=1e-12)


def test_a_missing_group_gives_an_empty_table_with_a_warning_only_when_asked():
    st = pd.DataFrame({"voice": ["CN", "CN"], "text": ["uphold multilateralism", "uphold dialogue"]})
    with pytest.raises(ValueError, match="unknown reference group"):
        compute_keyness(st, target="CN", reference="ROK")
    with pytest.warns(UserWarning, match=r"unknown reference group\(s\) \['ROK'\].*the table is empty"):
        empty = compute_keyness(st, target="CN", reference="ROK", missing="empty")
    assert list(empty.columns) == list(KEYNESS_COLUMNS) and empty.empty
    with pytest.warns(UserWarning, match="no reference group left"):
        assert compute_keyness(st, target="CN", missing="empty").empty  # "rest" is nobody
    with pytest.raises(ValueError, match="missing must be"):
        compute_keyness(st, target="CN", reference="ROK", missing="skip")
