"""The command line: ``python -m analysis <command> ...``.

Commands
--------
validate       check a corpus and its speakers file; report unattributed sentences
statements     write the statements table (who said what), with frame scores, as CSV or JSON lines
frames         frame rates by side or speaker with document-bootstrap intervals (or a CN-vs-ROK test)
keyness        distinctive words of one group against another (log-odds with prior, or chi2)
themes         recurring themes: statement-to-theme assignments and the theme table (k chosen or given)
figures        run every notebook headlessly and regenerate all figures
import-shared  rebuild the shipped corpus from the project's shared folder
import-ungdc   import speeches of the official UN General Debate Corpus release (folder or .tgz)

Run ``python -m analysis <command> --help`` for the options of each.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import warnings
from pathlib import Path
from typing import Callable

import pandas as pd

from .comparison import compare_rates, estimate_rates
from .comparison.yearly import add_year
from .frames.lexicon import Lexicon, as_lexicon
from .frames.scoring import add_stance_indicators, score_frames
from .inputs.corpus import check_corpus, count_duplicates, load_corpus, locate
from .inputs.errors import InputError, InputWarning
from .inputs.sources import import_shared
from .inputs.speakers import default_speakers_path
from .inputs.ungdc_release import import_ungdc
from .keyness import compute_keyness, load_background, select_top_terms
from .paths import CORPUS, FIGURES, PROJECT
from .pipeline import OpenedCorpus, default_background, open_corpus
from .reporting import FiguresLockedError, NotebookError, run_notebooks
from .scale.stream import stream_corpus
from .statements.confidence import DEFAULT_MIN_CONFIDENCE
from .statements.summaries import summarize_uncertain
from .themes import ThemeModel, assign_themes, compute_top_terms, select_representatives, summarize_themes

__all__ = ["build_parser", "is_paired_by_year", "main", "write_table"]

_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def main(argv: list[str] | None = None) -> int:
    """Run a command; return the exit status (0 ok, 1 failure, 2 bad input).

    Every failure the user can fix (a bad input file, a bad option, a path that cannot be read or
    written, a full disk) is one line per problem on stderr, ``error: <file>: what, what to do``,
    and exit status 2; warnings are ``warning: ...`` lines. Output cut short by the reader
    (``| head``) ends quietly, as the Python documentation recommends.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", InputWarning)
            warnings.showwarning = _show_warning
            status = _COMMANDS[args.command](args)
            sys.stdout.flush()  # a closed pipe shows here, not at exit
        return status
    except BrokenPipeError:
        if _has_fileno(sys.stdout):  # Python's docs: point stdout at devnull, so the exit flush stays quiet
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except InputError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        if len(error.problems) > 1:
            print(f"{len(error.problems)} problems in the {error.what}: fix them and run again.", file=sys.stderr)
        return 2
    except (OSError, FiguresLockedError) as error:
        print(f"error: {_describe_os_error(error)}", file=sys.stderr)
        return 2
    except (KeyError, ValueError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error  # KeyError quotes its message
        print(f"error: {message}", file=sys.stderr)
        return 2


_OS_ADVICE = {
    errno.EACCES: "you may not read or write it; change its permissions or choose another path",
    errno.EPERM: "you may not read or write it; change its permissions or choose another path",
    errno.EISDIR: "it is a folder; give a file",
    errno.ENOTDIR: "a part of the path is a file; give a folder",
    errno.EEXIST: "it is in the way; remove it or choose another path",
    errno.ENOENT: "no such file or folder; check the path",
    errno.ENOSPC: "the disk is full; free some space and run again",
    errno.EROFS: "the file system is read-only; choose another output folder",
}


def _describe_os_error(error: Exception) -> str:
    """One line for a failed file operation: the file, what happened, what to do."""
    if not isinstance(error, OSError) or error.errno is None:
        return str(error.args[0] if error.args else error)  # our own messages name the file already
    where = " -> ".join(str(name) for name in (error.filename, error.filename2) if name is not None) or "a file"
    advice = _OS_ADVICE.get(error.errno, "check the path and try again")
    return f"{where}: {error.strerror}; {advice}"


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    if issubclass(category, InputWarning):
        print(f"warning: {message}", file=sys.stderr)
    else:
        print(warnings.formatwarning(message, category, filename, lineno, line), end="", file=sys.stderr)


def _has_fileno(stream) -> bool:
    try:
        stream.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    return True


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error on one line (``error: ...``) and exit status 2."""

    def error(self, message: str):
        self.exit(2, f"error: {self.prog}: {message}; see `{self.prog} --help`\n")


def _int_at_least(low: int, *, also: tuple[int, ...] = ()):
    """An argparse type: a whole number ``>= low`` (or one of ``also``)."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or (number < low and number not in also):
            extra = "".join(f" or {a}" for a in also)
            raise argparse.ArgumentTypeError(f"{value!r}: give a whole number of at least {low}{extra}")
        return number

    return parse


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = _Parser(prog="python -m analysis", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", metavar="command")

    validate = commands.add_parser("validate", help="check a corpus; exit 0 when clean, 2 otherwise")
    _corpus_options(validate)
    validate.add_argument("--max-listed", type=_int_at_least(0), default=20, help="unattributed sentences listed (default 20; all are counted)")
    validate.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE,
                          help=f"statements below this confidence count as low-confidence (default {DEFAULT_MIN_CONFIDENCE})")

    statements = commands.add_parser("statements", help="write the statements table to stdout (or, with --out-parquet, Parquet parts)")
    _corpus_options(statements)
    _format_option(statements)
    _lexicon_option(statements)
    _scale_options(statements)

    frames = commands.add_parser("frames", help="frame rates with 95%% intervals by group (CSV)")
    _corpus_options(frames)
    _format_option(frames)
    _lexicon_option(frames)
    frames.add_argument("--by", default="voice", help="grouping column: voice (default), side, voice_speaker, speaker")
    frames.add_argument("--groups", nargs="+", default=None, help="groups to report (default: all)")
    frames.add_argument("--facets", action="store_true", help="also rate the facets (Peninsula positions) and stances")
    frames.add_argument("--compare", nargs=2, metavar=("A", "B"), default=None, help="instead: difference A - B with interval and permutation p-value")
    frames.add_argument("--paired-by", default=None, metavar="COLUMN",
                        help="with --compare: pair the groups' documents by this column (e.g. year: strata year, units doc_id). "
                             "Default: by year automatically when both groups speak only in speeches, one a year; else within documents")
    frames.add_argument("--n-boot", type=_int_at_least(1), default=2000, help="bootstrap replicates / permutations (default 2000)")
    frames.add_argument("--seed", type=_int_at_least(0), default=0, help="random seed (default 0)")

    keyness = commands.add_parser("keyness", help="distinctive words of a group against a reference (CSV)")
    _corpus_options(keyness)
    _format_option(keyness)
    keyness.add_argument("--by", default="voice", help="grouping column: voice (default), side, speaker, voice_speaker, doc_id")
    keyness.add_argument("--target", default="CN", nargs="+", help="target group(s); `all` scores every group against the rest (default CN)")
    keyness.add_argument("--reference", default=["rest"], nargs="+", help="reference group(s) or `rest` (default)")
    keyness.add_argument("--method", choices=("log-odds", "chi2"), default="log-odds", help="log-odds with informative Dirichlet prior (default) or chi2")
    keyness.add_argument("--background", type=Path, default=None, help="background corpus for the prior, added to the corpus's press conferences (default: corpus/background with the shipped corpus; else the compared statements)")
    keyness.add_argument("--stop-words", choices=("none", "english"), default="none", help="drop English function words (default: keep all)")
    keyness.add_argument("--min-count", type=_int_at_least(1), default=1, help="keep words seen at least this often in target + reference (default 1)")
    keyness.add_argument("--top", type=_int_at_least(1), default=None, help="only the N highest and N lowest scores per group")

    themes = commands.add_parser("themes", help="recurring themes: assignments and theme table (CSV to stdout, or all tables to --output-dir)")
    _corpus_options(themes)
    _format_option(themes)
    themes.add_argument("--k", type=_themes_k, default="auto", help="number of themes, or auto (default): the most coherent k among those stable across refits (the scores go to stderr)")
    themes.add_argument("--k-range", type=_int_at_least(2), nargs="+", default=None, help="the k scanned by auto (default: about ten values from 4 to min(30, sqrt(n/2)))")
    themes.add_argument("--method", choices=("nmf", "kmeans", "lda"), default="nmf", help="NMF on TF-IDF (default), k-means on LSA, or LDA on term counts")
    themes.add_argument("--seeds", type=_int_at_least(0), default=5, help="stability seeds: each seed refits on an 80%% subsample, from a random start, and both (3 refits per seed and k; default 5; 0: none)")
    themes.add_argument("--min-terms", type=_int_at_least(0), default=3, help="statements with fewer content words get theme -1, `none (boilerplate)` (default 3)")
    themes.add_argument("--seed", type=_int_at_least(0), default=0, help="random seed (default 0)")
    themes.add_argument("--jobs", type=_int_at_least(1, also=(-1,)), default=1, help="parallel fits (default 1; -1: all cores); results do not depend on it")
    themes.add_argument("--table", choices=("assignments", "themes", "terms", "k-scores", "representatives"), default="assignments",
                        help="the table written to stdout without --output-dir (default: assignments)")  # fmt: skip
    themes.add_argument("--output-dir", type=Path, default=None, help="write every table there instead: theme-assignments, themes, theme-terms, theme-k-scores, theme-representatives (.csv or .jsonl)")

    _figures_options(commands.add_parser("figures", help="regenerate every figure by running the notebooks headlessly"))
    shared = commands.add_parser("import-shared", help="rebuild corpus/ from the shared source files")
    shared.add_argument("--shared", type=Path, default=PROJECT.parent / "shared", help="the shared folder (default: ../shared)")
    shared.add_argument("--out", type=Path, default=PROJECT / "corpus", help="the corpus folder to write (default: corpus/)")

    ungdc = commands.add_parser("import-ungdc", help="import speeches of the official UN General Debate Corpus release")
    ungdc.add_argument("path", type=Path, help="the release folder (Session NN - YYYY/ISO_NN_YYYY.txt) or its .tgz")
    ungdc.add_argument("--out", type=Path, required=True, help="the folder to write the documents into")
    ungdc.add_argument("--countries", nargs="+", default=None, help="ISO3 codes of the release (CHN KOR PRK ...; default: all)")
    ungdc.add_argument("--years", default=None, help="YYYY or YYYY-YYYY (default: all)")
    ungdc.add_argument("--speakers-xlsx", type=Path, default=None, help="the release's Speakers_by_session.xlsx (default: found in or beside PATH)")
    return parser


def _figures_options(figures: argparse.ArgumentParser) -> None:
    figures.add_argument("--corpus", type=Path, default=None, help="run every notebook on this corpus folder, as every corpus folder it reads (default: each notebook's own shipped corpora: corpus/documents/mfa for 01-03, corpus/documents/un-general-debate for 04 and 06, corpus/documents/rok-president-ko and others for 05)")
    figures.add_argument("--speakers", type=Path, default=None, help="speakers file (default: speakers.yaml in or beside the corpus folder)")
    figures.add_argument("--out", type=Path, default=FIGURES, help="figures folder (default: figures/)")
    figures.add_argument("--background", type=Path, default=None, help="background corpus for keyness priors (default: the shipped corpus's own, see README)")
    figures.add_argument("--notebook", action="append", default=None, help="run only notebooks whose name starts with this (repeatable)")
    figures.add_argument("--clean", action="store_true", help="remove files of the figures folder this run did not write (default: list them)")


def command(name: str):
    """Register a function as the handler of a command."""

    def register(function):
        _COMMANDS[name] = function
        return function

    return register


def _corpus_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder of *.txt documents (default: corpus/documents)")
    parser.add_argument("--speakers", type=Path, default=None, help="speakers file (default: speakers.yaml in or beside the corpus folder)")


def _scale_options(parser: argparse.ArgumentParser) -> None:
    """``--out-parquet``, ``--jobs`` and the engine: the chunked path of :func:`analysis.scale.stream_corpus`."""
    parser.add_argument("--out-parquet", type=Path, default=None, help="write documents, statements, frames and term counts as Parquet parts there, chunk by chunk (resumable), instead of stdout")
    parser.add_argument("--jobs", type=int, default=1, help="processes for the chunks (default 1); the results do not depend on it")
    parser.add_argument("--chunk-size", type=int, default=64, help="documents per chunk (default 64)")
    parser.add_argument("--engine", choices=("joblib", "dask"), default="joblib", help="joblib processes (default) or Dask")
    parser.add_argument("--scheduler", default=None, help="with --engine dask: a distributed scheduler's address (tcp://host:8786); default: local processes")


def _format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="output format (default csv)")


