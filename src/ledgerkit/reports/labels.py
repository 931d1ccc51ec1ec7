"""Headings, sheet names and the words of a report, in Japanese (default) and English
(the ledger's runs and findings too: :data:`RUN_HEADINGS`, :data:`FINDING_HEADINGS`, :func:`kind_label`).

To move into the message catalogue.
"""

from __future__ import annotations

from typing import Any

#: canonical column → Japanese heading used in reports
HEADINGS_JA: dict[str, str] = {
    "date": "日付",
    "month": "年月",
    "year": "年",
    "person": "氏名",
    "employee_id": "社員番号",
    "person_id": "社員番号",
    "department": "部署",
    "project": "案件",
    "project_name": "案件名",
    "task": "作業",
    "hours": "時間",
    "overtime_hours": "残業時間",
    "rate": "単価",
    "cost": "原価",
    "amount": "金額",
    "net": "税抜金額",
    "tax": "消費税",
    "gross": "税込金額",
    "tax_rate": "税率",
    "vendor": "取引先",
    "registration_no": "登録番号",
    "invoice_no": "請求書番号",
    "invoice_date": "請求日",
    "due_date": "支払期日",
    "account": "勘定科目",
    "budget": "予算",
    "actual": "実績",
    "variance": "差異",
    "variance_pct": "差異率",
    "note": "備考",
    "total": "合計",
    "count": "件数",
    "source_file": "元ファイル",
    "source_sheet": "元シート",
    "source_row": "元行",
    "severity": "重要度",
    "scope": "範囲",
    "code": "コード",
    "message": "内容",
    "column": "列",
    "value": "値",
    "start": "開始",
    "end": "終了",
    "break_hours": "休憩(h)",
    "weekday": "曜日",
    "days": "日数",
    "hours_worked": "実働時間",
    "vendor_key": "取引先キー",
    "invoice_key": "請求書キー",
    "file": "ファイル",
    "sheet": "シート",
    "row": "行",
    # the month a row counts in (a 20日締め 勤務表's 9/21 … 10/20: 2026-10), or an hours row's span (month / day)
    "period": "期間",
}

#: canonical column → English heading used in reports with ``lang="en"``
HEADINGS_EN: dict[str, str] = {
    "date": "Date",
    "month": "Month",
    "year": "Year",
    "person": "Person",
    "employee_id": "Employee ID",
    "person_id": "Employee ID",
    "department": "Department",
    "project": "Project",
    "project_name": "Project name",
    "task": "Task",
    "hours": "Hours",
    "overtime_hours": "Overtime hours",
    "rate": "Rate",
    "cost": "Cost",
    "amount": "Amount",
    "net": "Net",
    "tax": "Tax",
    "gross": "Gross",
    "tax_rate": "Tax rate",
    "vendor": "Vendor",
    "registration_no": "Registration no.",
    "invoice_no": "Invoice no.",
    "invoice_date": "Invoice date",
    "due_date": "Due date",
    "account": "Account",
    "budget": "Budget",
    "actual": "Actual",
    "variance": "Variance",
    "variance_pct": "Variance %",
    "note": "Note",
    "total": "Total",
    "count": "Count",
    "source_file": "Source file",
    "source_sheet": "Source sheet",
    "source_row": "Source row",
    "severity": "Severity",
    "scope": "Scope",
    "code": "Code",
    "message": "Message",
    "column": "Column",
    "value": "Value",
    "start": "Start",
    "end": "End",
    "break_hours": "Break (h)",
    "weekday": "Weekday",
    "days": "Days",
    "hours_worked": "Hours worked",
    "vendor_key": "Vendor key",
    "invoice_key": "Invoice key",
    "file": "File",
    "sheet": "Sheet",
    "row": "Row",
    "period": "Period",
}

#: report sheet key → (Japanese, English) sheet name
SHEET_NAMES: dict[str, tuple[str, str]] = {
    "summary": ("集計", "Summary"),
    "detail": ("明細", "Detail"),
    "issues": ("問題一覧", "Issues"),
}

#: label of a total row / column, (Japanese, English)
TOTAL_LABEL = ("合計", "Total")

#: severity / scope words on the Issues sheet, (Japanese, English)
SEVERITY_LABELS: dict[str, tuple[str, str]] = {
    "error": ("エラー", "error"),
    "warning": ("警告", "warning"),
    "info": ("情報", "info"),
}
SCOPE_LABELS: dict[str, tuple[str, str]] = {
    "file": ("ファイル", "file"),
    "sheet": ("シート", "sheet"),
    "table": ("表", "table"),
    "row": ("行", "row"),
    "column": ("列", "column"),
    "cell": ("セル", "cell"),
    "settlement": ("精算", "settlement"),
    "invoice": ("請求書", "invoice"),
    "order": ("注文", "order"),
    "request": ("依頼", "request"),
}


