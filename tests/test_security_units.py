"""Issue 7, piece by piece: the guards every command relies on.

CSV neutralization, safe file names, terminal text, the Jinja sandbox, XML hardening
(defusedxml, XML bombs in inputs and in Excel forms), the file-size bound, and atomic
writes that leave nothing behind when interrupted.
"""

from __future__ import annotations

import csv
import os
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledgerkit.cli.app import app
from ledgerkit.drafts.output import MAX_NAME_BYTES, safe_filename, write_atomic
from ledgerkit.drafts.templating import render_text
from ledgerkit.drafts.xlsx_form import excel_text, load_form
from ledgerkit.core.errors import OutputError, TemplateError, UnreadableFileError
from ledgerkit.intake.read import read_workbook
from ledgerkit.reports.frames import write_frame
from ledgerkit.reports.output import atomic_output
from ledgerkit.reports.text_safety import INJECTION_CHARS, neutralize, terminal_safe
from ledgerkit.reports.xlsx_report import XlsxReport

HERE = Path(__file__).parent
TEMPLATES = HERE.parent / "templates"
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
runner = CliRunner()

# text that leans on what spreadsheets and file systems treat specially
tricky_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("=+-@\t\r\n'\"|!<>:/\\.*?%{}[]$ ") + ["\x00", "\x1b", "\u202e", "\u3000", "△", "▲"]),
        st.characters(codec="utf-8"),
    ),
    max_size=40,
)


# --- CSV ---------------------------------------------------------------------------------


@given(tricky_text)
@settings(max_examples=200)
def test_neutralize_never_leaves_a_runnable_cell_and_loses_nothing(text):
    out = neutralize(text)
    if out.startswith(INJECTION_CHARS):
        assert PLAIN_NUMBER.fullmatch(out)  # "-5" is a number, it runs nothing
    assert out in (text, "'" + text)


@given(st.lists(st.one_of(st.integers(-10**15, 10**15), tricky_text), min_size=1, max_size=8))
@settings(max_examples=100)
def test_csv_cells_are_inert_and_numbers_stay_numbers(tmp_path_factory, values):
    path = tmp_path_factory.mktemp("csv") / "rows.csv"
    frame = pd.DataFrame({"value": pd.Series(values, dtype=object),
                          "yen": [Decimal(-1000)] * len(values), "n": [-1000] * len(values)})
    write_frame(frame, path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["value", "yen", "n"]
    for row, v in zip(rows[1:], values):
        cell, yen, n = row
        assert (yen, n) == ("-1000", "-1000")  # negatives are numbers, not neutralized text
        if isinstance(v, int):
            assert cell == str(v)
        else:
            assert cell in (v, "'" + v)
            if cell.startswith(INJECTION_CHARS):
                assert PLAIN_NUMBER.fullmatch(cell)


# --- file names ----------------------------------------------------------------------------

RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", *(f"COM{i}" for i in range(1, 10)),
            *(f"LPT{i}" for i in range(1, 10))}


@given(tricky_text)
@settings(max_examples=200)
def test_safe_filename_is_one_harmless_name(text):
    name = safe_filename(text)
    assert name and name not in (".", "..")
    assert not re.search(r'[\x00-\x1f\x7f-\x9f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]', name)
    assert not name.startswith((".", "-", " ")) and not name.endswith((".", " "))
    assert name.split(".")[0].strip().upper() not in RESERVED
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES


@pytest.mark.parametrize("text, expected", [
    ("../../etc/passwd", "_.._etc_passwd"),
    ("/abs/path", "_abs_path"),
    ("C:\\Windows\\x", "C__Windows_x"),
    ("CON", "_CON"),
    ("aux.txt", "_aux.txt"),
    ("com1.md", "_com1.md"),
    ("-rf", "_-rf"),
    ("abc\u202egpj.exe", "abc_gpj.exe"),
    ("a\x00b\x1b[31m", "a_b_[31m"),
])
def test_safe_filename_examples(text, expected):
    assert safe_filename(text) == expected


