"""The message catalogue: every sentence ledgerkit shows a person, in Japanese and English.

Keys are stable codes (they appear in reports' ``code`` column and in tests); values are
``(ja, en)`` format strings. Each area of the code has its own section below; add new
messages there rather than writing sentences in the code.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- intake: files and sheets -------------------------------------------------
    "lock_file": ("Excelのロックファイル(~$)のため読み込みません", "Excel owner lock file (~$): not read"),
    "duplicate_file": (
        "{original} と同一内容のファイルのため1回だけ数えます",
        "byte-identical to {original}: counted once",
    ),
    "unsupported_file": (
        "表計算ファイルではないため読み込みません",
        "not a spreadsheet file: not read",
    ),
    "hidden_sheet": (
        "非表示シートのため読み込みません (--include-hidden で読み込みます)",
        "hidden sheet: not read (use --include-hidden)",
    ),
    "no_table": (
        "{kind}の表が見つかりません (必要な列: {fields})",
        "no {kind} table found (needs columns: {fields})",
    ),
    "helper_sheet": (
        "補助シート({what})のためデータではありません",
        "helper sheet ({what}): not data",
    ),
    "extra_table": (
        "データ表とは別の表 ({range}) のため読み込みません",
        "a second table ({range}) beside the data table: not read",
    ),
    "empty_sheet": ("空のシートです", "empty sheet"),
    "unreadable_file": ("{reason}", "{reason}"),
    # --- rows and cells -----------------------------------------------------------
    "total_row": ("合計行(合計/小計)のためデータではありません", "total row (合計/小計): not data"),
    "total_column": ("合計列のためデータではありません", "total column: not data"),
    "bad_cell": (
        "{field}を読み取れません: {value!r}",
        "cannot read {field}: {value!r}",
    ),
    "missing_value": ("{field}が空です", "{field} is empty"),
    "no_values": ("値が1つもない行です", "row holds no values"),
    "no_month": (
        "年月が分かりません (シート名・タイトル・ファイル名に 2026年10月 などを入れてください)",
        "cannot tell the year and month (put e.g. 2026年10月 in the sheet name, a title or the file name)",
    ),
    "no_person": (
        "氏名が分かりません (氏名セルかシート名に入れてください)",
        "cannot tell whose sheet this is (put the name in a 氏名 cell or the sheet name)",
    ),
    "date_outside_month": (
        "日付 {value} がシートの年月 {month} の外です",
        "date {value} is outside the sheet's month {month}",
    ),
    "conflicting_entry": (
        "同じ 人・日付・案件 の記録が {other} と食い違っています ({a} と {b})",
        "the same person-date-project entry disagrees with {other} ({a} vs {b})",
    ),
    "missing_month": (
        "{person} の {month} 分のファイルがありません (前後の月はあります)",
        "{person}: no file for {month}, though the months around it are present",
    ),
    # --- hours --------------------------------------------------------------------
    # --- invoices and checks ------------------------------------------------------
    # --- budget -------------------------------------------------------------------
    # --- drafts -------------------------------------------------------------------
    # --- attendance and settlement ------------------------------------------------
    # --- config and CLI -----------------------------------------------------------
}


def text(code: str, lang: str = "ja", **params) -> str:
    """The message for ``code`` in ``lang`` with ``params`` filled in.

    An unknown code or a missing parameter never raises: the code itself is shown,
    so a report is never lost over a message.

    Examples:
        >>> text("empty_sheet", "en")
        'empty sheet'
    """
    pair = MESSAGES.get(code)
    if pair is None:
        return code if not params else f"{code} {params}"
    template = pair[0] if lang == "ja" else pair[1]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