#: what the rows of a ledger run are (the kind recorded), as a report names it, (Japanese, English);
#: a kind declared as ``[kinds.NAME]`` is named by its own label
KIND_LABELS: dict[str, tuple[str, str]] = {
    "hours": ("工数", "Hours"),
    "attendance": ("勤怠", "Attendance"),
    "invoices": ("請求書", "Invoices"),
    "invoice_check": ("請求書チェック", "Invoice check"),
    "orders": ("発注", "Orders"),
    "order_check": ("発注チェック", "Order check"),
    "settlement": ("精算", "Settlement"),
    "budget": ("予算", "Budget"),
    "contracts": ("契約", "Contracts"),
    "vendors": ("取引先", "Vendors"),
    "close": ("締め", "Close"),
    "rows": ("行", "Rows"),
}

#: the headings of the ledger's runs (``ledgerkit runs``), on paper and on the terminal, (Japanese, English);
#: the counts' Japanese headings on two lines, as a narrow column on A4 shows them whole
RUN_HEADINGS: dict[str, tuple[str, str]] = {
    "run": ("実行", "Run"), "at": ("日時", "When"), "who": ("担当", "Who"), "kind": ("種類", "Kind"),
    "command": ("コマンド", "Command"), "files_new": ("新規\nファイル", "Files new"),
    "files_changed": ("変更\nファイル", "Files changed"), "files_unchanged": ("同じ\nファイル", "Files unchanged"),
    "rows_added": ("追加行", "Rows added"), "rows_removed": ("削除行", "Rows removed"),
    "findings_new": ("新規\n指摘", "New findings"), "version": ("版", "Version"), "note": ("備考", "Note"),
    # the terminal's short columns
    "files": ("ファイル", "Files"), "rows": ("行", "Rows"),
}

#: the headings of the ledger's findings (``ledgerkit findings``), on paper and on the terminal, (Japanese, English)
FINDING_HEADINGS: dict[str, tuple[str, str]] = {
    "id": ("ID", "ID"), "status": ("状態", "Status"), "severity": ("重要度", "Severity"), "kind": ("種類", "Kind"),
    "code": ("ルール (コード)", "Rule (code)"), "message": ("内容", "Finding"), "file": ("ファイル", "File"),
    "sheet": ("シート", "Sheet"), "row": ("行", "Row"), "column": ("列", "Column"), "ref": ("番号", "No."),
    "first_run": ("初回の実行", "First run"), "last_run": ("最新の実行", "Last run"),
    "handled_by": ("対応者", "Handled by"), "handled_at": ("対応日時", "Handled at"), "note": ("備考", "Note"),
    # the terminal's short columns
    "where": ("場所", "Where"), "handled": ("対応", "Handled"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def heading(column: Any, lang: str = "ja") -> str:
    """The heading a report shows for a canonical column name.

    Unknown columns keep their own name.

    Examples:
        >>> heading("person"), heading("person", "en"), heading("備考欄")
        ('氏名', 'Person', '備考欄')
    """
    table = HEADINGS_EN if lang == "en" else HEADINGS_JA
    return table.get(column, str(column))


def month_label(month: Any, lang: str = "ja") -> str:
    """A month ``2026-10`` as a report heading shows it: ``2026年10月`` (English: as it is).

    Examples:
        >>> month_label("2026-10"), month_label("2026-10", "en"), month_label("上期")
        ('2026年10月', '2026-10', '上期')
    """
    text = str(month)
    if lang == "en" or len(text) != 7 or text[4] != "-" or not (text[:4] + text[5:]).isdigit():
        return text
    return f"{text[:4]}年{int(text[5:])}月"


def sheet_name(key: str, lang: str = "ja") -> str:
    """The name of a standard report sheet (``summary``, ``detail``, ``issues``).

    Examples:
        >>> sheet_name("issues"), sheet_name("issues", "en")
        ('問題一覧', 'Issues')
    """
    return _pick(SHEET_NAMES[key], lang)


def headings_in(pairs: dict[str, tuple[str, str]], lang: str = "ja") -> dict[str, str]:
    """Column → heading in ``lang`` of a table of (Japanese, English) headings (:data:`RUN_HEADINGS` …).

    Examples:
        >>> headings_in(RUN_HEADINGS)["rows_added"], headings_in(FINDING_HEADINGS, "en")["status"]
        ('追加行', 'Status')
    """
    return {c: _pick(pair, lang) for c, pair in pairs.items()}


def kind_label(kind: str, lang: str = "ja") -> str:
    """What rows of ``kind`` are, in words (a kind not listed keeps its name).

    Examples:
        >>> kind_label("hours"), kind_label("invoice_check", "en"), kind_label("sales")
        ('工数', 'Invoice check', 'sales')
    """
    pair = KIND_LABELS.get(kind)
    return _pick(pair, lang) if pair else str(kind)
