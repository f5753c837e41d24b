import io
import json
import tarfile
from pathlib import Path

import openpyxl
import pytest

from analysis.inputs.corpus import load_corpus
from analysis.inputs.speakers import load_speakers
from analysis.inputs.ungdc import SIDES, import_un_shared, import_ungdc, read_ungdc_speakers

PROJECT = Path(__file__).resolve().parent.parent
# the shared folder beside the project (or beside the folder of a git worktree)
SHARED = next((p for p in (PROJECT.parent / "shared", PROJECT.parent.parent / "shared") if (p / "corpora").is_dir()), PROJECT.parent / "shared")
HEADER = ["Year", "Session", "ISO Code", "Country", "Name of Person Speaking", "Post", None]


def _row(**fields):
    row = {"id": "ungdc-kor-1991", "year": 1991, "session": 46, "country_iso3": "KOR", "country": "Korea, Republic of",
           "speaker_name": "ROH TAE WOO", "speaker_post": "President", "dataset": "UNGDC v13", "dataset_doi": "https://doi.org/10.7910/DVN/0TJX8Y",
           "source_repo": "owner/repo", "source_commit": "abc", "source_path": "data/x.txt", "text": "Made up."}
    row.update(fields)
    return row


def _shared(root, six, background=()):
    (root / "corpora").mkdir(parents=True)
    for name, rows in (("ungdc_six_parties_1991_2024.jsonl", six), ("ungdc_background_2018_2020.jsonl", background)):
        (root / "corpora" / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return root


def test_shared_import_keeps_every_character_and_writes_the_front_matter(tmp_path):
    texts = {
        "ungdc-kor-1991": "\ufeffThree years ago\rI had the plea-\nsure of the Anti- Fascist.\r",
        "ungdc-jpn-1991": "\nFirst, congratulations.Peace  \n\n\n",
        "ungdc-prk-1992": " On behalf\nof my delegation. \u2028 done",
    }
    six = [
        _row(id="ungdc-kor-1991", text=texts["ungdc-kor-1991"]),
        _row(id="ungdc-jpn-1991", country_iso3="JPN", country="Japan", speaker_name="NAKAYAMA", speaker_post="", text=texts["ungdc-jpn-1991"]),
        _row(id="ungdc-prk-1992", year=1992, session=47, country_iso3="PRK", speaker_name="Mr KIM", speaker_post="", text=texts["ungdc-prk-1992"]),
    ]
    background = [_row(id="ungdc-fra-2019", year=2019, session=74, country_iso3="FRA", country="France", speaker_name="Mr. Emmanuel Macron")]
    counts = import_un_shared(_shared(tmp_path / "shared", six, background), tmp_path / "corpus")
    assert counts == {"un-general-debate": 3, "un-background": 1}
    docs = load_corpus(tmp_path / "corpus" / "documents" / "un-general-debate").set_index("doc_id")
    for doc_id, text in texts.items():
        assert docs.loc[doc_id, "text"] == text
    kor = docs.loc["ungdc-kor-1991"]
    assert (kor["side"], kor["country"], kor["speaker"], kor["speaker_post"], kor["session"]) == ("ROK", "KOR", "Roh Tae-woo", "President", 46)
    assert kor["title"] == "The Republic of Korea at the 46th session of the UN General Assembly general debate (1991)"
    assert (kor["date_precision"], kor["year"], str(kor["date"].date())) == ("year", 1991, "1991-01-01")
    assert kor["genre"] == "speech" and kor["url"] == kor["dataset_doi"] == "https://doi.org/10.7910/DVN/0TJX8Y"
    assert kor["provenance"] == {"collection": "shared/corpora/ungdc_six_parties_1991_2024.jsonl line 1", "source_repo": "owner/repo",
                                 "source_commit": "abc", "source_path": "data/x.txt", "speaker_as_recorded": "ROH TAE WOO"}
    assert docs.loc["ungdc-jpn-1991", "speaker"] == "Taro Nakayama"  # a surname alone, resolved by country and year
    assert docs.loc["ungdc-prk-1992", "speaker"] == ""  # "Mr KIM": not guessed
    fra = load_corpus(tmp_path / "corpus" / "background" / "un-general-debate").iloc[0]
    assert (fra["side"], fra["speaker"]) == ("FRA", "Emmanuel Macron")


def test_a_broken_jsonl_line_is_named(tmp_path):
    shared = _shared(tmp_path / "shared", [_row()])
    path = shared / "corpora" / "ungdc_six_parties_1991_2024.jsonl"
    path.write_text(path.read_text(encoding="utf-8") + json.dumps({"id": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"jsonl:2: missing field\(s\) year"):
        import_un_shared(shared, tmp_path / "corpus")


@pytest.mark.skipif(not (SHARED / "corpora").is_dir(), reason="the shared source folder is not beside the project")
def test_the_shipped_un_documents_are_the_shared_texts_character_for_character():
    rows = {}
    for name in ("ungdc_six_parties_1991_2024.jsonl", "ungdc_background_2018_2020.jsonl"):
        with open(SHARED / "corpora" / name, encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                rows[row["id"]] = row
    shipped = {}
    for part in ("documents/un-general-debate", "background/un-general-debate"):
        for row in load_corpus(PROJECT / "corpus" / part).itertuples():
            shipped[row.doc_id] = row
    assert set(shipped) == set(rows)
    registry = load_speakers(PROJECT / "corpus" / "speakers.yaml")
    for doc_id, row in rows.items():
        document = shipped[doc_id]
        assert document.text == row["text"], doc_id
        assert document.provenance["source_commit"] == row["source_commit"] and document.provenance["source_path"] == row["source_path"]
        assert (document.year, document.session, document.country) == (row["year"], row["session"], row["country_iso3"])
        if row["country_iso3"] in SIDES:
            assert document.side == SIDES[row["country_iso3"]]
            if document.speaker:  # every named head of delegation is registered, on the right side
                assert registry.get(document.speaker).side == document.side, doc_id
    six = [d for d in shipped.values() if d.country in SIDES]
    assert len(six) == 204 and sum(1 for d in six if not d.speaker) == 3  # DPRK 1992 ("Mr KIM"), 2005, 2017: no name in the source


# ---------------------------------------------------------------------- the official release


def _xlsx(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.create_sheet("Sheet2")  # the release has empty extra sheets
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SPEAKERS = [
    [1965, 20, "CHN", "China", "Mr. LIU ", None, None],
    [1991, 46, "CHN", "China", "QIAN QICHEN ", None, None],
    [1991, 46, "KOR", "Korea, Republic of", "ROH TAE WOO", "President", "a note"],
    [1991, 46, "CMR", "Cameroon", "Mr. A", None, None],
    [1991, 46, "CMR", "Cameroon", "Mr. B", "President", None],
    [1991, 46, "PRK", "North Korea", None, "Minister", None],
]
SPEECHES = {
    "Session 20 - 1965/CHN_20_1965.txt": "\ufeffMade-up speech of 1965.\r",
    "Session 46 - 1991/CHN_46_1991.txt": "Made-up speech\nof 1991.",
    "Session 46 - 1991/KOR_46_1991.txt": "Another made-up speech.",
    "Session 46 - 1991/CMR_46_1991.txt": "Two speakers that year.",
    "Session 46 - 1991/PRK_46_1991.txt": "No name in the table.",
    "Session 46 - 1991/USA_46_1991.txt": "No row in the table.",
}


def _release(root, speeches=SPEECHES):
    for name, text in speeches.items():
        path = root / "TXT" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        (path.parent / f"._{path.name}").write_bytes(b"\x00\x05\x16\x07 macOS metadata")
    (root / "TXT" / ".DS_Store-to-UTF-8.txt").write_bytes(b"junk")
    (root / "README.txt").write_text("Latest version ...", encoding="utf-8")
    (root / "Speakers_by_session.xlsx").write_bytes(_xlsx(SPEAKERS))
    return root


def _check_import(report, out):
    docs = report.documents.set_index("doc_id")
    assert sorted(docs.index) == ["ungdc-chn-1991", "ungdc-cmr-1991", "ungdc-kor-1991", "ungdc-prk-1991", "ungdc-roc-1965", "ungdc-usa-1991"]
    roc = docs.loc["ungdc-roc-1965"]
    assert (roc["country"], roc["side"], roc["speaker"]) == ("Republic of China", "ROC", "LIU")
    assert (docs.loc["ungdc-chn-1991", "side"], docs.loc["ungdc-chn-1991", "speaker"]) == ("CN", "Qian Qichen")
    assert docs.loc["ungdc-kor-1991", "speaker"] == "Roh Tae-woo"
    assert docs["speaker_status"].sort_index().to_dict() == {
        "ungdc-chn-1991": "ok", "ungdc-cmr-1991": "ambiguous", "ungdc-kor-1991": "ok", "ungdc-prk-1991": "missing", "ungdc-roc-1965": "ok", "ungdc-usa-1991": "missing",
    }
    assert sorted(report.unnamed["doc_id"]) == ["ungdc-cmr-1991", "ungdc-prk-1991", "ungdc-usa-1991"]
    assert "Mr. A (no post); Mr. B (President)" in docs.loc["ungdc-cmr-1991", "speaker_note"]
    assert all(docs.loc[d, "speaker"] == "" for d in ("ungdc-cmr-1991", "ungdc-prk-1991", "ungdc-usa-1991"))
    assert any("._CHN_20_1965.txt: hidden file" in s for s in report.skipped)
    assert any(".DS_Store-to-UTF-8.txt: hidden file" in s for s in report.skipped)
    loaded = load_corpus(out).set_index("doc_id")
    assert loaded.loc["ungdc-roc-1965", "text"] == "\ufeffMade-up speech of 1965.\r"
    assert loaded.loc["ungdc-roc-1965", "title"] == "The Republic of China at the 20th session of the UN General Assembly general debate (1965)"
    assert set(loaded["date_precision"]) == {"year"}


def test_import_from_a_release_folder(tmp_path):
    root = _release(tmp_path / "release")
    report = import_ungdc(root, out=tmp_path / "out")
    _check_import(report, tmp_path / "out")
    assert any("README.txt: not a .txt file in a `Session NN - YYYY` folder" in s for s in report.skipped)
    assert "6 speech(es) written; 3 without a speaker name" in str(report)


def test_import_from_a_tgz_with_the_speakers_table_beside_it(tmp_path):
    root = _release(tmp_path / "release")
    archive = tmp_path / "downloads" / "UNGDC_1946-2023.tgz"
    archive.parent.mkdir()
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(root / "TXT", arcname="TXT")
    (root / "Speakers_by_session.xlsx").rename(archive.parent / "Speakers_by_session.xlsx")
    report = import_ungdc(archive, out=tmp_path / "out")
    _check_import(report, tmp_path / "out")


def test_countries_and_years_filter_the_release(tmp_path):
    root = _release(tmp_path / "release")
    report = import_ungdc(root, out=tmp_path / "out", countries=["chn", "KOR"], years="1991-2024")
    assert report.documents["doc_id"].tolist() == ["ungdc-chn-1991", "ungdc-kor-1991"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ungdc-chn-1991.txt", "ungdc-kor-1991.txt"]
    assert import_ungdc(root, out=tmp_path / "out2", years=[1965]).documents["side"].tolist() == ["ROC"]
    with pytest.raises(ValueError, match="write YYYY or YYYY-YYYY"):
        import_ungdc(root, out=tmp_path / "out3", years="1991 to 2000")


def test_a_malformed_file_name_is_named(tmp_path):
    root = _release(tmp_path / "release", {**SPEECHES, "Session 46 - 1991/China 1991.txt": "x"})
    with pytest.raises(ValueError, match=r"Session 46 - 1991/China 1991\.txt: malformed speech file name"):
        import_ungdc(root, out=tmp_path / "out")
    root = _release(tmp_path / "release2", {"Session 46 - 1991/CHN_47_1992.txt": "x"})
    with pytest.raises(ValueError, match=r"CHN_47_1992\.txt: session and year of the file name .* disagree with its folder"):
        import_ungdc(root, out=tmp_path / "out")


def test_a_missing_speakers_table_or_speech_says_what_to_do(tmp_path):
    root = _release(tmp_path / "release")
    (root / "Speakers_by_session.xlsx").unlink()
    with pytest.raises(FileNotFoundError, match="no Speakers_by_session.xlsx in it or beside it"):
        import_ungdc(root, out=tmp_path / "out")
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="no `Session NN - YYYY/ISO_NN_YYYY.txt` speech found"):
        import_ungdc(tmp_path / "empty", out=tmp_path / "out")


def test_a_speakers_table_without_the_release_columns_is_refused(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["year", "country", "speaker"])
    path = tmp_path / "other.xlsx"
    book.save(path)
    with pytest.raises(ValueError, match="other.xlsx: no sheet has the columns Year, Session, ISO Code"):
        read_ungdc_speakers(path)


def test_the_command_line_imports_the_release_and_prints_the_report(tmp_path, run_cli):
    root = _release(tmp_path / "release")
    status, out, _ = run_cli("import-ungdc", str(root), "--out", str(tmp_path / "out"), "--countries", "CHN", "KOR",
                             "--years", "1991-2024", "--speakers-xlsx", str(root / "Speakers_by_session.xlsx"))
    assert status == 0
    assert out.startswith("2 speech(es) written; 0 without a speaker name")
    assert sorted(p.name for p in (tmp_path / "out").glob("*.txt")) == ["ungdc-chn-1991.txt", "ungdc-kor-1991.txt"]
