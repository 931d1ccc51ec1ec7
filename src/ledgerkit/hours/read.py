"""Effort hours (工数): read one sheet in either layout, then check across all files.

Two layouts are read as they are:

* a **long table** — one row per entry: 日付, 氏名, 案件, 作業, 工数;
* a **day grid** — projects or tasks down, days 1..31 across, one sheet per person
  (the name in a 氏名 cell or the sheet name) or per month (a 氏名 column).

Every data row ends up in the frame or in the issues with its Excel row number.
"""

from __future__ import annotations

import datetime as dt
import re
from operator import itemgetter
from pathlib import Path
from typing import Any, Callable

from ledgerkit.parse import normalize as nz
from ledgerkit.config.settings import Config
from ledgerkit.detect.table import (
    Synonyms,
    column_letter,
    detect_day_grid,
    detect_table,
    fill_merged,
    split_period,
    find_labelled_value,
    header_key,
    is_blank,
    title_texts,
)
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult

#: the columns of the hours frame, in order (other columns found follow them)
HOURS_COLUMNS = ["date", "month", "person", "project", "task", "hours", "source_file", "source_sheet", "source_row"]

# Sheets that hold lists, calendars or examples, not anybody's hours.
_HELPER_SHEET = re.compile(
    r"祝日|休日|祭日|holiday|カレンダー|calendar|リスト|list|マスタ|master|選択肢|プルダウン|"
    r"設定|記入例|入力例|sample|example|テンプレ|template|使い方|説明|help|readme",
    re.IGNORECASE,
)
# Sheets that summarize the others: counting them would count the hours twice.
_SUMMARY_SHEET = re.compile(r"集計|合計|サマリ|summary|まとめ|pivot|ピボット|total|全体|総括", re.IGNORECASE)
# Marks people put in a day cell for a day off: not hours, and not an error.
_DAY_OFF = {"土", "日", "祝", "休", "休み", "休日", "有休", "有給", "代休", "振休", "公休", "特休", "欠", "欠勤", "×", "/", "-", "ー", "―"}
_DEFAULT_SHEET = re.compile(r"^(sheet|シート|ワークシート)\s*\d*$", re.IGNORECASE)


def _config(config: Config | None) -> Config:
    return config if config is not None else Config()


def _cache(parser: Callable) -> Callable:
    """Memoize a cell parser on (type, value): the same texts repeat down a column."""
    memo: dict = {}

    def parse(value, *args):
        key = (type(value), value, args)
        try:
            hit = memo[key]
        except KeyError:
            try:
                hit = (parser(value, *args), None)
            except nz.CellValueError as e:
                hit = (None, e)
            except TypeError:  # unhashable never reaches here; kept for odd cell objects
                hit = (None, nz.CellValueError(str(value)))
            memo[key] = hit
        return hit

    return parse


def _column(body: list[list[Any]], c: int) -> list[Any]:
    """Column ``c`` of the rows (``''`` where a row is shorter)."""
    try:
        return list(map(itemgetter(c), body))
    except IndexError:
        return [row[c] if c < len(row) else "" for row in body]


_NUMBER_TYPES = frozenset({bool, int, float})


def _map_values(fn: Callable, values: list[Any], *, strict: bool = False) -> list[Any]:
    """``[fn(v) for v in values]``, calling ``fn`` once per distinct value.

    Values are told apart by value, and also by type where ``True``, ``1`` and ``1.0``
    (equal in Python, not to a parser) meet in one column. With ``strict``, an
    exception is raised for the first value in order that raises, as a loop would.

    Examples:
        >>> _map_values(str.upper, ["a", "b", "a"])
        ['A', 'B', 'A']
        >>> _map_values(repr, [1, True, 1.0])
        ['1', 'True', '1.0']
    """
    distinct = set(values)
    # a set keeps one of 1, 1.0 and True: look at every value's type only when numbers are there
    if not _NUMBER_TYPES.intersection(map(type, distinct)) or len(_NUMBER_TYPES.intersection(map(type, values))) <= 1:
        try:
            cache = {v: fn(v) for v in distinct}
        except Exception:
            if not strict:
                raise
            return [fn(v) for v in values]
        return list(map(cache.__getitem__, values))
    cache = {}
    out = []
    for v in values:
        key = (v.__class__, v)
        try:
            out.append(cache[key])
        except KeyError:
            cache[key] = hit = fn(v)
            out.append(hit)
    return out


def _blank_rows(columns: dict[int, list[Any]], cols) -> set[int]:
    """Indexes of the rows blank in every one of ``cols``."""
    found: list[int] | None = None
    for c in cols:
        col = columns[c]
        # by value alone: no number, date or time is blank, so 0, 0.0 and False may meet
        flags = {v: is_blank(v) for v in set(col)}
        if found is None:
            found = [i for i, v in enumerate(col) if flags[v]]
        else:
            found = [i for i in found if flags[col[i]]]
        if not found:
            break
    return set(found or ())


def _total_rows(columns: dict[int, list[Any]], cols) -> set[int]:
    """Indexes of the rows with a total label (合計, 小計, Total…) in one of ``cols``."""
    found: set[int] = set()
    for c in cols:
        col = columns[c]
        labels = {v for v in set(col) if isinstance(v, str) and nz.is_total_label(v)}
        if labels:
            found.update(i for i, v in enumerate(col) if v in labels)  # a number never equals a text
    return found


def _attempt(parser: Callable, value: Any, *args) -> tuple[Any, Exception | None]:
    """``(parser(value, *args), None)``, or ``(None, error)`` for a cell it cannot read."""
    try:
        return parser(value, *args), None
    except nz.CellValueError as e:
        return None, e
    except TypeError:
        return None, nz.CellValueError(str(value))



_UNIT_HEADERS = {"単位", "工数単位", "unit"}


def _row_unit(v: Any, config: Config) -> float:
    """Hours per unit written in a 単位 cell; 0 when the text is no unit.

    Examples:
        >>> from ledgerkit.config.settings import Config
        >>> [_row_unit(v, Config()) for v in ("時間", "ｈ", "人日", "人月", "分", "個")]
        [1.0, 1.0, 8.0, 160.0, 0.016666666666666666, 0]
    """
    key = nz.normalize_text(v).lower()
    if key in ("時間", "h", "hr", "hrs", "hour", "hours", "時"):
        return 1.0
    if key in ("人日", "日", "md", "day", "days", "person-day", "人/日"):
        return float(config.get("hours.hours_per_day", 8.0))
    if key in ("人月", "mm", "月", "person-month"):
        return float(config.get("hours.hours_per_month", 160.0))
    if key in ("分", "min", "mins", "minutes"):
        return 1 / 60
    return 0


