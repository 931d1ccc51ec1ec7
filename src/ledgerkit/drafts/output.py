"""Where drafts go: safe file names inside the output folder, atomic writes, the manifest."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import string
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

from ledgerkit.core.errors import InputError, OutputError, TemplateError
from ledgerkit.drafts.text import t
from ledgerkit.core import messages
from ledgerkit.core.messages import shown_path
from ledgerkit.reports.output import atomic_output, exists_error
from ledgerkit.reports.text_safety import neutralize

# control characters (C0, DEL, C1), the bidi controls that make "abc\u202egpj.exe" show as
# "abcexe.jpg", and the characters Windows does not allow
_UNSAFE = re.compile('[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"/\\\\|?*]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"COM{i}" for i in [*range(1, 10), "¹", "²", "³"]), *(f"LPT{i}" for i in [*range(1, 10), "¹", "²", "³"])}
#: file names stay well under the 255-byte limit of common file systems
MAX_NAME_BYTES = 180


@dataclass
class DraftResult:
    """One draft: the file written (or the error that stopped it) and the rows it came from."""

    key: str
    source_file: str
    sheet: str
    rows: list[int]
    path: Path | None = None
    status: str = "written"
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    #: the CLI exit code of the error that stopped this draft (0 when written)
    exit_code: int = 0
    #: the PDF made from the draft (``--pdf``), beside it
    pdf: Path | None = None

    @property
    def ok(self) -> bool:
        return self.status == "written"

    def as_record(self) -> dict:
        return {
            "key": self.key,
            "status": self.status,
            "file": "" if self.path is None else self.path.name,
            "source_file": self.source_file,
            "source_sheet": self.sheet,
            "source_rows": " ".join(str(r) for r in self.rows),
            "message": self.message,
            "warnings": " / ".join(self.warnings),
            "pdf": "" if self.pdf is None else self.pdf.name,
        }


MANIFEST_COLUMNS = ["key", "status", "file", "source_file", "source_sheet", "source_rows", "message", "warnings", "pdf"]


def safe_filename(name: str, *, fallback: str = "draft") -> str:
    """``name`` made safe as one file name on Windows, macOS and Linux.

    Path separators, control characters and ``<>:"|?*`` become ``_``; leading and
    trailing dots and spaces go (no ``..``, no hidden files); Windows' reserved names
    (CON, NUL, COM1…) get a ``_`` in front;
    the name is cut to :data:`MAX_NAME_BYTES` bytes of UTF-8 without splitting a character.

    Examples:
        >>> safe_filename("R-2026-001_PC購入の件")
        'R-2026-001_PC購入の件'
        >>> safe_filename("../../etc/passwd"), safe_filename("CON"), safe_filename("a\\tb?.")
        ('_.._etc_passwd', '_CON', 'a_b_')
        >>> safe_filename("  "), safe_filename("/abs/path")
        ('draft', '_abs_path')
    """
    text = unicodedata.normalize("NFC", str(name))
    text = _UNSAFE.sub("_", text).strip()
    # no hidden files, no names Windows cannot keep (trailing dot or space)
    text = text.strip(". ")
    if text in {"", ".", ".."}:
        return fallback
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = "_" + text
    if text.startswith("-"):  # not an option to the next command that is given the file
        text = "_" + text
    encoded = text.encode("utf-8")
    if len(encoded) > MAX_NAME_BYTES:
        text = encoded[:MAX_NAME_BYTES].decode("utf-8", errors="ignore").rstrip(". ")
    return text


class _NameFormatter(string.Formatter):
    def __init__(self, values: Mapping[str, Any], pattern: str, lang: str = "ja"):
        self.values = values
        self.pattern = pattern
        self.lang = lang

    def get_value(self, key, args, kwargs):
        if isinstance(key, int) or key not in self.values:
            raise TemplateError(t("name_no_field", self.lang, pattern=self.pattern, key=key,
                                  fields=", ".join(sorted(map(str, self.values)))))
        return self.values[key]

    def format_field(self, value, format_spec):
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date) and not format_spec:
            return value.isoformat()
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = int(value)
        return super().format_field(value, format_spec)


def name_from_pattern(pattern: str, values: Mapping[str, Any], lang: str = "ja") -> str:
    """The file stem from a ``{field}`` pattern over a row's fields, made safe.

    Examples:
        >>> name_from_pattern("{申請番号}_{件名}", {"申請番号": "R-1", "件名": "a/b"})
        'R-1_a_b'
    """
    try:
        raw = _NameFormatter(values, pattern, lang).format(pattern)
    except (ValueError, IndexError) as e:
        raise TemplateError(t("name_bad", lang, pattern=pattern, error=e)) from None
    return safe_filename(raw)


def output_suffix(template: str | Path) -> str:
    """``ringi.md.j2`` → ``.md``; ``po.html.j2`` → ``.html``; ``po.xlsx`` → ``.xlsx``; a Word
    form (``.docx``, a ``.dotx`` template) → ``.docx``, a plain document, never ``.docm``.

    Examples:
        >>> output_suffix("ringi.md.j2"), output_suffix("注文書.dotx"), output_suffix("notes")
        ('.md', '.docx', '.txt')
    """
    name = Path(template).name
    if name.endswith(".j2"):
        name = name[:-3]
    suffix = Path(name).suffix
    if suffix.lower() in (".docx", ".dotx", ".docm", ".dotm"):
        return ".docx"
    return suffix or ".txt"


def place(out_dir: Path, stem: str, suffix: str, taken: set[Path]) -> Path:
    """A path for ``stem + suffix`` inside ``out_dir``, not one already used in this run."""
    out_dir = out_dir.resolve()
    n = 1
    while True:
        name = f"{stem}{suffix}" if n == 1 else f"{stem}_{n}{suffix}"
        # the name itself is not resolved: a symbolic link there is refused, never followed
        path = out_dir / name
        if path.parent != out_dir:  # belt and braces: safe_filename already keeps it inside
            raise OutputError(f"{name}: would be written outside {out_dir}")
        if path not in taken:
            taken.add(path)
            return path
        n += 1


def refuse_stdout(out_dir: str | Path, lang: str = "ja") -> None:
    """Drafts are files: ``-`` (standard output) is no folder for them (an InputError)."""
    if str(out_dir) == "-":
        raise InputError(t("output_dash", lang))


def prepare_dir(out_dir: str | Path, lang: str = "ja") -> Path:
    """The drafts' folder, created when missing (parents too), as for a report's folder."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        reason = messages.text("output_not_folder", lang) if isinstance(e, (FileExistsError, NotADirectoryError)) \
            else e.strerror or e.__class__.__name__
        raise OutputError(messages.text("output_folder_not_made", lang, path=shown_path(out),
                                        folder=shown_path(out), reason=reason)) from None
    if not out.is_dir():
        raise OutputError(messages.text("output_folder_not_made", lang, path=shown_path(out), folder=shown_path(out),
                                        reason=messages.text("output_not_folder", lang)))
    return out