# --- the terminal --------------------------------------------------------------------------


@given(tricky_text)
@settings(max_examples=200)
def test_terminal_safe_leaves_nothing_a_terminal_acts_on(text):
    out = terminal_safe(text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", out)
    if not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", text):
        assert out == text


# --- Excel forms: the text Excel shows ------------------------------------------------------


@given(tricky_text)
@settings(max_examples=200)
def test_excel_text_round_trips_through_excels_escapes(text):
    stored = excel_text(text)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", stored)
    # Excel decodes _xHHHH_ back to the character
    assert re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), stored) == text


# --- the Jinja sandbox ---------------------------------------------------------------------

ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ x.__class__.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].listdir('/') }}",
    "{% include '/etc/passwd' %}",
    "{% import 'os' as os %}",
    "{{ x.format_map }}{{ '{0.__class__}'.format(x) }}",
    "{% set _ = x.append(1) %}",
]


@pytest.mark.parametrize("source", ESCAPES)
def test_a_template_cannot_reach_python_or_the_file_system(source):
    with pytest.raises(TemplateError):
        out = render_text(source, {"x": ["a"]}, name="evil.md.j2")
        # what little a sandbox lets through must not be Python internals
        assert "<class" not in out and "root:" not in out and "function" not in out


def test_jinja_in_a_value_is_never_evaluated():
    assert render_text("{{ x }}", {"x": "{{ 7*7 }}{% for %}"}) == "{{ 7*7 }}{% for %}"
    assert render_text("<p>{{ x }}</p>", {"x": "<script>alert(1)</script>"}, html=True) == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )


def test_cli_template_with_an_include_is_refused(tmp_path):
    from test_security import requests_rows, write_xlsx

    source = write_xlsx(tmp_path / "requests.xlsx", {"申請一覧": requests_rows()})
    evil = tmp_path / "evil.md.j2"
    evil.write_text("{% include '/etc/passwd' %}", encoding="utf-8")
    r = runner.invoke(app, ["draft-ringi", str(source), "--row", "4", "--template", str(evil), "-o", str(tmp_path / "o")])
    assert r.exit_code == 2
    assert r.stderr.startswith("Error: ") and len(r.stderr.strip().splitlines()) == 1
    assert "root:" not in r.output


# --- XML hardening -------------------------------------------------------------------------