def _lexicon_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lexicon", type=Path, default=None, help="frame lexicon (default: the documents' language's, analysis/lexicons/frames.yaml or frames.ko.yaml)")


def _themes_k(value: str):
    """``--k``: ``auto`` or a whole number of themes, 2 or more."""
    if value == "auto":
        return value
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of themes (2 or more) or `auto`") from None
    if k < 2:
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of themes (2 or more) or `auto`")
    return k


def _speakers_path(args) -> Path:
    return args.speakers if args.speakers else default_speakers_path(args.corpus)


def _open(args) -> OpenedCorpus:
    """The corpus of a command's ``--corpus``/``--speakers`` (:func:`analysis.pipeline.open_corpus`)."""
    return open_corpus(args.corpus, _speakers_path(args))


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
        text = table.to_json(orient="records", lines=True, force_ascii=False) if len(table) else ""
        stream.write(text if not text or text.endswith("\n") else text + "\n")  # one line per row, no blank line


@command("validate")
def _validate(args) -> int:
    problems, notes = check_corpus(args.corpus)
    for note in notes:
        print(f"warning: {note}", file=sys.stderr)
    if problems:
        for problem in problems:
            print(problem)
        print(f"\n{len(problems)} problem(s): fix them and run `python -m analysis validate --corpus {args.corpus}` again.")
        return 2
    speakers = _speakers_path(args)  # the shipped registry, with a note, when the corpus has none
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)  # the notes are printed above
        opened = open_corpus(args.corpus, speakers)  # raises SpeakersError (exit 2) on a bad speakers file
        marked = count_duplicates(load_corpus(args.corpus, keep_duplicates=True))
    documents, statements = opened.documents, opened.statements
    print(f"{args.corpus}: {len(documents)} documents, {len(statements)} sentences, no problem in the files.")
    print(f"Marked duplicates (`duplicate_of`: second copies kept word for word, left out of every analysis): {len(marked)}")
    for row in marked.head(args.max_listed).itertuples():
        print(f"  {row.path}: duplicate_of {row.duplicate_of}")
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
    _report_uncertain(statements, args.min_confidence, args.max_listed)
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


