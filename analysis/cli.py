"""The command line: ``python -m analysis <command> ...``.

Commands
--------
validate       check a corpus and its speakers file; report unattributed sentences
statements     write the statements table (who said what) as CSV or JSON lines
figures        run every notebook headlessly and regenerate all figures
import-shared  rebuild the shipped corpus from the project's shared folder

Run ``python -m analysis <command> --help`` for the options of each.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

import pandas as pd

__all__ = ["DEFAULT_BACKGROUND", "DEFAULT_CORPUS", "build_parser", "main"]

_PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = _PROJECT / "corpus" / "documents"
DEFAULT_BACKGROUND = _PROJECT / "corpus" / "background"
_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def main(argv: list[str] | None = None) -> int:
    """Run a command; return the exit status (0 ok, 1 failure, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    from .corpus import CorpusError

    try:
        return _COMMANDS[args.command](args)
    except CorpusError as error:
        print(error, file=sys.stderr)
        return 2
    except (FileNotFoundError, KeyError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", metavar="command")

    validate = commands.add_parser("validate", help="check a corpus; exit 0 when clean, 2 otherwise")
    _corpus_options(validate)
    validate.add_argument("--max-listed", type=int, default=20, help="unattributed sentences listed (default 20; all are counted)")

    statements = commands.add_parser("statements", help="write the statements table to stdout")
    _corpus_options(statements)
    _format_option(statements)

    figures = commands.add_parser("figures", help="regenerate every figure by running the notebooks headlessly")
    _corpus_options(figures)
    figures.add_argument("--out", type=Path, default=_PROJECT / "figures", help="figures folder (default: figures/)")
    figures.add_argument("--background", type=Path, default=None, help="background corpus for keyness priors (default: corpus/background with the shipped corpus)")
    figures.add_argument("--notebook", action="append", default=None, help="run only notebooks whose name starts with this (repeatable)")

    shared = commands.add_parser("import-shared", help="rebuild corpus/ from the shared source files")
    shared.add_argument("--shared", type=Path, default=_PROJECT.parent / "shared", help="the shared folder (default: ../shared)")
    shared.add_argument("--out", type=Path, default=_PROJECT / "corpus", help="the corpus folder to write (default: corpus/)")
    return parser


def command(name: str):
    """Register a function as the handler of a command."""

    def register(function):
        _COMMANDS[name] = function
        return function

    return register


def _corpus_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder of *.txt documents (default: corpus/documents)")
    parser.add_argument("--speakers", type=Path, default=None, help="speakers file (default: speakers.yaml in or beside the corpus folder)")


def _format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="output format (default csv)")


def _speakers_path(args) -> Path:
    from .speakers import default_speakers_path

    return args.speakers if args.speakers else default_speakers_path(args.corpus)


def load_statements(args) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The documents and statements tables for a command's ``--corpus``/``--speakers``."""
    from .attribution import attribute_statements
    from .corpus import load_corpus
    from .speakers import load_speakers

    documents = load_corpus(args.corpus)
    registry = load_speakers(_speakers_path(args))
    return documents, attribute_statements(documents, registry)


def write_table(table: pd.DataFrame, fmt: str, stream=None) -> None:
    """Write a table to stdout as CSV or JSON lines (dates as YYYY-MM-DD)."""
    stream = stream or sys.stdout
    table = table.copy()
    for column in table.columns:
        if pd.api.types.is_datetime64_any_dtype(table[column]):
            table[column] = table[column].dt.strftime("%Y-%m-%d")
    if fmt == "csv":
        table.to_csv(stream, index=False, lineterminator="\n")
    else:
        table.to_json(stream, orient="records", lines=True, force_ascii=False)
        stream.write("\n") if len(table) else None


@command("validate")
def _validate(args) -> int:
    from .attribution import attribute_statements
    from .corpus import load_corpus, locate, validate_corpus
    from .speakers import load_speakers

    problems = validate_corpus(args.corpus)
    if problems:
        for problem in problems:
            print(problem)
        print(f"\n{len(problems)} problem(s): fix them and run `python -m analysis validate --corpus {args.corpus}` again.")
        return 2
    registry = load_speakers(_speakers_path(args))  # raises CorpusError (exit 2) on a bad file
    documents = load_corpus(args.corpus)
    statements = attribute_statements(documents, registry)
    print(f"{args.corpus}: {len(documents)} documents, {len(statements)} sentences, no problem in the files.")
    for genre, count in documents["genre"].value_counts().sort_index().items():
        print(f"  {genre}: {count} documents")
    sides = statements["side"].value_counts()
    print("Sentences by side: " + ", ".join(f"{side} {count}" for side, count in sides.sort_index().items()))
    unknown = statements[statements["speaker"] == "unknown"]
    print(f"Unattributed sentences (speaker `unknown`): {len(unknown)}")
    by_id = documents.set_index("doc_id", drop=False)
    for row in unknown.head(args.max_listed).itertuples():
        print(f"  {locate(by_id.loc[row.doc_id], row.start)}: {row.text[:100]!r}")
    if len(unknown) > args.max_listed:
        print(f"  ... and {len(unknown) - args.max_listed} more (raise --max-listed to see them)")
    unregistered = pd.concat(
        [
            statements.loc[statements["side"] == "unknown", "speaker"],
            statements.loc[statements["reported_side"] == "unknown", "reported_speaker"],
        ]
    )
    unregistered = unregistered[unregistered != "unknown"].value_counts()
    if len(unregistered):
        print(f"Speakers not in the speakers file ({len(unregistered)}; side `unknown` until added):")
        for name, count in unregistered.head(args.max_listed).items():
            print(f"  {name}: {count} sentence(s)")
        if len(unregistered) > args.max_listed:
            print(f"  ... and {len(unregistered) - args.max_listed} more")
    return 0


@command("statements")
def _statements(args) -> int:
    _, statements = load_statements(args)
    write_table(statements, args.format)
    return 0


@command("figures")
def _figures(args) -> int:
    from .figures import NotebookError, run_notebooks

    background = args.background
    if background is None and args.corpus.resolve() == DEFAULT_CORPUS.resolve() and DEFAULT_BACKGROUND.is_dir():
        background = DEFAULT_BACKGROUND
    try:
        run_notebooks(
            corpus_dir=args.corpus,
            figures_dir=args.out,
            speakers_path=_speakers_path(args),
            background_dir=background,
            names=args.notebook,
            log=lambda line: print(line, flush=True),
        )
    except NotebookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Figures and their index are in {args.out}/ (index.md lists them).")
    return 0


@command("import-shared")
def _import_shared(args) -> int:
    from .sources import import_shared

    counts = import_shared(args.shared, args.out)
    print(", ".join(f"{name}: {count} files" for name, count in counts.items()))
    return 0