def _unit_factor(header: str, config: Config) -> float:
    """Hours per unit named in a header: 工数(人日) → 8, (人月) → 160, (分) → 1/60."""
    key = header_key(header)
    if "人月" in key:
        return float(config.get("hours.hours_per_month", 160.0))
    if "人日" in key:
        return float(config.get("hours.hours_per_day", 8.0))
    if re.search(r"[\(\[]分[\)\]]|\(min\)|minutes", key):
        return 1 / 60
    return 1.0


_FISCAL_YEAR = re.compile(r"(?:(\d{4})|(?:令和|R)\s*(\d{1,2}|元))\s*年度|FY\s*(\d{4})", re.IGNORECASE)


def _fiscal_year(text: str) -> int | None:
    """``2026年度``, ``令和8年度``, ``R8年度``, ``FY2026`` → 2026."""
    m = _FISCAL_YEAR.search(nz.normalize_text(text))
    if not m:
        return None
    if m.group(1) or m.group(3):
        return int(m.group(1) or m.group(3))
    era_year = 1 if m.group(2) == "元" else int(m.group(2))
    return 2018 + era_year


def _sheet_year_month(rows, header_row: int, sheet_name: str, file: str, config: Config | None = None):
    """Year and month from titles above the header, the sheet name, then the file name.

    A fiscal year (``2026年度``) with a month before the fiscal-year start is the next
    calendar year: a sheet ``1月`` in ``工数_2026年度.xlsx`` is January 2027.
    """
    year = month = fiscal = year_only = None
    for text in [*title_texts(rows, header_row), sheet_name, Path(file).stem]:
        if fiscal is None:
            fiscal = _fiscal_year(text)
        if year_only is None:
            m = _YEAR_ONLY.search(nz.normalize_text(text))
            year_only = int(m.group(1)) if m else None
        found = nz.parse_year_month(text)
        if not found:
            continue
        y, m = found
        if month is None:
            month = m
        if year is None and y is not None and m == month:
            year = y
        if year is not None and month is not None:
            break
    if year is None and month is not None and fiscal is not None:
        start = int((config or Config()).get("fiscal_year.start_month", 4))
        year = fiscal if month >= start else fiscal + 1
    if year is None and month is not None and year_only is not None:
        year = year_only  # 工数_2026年.xlsx with sheets 1月 … 12月
    return year, month


_YEAR_ONLY = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!度)")
_YEAR_MONTH_TEXT = re.compile(
    r"(?:\d{4}\s*[年/.\-_]?\s*)?\d{1,2}\s*月(?:分)?|(?:令和|平成|R|H)\s*\d{1,2}[.年]\s*\d{1,2}月?|\d{4}[\-_.]\d{1,2}|\d{6}",
    re.IGNORECASE,
)


# Words that name what a sheet holds or which version it is, never whose it is.
_SHEET_WORDS = re.compile(
    r"工数表|工数実績|工数|作業実績|実績表|実績|作業報告書|作業報告|報告書|作業日報|日報|勤務表|勤怠表|"
    r"タイムシート|timesheet|提出用|提出|最新版|最新|旧版|原本|修正版|修正|コピー|copy|入力|明細|データ|data",
    re.IGNORECASE,
)


def _person_of_sheet(
    rows, header_row: int, sheet_name: str, words: list[str], file: str = ""
) -> tuple[str | None, str]:
    """The person a sheet belongs to: a 氏名 cell above the table, a name-like sheet name,
    else the one name-like word of the file name (工数報告_山田_2026年10月.xlsx)."""
    found = find_labelled_value(rows, words, before_row=header_row)
    if found is not None:
        name = nz.normalize_name(found[0])
        if name:
            return name, f"{column_letter(found[2])}{found[1] + 1}"
    # 山田_10月, 山田(2026年10月), 工数_山田 → 山田; 工数, 作業実績, 旧版 → nobody
    text = _SHEET_WORDS.sub(" ", _YEAR_MONTH_TEXT.sub(" ", nz.normalize_text(sheet_name)))
    name = nz.normalize_name(text.strip(" _-()[]・"))
    if (
        name
        and not _DEFAULT_SHEET.match(name)
        and not _SUMMARY_SHEET.search(name)
        and nz.parse_year_month(name) is None
        and not re.fullmatch(r"[\d\W_]+", name)
    ):
        return name, "sheet name"
    name = _person_of_file(file) if file else None
    return (name, "file name") if name else (None, "")


_ORG_WORD = re.compile(
    r"(社|部|課|室|班|係|チーム|グループ|支店|事業所|本部|pj|プロジェクト|team|group|dept)$|"
    r"開発|営業|総務|経理|人事|保守|運用|設計|製造|品質|管理|全体|全社|部門|案件|業務|作業|社内|共通",
    re.IGNORECASE,
)


def _person_of_file(file: str) -> str | None:
    """The one word of a file name left once the kind, version and month words are gone.

    Examples:
        >>> _person_of_file("in/工数報告_山田_2026年10月.xlsx"), _person_of_file("佐藤花子 R8.10 工数.xlsx")
        ('山田', '佐藤花子')
        >>> _person_of_file("工数_2026年10月.xlsx"), _person_of_file("A社_工数_202610.xlsx"), _person_of_file("工数_山田_佐藤.xlsx")
        (None, None, None)
        >>> _person_of_file("工数_開発_2026年10月.xlsx"), _person_of_file("保守チーム_10月.xlsx")
        (None, None)
    """
    text = nz.normalize_text(Path(file).stem)
    text = _YEAR_MONTH_TEXT.sub(" ", text)
    text = re.sub(r"(?:19|20)\d{2}\s*年度?|FY\s*\d{2,4}|(?:令和|R)\s*\d{1,2}\s*年度?|\d+", " ", text, flags=re.IGNORECASE)
    text = _SHEET_WORDS.sub(" ", re.sub(r"報告|月次|月分|分$", " ", text))
    words = [w for w in re.split(r"[\s_\-・()\[\]【】,.]+", text) if w]
    if len(words) != 1:
        return None
    word = nz.normalize_name(words[0])
    if len(word) < 2 or _ORG_WORD.search(word) or _SUMMARY_SHEET.search(word) or _HELPER_SHEET.search(word):
        return None
    return word


# A row of plans beside the row of hours worked (予実): the label says which
_PLAN_LABELS = {"予定", "計画", "見込", "見込み", "予測", "予定工数", "計画工数", "予定時間", "plan", "planned", "forecast"}
_ACTUAL_LABELS = {"実績", "実績工数", "実績時間", "actual", "actuals"}