def _report_uncertain(statements: pd.DataFrame, min_confidence: float, max_listed: int) -> None:
    """Per document, the share of sentences `unknown` or below ``min_confidence``: a house style not understood shows here."""
    table = summarize_uncertain(statements, min_confidence=min_confidence)
    flagged = table[table["share_uncertain"] > 0]
    print(f"Documents with sentences `unknown` or below confidence {min_confidence}: {len(flagged)} of {len(table)}"
          + (" (a high share means the attribution does not understand that house style: check it before trusting its sides)" if len(flagged) else ""))
    for row in flagged.head(max_listed).itertuples():
        warn = "  <- not understood" if row.share_uncertain >= 0.2 else ""
        print(f"  {row.doc_id}: {row.n_uncertain}/{row.n_sentences} ({row.share_uncertain:.0%}; unknown {row.n_unknown}, low-confidence {row.n_low_confidence}){warn}")
    if len(flagged) > max_listed:
        print(f"  ... and {len(flagged) - max_listed} more (raise --max-listed to see them)")


@command("statements")
def _statements(args) -> int:
    if args.out_parquet is None:
        if args.jobs != 1 or args.engine != "joblib" or args.scheduler:
            raise ValueError("--jobs, --engine and --scheduler work with --out-parquet DIR (the chunked path); add it")
        write_table(_scored_statements(args)[0], args.format)
        return 0
    result = stream_corpus(args.corpus, args.out_parquet, speakers=_speakers_path(args), lexicon=args.lexicon or True,
                           chunk_size=args.chunk_size, jobs=args.jobs, engine=args.engine, scheduler=args.scheduler)  # fmt: skip
    done = ", ".join(f"{stage} {n}" for stage, n in result.computed.items())
    print(f"{result.folder}: {result.n_documents} documents, {result.n_statements} statements in {result.n_chunks} chunks "
          f"(computed now, per stage: {done}; the other chunks were up to date)", file=sys.stderr)  # fmt: skip
    return 0


