"""The vendor master: whom the 取適法 covers (``[vendors]`` in the config, or a vendor sheet).

An order list cannot say whether the act covers an order (DOMAIN.md §2.2): the vendor master
does, one vendor per entry, found by 登録番号, 取引先コード or name (the legal form and width
ignored). An entry says ``covered = true|false``, or gives the vendor's 資本金 / 従業員数 so
that :func:`~ledgerkit.rules.coverage.toriteki_covered` decides against the company's own
(``[company] capital / employees``). A vendor in no entry, or one the figures cannot decide,
is ``unknown``.

Config::

    [vendors]
    file = "取引先マスタ.xlsx"      # a vendor sheet, read through the intake door
    [[vendors.list]]
    name = "株式会社アルファ"
    covered = true
    [[vendors.list]]
    registration_no = "T7123456789012"
    capital = 10000000
    employees = 20
    deal = "services"
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from ledgerkit.config.loading import Config
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import Result, SheetResult
from ledgerkit.detect.list_rows import CellProblem, log_row, read_code
from ledgerkit.detect.merged import fill_merged
from ledgerkit.detect.tables import cell, find_table, synonyms_for
from ledgerkit.detect.walk import RowLog, classify_rows
from ledgerkit.intake.door import gather, read_files
from ledgerkit.kinds.vendors import VENDOR_FIELDS
from ledgerkit.parse.amounts import parse_amount
from ledgerkit.parse.codes import normalize_registration_no
from ledgerkit.parse.master_cells import parse_count, parse_deal, parse_yes_no
from ledgerkit.parse.names import vendor_key
from ledgerkit.parse.text import CellValueError, normalize_text
from ledgerkit.reports.generic import detail_writer
from ledgerkit.rules.coverage import COVERED, NOT_COVERED, UNKNOWN, toriteki_covered

__all__ = ["Vendor", "VendorMaster", "VENDOR_COLUMNS", "read_vendors", "read_vendor_sheet", "vendor_master", "vendors_table"]

#: the vendor frame's columns
VENDOR_COLUMNS = ["name", "code", "registration_no", "covered", "capital", "employees", "deal",
                  "source_file", "source_sheet", "source_row"]
_LABELS = {"name": "取引先", "code": "取引先コード", "registration_no": "登録番号", "covered": "取適法対象",
           "capital": "資本金", "employees": "従業員数", "deal": "取引区分"}


@dataclass(frozen=True)
class Vendor:
    """One entry of the vendor master; ``where`` says where it was written."""

    name: str = ""
    registration_no: str = ""
    code: str = ""
    covered: bool | None = None
    capital: int | None = None
    employees: int | None = None
    deal: str = ""
    where: str = ""


@dataclass
class VendorMaster:
    """The vendors and the company's own 資本金 / 従業員数; :meth:`status` says whom the act covers.

    Examples:
        >>> m = VendorMaster([Vendor("株式会社アルファ", covered=True), Vendor("ベータ", capital=5_000_000)],
        ...                  capital=30_000_000)
        >>> m.status("㈱アルファ")[0], m.status("ベータ合同会社")[0], m.status("ガンマ")[0]
        ('covered', 'covered', 'unknown')
    """

    vendors: list[Vendor] = field(default_factory=list)
    capital: int | None = None
    employees: int | None = None
    deal: str = ""

    def find(self, name: str = "", registration_no: str = "", code: str = "") -> Vendor | None:
        """The entry for a vendor: by 登録番号, else 取引先コード, else name key."""
        reg = normalize_registration_no(registration_no) if registration_no else ""
        key = vendor_key(name) if name else ""
        for test in (lambda v: reg and v.registration_no == reg,
                     lambda v: code and v.code == str(code),
                     lambda v: key and v.name and vendor_key(v.name) == key):
            found = next((v for v in self.vendors if test(v)), None)
            if found is not None:
                return found
        return None

    def status(self, name: str = "", registration_no: str = "", code: str = "") -> tuple[str, dict[str, str]]:
        """(``covered`` / ``not_covered`` / ``unknown``, why in ja and en)."""
        v = self.find(name, registration_no, code)
        if v is None:
            return UNKNOWN, {"ja": "取引先マスタにありません", "en": "not in the vendor master"}
        if v.covered is not None:
            return (COVERED if v.covered else NOT_COVERED), {"ja": f"取引先マスタ ({v.where})", "en": f"vendor master ({v.where})"}
        try:
            decided = toriteki_covered(buyer_capital=self.capital, buyer_employees=self.employees,
                                       vendor_capital=v.capital, vendor_employees=v.employees,
                                       deal=v.deal or self.deal or None)
        except ValueError:
            decided = None
        if decided is None:
            return UNKNOWN, {"ja": f"資本金・従業員数から判定できません ({v.where})",
                             "en": f"capital and employees do not decide ({v.where})"}
        status = COVERED if decided else NOT_COVERED
        return status, {"ja": f"資本金・従業員数から判定 ({v.where})", "en": f"decided by capital and employees ({v.where})"}


def _setting(config: Any, dotted: str) -> Any:
    """A setting of a Config (``config.get("a.b")``) or of a plain dict of tables (``{"a": {"b": …}}``)."""
    if config is None:
        return None
    if isinstance(config, Mapping):
        node: Any = config
        for part in dotted.split("."):
            if not isinstance(node, Mapping) or part not in node:
                return None
            node = node[part]
        return node
    return config.get(dotted)


def _config_vendors(config: Any) -> list[Vendor]:
    """The ``[[vendors.list]]`` entries of the config."""
    entries = _setting(config, "vendors.list") or []
    out = []
    for i, e in enumerate(entries or []):
        out.append(Vendor(
            name=normalize_text(e.get("name", "")),
            registration_no=normalize_registration_no(e["registration_no"]) if e.get("registration_no") else "",
            code=str(e.get("code", "") or ""),
            covered=e.get("covered"),
            capital=e.get("capital") or None,
            employees=e.get("employees") or None,
            deal=e.get("deal", "") or "",
            where=f"vendors.list[{i}]",
        ))
    return out


def vendor_master(config: Any = None, vendors: Any = None, **door: Any) -> tuple[VendorMaster, list[Issue], list[str]]:
    """The vendor master of ``config`` (``[[vendors.list]]``, ``vendors.file``) and ``vendors``
    (more vendor sheets: paths, a Result of :func:`read_vendors`, a frame, or a VendorMaster):
    ``(master, issues of reading the sheets, files read)``.

    The sheet entries come after the config's, so a ``[[vendors.list]]`` entry wins over a sheet
    row for the same vendor.
    """
    if isinstance(vendors, VendorMaster):
        return vendors, [], []
    entries = _config_vendors(config)
    issues: list[Issue] = []
    files: list[str] = []
    paths: list = []
    file = _setting(config, "vendors.file") or ""
    if file:
        p = Path(file).expanduser()
        base = getattr(config, "base_dir", Path.cwd())
        paths.append(p if p.is_absolute() else base / p)
    frames = []
    if vendors is not None and hasattr(vendors, "columns") and hasattr(vendors, "iloc"):
        frames.append(vendors)
    elif isinstance(vendors, Result):
        frames.append(vendors.frame)
        issues.extend(vendors.issues)
        files.extend(vendors.files)
    elif vendors is not None:
        paths.extend([vendors] if isinstance(vendors, (str, os.PathLike)) else list(vendors))
    if paths:
        read = read_vendors(paths, config if isinstance(config, Config) else None, **door)
        frames.append(read.frame)
        issues.extend(read.issues)
        files.extend(read.files)
    for frame in frames:
        entries.extend(_frame_vendors(frame))
    return VendorMaster(entries, capital=_setting(config, "company.capital") or None,
                        employees=_setting(config, "company.employees") or None,
                        deal=_setting(config, "vendors.deal") or ""), issues, files


def _frame_vendors(frame) -> list[Vendor]:
    out = []
    for r in frame.to_dict("records"):
        where = f"{Path(str(r.get('source_file', ''))).name} / {r.get('source_sheet', '')} / {r.get('source_row', '')}"
        covered = r.get("covered")
        out.append(Vendor(
            name=str(r.get("name") or ""), registration_no=str(r.get("registration_no") or ""),
            code=str(r.get("code") or ""), covered=None if covered is None or covered != covered else bool(covered),
            capital=_int_or_none(r.get("capital")), employees=_int_or_none(r.get("employees")),
            deal=str(r.get("deal") or ""), where=where.strip(" /"),
        ))
    return out


def _int_or_none(v: Any) -> int | None:
    if v is None or v != v:
        return None
    return int(v) or None


def read_vendors(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    config: Config | None = None,
    *,
    include_hidden: bool | None = None,
    skip_bad: bool = False,
    jobs: int | None = None,
) -> Result:
    """Read vendor masters (取引先マスタ) through the intake door: one row per vendor (:data:`VENDOR_COLUMNS`).

    ``covered`` is True / False / None (○ / × / blank or 不明); ``capital`` yen, ``employees`` a
    head count, ``deal`` ``manufacturing`` / ``services`` / ``""``. A cell that cannot be read
    is listed and left blank (the vendor is then unknown, never guessed).

    Examples:
        >>> read_vendors("取引先マスタ.xlsx").frame[["name", "covered"]]   # doctest: +SKIP
    """
    config = config if config is not None else Config()
    intake = read_files(paths, config, reader=read_vendor_sheet, include_hidden=include_hidden,
                        skip_bad=skip_bad, jobs=jobs)
    return gather(intake, "vendors", columns=VENDOR_COLUMNS, config=config, writer=detail_writer())


def read_vendor_sheet(sheet, *, file: str, config=None) -> SheetResult:
    """One sheet of a vendor master (run in the intake's worker); ``frame`` None when it holds none."""
    import pandas as pd

    rows = fill_merged(sheet.rows, getattr(sheet, "merged", None) or ())
    fields = synonyms_for(config, "vendors", VENDOR_FIELDS)
    table = find_table(rows, fields, ({"name", "covered"}, {"registration_no", "covered"}, {"name", "capital"},
                                      {"name", "employees"}, {"registration_no", "capital"}))
    if table is None:
        return SheetResult.no_table(file, sheet, kind={"ja": "取引先マスタ", "en": "vendor master"},
                                    fields={"ja": "取引先 (または登録番号) + 取適法対象 (または資本金・従業員数)",
                                            "en": "取引先 (or 登録番号) + 取適法対象 (or 資本金 / 従業員数)"})
    m, cols = table.mapping, table.columns
    kinds = classify_rows(rows, table.data_start, table.data_end, columns=list(cols),
                          labels=[m[k] for k in ("name", "code", "registration_no") if k in m],
                          header=rows[table.header_row])
    log = RowLog(file, sheet.name)
    records = []
    for r in range(table.data_start, table.data_end):
        if log.not_data(r, kinds):  # blank; 合計, the header again or a note: listed
            continue
        rec, problems = _vendor_row(rows[r], m)
        if log_row(log, r, problems, cols):
            continue
        rec.update(source_file=file, source_sheet=sheet.name, source_row=r + 1)
        records.append(rec)
    frame = pd.DataFrame.from_records(records, columns=VENDOR_COLUMNS)
    for c in ("covered", "capital", "employees"):
        frame[c] = pd.Series([rec[c] for rec in records], dtype=object, index=frame.index)
    return SheetResult(frame, log.issues, log.rows_read, layout="long", header_row=table.header_excel_row,
                       mapping={f: cols[c] for f, c in m.items()}, kind="vendors")


def _vendor_row(row, m: dict) -> tuple[dict, list[CellProblem]]:
    problems: list[CellProblem] = []
    rec: dict[str, Any] = {"name": normalize_text(cell(row, m["name"])) if "name" in m else ""}
    rec["code"] = read_code(row, m.get("code"), problems, _LABELS["code"]) or ""
    raw_reg = cell(row, m.get("registration_no"))
    rec["registration_no"] = normalize_registration_no(raw_reg) if raw_reg not in (None, "") else ""
    if not (rec["name"] or rec["registration_no"] or rec["code"]):
        problems.append(CellProblem("missing_value", _LABELS["name"], m.get("name"), "", True))
    for f, parse in (("covered", parse_yes_no), ("capital", _capital), ("employees", parse_count), ("deal", parse_deal)):
        rec[f] = None if f != "deal" else ""
        if f not in m:
            continue
        try:
            rec[f] = parse(cell(row, m[f]))
        except CellValueError:
            # listed, left unknown: a vendor is never taken for covered (or not) on a guess
            problems.append(CellProblem("bad_cell", _LABELS[f], m[f], cell(row, m[f]), False))
    return rec, problems


def _capital(v: Any) -> int | None:
    amount = parse_amount(v)
    if amount is None:
        return None
    if amount < 0 or amount != amount.to_integral_value():
        raise CellValueError("資本金として読めません", v)
    return int(amount)


def vendors_table(master: VendorMaster, names: Iterable[tuple[str, str, str]], lang: str = "ja"):
    """The coverage of each vendor of an order list, as a frame (vendor, 登録番号, status, why)."""
    import pandas as pd

    seen, records = set(), []
    for name, reg, code in names:
        key = (vendor_key(name) if name else "", reg, code)
        if key in seen:
            continue
        seen.add(key)
        status, why = master.status(name, reg, code)
        records.append({"vendor": name, "registration_no": reg, "coverage": status, "basis": why[lang]})
    return pd.DataFrame.from_records(records, columns=["vendor", "registration_no", "coverage", "basis"])