def _task_text(value: Any) -> str:
    """A task cell as text; 実績 (the actual-hours row of a 予実 pair) is no task."""
    text = nz.normalize_text(value)
    return "" if text.lower() in _ACTUAL_LABELS else text


class _PlanRows(dict):
    """Row index → the plan label found (予定), usable as a set of indexes."""

    def __sub__(self, other):
        return _PlanRows({i: v for i, v in self.items() if i not in other})


def _plan_rows(columns: dict[int, list[Any]], cols) -> _PlanRows:
    """Indexes of the rows with a plan label (予定, 計画, plan…) alone in one of ``cols``."""
    found = _PlanRows()
    for c in cols:
        col = columns.get(c)
        if col is None:
            continue
        labels = {v: nz.normalize_text(v) for v in set(col) if isinstance(v, str) and len(v) <= 12}
        labels = {v: t for v, t in labels.items() if t.lower() in _PLAN_LABELS}
        if labels:
            for i, v in enumerate(col):
                if v in labels and i not in found:
                    found[i] = labels[v]
    return found


def _row_label_is_total(row: list[Any], cols) -> bool:
    for c in cols:
        if c < len(row) and isinstance(row[c], str) and nz.is_total_label(row[c]):
            return True
    return False


def _first_text_is_total(row: list[Any], c0: int, c1: int) -> bool:
    for c in range(c0, min(c1, len(row))):
        v = row[c]
        if is_blank(v):
            continue
        return isinstance(v, str) and nz.is_total_label(v)
    return False


def read_hours_sheet(sheet, *, file: str, config: Config | None = None) -> SheetResult:
    """Read one sheet of effort hours in either layout.

    Returns a :class:`~ledgerkit.consolidate.kinds.SheetResult` whose frame has the columns of
    :data:`HOURS_COLUMNS` (plus other columns of a long table under their own names),
    or ``frame=None`` with the reason in ``issues`` when the sheet holds no hours.
    """
    config = _config(config)
    name = sheet.name
    if _HELPER_SHEET.search(name):
        return SheetResult(
            issues=[Issue("helper_sheet", file, name, scope="sheet", params={"what": name})], note="helper"
        )
    rows = fill_merged(sheet.rows, sheet.merged or ())
    synonyms = config.synonyms("hours")
    syn = Synonyms(synonyms)
    table = detect_table(rows, syn, {"date", "hours"})
    if table is not None:
        return _read_long(rows, table, sheet.name, file, config, synonyms)
    grid = detect_day_grid(rows, syn, need_any=("project", "task"))
    if grid is not None:
        return _read_grid(rows, grid, sheet.name, file, config, synonyms)
    if _SUMMARY_SHEET.search(name) and any(not is_blank(v) for row in rows for v in row):
        return SheetResult.skipped("helper_sheet", file, name, note="summary", what="集計")
    return SheetResult.no_table(file, sheet, kind={"ja": "工数", "en": "hours"},
                                fields={"ja": "日付+工数 (縦持ち) または 日付(1〜31)の列+案件",
                                        "en": "日付 + 工数 (one row a day), or day columns (1-31) + 案件"})


def _unlabelled_totals(bad, good, blank, total, hours_parsed, columns, c_hours, table) -> set[int]:
    """Rows holding nothing but a number in the hours column that equals the rows above.

    A =SUM() under each person's block, or under the whole list, often has no 小計 label:
    it is a total (listed as one), not a row with a missing date.
    """
    candidates = [
        i for i in bad
        if i not in blank and i not in total and hours_parsed[i][2] is not None
        and all(is_blank(columns[c][i]) for c in range(table.col_start, table.col_end) if c != c_hours)
    ]
    if not candidates:
        return set()
    found: set[int] = set()
    wanted = set(candidates)
    running = grand = 0.0
    for i in range(max(candidates) + 1):
        if i in blank or i in total:
            running = 0.0
        elif good[i]:
            running += hours_parsed[i][2]
            grand += hours_parsed[i][2]
        elif i in wanted:
            value = hours_parsed[i][2]
            if value > 0 and (abs(value - running) < 1e-6 or abs(value - grand) < 1e-6):
                found.add(i)
                running = 0.0
    return found


def _year_alone(rows, header_row: int, sheet_name: str, file: str) -> tuple[int | None, int | None]:
    """(a calendar year written alone, a fiscal year) from the titles, the sheet and the file name.

    Examples:
        >>> _year_alone([["令和8年度 工数実績"]], 1, "佐藤", "x.xlsx"), _year_alone([], 0, "s", "工数_2026年.xlsx")
        ((None, 2026), (2026, None))
    """
    plain = fiscal = None
    for text in [*title_texts(rows, header_row), sheet_name, Path(file).stem]:
        if fiscal is None:
            fiscal = _fiscal_year(text)
        if plain is None:
            m = _YEAR_ONLY.search(nz.normalize_text(text))
            plain = int(m.group(1)) if m else None
    return (plain, None) if plain else (None, fiscal)


def _day_number(v: Any) -> bool:
    """A number 1..31 (a day of the month written alone)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() and 1 <= v <= 31


def _small_number(v: Any, lo: int, hi: int) -> int | None:
    """``10``, ``10.0``, ``"10"``, ``"10月"``, ``"2026年"`` → the number when within lo..hi, else None."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)) and float(v).is_integer():
        n = int(v)
    elif isinstance(v, str):
        m = re.fullmatch(r"(\d{1,4})\s*[年月]?", nz.normalize_text(v))
        if not m:
            return None
        n = int(m.group(1))
    else:
        return None
    return n if lo <= n <= hi else None


def _split_date_columns(table, c_date: int, extra_cols: dict[int, str]) -> tuple[int | None, int | None]:
    """The 年 and 月 columns of a date written over columns (年 | 月 | 日), or (None, None)."""
    if header_key(table.columns[c_date]) not in ("日", "day"):
        return None, None
    found: dict[str, int] = {}
    for c, h in extra_cols.items():
        key = header_key(h)
        if key in ("年", "year"):
            found.setdefault("year", c)
        elif key in ("月", "month"):
            found.setdefault("month", c)
    if "month" not in found:
        return None, None
    return found.get("year"), found["month"]


def _person_source(name: str, where: str) -> str:
    """Where the person of a whole sheet came from, for inspect: a 氏名 cell or the sheet name.

    Examples:
        >>> _person_source("山田太郎", "B2"), _person_source("山田", "sheet name")
        ('山田太郎 (セル B2)', '山田 (シート名)')
    """
    if where == "file name":
        return f"{name} (ファイル名)"
    return f"{name} (シート名)" if where == "sheet name" else f"{name} (セル {where})"