def _scored_statements(args) -> tuple[pd.DataFrame, Lexicon]:
    """The statements table with the frame columns of ``--lexicon`` (analysis.frames.score_frames),
    by default the lexicon of the documents' language; and that lexicon."""
    opened = _open(args)
    lexicon = as_lexicon(args.lexicon, language=opened.documents["language"])
    return score_frames(opened.statements, lexicon, speakers=opened.speakers), lexicon


@command("frames")
def _frames(args) -> int:
    scored, lexicon = _scored_statements(args)
    columns = list(lexicon.frame_names)
    if args.facets:
        columns += [f"{f.name}_{facet}" for f in lexicon.frames for facet in f.facet_names]
        scored = add_stance_indicators(scored, lexicon)
        columns += [f"{frame.name}_endorsement" for frame in lexicon.frames if frame.has_stance]
    if args.by not in scored.columns:
        raise KeyError(f"no column `{args.by}` to group by; use voice, side, voice_speaker or speaker")
    _check_groups(scored, args.by, args.compare, "--compare")
    _check_groups(scored, args.by, args.groups, "--groups")
    if args.compare and args.compare[0] == args.compare[1]:
        raise ValueError(f"--compare {args.compare[0]} {args.compare[1]}: compare two different groups")
    if args.compare:
        scored = add_year(scored)
        paired = args.paired_by or ("year" if is_paired_by_year(scored, args.by, *args.compare) else None)
        design = dict(strata=paired, units="doc_id") if paired else {}
        print(f"paired design: {args.compare[0]} and {args.compare[1]} paired by {paired} (strata {paired}, units doc_id)"
              if paired else "design: within documents (strata doc_id, units statements)", file=sys.stderr)
        table = compare_rates(scored, columns, by=args.by, a=args.compare[0], b=args.compare[1], **design,
                              n_permutations=args.n_boot, n_boot=args.n_boot, random_state=args.seed)
    else:
        table = estimate_rates(scored, columns, by=args.by, groups=args.groups, n_boot=args.n_boot, random_state=args.seed)
    write_table(table, args.format)
    return 0


