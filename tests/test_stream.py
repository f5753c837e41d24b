"""The chunked path (analysis.scale.stream, chunks, manifest): same rows as in memory, in parallel, resumable, on Dask."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.frames import score_frames
from analysis.inputs.corpus import load_corpus
from analysis.inputs.errors import CorpusError
from analysis.inputs.speakers import load_speakers
from analysis.scale import read_stage, run_chunk, stream_corpus
from analysis.scale.manifest import Manifest
from analysis.statements import attribute_statements

SPEAKERS = """
speakers:
  - name: Moon Jae-in
    side: ROK
    aliases: [President Moon]
  - name: Wang Yi
    side: CN
    aliases: [Foreign Minister Wang Yi, Wang Yi]
"""

TEXTS = {
    "rok-2019": ("2019", "speech", "We uphold multilateralism and the United Nations.\n\nPeace on the Korean Peninsula needs dialogue."),
    "cn-2019": ("2019", "speech", "China supports the WHO. We oppose unilateralism.\n\nThe Peninsula issue needs dialogue and denuclearization."),
    "call-2020": ("2020-05-13", "readout", "President Moon said the two sides should deepen cooperation. Wang Yi noted that ties are close.\n\nBoth sides agreed to meet."),
    "rok-2020": ("2020", "speech", "The pandemic tests multilateralism. We thank the WHO for its guidance."),
    "cn-2020": ("2020", "speech", "China speaks highly of the achievements of the ROK. Trade and peace go together."),
}


def _write(folder, doc_id, date, genre, text, **extra):
    meta = "".join(f"{key}: {value}\n" for key, value in extra.items())
    (folder / f"{doc_id}.txt").write_text(
        f"---\nid: {doc_id}\ndate: {date}\ntitle: T {doc_id}\nsource: S\ngenre: {genre}\nlanguage: en\n{meta}---\n{text}\n", encoding="utf-8"
    )


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for doc_id, (date, genre, text) in TEXTS.items():
        _write(folder, doc_id, date, genre, text, side=doc_id.split("-")[0].upper())
    (tmp_path / "speakers.yaml").write_text(SPEAKERS, encoding="utf-8")
    return folder


def _in_memory(folder):
    registry = load_speakers(folder.parent / "speakers.yaml")
    return score_frames(attribute_statements(load_corpus(folder), registry), speakers=registry)


def _sorted(table):
    """Rows in document order; a missing value as None (in memory a column of only None is `object`, from Parquet `str`)."""
    table = table.sort_values(["doc_id", "sentence"]).reset_index(drop=True).astype(object)
    return table.where(table.notna(), None)


def test_the_chunked_rows_are_the_in_memory_rows(corpus, tmp_path):
    result = stream_corpus(corpus, tmp_path / "out", chunk_size=2)
    assert (result.n_chunks, result.n_documents) == (3, 5)
    streamed, expected = read_stage(result.folder, "frames"), _in_memory(corpus)
    assert result.n_statements == len(expected) == len(streamed)
    assert list(streamed.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(_sorted(streamed), _sorted(expected), check_dtype=False)
    documents = read_stage(result.folder, "documents")
    assert sorted(documents["doc_id"]) == sorted(TEXTS) and set(documents["side"]) == {"ROK", "CN", "CALL"}


def test_speeches_go_through_the_speech_rules_and_readouts_through_the_readout_rules(corpus, tmp_path):
    _write(corpus, "rok-2019", "2019", "speech", TEXTS["rok-2019"][2], side="ROK", speaker="Moon Jae-in")
    statements = read_stage(stream_corpus(corpus, tmp_path / "out", chunk_size=2).folder, "statements")
    assert set(statements.loc[statements["genre"] == "speech", "rule"]) == {"speech"}
    moon = statements[statements["doc_id"] == "rok-2019"]
    assert len(moon) == 2 and set(moon["speaker"]) == {"Moon Jae-in"} and set(moon["side"]) == {"ROK"}
    readout = statements[statements["doc_id"] == "call-2020"]
    assert {"reporting", "joint"} <= set(readout["rule"]) and "speech" not in set(readout["rule"])


def test_two_processes_write_what_one_writes(corpus, tmp_path):
    serial = stream_corpus(corpus, tmp_path / "serial", chunk_size=1, jobs=1)
    parallel = stream_corpus(corpus, tmp_path / "parallel", chunk_size=1, jobs=2)
    for stage in ("documents", "statements", "frames"):
        a, b = read_stage(serial.folder, stage), read_stage(parallel.folder, stage)
        if stage == "documents":  # the path column names the same files
            a, b = a.drop(columns="path"), b.drop(columns="path")
        pd.testing.assert_frame_equal(a, b)


def test_several_processes_take_the_largest_chunks_first(corpus, tmp_path, monkeypatch):
    import analysis.scale.stream as stream

    started = []
    monkeypatch.setattr(stream, "run_chunk", lambda task: started.append(task.number) or run_chunk(task))
    in_order = lambda n_jobs, return_as: lambda calls: (f(*a, **k) for f, a, k in calls)  # joblib's processes, here one by one
    monkeypatch.setattr(stream, "Parallel", in_order)
    stream_corpus(corpus, tmp_path / "one", chunk_size=1, jobs=1)
    assert started == [0, 1, 2, 3, 4]  # one process: in chunk order
    started.clear()
    stream_corpus(corpus, tmp_path / "two", chunk_size=1, jobs=2)
    sizes = [f.stat().st_size for f in sorted(corpus.glob("*.txt"))]
    assert len(set(sizes)) == 5 and started == sorted(range(5), key=lambda n: -sizes[n])
    for stage in ("statements", "frames"):
        pd.testing.assert_frame_equal(read_stage(tmp_path / "one", stage), read_stage(tmp_path / "two", stage))


def test_a_chunk_collects_garbage_less_often_and_gives_the_caller_its_thresholds_back(corpus, tmp_path, monkeypatch):
    import gc

    import analysis.scale.chunks as chunks

    seen, load = [], chunks.load_documents
    monkeypatch.setattr(chunks, "load_documents", lambda files: seen.append(gc.get_threshold()) or load(files))
    before = gc.get_threshold()
    try:
        gc.set_threshold(500, 7, 9)
        stream_corpus(corpus, tmp_path / "raised", chunk_size=2, jobs=1)
        assert gc.get_threshold() == (500, 7, 9) and seen and set(seen) == {(10_000, 7, 9)}  # raised while chunks run
        seen.clear()
        gc.set_threshold(0, 7, 9)  # automatic collection off: left off
        stream_corpus(corpus, tmp_path / "off", chunk_size=2, jobs=1)
        assert gc.get_threshold() == (0, 7, 9) and set(seen) == {(0, 7, 9)}
    finally:
        gc.set_threshold(*before)


def test_a_process_that_runs_chunks_does_not_import_scikit_learn(corpus, tmp_path):
    from analysis.frames.lexicon import as_lexicon
    from analysis.scale import ChunkTask
    from analysis.vectors import StatementVectorizer

    task = ChunkTask(0, tuple(str(f) for f in sorted(corpus.glob("*.txt"))), str(tmp_path / "out"), ("statements", "frames", "terms"),
                     load_speakers(corpus.parent / "speakers.yaml"), as_lexicon(None), StatementVectorizer().build_analyzer())
    (tmp_path / "task.pkl").write_bytes(pickle.dumps(task))
    worker = ("import pickle, sys; from analysis.scale.chunks import run_chunk; "
              f"done = run_chunk(pickle.loads(open({str(tmp_path / 'task.pkl')!r}, 'rb').read())); "
              "print(done['n_statements'], sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn')[:3])")
    out = subprocess.run([sys.executable, "-c", worker], cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, check=True).stdout
    n_statements, sklearn_modules = out.split(" ", 1)
    assert sklearn_modules.strip() == "[]"  # the chunk's stages, its analyzer included, need none
    assert int(n_statements) == len(pd.read_parquet(tmp_path / "out" / "statements" / "part-00000.parquet")) > 0


def test_a_rerun_computes_only_what_changed(corpus, tmp_path):
    out = tmp_path / "out"
    first = stream_corpus(corpus, out, chunk_size=2)
    assert first.computed == {"documents": 3, "statements": 3, "frames": 3, "terms": 3}
    assert stream_corpus(corpus, out, chunk_size=2).computed == {"documents": 0, "statements": 0, "frames": 0, "terms": 0}
    _write(corpus, "rok-2020", "2020", "speech", "A changed text on multilateralism and trade.", side="ROK")  # chunk 2 of 3 (sorted names)
    again = stream_corpus(corpus, out, chunk_size=2)
    assert again.computed == {"documents": 1, "statements": 1, "frames": 1, "terms": 1}
    assert "A changed text on multilateralism and trade." in read_stage(out, "frames")["text"].tolist()
    lexicon = tmp_path / "frames.yaml"
    lexicon.write_text("frames:\n  trade:\n    description: trade\n    terms: [trade]\n", encoding="utf-8")
    other = stream_corpus(corpus, out, chunk_size=2, lexicon=lexicon)
    assert other.computed == {"documents": 0, "statements": 0, "frames": 3, "terms": 0}
    assert read_stage(out, "frames")["trade"].sum() == 2  # "...multilateralism and trade.", "Trade and peace go together."


def test_a_stopped_run_leaves_a_usable_manifest(corpus, tmp_path):
    out = tmp_path / "out"
    stream_corpus(corpus, out, chunk_size=2)
    manifest = Manifest(out)
    (out / "frames" / "part-00001.parquet").unlink()  # as if the run had stopped before this part
    assert not manifest.is_done(1, "frames", manifest.chunks[1]["keys"]["frames"])
    assert stream_corpus(corpus, out, chunk_size=2).computed == {"documents": 0, "statements": 0, "frames": 1, "terms": 0}


def _dumped(manifest):
    """The manifest file as first written: the whole content through ``json.dumps(..., indent=1)`` at every save."""
    chunks = {str(k): v for k, v in sorted(manifest.chunks.items())}
    return json.dumps({"version": 1, "n_chunks": manifest.n_chunks, "chunks": chunks}, indent=1)


def test_the_manifest_file_is_the_json_dump_of_its_content(tmp_path):
    manifest = Manifest(tmp_path / "out")
    manifest.restart(12)
    assert manifest.to_json() == _dumped(manifest)  # no chunk yet
    odd = [["a\nb", "dir/\"quoted\" \u00e9\u4e2d.txt"], ["", "\t"]]
    for number in (10, 2, 0, 11, 1):  # out of order, as parallel chunks finish
        manifest.record(number, {"statements": f"k{number}", "frames": "f"}, n_documents=number, n_statements=3 * number, doc_ids=odd[: number % 3])
        assert manifest.to_json() == _dumped(manifest)
    manifest.record(2, {"terms": "t"}, n_documents=5, n_statements=7, doc_ids=[["x", "x.txt"]])  # recorded again
    assert manifest.to_json() == _dumped(manifest)
    manifest.restart(3)  # fewer chunks: the records past them are dropped
    assert manifest.to_json() == _dumped(manifest) and (tmp_path / "out" / "manifest.json").read_text(encoding="utf-8") == _dumped(manifest)
    reread = Manifest(tmp_path / "out")
    assert reread.to_json() == _dumped(reread) == _dumped(manifest)


def test_duplicate_ids_across_chunks_name_both_files(corpus, tmp_path):
    _write(corpus, "zz-copy", "2019", "speech", "Another text.")
    (corpus / "zz-copy.txt").write_text((corpus / "zz-copy.txt").read_text(encoding="utf-8").replace("id: zz-copy", "id: cn-2019"), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"zz-copy.txt:1: duplicate id `cn-2019` \(also in .*cn-2019.txt\)"):
        stream_corpus(corpus, tmp_path / "out", chunk_size=2)


def test_bad_documents_and_options_are_reported(corpus, tmp_path):
    (corpus / "bad.txt").write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="bad.txt:1: no front matter"):
        stream_corpus(corpus, tmp_path / "out")
    with pytest.raises(ValueError, match="engine='spark'"):
        stream_corpus(corpus, tmp_path / "out", engine="spark")
    with pytest.raises(FileNotFoundError, match="no chunked output"):
        read_stage(tmp_path / "nowhere", "frames")


def test_dask_on_a_local_cluster_writes_what_joblib_writes(corpus, tmp_path):
    distributed = pytest.importorskip("distributed")
    serial = stream_corpus(corpus, tmp_path / "serial", chunk_size=2)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            on_dask = stream_corpus(corpus, tmp_path / "dask", chunk_size=2, engine="dask", scheduler=client)
    assert on_dask.computed == serial.computed
    pd.testing.assert_frame_equal(read_stage(serial.folder, "frames"), read_stage(on_dask.folder, "frames"))
    threads = stream_corpus(corpus, tmp_path / "threads", chunk_size=2, engine="dask", scheduler="threads", jobs=2)
    pd.testing.assert_frame_equal(read_stage(serial.folder, "frames"), read_stage(threads.folder, "frames"))


def test_the_command_line_writes_parquet_with_jobs(corpus, tmp_path, run_cli):
    status, out, err = run_cli("statements", "--corpus", str(corpus), "--out-parquet", str(tmp_path / "out"), "--jobs", "2", "--chunk-size", "2")
    assert status == 0 and out == "" and "5 documents" in err and "3 chunks" in err
    assert len(read_stage(tmp_path / "out", "frames")) == len(_in_memory(corpus))
    status, _, err = run_cli("statements", "--corpus", str(corpus), "--jobs", "2")
    assert status == 2 and "--out-parquet" in err
