"""Bad input, as a table (issue 11): each case builds its input in tmp_path, runs one command, and
expects an exit status and the first line of stderr (``{tmp}`` stands for tmp_path).

Every user-caused failure is one line naming the file and what to do, exit status 2; warnings
are ``warning: ...`` lines and the command goes on. The documents are tiny made-up snippets.
"""

from __future__ import annotations

import dataclasses
import io
import os
import pathlib
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Callable

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SPEAKERS = """speakers:
  - name: Moon Jae-in
    side: ROK
    aliases: [President Moon, Moon]
  - name: Wang Yi
    side: CN
    aliases: [Foreign Minister Wang Yi, Wang]
  - name: Mike Pompeo
    side: US
    aliases: [Secretary Pompeo]
"""
TEXT = "President Moon said the two sides should keep talking.\n\nWang said China agreed.\n"


def document(folder: Path, name: str = "a.txt", *, extra: str = "", date: str = "2020-05-13", text: str = TEXT,
             language: str = "en") -> Path:
    """A made-up document with front matter (``extra``: more front-matter lines)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\nid: {Path(name).stem.lower()}\ndate: {date}\ntitle: T\nsource: S\ngenre: readout\n"
                    f"language: {language}\n{extra}---\n{text}", encoding="utf-8")
    return path


def corpus(tmp: Path, **kwargs) -> Path:
    """A corpus folder with one document and a speakers file."""
    document(tmp / "c", **kwargs)
    (tmp / "c" / "speakers.yaml").write_text(SPEAKERS, encoding="utf-8")
    return tmp / "c"


def unreadable(path: Path, monkeypatch) -> None:
    """Make a file or folder unreadable (as root, whom modes do not stop, by failing its reads)."""
    path.chmod(0)
    if os.geteuid() != 0:
        return
    denied = PermissionError(13, "Permission denied", str(path))
    if path.is_dir():
        scandir = os.scandir
        monkeypatch.setattr(os, "scandir", lambda top=".": (_ for _ in ()).throw(denied) if Path(top) == path else scandir(top))
    else:
        read_bytes = pathlib.Path.read_bytes
        monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self: (_ for _ in ()).throw(denied) if self == path else read_bytes(self))


def lexicon(tmp: Path, frames: str) -> Path:
    path = tmp / "frames.yaml"
    path.write_text("frames:\n" + frames, encoding="utf-8")
    return path


@dataclasses.dataclass
class Case:
    id: str
    build: Callable  # (tmp_path, monkeypatch) -> argv (list of str)
    status: int
    first_line: str  # the first line of stderr; "" for none
    stdout_has: str | None = None
    stdout_lacks: str | None = None
    process: bool = False  # run as `python -m analysis` in its own process (pipes, full disks)


def _c(tmp, **kwargs):
    return str(corpus(tmp, **kwargs))


CASES = [
    # 1. help
    Case("help", lambda t, m: ["--help"], 0, ""),
    Case("help -h", lambda t, m: ["-h"], 0, ""),
    Case("no arguments", lambda t, m: [], 2, "", stdout_has="usage: python -m analysis"),
    *[Case(f"help of {name}", lambda t, m, name=name: [name, "--help"], 0, "")
      for name in ("validate", "statements", "frames", "keyness", "themes", "figures", "import-shared")],
    # 2. reserved front-matter keys
    *[Case(f"front-matter key {key}", lambda t, m, key=key: ["statements", "--corpus", _c(t, extra=f"{key}: x\n")], 2,
           f"error: {{tmp}}/c/a.txt:8: `{key}` is a column the loader computes (or a reserved name); rename or remove the key")
      for key in ("text", "doc_id", "path", "_id_line")],
    # 3. every file read or named
    Case("*.TXT read", lambda t, m: ["validate", "--corpus", str(document(corpus(t), "B.TXT").parent)], 0, "",
         stdout_has="2 documents"),
    Case("folder named b.txt", lambda t, m: ["validate", "--corpus", str((corpus(t) / "b.txt").mkdir() or t / "c")], 0, "",
         stdout_has="1 documents"),
    Case("linked folder followed", lambda t, m: ["validate", "--corpus", str(
        (corpus(t) / "more").symlink_to(document(t / "elsewhere", "b.txt").parent) or t / "c")], 0, "", stdout_has="2 documents"),
    Case("unreadable file", lambda t, m: ["statements", "--corpus", str(
        unreadable(document(corpus(t), "b.txt"), m) or t / "c")], 2,
        "error: {tmp}/c/b.txt: cannot read this file (Permission denied); make it readable or move it out of the corpus folder"),
    Case("unreadable folder", lambda t, m: ["statements", "--corpus", str(
        unreadable(document(corpus(t) / "sub", "b.txt").parent, m) or t / "c")], 2,
        "error: {tmp}/c/sub: cannot read this folder (Permission denied); make it readable or move it out of the corpus folder"),
    Case("other files named", lambda t, m: ["validate", "--corpus", str(
        (corpus(t) / "notes.md").write_text("draft") and t / "c")], 0,
        "warning: {tmp}/c/notes.md: not read: only *.txt files are documents; rename it to .txt if it is one"),
    # 4. figures folder locked
    Case("figures folder locked", lambda t, m: ["figures", "--out", str(
        (t / "out").mkdir() or (t / "out" / ".figures.lock").write_text("process 1") and t / "out")], 2,
        "error: {tmp}/out/.figures.lock: another figures run is writing to {tmp}/out (process 1); wait for it to end, "
        "or if no run is going on (one was killed), remove the stale lock: rm {tmp}/out/.figures.lock"),
    # 6. YAML bounded
    Case("deep front matter", lambda t, m: ["statements", "--corpus", _c(t, extra="x: " + "[" * 20000 + "]" * 20000 + "\n")],
         2, "error: {tmp}/c/a.txt:2: YAML nested more than 20 levels deep; flatten the lists and mappings"),
    Case("huge front matter", lambda t, m: ["statements", "--corpus", _c(t, extra="x: " + "y" * 70000 + "\n")], 2,
         "error: {tmp}/c/a.txt:2: YAML of 70,073 bytes (at most 65,536 accepted); is this the right file?"),
    Case("deep speakers file", lambda t, m: ["statements", "--corpus", _c(t), "--speakers", str(
        (t / "s.yaml").write_text("speakers:\n" + "- " * 5000 + "x\n") and t / "s.yaml")], 2,
        "error: {tmp}/s.yaml:1: YAML nested more than 20 levels deep; flatten the lists and mappings"),
    Case("deep lexicon", lambda t, m: ["statements", "--corpus", _c(t), "--lexicon", str(
        lexicon(t, "  a:\n    terms: " + "[" * 3000 + "]" * 3000 + "\n"))], 2,
        "error: {tmp}/frames.yaml:1: YAML nested more than 20 levels deep; flatten the lists and mappings"),
    # 7. file errors: one line, exit 2; | head ends quietly
    Case("speakers file is a folder", lambda t, m: ["statements", "--corpus", _c(t), "--speakers", str(t)], 2,
         "error: {tmp}: Is a directory; it is a folder; give a file"),
    Case("output folder is a file", lambda t, m: ["figures", "--out", str((t / "f").write_text("x") and t / "f")], 2,
         "error: {tmp}/f: File exists; it is in the way; remove it or choose another path"),
    Case("lexicon gap overflow", lambda t, m: ["statements", "--corpus", _c(t), "--lexicon", str(
        lexicon(t, "  a:\n    patterns: [peace ~99999999999 talks]\n"))], 2,
        "error: {tmp}/frames.yaml:3: frame `a` patterns: `peace ~99999999999 talks`: a gap of 99999999999 words is too wide; use at most ~50"),
    Case("disk full", lambda t, m: ["statements", "--corpus", _c(t)], 2,
         "error: a file: No space left on device; the disk is full; free some space and run again", process=True),
    Case("| head", lambda t, m: ["statements", "--corpus", _c(t, text=TEXT * 3000)], 1, "", process=True),
    # 8. speaker registry collisions; registered speakers inside compound subjects
    Case("name alias = another's alias by case", lambda t, m: ["validate", "--corpus", _c(t), "--speakers", str(
        (t / "s.yaml").write_text(SPEAKERS + "  - name: Other\n    side: JP\n    aliases: [moon]\n") and t / "s.yaml")], 2,
        "error: {tmp}/s.yaml:11: alias 'moon' (written 'Moon' for 'Moon Jae-in') names both 'Moon Jae-in' and 'Other'; keep it for one of them"),
    Case("compound subject", lambda t, m: ["validate", "--corpus", _c(
        t, text="Secretary Pompeo and Foreign Minister Wang Yi emphasized the talks.\n")], 0, "",
        stdout_lacks="Speakers not in the speakers file"),
    # 9. frame names that clash with columns
    Case("frame named text", lambda t, m: ["statements", "--corpus", _c(t), "--lexicon", str(lexicon(t, "  text:\n    terms: [peace]\n"))],
         2, "error: {tmp}/frames.yaml:2: frame `text`: its column `text` is already a column of the statements table; rename the frame"),
    Case("frames a and a_n", lambda t, m: ["statements", "--corpus", _c(t), "--lexicon", str(
        lexicon(t, "  a:\n    terms: [peace]\n  a_n:\n    terms: [talks]\n"))], 2,
        "error: {tmp}/frames.yaml:4: frame `a_n`: its column `a_n` is already a column of frame `a`; rename the frame"),
    # 10. groups and numbers
    Case("--compare CN XX", lambda t, m: ["frames", "--corpus", _c(t), "--compare", "CN", "XX"], 2,
         "error: --compare: no group `XX` in column `voice` of this corpus; its groups are CN, ROK"),
    Case("--groups XX", lambda t, m: ["frames", "--corpus", _c(t), "--groups", "XX"], 2,
         "error: --groups: no group `XX` in column `voice` of this corpus; its groups are CN, ROK"),
    Case("--compare CN CN", lambda t, m: ["frames", "--corpus", _c(t), "--compare", "CN", "CN"], 2,
         "error: --compare CN CN: compare two different groups"),
    Case("--n-boot 0", lambda t, m: ["frames", "--n-boot", "0"], 2,
         "error: python -m analysis frames: argument --n-boot: '0': give a whole number of at least 1; see `python -m analysis frames --help`"),
    Case("--seed -1", lambda t, m: ["frames", "--seed", "-1"], 2,
         "error: python -m analysis frames: argument --seed: '-1': give a whole number of at least 0; see `python -m analysis frames --help`"),
    Case("--jobs 0", lambda t, m: ["themes", "--jobs", "0"], 2,
         "error: python -m analysis themes: argument --jobs: '0': give a whole number of at least 1 or -1; see `python -m analysis themes --help`"),
    # 11. smaller
    Case("jsonl ends without a blank line", lambda t, m: ["statements", "--corpus", _c(t), "--format", "jsonl"], 0, "",
         stdout_lacks="}\n\n"),
    Case("year 9999", lambda t, m: ["statements", "--corpus", _c(t, date="9999-12-31")], 2,
         "error: {tmp}/c/a.txt:3: date `9999-12-31` out of range: dates from 1677-09-22 to 2262-04-11 are held; check the year"),
    Case("figures --background typo", lambda t, m: ["figures", "--background", str(t / "nope")], 2,
         "error: --background {tmp}/nope: no such folder; check the path"),
    Case("text in another script", lambda t, m: ["validate", "--corpus", _c(t, text="문재인 대통령은 말했다.\n")], 0,
         "warning: {tmp}/c/a.txt:9: declared `language: en` but 100% of the letters are Hangul; correct `language`, "
         "or check that this is the right text"),
    # 12. no speakers.yaml: the shipped registry, with a note
    Case("no speakers.yaml", lambda t, m: ["validate", "--corpus", str(document(t / "mine").parent)], 0,
         "warning: {tmp}/mine: no speakers.yaml in this folder or its parents: using the shipped "
         f"{PROJECT / 'corpus' / 'speakers.yaml'}; copy it there to register your own speakers"),
]


def _run_in_process(argv: list[str]) -> tuple[int, str, str]:
    from analysis.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exit_:  # argparse's --help and usage errors
            status = exit_.code
    return status, out.getvalue(), err.getvalue()


def _run_process(case: Case, argv: list[str]) -> tuple[int, str, str]:
    command = [sys.executable, "-m", "analysis", *argv]
    environment = {**os.environ, "PYTHONPATH": str(PROJECT)}
    if case.id == "disk full":
        with open("/dev/full", "w") as full:
            done = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, cwd=PROJECT, env=environment)
        return done.returncode, "", done.stderr
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=PROJECT, env=environment)
    process.stdout.readline()  # what `| head -1` does: read a line, then close the pipe
    process.stdout.close()
    stderr = process.stderr.read()
    return process.wait(), "", stderr


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(case, tmp_path, monkeypatch):
    if case.id == "disk full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    argv = case.build(tmp_path, monkeypatch)
    status, stdout, stderr = _run_process(case, argv) if case.process else _run_in_process(argv)
    first = stderr.splitlines()[0] if stderr else ""
    assert (status, first) == (case.status, case.first_line.format(tmp=tmp_path)), stderr
    if case.stdout_has is not None:
        assert case.stdout_has in stdout
    if case.stdout_lacks is not None:
        assert case.stdout_lacks not in stdout


def test_validate_names_a_file_it_does_not_read_once(tmp_path):
    """A companion file (notes, a split table) is named once per run, not once per loading pass."""
    folder = corpus(tmp_path)
    (folder / "notes.md").write_text("draft", encoding="utf-8")
    status, _, stderr = _run_in_process(["validate", "--corpus", str(folder)])
    assert status == 0 and stderr.count("notes.md: not read") == 1, stderr