def _read_long(rows, table, sheet_name: str, file: str, config: Config, synonyms) -> SheetResult:
    import pandas as pd

    m = table.mapping
    issues: list[Issue] = []
    for other in table.others:
        issues.append(Issue("extra_table", file, sheet_name, scope="sheet", params={"range": other}))
    year, month = _sheet_year_month(rows, table.header_row, sheet_name, file, config)
    person_const = None
    if "person" not in m:
        person_const, person_where = _person_of_sheet(rows, table.header_row, sheet_name, synonyms.get("person", []), file)
        if person_const is None:
            issues.append(Issue("no_person", file, sheet_name, scope="sheet", severity="error"))
            return SheetResult(issues=issues, layout="long", header_row=table.header_excel_row)
    factor = _unit_factor(table.columns[m["hours"]], config)
    title_unit = ""
    if factor == 1.0 and not re.search(r"[\(\[](h|hr|時間|hours?)[\)\]]", header_key(table.columns[m["hours"]])):
        # a header without a unit under a title that states one: 工数 under (単位：人日)
        title_unit, factor = _stated_unit(title_texts(rows, table.header_row), config)
    max_hours = float(config.get("hours.max_hours_per_day", 24.0))
    extra_cols = {c: h for c, h in table.columns.items() if c not in m.values()}
    label_cols = [m[k] for k in ("date", "person", "project", "task") if k in m] + [table.col_start]
    c_date, c_hours = m["date"], m["hours"]
    c_person, c_project, c_task = m.get("person"), m.get("project"), m.get("task")
    c_note, c_pid = m.get("note"), m.get("person_id")
    # Column by column: a sheet of 300,000 rows holds a few hundred distinct texts per
    # column, so each distinct cell value is parsed once (see _map_values) and the
    # per-row work is list indexing. The rules and their order are the row loop's.
    body = rows[table.data_start : table.data_end]
    n = len(body)
    columns = {c: _column(body, c) for c in range(table.col_start, table.col_end)}
    for c in (c_date, c_hours, c_person, c_project, c_task, c_note, c_pid, *extra_cols, *label_cols):
        if c is not None and c not in columns:
            columns[c] = _column(body, c)
    blank = _blank_rows(columns, range(table.col_start, table.col_end))
    total = _total_rows(columns, dict.fromkeys(label_cols))
    # rows marked 予定 / 計画 in the task column or another column: plans, not hours worked
    plan = _plan_rows(columns, [c for c in (c_task, *extra_cols) if c is not None]) - total
    # the header printed again every page (50 行ごとの見出し): not data, not a bad date
    heads = {c: nz.normalize_text(rows[table.header_row][c]) for c in (c_date, c_hours)
             if c < len(rows[table.header_row]) and isinstance(rows[table.header_row][c], str)}
    repeat = set()
    if len(heads) == 2:
        for text in set(columns[c_date]):
            if isinstance(text, str) and nz.normalize_text(text) == heads[c_date]:
                repeat.update(i for i, v in enumerate(columns[c_date]) if v == text
                              and isinstance(columns[c_hours][i], str) and nz.normalize_text(columns[c_hours][i]) == heads[c_hours])
    total -= repeat

    # a year written alone (2026年 工数, 工数_2026年度.xlsx) dates 10/1 in a sheet of many months
    plain_year, fiscal_year = (None, None) if year is not None else _year_alone(rows, table.header_row, sheet_name, file)
    fiscal_start = int(config.get("fiscal_year.start_month", 4))

    def date_of(v):
        if (year is None or month is None) and _day_number(v):
            # a day alone in a sheet with no month: not Excel's serial day 1..31 of 1900
            return None, nz.CellValueError("日だけで年月がありません", v), None
        date, err = _attempt(nz.parse_date, v, year, month)
        if err is not None and year is None and (plain_year or fiscal_year) and isinstance(v, str):
            date, err = _attempt(nz.parse_date, v, plain_year or fiscal_year, month)
            if err is None and date is not None and not plain_year and date.month < fiscal_start:
                date = date.replace(year=date.year + 1)  # 2026年度: January is 2027
        return date, err, date if err is None else None

    # 年 | 月 | 日 (or 月 | 日) in columns of their own: each row carries its month
    c_year, c_month = _split_date_columns(table, c_date, extra_cols)
    fiscal = None
    if c_month is not None:
        for c in (c_year, c_month):
            extra_cols.pop(c, None)
        if c_year is None:
            fiscal = next((f for f in map(_fiscal_year, [*title_texts(rows, table.header_row), sheet_name, Path(file).stem]) if f), None)
        start = int(config.get("fiscal_year.start_month", 4))

        def date_of_parts(parts):
            y, mo, d = parts
            mo = _small_number(mo, 1, 12)
            y = _small_number(y, 1900, 2200) if c_year is not None else (year if fiscal is None or mo is None else fiscal + (mo < start))
            if mo is None or (y is None and c_year is not None):
                return None, nz.CellValueError("年月を読み取れません"), None
            if y is None:
                return None, nz.CellValueError("年がありません"), None
            date, err = _attempt(nz.parse_date, d, y, mo)
            return date, err, date if err is None else None

    def hours_of(v):
        hours, err = _attempt(nz.parse_hours, v)
        good = None
        if err is None and hours is not None and not hours * factor > max_hours:
            good = hours * factor
        return hours, err, good

    if c_month is None:
        dates = _map_values(date_of, columns[c_date])
    else:
        years = columns[c_year] if c_year is not None else [None] * n
        dates = _map_values(date_of_parts, list(zip(years, columns[c_month], columns[c_date])))
    hours_parsed = _map_values(hours_of, columns[c_hours])
    # a 単位 column (時間 / 人日 / 人月 / 分) says each row's unit; blank → the header's unit
    c_unit = next((c for c, h in extra_cols.items() if header_key(h) in _UNIT_HEADERS), None)
    row_factor: dict[int, float] = {}
    bad_unit: set[int] = set()
    if c_unit is not None:
        extra_cols.pop(c_unit)
        units = _map_values(lambda v: None if is_blank(v) else _row_unit(v, config), columns[c_unit])
        for i, u in enumerate(units):
            if u is None:
                continue
            if u == 0:
                bad_unit.add(i)
                continue
            row_factor[i] = u
            h, err, _ = hours_parsed[i]
            if err is None and h is not None:
                hours_parsed[i] = (h, err, h * u if not h * u > max_hours else None)
    persons = _map_values(nz.normalize_name, columns[c_person]) if c_person is not None else None
    # the rows that pass every check; the others go through the checks one by one below
    if persons is None:
        good = [d[2] is not None and h[2] is not None for d, h in zip(dates, hours_parsed)]
    else:
        good = [d[2] is not None and h[2] is not None and bool(p) for d, h, p in zip(dates, hours_parsed, persons)]
    for i in total | plan.keys() | repeat | bad_unit:
        good[i] = False
    keep = [i for i, g in enumerate(good) if g]
    kept_dates = [dates[i][2] for i in keep]
    kept_hours = [hours_parsed[i][2] for i in keep]
    kept_persons = [persons[i] for i in keep] if persons is not None else [person_const] * len(keep)
    problems: list[tuple[int, Issue]] = []
    rows_read = len(keep)
    bad = [i for i, g in enumerate(good) if not g]
    unlabelled = _unlabelled_totals(bad, good, blank, total, hours_parsed, columns, c_hours, table)
    for i in bad:
        if i in blank:
            continue
        if i in total or i in unlabelled:
            problems.append((i, Issue("total_row", file, sheet_name, table.data_start + i + 1)))
            continue
        if i in plan:
            problems.append((i, Issue("plan_row", file, sheet_name, table.data_start + i + 1, params={"value": plan[i]})))
            continue
        if i in repeat:
            problems.append((i, Issue("repeated_header", file, sheet_name, table.data_start + i + 1)))
            continue
        rows_read += 1
        problem = None
        date, err, _ = dates[i]
        if err is not None or date is None:
            problem = ("bad_cell" if err else "missing_value", c_date, "日付")
            if err is not None and (year is None or month is None) and _attempt(nz.parse_date, columns[c_date][i], 2000, 1)[1] is None:
                # 10/1 is a fine date in a sheet whose year nobody wrote down: say so
                problem = ("no_month", c_date, "日付")
        hours, err, _ = hours_parsed[i]
        if problem is None and (err is not None or hours is None):
            problem = ("bad_cell" if err else "missing_value", c_hours, "工数")
        if problem is None and i in bad_unit:
            problem = ("bad_cell", c_unit, "単位")
        if problem is None and persons is not None and not persons[i]:
            problem = ("missing_value", c_person, "氏名")
        if problem is None:
            hours = hours * row_factor.get(i, factor)
            if hours > max_hours:
                problem = ("hours_over_day", c_hours, "工数")
        if problem is None:  # pragma: no cover - such a row is among the good ones
            raise AssertionError(f"row {table.data_start + i + 1} passed the checks it failed")
        code, c, what = problem
        value = "" if c == c_person else columns[c][i]
        if code == "hours_over_day" and i in row_factor:
            value = f"{_show(value)} {nz.normalize_text(columns[c_unit][i])}"  # 4 人日: 32 h
        problems.append(
            (
                i,
                Issue(
                    code,
                    file,
                    sheet_name,
                    table.data_start + i + 1,
                    column=table.columns[c],
                    value=_show(value),
                    severity="error",
                    rejected=True,
                    params={"field": what, "value": _show(value), "max": max_hours},
                ),
            )
        )
    issues.extend(issue for _, issue in problems)

    def kept(c, fn):
        col = columns[c]
        return _map_values(fn, [col[i] for i in keep], strict=True)

    months = _map_values(lambda d: f"{d.year:04d}-{d.month:02d}", kept_dates)
    out: dict[str, list] = {
        "date": kept_dates,
        "month": months,
        "person": kept_persons,
        "project": kept(c_project, lambda v: nz.parse_code(v) or "") if c_project is not None else [""] * len(keep),
        "task": kept(c_task, _task_text) if c_task is not None else [""] * len(keep),
        "hours": kept_hours,
        "source_file": [file] * len(keep),
        "source_sheet": [sheet_name] * len(keep),
        "source_row": [table.data_start + i + 1 for i in keep],
    }
    notes = kept(c_note, nz.normalize_text) if c_note is not None else []
    pids = kept(c_pid, lambda v: nz.parse_code(v) or "") if c_pid is not None else []
    extras = {c: kept(c, _plain) for c in extra_cols}
    frame = pd.DataFrame(out, columns=HOURS_COLUMNS)
    if c_pid is not None:
        frame["person_id"] = pids
    if c_note is not None:
        frame["note"] = notes
    for c, header in extra_cols.items():
        frame[_unique(header, frame.columns)] = extras[c]
    mapping = {f: table.columns[c] for f, c in m.items()}
    if c_month is not None:
        mapping["date"] = " + ".join(table.columns[c] for c in (c_year, c_month, c_date) if c is not None)
    if title_unit:
        mapping["hours"] += f" ({title_unit} × {_show(factor) if factor >= 1 else f'1/{round(1 / factor)}'} = 時間)"
    if c_unit is not None:
        mapping["hours"] += f" (単位は {table.columns[c_unit]} 列の値で時間に換算)"
    if person_const is not None:
        mapping["person"] = _person_source(person_const, person_where)
    return SheetResult(
        frame=_typed(frame),
        issues=issues,
        rows_read=rows_read,
        layout="long",
        header_row=table.header_excel_row,
        mapping=mapping,
    )


