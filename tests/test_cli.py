import io
import json
import subprocess
import sys

import pandas as pd


def test_validate_reports_a_clean_corpus_and_exits_0(small_corpus, run_cli):
    status, out, _ = run_cli("validate", "--corpus", str(small_corpus["corpus_dir"]))
    assert status == 0
    assert "8 documents" in out and "no problem in the files" in out
    assert "Unattributed sentences (speaker `unknown`): 0" in out
    assert "Speakers not in the speakers file" in out


def test_validate_lists_every_problem_and_exits_2(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text("---\nid: a\ndate: 2020-02-31\n---\nText.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("No front matter.\n", encoding="utf-8")
    status, out, _ = run_cli("validate", "--corpus", str(tmp_path), "--speakers", "unused.yaml")
    assert status == 2
    assert f"{tmp_path / 'a.txt'}:3: bad date `2020-02-31`" in out
    assert f"{tmp_path / 'b.txt'}:1: no front matter" in out
    assert "problem(s): fix them" in out


def test_validate_counts_and_locates_unattributed_sentences(tmp_path, small_corpus, run_cli):
    (tmp_path / "a.txt").write_text(
        "---\nid: a\ndate: 2020-01-01\ntitle: T\nsource: S\ngenre: readout\nlanguage: en\n---\nThe weather was fine.\n\nPresident Xi said so.\n",
        encoding="utf-8",
    )
    status, out, _ = run_cli("validate", "--corpus", str(tmp_path), "--speakers", str(small_corpus["speakers_path"]))
    assert status == 0
    assert "Unattributed sentences (speaker `unknown`): 1" in out
    assert f"{tmp_path / 'a.txt'}:9: 'The weather was fine.'" in out


def test_a_bad_speakers_file_exits_2_with_its_problems(tmp_path, small_corpus, run_cli):
    bad = tmp_path / "speakers.yaml"
    bad.write_text("speakers:\n  - name: X\n    side: nowhere\n", encoding="utf-8")
    status, _, err = run_cli("validate", "--corpus", str(small_corpus["corpus_dir"]), "--speakers", str(bad))
    assert status == 2 and f"{bad}:2: speaker 'X': bad `side`" in err


def test_statements_as_csv_and_jsonl(small_corpus, run_cli):
    status, out, _ = run_cli("statements", "--corpus", str(small_corpus["corpus_dir"] / "seeds"))
    assert status == 0
    table = pd.read_csv(io.StringIO(out))
    assert {"statement_id", "speaker", "side", "cue", "text", "start", "end"} <= set(table.columns)
    assert len(table) == 34 and table["date"].iloc[0] == "2020-05-13"
    status, out, _ = run_cli("statements", "--corpus", str(small_corpus["corpus_dir"] / "seeds"), "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines() if line]
    assert len(records) == 34 and records[1]["speaker"] == "Xi Jinping"


def test_a_missing_corpus_is_a_clear_error(tmp_path, run_cli):
    status, _, err = run_cli("statements", "--corpus", str(tmp_path / "nowhere"), "--speakers", "x.yaml")
    assert status == 2 and "no such corpus folder" in err


def test_python_dash_m_analysis_runs(small_corpus):
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", "--corpus", str(small_corpus["corpus_dir"] / "seeds")],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "2 documents, 34 sentences" in done.stdout


def test_a_bad_grouping_column_is_named_without_python_quoting(small_corpus, run_cli):
    status, _, err = run_cli("frames", "--corpus", str(small_corpus["corpus_dir"]), "--by", "nosuch", "--n-boot", "10")
    assert status == 2
    assert err.startswith("error: no column `nosuch` to group by") and not err.startswith("error: \"")


def _speeches(folder, years=(2001, 2002, 2003)):
    texts = {"CN": "We support multilateralism and the United Nations. The weather is fine.",
             "ROK": "The Korean Peninsula needs peace. We support dialogue with the DPRK."}
    for year in years:
        for side, text in texts.items():
            (folder / f"{side.lower()}-{year}.txt").write_text(
                f"---\nid: {side.lower()}-{year}\ndate: {year}\ntitle: T\nsource: S\ngenre: speech\nlanguage: en\n"
                f"side: {side}\nspeaker: ''\n---\n{text}\n", encoding="utf-8")
    (folder / "speakers.yaml").write_text("speakers:\n  - name: Nobody\n    side: XX\n", encoding="utf-8")


def test_frames_compare_pairs_speeches_by_year(tmp_path, run_cli):
    _speeches(tmp_path)
    status, out, err = run_cli("frames", "--corpus", str(tmp_path), "--by", "side", "--compare", "CN", "ROK", "--n-boot", "99")
    assert status == 0 and "paired design: CN and ROK paired by year" in err
    table = pd.read_csv(io.StringIO(out)).set_index("frame")
    assert table.loc["peninsula", "strata"] == "year" and table.loc["peninsula", "units"] == "doc_id"
    assert table.loc["peninsula", "n_strata"] == 3 and table.loc["peninsula", "p_method"] == "exact"
    assert table.loc["peninsula", "difference"] == -100.0  # every year: CN 0 of 2 sentences, ROK 2 of 2 (Peninsula, DPRK)
    assert table.loc["peninsula", "p_value"] == 0.25  # 2 of the 8 sign flips are as extreme


def test_frames_compare_within_documents_when_not_one_speech_a_year(tmp_path, run_cli):
    _speeches(tmp_path, years=(2001,))
    status, out, err = run_cli("frames", "--corpus", str(tmp_path), "--by", "side", "--compare", "CN", "ROK", "--n-boot", "99")
    assert status == 0 and "design: within documents" in err
    assert set(pd.read_csv(io.StringIO(out))["strata"]) == {"doc_id"}
    status, out, err = run_cli("frames", "--corpus", str(tmp_path), "--by", "side", "--compare", "CN", "ROK", "--n-boot", "99",
                               "--paired-by", "year")
    assert "paired by year" in err and set(pd.read_csv(io.StringIO(out))["strata"]) == {"year"}
