"""``ledgerkit draft-ringi`` and ``ledgerkit draft-po``: drafts from workbook rows."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ledgerkit.cli.common import ConfigOption, ForceOption, LangOption, fail, load, say
from ledgerkit.core.errors import LedgerkitError
from ledgerkit.core.messages import text


class ManifestFormat(str, Enum):
    csv = "csv"
    json = "json"


SourceArg = Annotated[Path, typer.Argument(help="The request or order list (.xlsx, .xls, .csv …).", dir_okay=False)]
RowOption = Annotated[Optional[int], typer.Option("--row", min=1, help="The row number as Excel shows it.")]
WhereOption = Annotated[
    Optional[list[str]],
    typer.Option("--where", help="COLUMN=VALUE, the column by its header text (repeat to narrow down)."),
]
AllOption = Annotated[bool, typer.Option("--all", help="Every data row (draft-po: every order); writes a manifest.")]
OutDirOption = Annotated[Path, typer.Option("-o", "--output-dir", metavar="FOLDER", help="Folder for the drafts.",
                                                    file_okay=False)]
NameOption = Annotated[
    Optional[str],
    typer.Option("--name", help="File name pattern over the row's fields, e.g. '{申請番号}_{件名}'."),
]
#: draft-po's: the fields are an order list's
PoNameOption = Annotated[
    Optional[str],
    typer.Option("--name", help="File name pattern over the order's fields, e.g. '{注文番号}_{取引先}'."),
]
SheetOption = Annotated[Optional[str], typer.Option("--sheet", help="The sheet (default: the first with the table).")]
ManifestOption = Annotated[ManifestFormat, typer.Option("--manifest", help="Manifest format with --all.")]
PdfOption = Annotated[
    bool, typer.Option("--pdf", help="Also convert each draft to PDF with LibreOffice (soffice on PATH; exit 2 without it).")
]


def _run(kind: str, source: Path, **options) -> None:
    config = load(options.pop("config_path"), options.pop("lang"))
    if kind == "ringi":
        from ledgerkit.drafts.ringi import draft_ringi as draft
    else:
        from ledgerkit.drafts.po import draft_po as draft
    try:
        results = draft(source, config=config, **options)
    except LedgerkitError as e:
        fail(e, lang=config.lang)
    _say_results(results, config.lang, options["out_dir"], options["manifest"] if options["all"] else None)


def _say_results(results, lang: str, out_dir: Path, manifest: str | None) -> None:
    """Each draft's warnings and errors, one line for what was written; exit with the worst error's code."""
    from ledgerkit.reports.text_safety import terminal_safe

    failed = [r for r in results if not r.ok]
    for r in results:
        for w in r.warnings:
            typer.echo(terminal_safe(f"Warning: {r.key}: {w}"), err=True)
    for r in failed:
        typer.echo(terminal_safe(f"Error: {r.message}"), err=True)
    written = [r for r in results if r.ok]
    if len(results) == 1 and written:
        say(text("wrote", lang, path=written[0].path))
        if written[0].pdf is not None:
            say(text("wrote", lang, path=written[0].pdf))
    else:
        listed = text("drafts_manifest", lang, path=out_dir / f"manifest.{manifest}") if manifest else ""
        pdfs = sum(r.pdf is not None for r in results)
        say(text("drafts_wrote", lang, count=len(written), s="" if len(written) == 1 else "s", folder=out_dir)
            + (text("drafts_pdfs", lang, count=pdfs, s="" if pdfs == 1 else "s") if pdfs else "")
            + listed + (text("drafts_failed", lang, count=len(failed)) if failed else ""))
    if failed:
        raise typer.Exit(code=max(r.exit_code for r in failed))


def draft_ringi(
    source: SourceArg,
    row: RowOption = None,
    where: WhereOption = None,
    all: AllOption = False,
    template: Annotated[str, typer.Option(
        "--template", help="Bundled name or path: ringi.md.j2, ringi.html.j2, ringi.xlsx, ringi.docx (a Word form)."
    )] = "ringi.md.j2",
    out_dir: OutDirOption = Path("drafts"),
    name: NameOption = None,
    sheet: SheetOption = None,
    force: ForceOption = False,
    manifest: ManifestOption = ManifestFormat.csv,
    pdf: PdfOption = False,
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Draft a 稟議書 from each chosen row of a request list.

    Templates: Markdown (default), HTML, the company's Excel form or Word form (.docx).
    Exit codes: 0 written; 1 a cell or the data is wrong; 2 usage, an unreadable list, or
    a template that names a field the row lacks (nothing is written for that draft).

    Example: ledgerkit draft-ringi examples/requests.xlsx --where 申請番号=R-2026-001 -o out/ringi
    """
    _run("ringi", source, row=row, where=where, all=all, template=template, out_dir=out_dir, name_pattern=name,
         sheet=sheet, overwrite=force, manifest=manifest.value, pdf=pdf, config_path=config_path, lang=lang)


def draft_po(
    source: SourceArg,
    row: RowOption = None,
    where: WhereOption = None,
    all: AllOption = False,
    template: Annotated[str, typer.Option(
        "--template", help="Bundled name or path: po.xlsx, po.docx (a Word form), po.html.j2."
    )] = "po.xlsx",
    out_dir: OutDirOption = Path("drafts"),
    name: PoNameOption = None,
    sheet: SheetOption = None,
    force: ForceOption = False,
    manifest: ManifestOption = ManifestFormat.csv,
    pdf: PdfOption = False,
    config_path: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Draft a 注文書 for each order (the rows sharing an order number) of an order list.

    Exit codes: 0 written; 1 the data is wrong (header fields that differ between an
    order's rows, required terms missing); 2 usage, an unreadable list, or a form problem.

    Example: ledgerkit draft-po examples/orders.xlsx --where 注文番号=PO-2026-001 -o out/po --config examples/drafts.toml
    """
    _run("po", source, row=row, where=where, all=all, template=template, out_dir=out_dir, name_pattern=name,
         sheet=sheet, overwrite=force, manifest=manifest.value, pdf=pdf, config_path=config_path, lang=lang)


def register(app: typer.Typer) -> None:
    app.command("draft-ringi", rich_help_panel="Drafts")(draft_ringi)
    app.command("draft-po", rich_help_panel="Drafts")(draft_po)
