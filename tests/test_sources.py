import json
from pathlib import Path

import pytest

from analysis.inputs.corpus import load_corpus
from analysis.inputs.sources import import_press_conferences, import_seeds, import_shared

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"


def _fake_shared(root):
    (root / "seeds").mkdir(parents=True)
    (root / "corpora").mkdir()
    (root / "seeds" / "2020-05-13_xi-moon-phone-call_mfa.txt").write_text(
        "Home\u00a0>\u00a0News from China\nPresident Xi Jinping Speaks with ROK President Moon Jae-in on the Phone\n\nMade-up first paragraph.\n\nSuggest To A Friend:",
        encoding="utf-8",
    )
    (root / "seeds" / "2020-11-26_moon-meets-wang-yi_mfa.txt").write_text(" date 2020-11-30 Made-up paragraph.\n\nAnother one.", encoding="utf-8")
    rows = [
        {"id": "mfa-presscon-2019-01-02-t1", "date": "2019-01-02", "date_note": "", "title": "Spokesperson Lu Kang's Regular Press Conference", "url": "u1", "source_repo": "r", "source_commit": "c", "source_path": "p1", "text": "Q: On the Korean Peninsula?\n\nA: Made up."},
        {"id": "mfa-presscon-2019-01-03-t2", "date": "2019-01-03", "date_note": "year inferred", "title": "Spokesperson Lu Kang's Remarks", "url": "u2", "source_repo": "r", "source_commit": "c", "source_path": "p2", "text": "Q: On trade?\n\nA: Made up."},
    ]
    (root / "corpora" / "mfa_press_conferences_2018_2020.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    un = {"id": "ungdc-chn-2019", "year": 2019, "session": 74, "country_iso3": "CHN", "country": "China", "speaker_name": "Mr. Wang Yi", "speaker_post": "Minister", "dataset": "UNGDC", "dataset_doi": "d", "source_repo": "r", "source_commit": "c", "source_path": "p", "text": "Made up."}
    (root / "corpora" / "ungdc_six_parties_1991_2024.jsonl").write_text(json.dumps(un) + "\n", encoding="utf-8")
    (root / "corpora" / "ungdc_background_2018_2020.jsonl").write_text(json.dumps(dict(un, id="ungdc-fra-2019", country_iso3="FRA")) + "\n", encoding="utf-8")
    ko = {"id": "pa-speech-1", "date_raw": "2019.12.23", "title": "T", "kind": "회의", "location": "국외", "url": "u", "package": "p",
          "wheel": "w", "wheel_sha256": "s", "wheel_path": "x", "text": "한중 관계입니다."}
    (root / "corpora" / "moon_speeches_ko_2017_2022.jsonl").write_text(json.dumps(ko) + "\n" + json.dumps(dict(ko, id="pa-speech-2", text="농업.")) + "\n", encoding="utf-8")
    return root


def test_import_removes_only_the_navigation_and_keeps_provenance(tmp_path):
    shared = _fake_shared(tmp_path / "shared")
    counts = import_shared(shared, tmp_path / "corpus")
    assert counts == {"seeds": 2, "press-conferences": 1, "background": 1, "un-general-debate": 1, "un-background": 1,
                      "rok-president-ko": 1, "rok-president-ko-background": 1}
    seeds = load_corpus(tmp_path / "corpus" / "documents" / "mfa" / "seeds").set_index("doc_id")
    assert seeds.loc["2020-05-13-xi-moon-phone-call", "text"] == "Made-up first paragraph."
    assert seeds.loc["2020-05-13-xi-moon-phone-call", "title"] == "President Xi Jinping Speaks with ROK President Moon Jae-in on the Phone"
    assert seeds.loc["2020-11-26-moon-meets-wang-yi", "text"] == "Made-up paragraph.\n\nAnother one."
    assert seeds.loc["2020-11-26-moon-meets-wang-yi", "published"] == "2020-11-30"
    background = load_corpus(tmp_path / "corpus" / "background" / "press-conferences").iloc[0]
    assert background["genre"] == "remarks" and background["date_note"] == "year inferred"
    assert background["provenance"] == {"collection": "shared/corpora/mfa_press_conferences_2018_2020.jsonl line 2", "repository": "r", "commit": "c", "path": "p2"}


def test_a_seed_without_the_expected_navigation_is_refused(tmp_path):
    shared = _fake_shared(tmp_path / "shared")
    (shared / "seeds" / "2020-05-13_xi-moon-phone-call_mfa.txt").write_text("A real first line\nTitle\n\nText\n\nSuggest To A Friend:", encoding="utf-8")
    with pytest.raises(ValueError, match="expected the line 'Home > News from China'"):
        import_seeds(shared, tmp_path / "corpus")


def test_a_broken_json_line_is_named(tmp_path):
    shared = _fake_shared(tmp_path / "shared")
    path = shared / "corpora" / "mfa_press_conferences_2018_2020.jsonl"
    path.write_text(path.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"jsonl:3: not a JSON object"):
        import_press_conferences(shared, tmp_path / "corpus")


@pytest.mark.skipif(not (SHARED / "corpora").is_dir(), reason="the shared source folder is not beside the project")
def test_the_shipped_corpus_has_the_shared_transcripts_word_for_word():
    rows = {}
    with open(SHARED / "corpora" / "mfa_press_conferences_2018_2020.jsonl", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            rows[row["id"]] = row
    shipped = {}
    for part in ("documents/mfa/press-conferences", "background/press-conferences"):
        for row in load_corpus(PROJECT / "corpus" / part).itertuples():
            shipped[row.doc_id] = row
    assert set(shipped) == set(rows)
    for doc_id, row in rows.items():
        assert shipped[doc_id].text == row["text"].strip("\n")
        assert shipped[doc_id].url == row["url"]
        assert shipped[doc_id].provenance["commit"] == row["source_commit"]