def is_paired_by_year(statements: pd.DataFrame, by: str, a: str, b: str) -> bool:
    """Whether groups ``a`` and ``b`` speak only in speeches, at most one speech a year each, and
    share at least two years: then the comparison pairs their speeches by year.

    Examples
    --------
    >>> st = pd.DataFrame({"side": ["CN", "ROK", "CN", "ROK"], "genre": "speech", "doc_id": ["c1", "r1", "c2", "r2"],
    ...                    "year": [2001, 2001, 2002, 2002]})
    >>> is_paired_by_year(st, "side", "CN", "ROK"), is_paired_by_year(st.assign(genre="readout"), "side", "CN", "ROK")
    (True, False)
    """
    both = statements[statements[by].astype(str).isin([str(a), str(b)])]
    if both.empty or "year" not in both.columns or not (both["genre"] == "speech").all():
        return False
    per_year = both.groupby([both[by].astype(str), "year"])["doc_id"].nunique()
    years = both.groupby("year")[by].nunique()
    return bool(per_year.max() == 1 and (years == 2).sum() >= 2)


def _check_groups(table: pd.DataFrame, by: str, groups, option: str) -> None:
    """Refuse groups the corpus does not have in column ``by`` (as ``keyness`` does)."""
    present = sorted(table[by].dropna().astype(str).unique())
    unknown = [group for group in groups or () if group not in present]
    if unknown:
        shown = ", ".join(present[:20]) + (", ..." if len(present) > 20 else "")
        raise ValueError(f"{option}: no group {', '.join(f'`{g}`' for g in unknown)} in column `{by}` of this corpus; its groups are {shown}")


