"""Shared fixtures: a small corpus of real shipped documents, copied to a temporary folder; the CLI runner."""

from __future__ import annotations

import io
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT / "corpus"

#: Real documents for the notebook test: both seeds and six Korea-related press conferences.
SMALL_DOCUMENTS = (
    "documents/mfa/seeds/2020-05-13-xi-moon-phone-call.txt",
    "documents/mfa/seeds/2020-11-26-moon-meets-wang-yi.txt",
    "documents/mfa/press-conferences/mfa-presscon-2018-05-16-t1559978.txt",
    "documents/mfa/press-conferences/mfa-presscon-2018-06-04-t1565728.txt",
    "documents/mfa/press-conferences/mfa-presscon-2019-03-25-t1648178.txt",
    "documents/mfa/press-conferences/mfa-presscon-2019-12-25-t1727813.txt",
    "documents/mfa/press-conferences/mfa-presscon-2020-05-14-t1779190.txt",
    "documents/mfa/press-conferences/mfa-presscon-2020-06-16-t1789220.txt",
)
#: UN General Debate speeches for notebook 04: the six parties in 2018 and 2019, CN and ROK in 2017 too.
SMALL_SPEECHES = tuple(
    f"documents/un-general-debate/ungdc-{iso}-{year}.txt"
    for year in (2017, 2018, 2019) for iso in ("chn", "kor", "prk", "jpn", "usa", "rus") if year > 2017 or iso in ("chn", "kor")
)
#: A small background (reference) corpus: four transcripts that do not mention Korea, and four other states' speeches.
SMALL_BACKGROUND = tuple(sorted(p.relative_to(CORPUS).as_posix() for p in (CORPUS / "background" / "press-conferences").rglob("*.txt")))[:4] + tuple(
    sorted(p.relative_to(CORPUS).as_posix() for p in (CORPUS / "background" / "un-general-debate").rglob("*.txt")))[:4]


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> dict[str, Path]:
    """A copy of a few real documents: ``corpus_dir`` (the MFA texts), ``un_dir`` (UN speeches),
    ``documents_dir`` (both), ``background_dir``, ``speakers_path``."""
    root = tmp_path_factory.mktemp("small-corpus")
    for relative in SMALL_DOCUMENTS + SMALL_SPEECHES + SMALL_BACKGROUND:
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / relative, target)
    shutil.copy(CORPUS / "speakers.yaml", root / "speakers.yaml")
    return {"corpus_dir": root / "documents" / "mfa", "un_dir": root / "documents" / "un-general-debate",
            "documents_dir": root / "documents", "background_dir": root / "background", "speakers_path": root / "speakers.yaml"}


@pytest.fixture
def run_cli():
    """``run_cli(*argv) -> (exit status, stdout, stderr)`` of ``python -m analysis``, in process."""
    from analysis.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            status = main(list(argv))
        return status, out.getvalue(), err.getvalue()

    return run
