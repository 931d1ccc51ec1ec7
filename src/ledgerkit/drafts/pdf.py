"""``--pdf``: each draft converted to PDF with LibreOffice (``soffice``), beside the draft.

LibreOffice is not a Python package: it is used when ``soffice`` is on PATH, and its absence
is said in one line before any draft is made (never a silent skip). It runs headless with a
profile of its own in a temporary folder, so that a LibreOffice the person has open does
not swallow the conversion, converts every draft of the run in one start, and its PDFs are
moved into place atomically (never through a symbolic link).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ledgerkit.core.errors import InputError, OutputError
from ledgerkit.drafts.output import remove_previous, write_atomic
from ledgerkit.drafts.text import t
from ledgerkit.reports.output import exists_error

__all__ = ["find_soffice", "require_soffice", "convert_to_pdf", "PDF_SUFFIXES"]

#: the drafts LibreOffice lays out as their form (a Markdown or text draft is not converted)
PDF_SUFFIXES = (".docx", ".xlsx", ".xlsm", ".html", ".htm")
#: seconds LibreOffice may take to start, and then per draft
_START, _PER_DRAFT = 60.0, 20.0


def find_soffice() -> str | None:
    """The LibreOffice program on PATH (``soffice``, or ``libreoffice`` as some Linux packages name it)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice(suffix: str, lang: str = "ja") -> str:
    """The program to convert ``suffix`` drafts with; InputError (exit 2) when there is none
    or the drafts are not a kind it lays out."""
    if suffix.lower() not in PDF_SUFFIXES:
        raise InputError(t("pdf_text", lang, suffix=suffix))
    program = find_soffice()
    if program is None:
        raise InputError(t("pdf_no_soffice", lang))
    return program


def convert_to_pdf(drafts: list[Path], soffice: str, *, overwrite: bool = False, lang: str = "ja",
                   timeout: float | None = None) -> dict[Path, Path | OutputError]:
    """Each draft as ``<stem>.pdf`` beside it: the PDF's path, or the error that stopped it.

    An existing PDF is kept unless ``overwrite``; under ``overwrite`` a conversion that fails
    removes the previous run's PDF of that name (it would look like this draft's)."""
    if not drafts:
        return {}
    out: dict[Path, Path | OutputError] = {}
    with tempfile.TemporaryDirectory(prefix="ledgerkit-pdf-") as tmp:
        folder = Path(tmp) / "pdf"
        reason = _run(soffice, drafts, Path(tmp) / "profile", folder, timeout or _START + _PER_DRAFT * len(drafts))
        for draft in drafts:
            made = folder / f"{draft.stem}.pdf"
            target = draft.with_suffix(".pdf")
            if not made.is_file():
                out[draft] = OutputError(t("pdf_failed", lang, path=target, reason=reason or "LibreOffice made no file"))
            elif not overwrite and target.exists():
                out[draft] = exists_error(target, lang)
            else:
                try:
                    out[draft] = write_atomic(target, made.read_bytes(), lang, overwrite=overwrite)
                except OutputError as e:
                    out[draft] = e
            if overwrite and not isinstance(out[draft], Path):
                remove_previous([target])
    return out


def _run(soffice: str, drafts: list[Path], profile: Path, folder: Path, timeout: float) -> str:
    """Run LibreOffice once over every draft; '' when it ended normally, else why not."""
    cmd = [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
           "--nolockcheck", "--convert-to", "pdf", "--outdir", str(folder), *(str(d) for d in drafts)]
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=os.name == "posix")
    except OSError as e:
        return e.strerror or e.__class__.__name__
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        return f"LibreOffice did not finish in {timeout:g} s"
    if proc.returncode != 0:
        last = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
        return f"exit {proc.returncode}" + (f": {last[-1][:120]}" if last else "")
    return ""


def _kill(proc: subprocess.Popen) -> None:
    # soffice is a launcher: the converting process is its child, in the session started for it
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()
    except OSError:
        pass
    proc.communicate()