# A unit written above a day grid: 単位：人日, 工数（人日）, (単位: 分)
_GRID_UNIT = re.compile(r"単位\s*[:：]?\s*[\(\[]?\s*(人日|人月|分|時間|h)|[\(\[]\s*(人日|人月)\s*[\)\]]", re.IGNORECASE)


def _grid_unit(rows, grid, config: Config) -> tuple[str, float]:
    """The unit a day grid's cells are in, from a title or the label cells: ('人日', 8.0).

    A grid says its unit once, above the days; without one the cells are hours.
    """
    first_day = min(grid.days)
    texts = title_texts(rows, grid.header_row)
    texts += [v for v in rows[grid.header_row][:first_day] if isinstance(v, str)]
    return _stated_unit(texts, config)


def _stated_unit(texts: list[str], config: Config) -> tuple[str, float]:
    """The first unit stated in ``texts`` (単位：人日, (人月), 単位:分) and hours per unit."""
    for text in texts:
        m = _GRID_UNIT.search(nz.normalize_text(text))
        if m:
            unit = (m.group(1) or m.group(2)).lower()
            if unit == "人月":
                return unit, float(config.get("hours.hours_per_month", 160.0))
            if unit == "人日":
                return unit, float(config.get("hours.hours_per_day", 8.0))
            if unit == "分":
                return unit, 1 / 60
            return "", 1.0
    return "", 1.0