@command("keyness")
def _keyness(args) -> int:
    opened = _open(args)
    documents, statements = opened.documents, opened.statements
    background_dir = args.background if args.background is not None else default_background(args.corpus)
    background = None if background_dir is None else load_background(background_dir, documents)  # all press conferences
    target = None if args.target == ["all"] else args.target
    reference = "rest" if args.reference == ["rest"] else args.reference
    table = compute_keyness(statements, by=args.by, target=target, reference=reference, method=args.method,
                            background=background, min_count=args.min_count,
                            stop_words=None if args.stop_words == "none" else "english")
    if args.top:
        table = select_top_terms(table, args.top)
    write_table(table, args.format)
    return 0


@command("themes")
def _themes(args) -> int:
    """Fit the themes; one table to stdout (``--table``), or every table to ``--output-dir``.

    The choice of k (the rule, in words, and the scores of every k) goes to stderr.
    """
    statements = _open(args).statements
    model = ThemeModel(n_themes=args.k, k_range=args.k_range, method=args.method, n_seeds=args.seeds,
                       min_terms=args.min_terms, n_jobs=args.jobs, random_state=args.seed).fit(statements)  # fmt: skip
    assignments = assign_themes(statements, model)
    tables = {
        "assignments": ("theme-assignments", assignments),
        "themes": ("themes", summarize_themes(assignments, model)),
        "terms": ("theme-terms", compute_top_terms(model)),
        "k-scores": ("theme-k-scores", model.k_scores_),
        "representatives": ("theme-representatives", select_representatives(assignments)),
    }
    print(model.k_rule_, file=sys.stderr)
    print(model.k_scores_.to_string(index=False, float_format=lambda v: f"{v:.3f}"), file=sys.stderr)
    if args.output_dir is None:
        write_table(tables[args.table][1], args.format)
        return 0
    args.output_dir.mkdir(parents=True, exist_ok=True)
    for stem, table in tables.values():
        path = args.output_dir / f"{stem}.{args.format}"
        with path.open("w", encoding="utf-8", newline="") as stream:
            write_table(table, args.format, stream)
        print(f"wrote {path} ({len(table)} rows)", file=sys.stderr)
    return 0


@command("figures")
def _figures(args) -> int:
    if args.background is not None and not args.background.is_dir():
        raise FileNotFoundError(f"--background {args.background}: no such folder; check the path")
    if args.corpus is not None and not args.corpus.exists():
        raise FileNotFoundError(f"--corpus {args.corpus}: no such folder or file; check the path")
    background = args.background if args.background is not None or args.corpus is None else default_background(args.corpus)
    try:
        run_notebooks(
            corpus_dir=args.corpus,
            figures_dir=args.out,
            speakers_path=args.speakers if args.speakers or args.corpus is None else _speakers_path(args),
            background_dir=background,
            names=args.notebook,
            clean=args.clean,
            log=lambda line: print(line, flush=True),
        )
    except NotebookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Figures and their index are in {args.out}/ (index.md lists them).")
    return 0


@command("import-ungdc")
def _import_ungdc(args) -> int:
    report = import_ungdc(args.path, out=args.out, countries=args.countries, years=args.years, speakers_xlsx=args.speakers_xlsx)
    print(str(report))
    return 0


@command("import-shared")
def _import_shared(args) -> int:
    counts = import_shared(args.shared, args.out)
    print(", ".join(f"{name}: {count} files" for name, count in counts.items()))
    return 0