BOMB_DTD = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 2 else "") + ";") * 10}">' for i in range(2, 10))
    + "]>"
)
XXE_DTD = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def poisoned(src: Path, dst: Path, dtd: str, member: str = "xl/workbook.xml", use: tuple[str, str] | None = None) -> Path:
    """A copy of ``src`` whose ``member`` declares entities (a billion laughs, or an external
    file); ``use`` = (text, entity) replaces that text with a reference to the entity."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == member:
                text = data.decode("utf-8")
                if use:
                    text = text.replace(use[0], f"&{use[1]};")
                if text.startswith("<?xml"):
                    head, rest = text.split("?>", 1)
                    text = head + "?>" + dtd + rest
                else:
                    text = dtd + text
                data = text.encode("utf-8")
            zout.writestr(item, data)
    return dst


def test_openpyxl_parses_with_defusedxml():
    import defusedxml  # noqa: F401  (installed with ledgerkit)
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize("dtd", [BOMB_DTD, XXE_DTD], ids=["bomb", "xxe"])
def test_a_form_that_declares_entities_is_refused(tmp_path, dtd):
    form = poisoned(TEMPLATES / "ringi.xlsx", tmp_path / "form.xlsx", dtd)
    with pytest.raises(TemplateError, match="Excel の様式を開けません"):
        load_form(form)
    from test_security import requests_rows, write_xlsx

    source = write_xlsx(tmp_path / "requests.xlsx", {"申請一覧": requests_rows()})
    r = runner.invoke(app, ["draft-ringi", str(source), "--row", "4", "--template", str(form), "-o", str(tmp_path / "o")])
    assert r.exit_code == 2
    assert r.stderr == ("Error: requests.xlsx: 申請一覧: 4行目: form.xlsx: Excel の様式を開けません "
                        "(XMLに実体宣言があるため読みません (XML爆弾の疑い))\n")
    r = runner.invoke(app, ["draft-ringi", str(source), "--row", "4", "--template", str(form), "-o", str(tmp_path / "o"),
                            "--lang", "en"])
    assert r.exit_code == 2
    assert r.stderr == ("Error: requests.xlsx: 申請一覧: row 4: form.xlsx: cannot open the Excel form "
                        "(the XML declares entities: not read (possible XML bomb))\n")
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())


def test_a_form_that_unpacks_too_large_is_refused_before_parsing(tmp_path, monkeypatch):
    import ledgerkit.drafts.xlsx_form as xlsx_form

    assert load_form(TEMPLATES / "ringi.xlsx") is not None
    monkeypatch.setattr(xlsx_form, "FORM_MAX_UNCOMPRESSED", 1000)
    with pytest.raises(TemplateError, match=r"ringi.xlsx: Excel の様式を開けません \(展開すると .* MB になるため読みません \(圧縮爆弾の疑い\)\)") as e:
        load_form(TEMPLATES / "ringi.xlsx")
    assert e.value.worded("en").startswith("ringi.xlsx: cannot open the Excel form (would expand to ")
    not_zip = tmp_path / "form.xlsx"
    not_zip.write_text("<html>", encoding="utf-8")
    with pytest.raises(TemplateError, match="form.xlsx: Excel の様式を開けません") as e:
        load_form(not_zip)
    assert e.value.worded("en").startswith("form.xlsx: cannot open the Excel form (")


@pytest.mark.parametrize("dtd, entity", [(BOMB_DTD, "lol9"), (XXE_DTD, "xxe")], ids=["bomb", "xxe"])
def test_an_input_that_uses_entities_is_refused_with_one_line(tmp_path, dtd, entity):
    base = tmp_path / "base.xlsx"
    wb = xlsxwriter.Workbook(str(base))
    wb.add_worksheet("s").write_string(0, 0, "氏名")
    wb.close()
    # declared but not used: refused all the same — Excel never writes a DTD, and whether it is
    # expanded must not depend on which XML parser a library picks (openpyxl takes lxml when installed)
    quiet = poisoned(base, tmp_path / "quiet.xlsx", dtd, member="xl/sharedStrings.xml")
    with pytest.raises(UnreadableFileError, match="XML"):
        read_workbook(quiet, lang="en")
    bad = poisoned(base, tmp_path / "bad.xlsx", dtd, member="xl/sharedStrings.xml", use=("氏名", entity))
    with pytest.raises(UnreadableFileError, match="XML"):
        read_workbook(bad, lang="en")
    r = runner.invoke(app, ["inspect", str(bad), "--lang", "en"])
    assert r.exit_code == 2
    assert r.stderr == f"{bad}: the XML declares entities: not read (possible XML bomb)\n"


# --- the size bound ------------------------------------------------------------------------


def test_a_file_above_the_size_bound_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.xlsx"
    with open(big, "wb") as f:
        f.truncate(201 * 1024 * 1024)  # sparse: takes no disk space
    with pytest.raises(UnreadableFileError) as e:
        read_workbook(big)
    assert e.value.code == "too_large"
    small = tmp_path / "small.csv"
    small.write_text("氏名,工数\n" + "山田,1\n" * 100, encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="limit"):
        read_workbook(small, max_bytes=100, lang="en")
    r = runner.invoke(app, ["aggregate", str(big), "--lang", "en"])
    assert r.exit_code == 2, r.output
    assert r.stderr.strip().splitlines() == [f"Error: {big}: file too large (201.0 MB, limit 200.0 MB)"]
    for args in (["check", "invoices", str(big)], ["draft-ringi", str(big), "--all", "-o", str(tmp_path / "o")]):
        r = runner.invoke(app, args)
        assert r.exit_code == 2, (args, r.output)
        assert r.stderr.strip().splitlines() == [f"Error: {big}: ファイルが大きすぎます (201.0 MB、上限 200.0 MB)"], args


# --- atomic writes ---------------------------------------------------------------------------


def test_an_interrupted_write_leaves_the_old_file_and_nothing_else(tmp_path):
    target = tmp_path / "report.csv"
    target.write_bytes(b"old")
    with pytest.raises(KeyboardInterrupt):
        with atomic_output(target, overwrite=True) as tmp:
            tmp.write_bytes(b"half")
            raise KeyboardInterrupt
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


def test_an_interrupted_report_writes_nothing(tmp_path):
    target = tmp_path / "report.xlsx"
    with pytest.raises(KeyboardInterrupt):
        with XlsxReport(target) as report:
            report.add_table("明細", pd.DataFrame({"x": ["=1+1"]}))
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_draft_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "draft.md"

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    monkeypatch.setattr(os, "link", interrupted)  # the move into a free name (no --force)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"text")
    assert list(tmp_path.iterdir()) == []


def test_an_output_that_is_an_input_is_refused_before_any_work(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("a\n1\n", encoding="utf-8")
    before = source.read_bytes()
    for target in (source, tmp_path / "." / "in.csv"):
        with pytest.raises(OutputError, match="入力ファイルの1つです"):
            write_frame(pd.DataFrame({"a": [1]}), target, inputs=[source])
        with pytest.raises(OutputError, match="入力ファイルの1つです"):
            write_frame(pd.DataFrame({"a": [1]}), target, inputs=[tmp_path])  # the folder it was read from
    link = tmp_path / "link.csv"
    link.symlink_to(source)
    with pytest.raises(OutputError, match="入力ファイルの1つです"):
        write_frame(pd.DataFrame({"a": [1]}), link, inputs=[source])
    assert source.read_bytes() == before


# --- nothing dropped at Excel's edges ---------------------------------------------------------


def test_a_summary_wider_than_excel_is_refused_not_cut(tmp_path):
    """xlsxwriter silently ignores cells beyond column XFD: the summary must refuse instead."""
    wide = pd.DataFrame({"person": ["山田"], **{f"P{i}": [1.0] for i in range(16_384)}})
    target = tmp_path / "report.xlsx"
    with pytest.raises(OutputError, match=r"16,386 columns is more than Excel's 16,384"):
        with XlsxReport(target) as report:
            report.add_summary("集計", wide, index=["person"])
    assert list(tmp_path.iterdir()) == []


# --- xlsx: any text stays the same text ----------------------------------------------------

xml_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("=+-@\t'\"|!<>:/\\.*?%{}[]$ _x0123456789ABCDEF") + ["\u3000", "△", "\u202e"]),
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    ),
    min_size=1,
    max_size=30,
)


@given(st.lists(xml_text, min_size=1, max_size=6), st.booleans())
@settings(max_examples=30, deadline=None)
def test_xlsx_text_cells_are_text_exactly_as_given(tmp_path_factory, texts, constant_memory):
    import openpyxl

    path = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    frame = pd.DataFrame({"note": texts, "value": texts})
    with XlsxReport(path, constant_memory=constant_memory) as report:
        report.add_table("明細", frame, formats={"value": "text"})
    ws = openpyxl.load_workbook(path).worksheets[0]
    for row, text in zip(ws.iter_rows(min_row=2), texts):
        for cell in row:
            assert cell.data_type == "s", (text, cell.value)
            # openpyxl shows Excel's own escape of a literal "_x0041_" as it is stored
            shown = re.sub(r"_x005F_(x[0-9A-Fa-f]{4}_)", r"_\1", cell.value)
            assert shown == text