def _read_grid(rows, grid, sheet_name: str, file: str, config: Config, synonyms) -> SheetResult:
    import pandas as pd

    issues: list[Issue] = [
        Issue("extra_table", file, sheet_name, scope="sheet", params={"range": o}) for o in grid.others
    ]
    if grid.plan_cols:  # a 予定 block of days beside the 実績 block
        issues.append(Issue("plan_columns", file, sheet_name, grid.header_excel_row, params={
            "value": grid.plan_label, "range": f"{column_letter(min(grid.plan_cols))}〜{column_letter(max(grid.plan_cols))}"}))
    labels = grid.labels
    year, month = _sheet_year_month(rows, grid.header_row, sheet_name, file, config)
    dated = {c: d for c, d in grid.days.items() if isinstance(d, dt.date)}
    if dated:
        first = min(dated.values())
        year, month = first.year, first.month
    if (year is None or month is None) and len(dated) < len(grid.days):
        issues.append(Issue("no_month", file, sheet_name, scope="sheet", severity="error"))
        return SheetResult(issues=issues, layout="grid", header_row=grid.header_excel_row)
    person_const = None
    if "person" not in labels:
        person_const, person_where = _person_of_sheet(rows, grid.header_row, sheet_name, synonyms.get("person", []), file)
        if person_const is None:
            if _SUMMARY_SHEET.search(sheet_name):
                issues.append(Issue("helper_sheet", file, sheet_name, scope="sheet", params={"what": "集計"}))
            else:
                issues.append(Issue("no_person", file, sheet_name, scope="sheet", severity="error"))
            return SheetResult(issues=issues, layout="grid", header_row=grid.header_excel_row)
    max_hours = float(config.get("hours.max_hours_per_day", 24.0))
    parse_hours = _cache(nz.parse_hours)
    unit, factor = _grid_unit(rows, grid, config)
    day_dates: dict[int, dt.date | None] = {}
    # a closing-day period (21 … 31, 1 … 20) under "11月度": the days before the wrap
    # are the month before, as the period 10/21 - 11/20 closes in November
    earlier = set(split_period(grid.days)[0])
    for c, d in grid.days.items():
        if isinstance(d, dt.date):
            day_dates[c] = d
        else:
            y, m = (year, month) if c not in earlier else (year - (month == 1), month - 1 or 12)
            try:
                day_dates[c] = dt.date(y, m, d)
            except ValueError:
                day_dates[c] = None  # 31 in a 30-day month: a column that must stay empty
    label_cols = sorted(labels.values())
    c0 = min(label_cols)
    c1 = max(grid.days) + 1
    out: dict[str, list] = {k: [] for k in HOURS_COLUMNS}
    notes: list = []
    c_note = labels.get("note")
    rows_read = 0
    # the row's own 合計 column, checked against the days read
    c_total = next((c for c in grid.total_cols if nz.is_total_label(grid.columns.get(c, ""))), None)
    # a 単位 column left of the days (時間 / 人日 …): each row's unit; blank → the grid's
    head = rows[grid.header_row]
    c_unit = next((c for c in range(min(grid.days)) if c < len(head) and isinstance(head[c], str)
                   and header_key(head[c]) in _UNIT_HEADERS), None)
    above, above_row = (None, ""), -2  # (project, person) of the data row just above
    running: dict = {}  # day → hours of the rows since the last blank or total row
    grand: dict = {}  # day → hours of every row
    for r in range(grid.data_start, grid.data_end):
        row = rows[r]
        if all(is_blank(row[c]) if c < len(row) else True for c in range(c0, c1)):
            running = {}
            continue
        excel_row = r + 1
        if _row_label_is_total(row, label_cols) or _first_text_is_total(row, c0, c1):
            issues.append(Issue("total_row", file, sheet_name, excel_row))
            above_row = -2
            running = {}
            continue
        head = rows[grid.header_row]
        if sum(1 for c in grid.days if c < len(row) and c < len(head) and not is_blank(row[c]) and row[c] == head[c]) \
                > len(grid.days) // 2:
            # the day header printed again every page: not data (its days are no hours)
            issues.append(Issue("repeated_header", file, sheet_name, excel_row))
            above_row = -2
            continue
        rows_read += 1
        project = nz.parse_code(row[labels["project"]]) if "project" in labels and labels["project"] < len(row) else None
        task = nz.normalize_text(row[labels["task"]]) if "task" in labels and labels["task"] < len(row) else ""
        person = person_const
        if person is None:
            person = nz.normalize_name(row[labels["person"]]) if labels["person"] < len(row) else ""
        if r - 1 == above_row:
            # P1 | 設計 over "" | 実装 (伊藤 | K-1 over "" | K-2): the project or the person
            # is written once for the rows under it, as a merged cell would be; a blank
            # or 小計 row ends the group
            if project is None and task and "project" in labels:
                project = above[0]
            if not person and (project or task):
                person = above[1]
        above, above_row = (project, person), r
        if task.lower() in _PLAN_LABELS:
            # P1 | 予定 over "" | 実績: the plan is not hours worked
            rows_read -= 1
            issues.append(Issue("plan_row", file, sheet_name, excel_row, params={"value": task}))
            continue
        if task.lower() in _ACTUAL_LABELS:
            task = ""  # 実績: the row of hours worked, not a task of that name
        entries = []
        row_issues = []
        rf = factor
        if c_unit is not None and c_unit < len(row) and not is_blank(row[c_unit]):
            rf = _row_unit(row[c_unit], config)
            if not rf:
                row_issues.append(("bad_cell", head[c_unit], row[c_unit], {"field": "単位"}))
        for c, day in (day_dates.items() if rf else ()):
            v = row[c] if c < len(row) else ""
            if is_blank(v) or (isinstance(v, str) and v.strip() in _DAY_OFF):
                continue
            hours, err = parse_hours(v)
            column = grid.columns.get(c, column_letter(c))
            if err is not None:
                row_issues.append(("bad_cell", column, v, {"field": "工数"}))
                continue
            if not hours:
                continue
            hours *= rf
            if day is None:
                row_issues.append(("date_outside_month", column, v, {"value": column, "month": f"{year}-{month:02d}"}))
                continue
            if hours > max_hours:
                row_issues.append(("hours_over_day", column, v, {"max": max_hours}))
                continue
            entries.append((day, hours))
        missing = None
        if not (project or task):
            missing = "案件"
            if entries and not row_issues and _sums_of(entries) in (_rounded(running), _rounded(grand)):
                # an =SUM() row under the projects with no 合計 label: a total, not a row
                rows_read -= 1
                issues.append(Issue("total_row", file, sheet_name, excel_row))
                above_row, running = -2, {}
                continue
        elif not person:
            missing = "氏名"
        if entries and missing is None:
            for day, hours in entries:
                running[day] = running.get(day, 0.0) + hours
                grand[day] = grand.get(day, 0.0) + hours
            for day, hours in entries:
                out["date"].append(day)
                out["month"].append(f"{day.year:04d}-{day.month:02d}")
                out["person"].append(person)
                out["project"].append(project or "")
                out["task"].append(task)
                out["hours"].append(hours)
                out["source_file"].append(file)
                out["source_sheet"].append(sheet_name)
                out["source_row"].append(excel_row)
                if c_note is not None:
                    notes.append(nz.normalize_text(row[c_note]) if c_note < len(row) else "")
        rejected = not entries or missing is not None
        for code, column, value, params in row_issues:
            issues.append(
                Issue(
                    code,
                    file,
                    sheet_name,
                    excel_row,
                    column=str(column),
                    value=_show(value),
                    severity="error",
                    scope="cell",
                    rejected=rejected,
                    params={"value": _show(value), **params},
                )
            )
        if c_total is not None and c_total < len(row) and rf:
            _check_row_total(issues, file, sheet_name, excel_row, grid.columns.get(c_total, ""), row[c_total],
                             sum(h for _, h in entries) / rf)
        if entries and missing is not None:
            issues.append(
                Issue("missing_value", file, sheet_name, excel_row, severity="error", rejected=True, params={"field": missing})
            )
        elif not entries and not row_issues:
            issues.append(Issue("no_values", file, sheet_name, excel_row, rejected=True))
    frame = pd.DataFrame(out, columns=HOURS_COLUMNS)
    if c_note is not None:
        frame["note"] = notes
    mapping = {f: grid.columns.get(c, column_letter(c)) for f, c in labels.items()}
    mapping["date"] = f"{len(grid.days)}日分の列 ({year}-{month:02d})"
    if unit:
        mapping["hours"] = f"{unit} × {_show(factor) if factor >= 1 else f'1/{round(1 / factor)}'} = 時間"
    if c_unit is not None:
        mapping["hours"] = f"{mapping.get('hours', '日の列')} (単位は {head[c_unit]} 列の値で時間に換算)"
    if earlier:
        known = [d for d in day_dates.values() if d is not None]
        mapping["date"] = f"{len(grid.days)}日分の列 ({min(known).isoformat()}〜{max(known).isoformat()})"
    if person_const is not None:
        mapping["person"] = _person_source(person_const, person_where)
    return SheetResult(
        frame=_typed(frame),
        issues=issues,
        rows_read=rows_read,
        layout="grid",
        header_row=grid.header_excel_row,
        mapping=mapping,
    )


