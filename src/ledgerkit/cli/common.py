"""What every command shares: options, the stderr console, and error translation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from ledgerkit.core.errors import LedgerkitError, TemplateError

ConfigOption = Annotated[
    Optional[Path],
    typer.Option("--config", help="ledgerkit.toml to use (default: ./ledgerkit.toml if present).", dir_okay=False),
]
LangOption = Annotated[
    Optional[str],
    typer.Option("--lang", metavar="ja|en", help="Language of reports and messages: ja or en (default from the config: ja)."),
]
OutputOption = Annotated[
    Optional[str],
    typer.Option("-o", "--output", help="Write to report.xlsx, rows.csv, rows.json, or - (CSV to stdout)."),
]
#: one rule for every command that writes (reports, drafts, messages): a file already there
#: is kept — one line naming it and --force, exit 2 — unless --force
ForceOption = Annotated[
    bool,
    typer.Option("--force", "-f", help="Replace output files that already exist (without it: exit 2, nothing written)."),
]
SkipBadOption = Annotated[
    bool,
    typer.Option("--skip-bad", help="Carry on with the rest when a file cannot be read; the report lists it as an issue."),
]
StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Exit 1 when any issue is an error or a warning (a rejected row or cell, an unreadable "
        "file under --skip-bad, a disagreement between files): for gating a monthly job.",
    ),
]

_console = None


def console():
    """A rich console on stderr (data goes to stdout only when asked for with -o -)."""
    global _console
    if _console is None:
        from rich.console import Console

        _console = Console(stderr=True, highlight=False, soft_wrap=True)
    return _console


def _safe(text: str) -> str:
    from ledgerkit.reports.text_safety import terminal_safe

    return terminal_safe(text)


def say(message: str) -> None:
    """One line on stderr: no terminal escape, and a line break in it (a name, a cell) shown as ``\\n``."""
    from ledgerkit.reports.text_safety import terminal_line

    console().print(terminal_line(message), markup=False, highlight=False)


def worded(err: LedgerkitError, lang: str | None = "ja") -> str:
    """The error's message in ``lang``: a TemplateError carrying its message key in that
    language (raised where the language was not known), any other as it was raised."""
    return err.worded(lang if lang in ("ja", "en") else "ja") if isinstance(err, TemplateError) else str(err)


def fail(err: LedgerkitError | str, code: int | None = None, lang: str | None = "ja") -> NoReturn:
    """Print one ``Error: …`` line to stderr (in ``lang``) and exit with the error's code."""
    if isinstance(err, LedgerkitError):
        text, exit_code = worded(err, lang), err.exit_code
    else:
        text, exit_code = err, 2
    for line in text.splitlines() or [text]:
        typer.echo(f"Error: {_safe(line)}", err=True)
    raise typer.Exit(code=code if code is not None else exit_code)


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, handled like Ctrl-C (SIGINT): every ``finally`` and ``except
    BaseException`` on the way out runs, so partial outputs are removed."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum, frame) -> None:
    raise Interrupted(signum)


#: signals a command stops on as on Ctrl-C: ``kill``, a closed terminal or ssh session
STOP_SIGNALS = ("SIGTERM", "SIGHUP")


class _CommandGuards:
    """What a command runs under, and what it leaves as it was afterwards.

    * SIGTERM and SIGHUP raise :class:`Interrupted` (like SIGINT): one line, exit 128 + the
      signal's number, nothing half-written left behind;
    * Python warnings (a library's ``PerformanceWarning``, ``DeprecationWarning``…) are for
      developers: never shown, unless asked for with ``-W`` / ``PYTHONWARNINGS``;
    * an exception Python can only report as ``Exception ignored in …`` (a ``__del__`` on a
      full disk, say) is not printed: the command's own error line already says what failed.
    """

    def __enter__(self):
        import signal
        import sys
        import threading
        import warnings

        self._signals = {}
        if threading.current_thread() is threading.main_thread():
            for name in STOP_SIGNALS:
                signum = getattr(signal, name, None)
                if signum is not None:
                    self._signals[signum] = signal.signal(signum, _interrupt)
        self._warnings = warnings.catch_warnings()
        self._warnings.__enter__()
        if not sys.warnoptions:
            warnings.simplefilter("ignore")
        self._unraisable = sys.unraisablehook
        sys.unraisablehook = _quiet_unraisable
        return self

    def __exit__(self, *exc) -> None:
        import signal
        import sys

        sys.unraisablehook = self._unraisable
        self._warnings.__exit__(*exc)
        for signum, previous in self._signals.items():
            signal.signal(signum, previous)


def _quiet_unraisable(unraisable) -> None:
    import os

    if os.environ.get("LEDGERKIT_DEBUG"):
        import sys

        sys.__unraisablehook__(unraisable)


def _bug_line(e: BaseException, options: dict | None = None) -> str:
    from ledgerkit.core.messages import text

    first = str(e).splitlines()[0] if str(e) else ""
    return f"Error: {text('bug_line', _lang(options or {}), name=e.__class__.__name__, detail=_safe(first))}"


def _lang(options: dict) -> str:
    """The language of a command's own lines: ``--lang``, else the config's (``--config`` or
    ``./ledgerkit.toml``) when it says one, else Japanese."""
    lang = options.get("lang")
    if lang in ("ja", "en"):
        return lang
    try:
        from ledgerkit.config.loading import load_config

        said = load_config(options.get("config_path")).lang
    except Exception:  # noqa: BLE001 - a bad config is not this line's concern
        return "ja"
    return said if said in ("ja", "en") else "ja"