def refuse_kept(paths: list[Path], lang: str = "ja") -> None:
    """Without ``--force`` no file of a run is replaced: one line naming the first that is
    there already (and how many more), ``--force``, and nothing written (OutputError, exit 2).
    A symbolic link is not counted here: :func:`refuse_link` refuses it, with or without ``--force``."""
    kept = [p for p in dict.fromkeys(paths) if p.exists() and not p.is_symlink()]
    if len(kept) == 1:
        raise exists_error(kept[0], lang)
    if kept:
        raise OutputError(messages.text("output_exists_more", lang, path=shown_path(kept[0]), more=len(kept) - 1))


def check_manifest(out_dir: str | Path, fmt: str, *, batch: bool, overwrite: bool, source: str | Path,
                   lang: str = "ja") -> None:
    """Before the list is read: a run with a manifest (``--all``) does not replace the
    previous run's manifest without ``--force`` (a manifest that is the list itself is
    refused, with or without it, by :func:`~ledgerkit.drafts.job.run_drafts`)."""
    listed = manifest_path(Path(out_dir), fmt)
    if batch and not overwrite and listed.resolve() != Path(source).resolve():
        refuse_kept([listed], lang)


def remove_previous(paths: list[Path]) -> None:
    """A draft that failed under ``--force``: the previous run's files of the same name are
    removed, so that nothing stale looks current (never through a symbolic link)."""
    for p in paths:
        if p.is_file() and not p.is_symlink():
            try:
                p.unlink()
            except OSError:
                pass


def refuse_link(path: Path, lang: str = "ja") -> None:
    """A draft, a PDF or a manifest is never written through a symbolic link in the output
    folder: the link's target (anything the person can write) would be replaced."""
    if path.is_symlink():
        raise OutputError(t("symlink", lang, path=path))


def write_with(path: Path, write, lang: str = "ja", *, overwrite: bool = False) -> Path:
    """Call ``write(temporary_path)``, then move the file into place (writers.atomic_output).

    Refuses (OutputError) to write through a symbolic link at ``path``, and to replace a
    file unless ``overwrite`` (checked again at the rename).
    """
    refuse_link(path, lang)
    try:
        with atomic_output(path, lang=lang, overwrite=overwrite) as tmp:
            write(tmp)
    except OSError as e:
        raise OutputError(f"{path}: cannot write ({e.strerror or e.__class__.__name__})") from None
    return path


def write_atomic(path: Path, data: bytes, lang: str = "ja", *, overwrite: bool = False) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then move it into place."""
    return write_with(path, lambda tmp: tmp.write_bytes(data), lang, overwrite=overwrite)


def manifest_path(out_dir: Path, fmt: str = "csv") -> Path:
    return out_dir / f"manifest.{fmt}"


def write_manifest(results: list[DraftResult], out_dir: Path, fmt: str = "csv", lang: str = "ja", *,
                   overwrite: bool = False) -> Path:
    """``manifest.csv`` (UTF-8 with BOM, for Excel) or ``manifest.json`` listing every draft."""
    records = [r.as_record() for r in results]
    if fmt == "json":
        data = json.dumps(records, ensure_ascii=False, indent=2).encode("utf-8")
        return write_atomic(manifest_path(out_dir, fmt), data, lang, overwrite=overwrite)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=MANIFEST_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for rec in records:
        # a cell text starting with = + - @ (or tab, CR) would be a formula when Excel opens the CSV;
        # an empty cell stays empty
        writer.writerow({k: (neutralize(v) if isinstance(v, str) else v) for k, v in rec.items()})
    return write_atomic(manifest_path(out_dir, fmt), ("\ufeff" + buf.getvalue()).encode("utf-8"), lang,
                        overwrite=overwrite)