def _rounded(sums: dict) -> dict:
    return {d: round(h, 6) for d, h in sums.items() if round(h, 6)}


def _sums_of(entries) -> dict:
    out: dict = {}
    for day, hours in entries:
        out[day] = out.get(day, 0.0) + hours
    return _rounded(out)


def _check_row_total(issues: list[Issue], file: str, sheet: str, excel_row: int, header: str, value: Any, got: float) -> None:
    """A grid row's own 合計 against the hours read from its days: a warning when they differ.

    The comparison is in the grid's own unit. A total of 0 or blank (a formula never
    calculated) or a cell that is no number says nothing.
    """
    try:
        stated = nz.parse_hours(value)
    except (nz.CellValueError, TypeError):
        return
    if not stated or abs(stated - got) <= 1 / 60:
        return
    issues.append(
        Issue(
            "sheet_total_mismatch",
            file,
            sheet,
            excel_row,
            column=header,
            value=_show(value),
            severity="warning",
            params={"total": _hours_text(stated), "sum": _hours_text(round(got, 4)), "field": header},
        )
    )


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _plain(value: Any) -> Any:
    """An other column's cell for output: text normalized, numbers and dates as they are."""
    if isinstance(value, str):
        return nz.normalize_text(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


def _unique(name: str, existing) -> str:
    name = name or "column"
    out, n = name, 2
    while out in existing:
        out, n = f"{name}_{n}", n + 1
    return out


def _typed(frame):
    import pandas as pd

    frame["date"] = pd.to_datetime(frame["date"])
    frame["hours"] = frame["hours"].astype("float64")
    frame["source_row"] = frame["source_row"].astype("int64")
    return frame


# --- across all files ---------------------------------------------------------------


def finish_hours(frame, issues: list[Issue], config: Config | None = None):
    """Checks that need every file: the same entry twice, disagreements, missing months.

    * An entry (person, date, project, task, hours) found again in *another* sheet or
      file — a copy saved "just in case" — is counted once; the repeat is listed.
    * The same person, date, project and task with different hours in two places is
      kept in both and listed as a disagreement for a person to settle.
    * A month missing between a person's first and last month is listed.
    """
    import pandas as pd

    issues = list(issues)
    if frame.empty:
        return frame, issues
    # originals before their copies (山田.xlsx before 山田(1).xlsx, which sorts first as
    # text): the copy's entries are the repeats, as collect_inputs reads them
    from ledgerkit.intake.files import looks_like_copy

    copies = {f: looks_like_copy(Path(f).stem) for f in frame["source_file"].unique()}
    frame = (
        frame.assign(_copy=frame["source_file"].map(copies))
        .sort_values(["_copy", "source_file", "source_sheet", "source_row", "date"], kind="stable")
        .drop(columns="_copy")
        .reset_index(drop=True)
    )
    key = ["person", "date", "project", "task"]
    # entries whose key appears in more than one sheet; most of the time there are none,
    # which the distinct (key, sheet) pairs tell faster than a transform over every row
    if _key_in_two_sheets(frame, key):
        src = frame["source_file"] + "\x00" + frame["source_sheet"]
        multi = frame.assign(_src=src).groupby(key, sort=False)["_src"].transform("nunique") > 1
    else:
        multi = pd.Series(False, index=frame.index)
    drop = pd.Series(False, index=frame.index)
    if multi.any():
        sub = frame[multi].assign(_src=src[multi])
        for _, group in sub.groupby(key, sort=False):
            first_src = group["_src"].iloc[0]
            first = group[group["_src"] == first_src]
            first_hours = sorted(first["hours"].round(6))
            where_first = f"{first['source_file'].iloc[0]} / {first['source_sheet'].iloc[0]} / row {first['source_row'].iloc[0]}"
            for other_src, other in group[group["_src"] != first_src].groupby("_src", sort=False):
                if sorted(other["hours"].round(6)) == first_hours:
                    drop[other.index] = True
                    for _, row in other.iterrows():
                        issues.append(
                            Issue(
                                "duplicate_entry",
                                row["source_file"],
                                row["source_sheet"],
                                int(row["source_row"]),
                                severity="warning",
                                rejected=True,
                                params={"other": where_first},
                            )
                        )
                else:
                    row = other.iloc[0]
                    issues.append(
                        Issue(
                            "conflicting_entry",
                            row["source_file"],
                            row["source_sheet"],
                            int(row["source_row"]),
                            severity="warning",
                            params={
                                "other": where_first,
                                "a": _hours_text(other["hours"].sum()),
                                "b": _hours_text(first["hours"].sum()),
                            },
                        )
                    )
    if drop.any():
        # a grid row keeps its place when only some of its entries were repeats
        kept_rows = set(zip(frame.loc[~drop, "source_file"], frame.loc[~drop, "source_sheet"], frame.loc[~drop, "source_row"]))
        issues = [
            i
            for i in issues
            if not (i.code == "duplicate_entry" and (i.file, i.sheet, i.row) in kept_rows)
        ]
        frame = frame[~drop].reset_index(drop=True)
    frame, found = _drop_summary_sheets(frame)
    issues.extend(found)
    issues.extend(_missing_months(frame))
    frame = frame.sort_values(["date", "person", "project", "task", "source_file", "source_row"], kind="stable")
    return frame.reset_index(drop=True), issues


def _drop_summary_sheets(frame):
    """Sheets that total other sheets' rows (日別集計: 日付 | 氏名 | 工数 beside the 明細).

    A sheet whose project (or task) is blank on every row is a summary when, for each
    of its (person, date[, project]) keys, the rows that do name a project (or task)
    add up to exactly its hours. Counting it would count those hours twice: its rows are
    listed and left out. A sheet without projects whose hours are its own stays.
    """
    import numpy as np
    import pandas as pd

    issues: list[Issue] = []
    if frame.empty:
        return frame, issues
    blank = {}
    for k in ("project", "task"):
        values = frame[k].to_numpy(dtype=object)
        blank[k] = pd.isna(values) | (values == "")
    if not any(blank[k].any() and not blank[k].all() for k in blank):
        # no sheet can leave out what other rows name: nothing to compare (the usual case)
        return frame, issues
    codes, places = pd.factorize(frame["source_file"] + "\x00" + frame["source_sheet"])
    totals: dict[tuple, Any] = {}  # dims -> (finer rows, their sums by key): the same for every sheet
    drop = pd.Series(False, index=frame.index)
    for code in sorted(set(codes[blank["project"] | blank["task"]])):
        mine = codes == code
        dims = tuple(k for k in ("project", "task") if blank[k][mine].all())
        if not dims:
            continue
        key = ["person", "date"] + [k for k in ("project", "task") if k not in dims]
        if dims not in totals:
            # rows naming what such a sheet leaves out; a summary sheet never does
            named = np.zeros(len(frame), dtype=bool)
            for k in dims:
                named |= ~blank[k]
            finer = frame[named]
            totals[dims] = (finer, finer.groupby(key)["hours"].sum() if len(finer) else None)
        finer, others = totals[dims]
        if others is None:
            continue
        sums = frame[mine].groupby(key)["hours"].sum()
        matched = others.reindex(sums.index)
        if matched.isna().any() or ((matched - sums).abs() > 1e-6).any():
            continue
        drop |= mine
        parts = finer[finer.set_index(key).index.isin(sums.index)]
        sources = list(dict.fromkeys(zip(parts["source_file"], parts["source_sheet"])))
        other = " / ".join(sources[0]) + (f" (+{len(sources) - 1})" if len(sources) > 1 else "")
        for row in frame[mine].drop_duplicates(["source_row"]).itertuples():
            issues.append(
                Issue(
                    "summary_rows",
                    row.source_file,
                    row.source_sheet,
                    int(row.source_row),
                    severity="warning",
                    rejected=True,
                    params={"other": other},
                )
            )
    if drop.any():
        frame = frame[~drop].reset_index(drop=True)
    return frame, issues


def _key_in_two_sheets(frame, key: list[str]) -> bool:
    """Whether some entry key appears in more than one (file, sheet).

    A quick pass before the exact grouping: it may say yes for keys with a blank part
    (which the grouping then leaves out), never no when the grouping would find one.
    """
    import pandas as pd

    places = frame.groupby(["source_file", "source_sheet"], sort=False, dropna=False).ngroup().to_numpy()
    if len(places) == 0 or places.max() < 1:
        return False
    # one 64-bit hash per entry, in C; a key in two sheets gives one hash with two places.
    # Two different keys with the same hash can only make this say yes.
    hashes = pd.util.hash_pandas_object(frame[key], index=False).to_numpy()
    pairs = pd.DataFrame({"hash": hashes, "place": places}).drop_duplicates()
    return bool(pairs["hash"].duplicated().any())


def _hours_text(h: float) -> str:
    return f"{h:g}h"


def _missing_months(frame) -> list[Issue]:
    out = []
    import pandas as pd

    # the distinct (person, month) pairs in plain Python: grouping 300,000 rows of text
    # in pandas costs a second; persons in sorted order and no blank person, as groupby
    by_person: dict = {}
    for person, month in set(zip(frame["person"].tolist(), frame["month"].tolist())):
        if not pd.isna(person):
            by_person.setdefault(person, set()).add(month)
    for person in sorted(by_person):
        present = sorted(by_person[person])
        if len(present) < 2:
            continue
        y, m = map(int, present[0].split("-"))
        last = present[-1]
        have = set(present)
        while f"{y:04d}-{m:02d}" < last:
            label = f"{y:04d}-{m:02d}"
            if label not in have:
                out.append(
                    Issue("missing_month", scope="file", severity="warning", params={"person": person, "month": label})
                )
            m += 1
            if m == 13:
                y, m = y + 1, 1
    return out


# --- summaries -----------------------------------------------------------------------


def summarize_hours(frame, by=("project", "person", "month")):
    """Total hours by the ``by`` fields: the last one across, the others down.

    Examples:
        >>> import pandas as pd
        >>> f = pd.DataFrame({"project": ["A", "A", "B"], "month": ["2026-10", "2026-11", "2026-10"],
        ...                   "hours": [1.5, 2.0, 4.0]})
        >>> summarize_hours(f, by=["project", "month"]).to_dict("index")
        {'A': {'2026-10': 1.5, '2026-11': 2.0}, 'B': {'2026-10': 4.0, '2026-11': 0.0}}
    """
    by = list(by)
    unknown = [b for b in by if b not in frame.columns]
    if unknown:
        from ledgerkit.core.errors import InputError

        raise InputError(f"--by: no column {', '.join(unknown)} (columns: {', '.join(map(str, frame.columns))})")
    if len(by) == 1:
        out = frame.groupby(by, sort=True)["hours"].sum().to_frame("hours")
        out.columns.name = None
        return out
    pivot = frame.pivot_table(index=by[:-1], columns=by[-1], values="hours", aggfunc="sum", fill_value=0.0, sort=True)
    pivot.columns = [str(c) for c in pivot.columns]
    return pivot