def _write_refused(e: OSError, lang) -> str | None:
    """The ``Error:`` line for a write the system refused that no writer turned into an
    OutputError (``init`` on a full disk or into a read-only folder, say), or None for
    other OSErrors (a bug). A full disk or a read-only file system can only come from
    writing; a permission refused is a write when it names a temporary ``….partial`` file.
    """
    import errno
    import os

    from ledgerkit.core import messages
    from ledgerkit.core.messages import shown_path
    from ledgerkit.reports.output import DISK_FULL, NOT_WRITABLE, output_error

    lang = lang if lang in ("ja", "en") else "ja"
    name = os.fspath(e.filename) if e.filename is not None else None
    if e.errno in DISK_FULL or e.errno == errno.EROFS:
        if name is None:
            return f"Error: {messages.text('disk_full', lang)}"
        if e.errno in DISK_FULL:
            return f"Error: {_safe(str(output_error(name, e, lang)))}"
    if e.errno in NOT_WRITABLE and name is not None and (e.errno == errno.EROFS or name.endswith((".partial", ".tmp"))):
        folder = shown_path(os.path.dirname(name) or ".")
        return f"Error: {_safe(messages.text('folder_not_writable', lang, path=folder, reason=e.strerror or e))}"
    return None


def _forget(error: BaseException) -> None:
    """Let go of the frames an error's traceback keeps alive, now, while the guards hold.

    A writer that failed half-way (a full disk) leaves objects in those frames whose
    finalizers try again and fail again (``ZipFile.__del__``); they run here, quietly,
    rather than as a traceback after the command's one line.
    """
    import gc

    stack, seen = [error], set()
    while stack:
        e = stack.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        e.__traceback__ = None
        stack.extend((e.__cause__, e.__context__))
    gc.collect()


def handle_errors(command):
    """Turn any error inside a command into one ``Error: …`` line and an exit code.

    LedgerkitError → its own code (1 or 2; 3 for a :class:`~ledgerkit.core.errors.ReaderBug`);
    anything else is a bug in ledgerkit: one line naming it, exit 3, never a traceback
    (ledgers hold rates and salaries). Ctrl-C, SIGTERM and SIGHUP: one line, exit 128 + the
    signal's number (130 for Ctrl-C). Warnings from libraries are not shown (see
    :class:`_CommandGuards`).
    """
    import functools

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        with _CommandGuards():
            try:
                return command(*args, **kwargs)
            except typer.Exit:
                raise
            except LedgerkitError as e:
                said = worded(e, _lang(kwargs)) if isinstance(e, TemplateError) else str(e)
                for line in said.splitlines() or [e.__class__.__name__]:
                    typer.echo(f"Error: {_safe(line)}", err=True)
                code = e.exit_code
                _forget(e)
            except KeyboardInterrupt as e:
                from ledgerkit.core.messages import text

                typer.echo(f"Error: {text('interrupted', _lang(kwargs))}", err=True)
                code = 128 + getattr(e, "signum", 2)
                _forget(e)
            except OSError as e:
                line = _write_refused(e, kwargs.get("lang"))
                if line is None:
                    line = _bug_line(e, kwargs)
                    code = 3
                else:
                    code = 2
                typer.echo(line, err=True)
                _forget(e)
            except Exception as e:  # noqa: BLE001 - the one place that catches everything
                typer.echo(_bug_line(e, kwargs), err=True)
                code = 3
                _forget(e)
        raise typer.Exit(code=code)

    wrapper._handles_errors = True
    return wrapper


def guard_commands(app: typer.Typer) -> None:
    """Wrap every command of ``app`` (and of its sub-apps) in :func:`handle_errors`."""
    for info in app.registered_commands:
        if info.callback is not None and not getattr(info.callback, "_handles_errors", False):
            info.callback = handle_errors(info.callback)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            guard_commands(group.typer_instance)


#: what -o accepts
OUTPUT_SUFFIXES = (".csv", ".json", ".xlsx")


def precheck_output(output: str | None, lang: str = "ja", force: bool = False, inputs=()) -> None:
    """Refuse a bad ``-o`` before any reading: wrong suffix, a folder, a path whose folder
    cannot be made, one of the ``inputs`` (even with ``--force``), a file already there
    without ``--force`` (checked again at the rename)."""
    if not output or output == "-":
        return
    from ledgerkit.core import messages
    from ledgerkit.core.errors import OutputError
    from ledgerkit.core.messages import shown_path

    suffix = Path(output).suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        fail(OutputError(messages.text("output_unknown_type", lang, path=shown_path(output),
                                       suffix=suffix or messages.text("output_suffix_none", lang))))
    precheck_output_file(output, lang, force, inputs)


def precheck_output_file(output: str | None, lang: str = "ja", force: bool = False, inputs=()) -> None:
    """Refuse, before any reading, an output file of any type (``schedule --draft``) that
    cannot be written or is there already without ``--force``."""
    if not output or output == "-":
        return
    from ledgerkit.reports.output import check_output_path

    try:
        check_output_path(output, inputs=[i for i in inputs if i is not None], lang=lang, overwrite=force)
    except LedgerkitError as e:
        fail(e)


def load(config_path: Path | None, lang: str | None):
    """The config, with ``--lang`` applied; a bad config is one line and exit 2."""
    from ledgerkit.config.loading import load_config

    try:
        config = load_config(config_path, lang=lang if lang in ("ja", "en") else None)
    except LedgerkitError as e:
        fail(e)
    if lang:
        if lang not in ("ja", "en"):
            from ledgerkit.core.messages import text

            fail(text("lang_invalid", "ja", value=lang))
        config.data["report"]["lang"] = lang
        config.sources["report.lang"] = "--lang"
    return config
