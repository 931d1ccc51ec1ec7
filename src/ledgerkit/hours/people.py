"""Whose hours a sheet holds: a 氏名 cell above the table, the sheet name, or the file name."""

from __future__ import annotations

import re
from pathlib import Path

from ledgerkit.config.loading import Config
from ledgerkit.core.issues import Issue
from ledgerkit.intake.cells import column_letter
from ledgerkit.detect.found_in import shown_with_source
from ledgerkit.detect.labels import find_labelled_value
from ledgerkit.hours.periods import without_periods
from ledgerkit.hours.sheet_names import _DEFAULT_SHEET, _HELPER_SHEET, _SUMMARY_SHEET
from ledgerkit.parse.names import looks_like_name
from ledgerkit.parse.periods import parse_year_month
from ledgerkit.parse.text import normalize_name, normalize_text

# Words that name what a sheet holds or which version it is, never whose it is.
_SHEET_WORDS = re.compile(
    r"工数管理表|工数管理|管理表|工数表|工数実績|工数|作業実績|実績表|実績|作業報告書|作業報告|報告書|作業日報|日報|勤務表|勤怠表|"
    r"タイムシート|timesheet|提出用|提出|最新版|最新|旧版|原本|修正版|修正|コピー|copy|入力|明細|データ|data",
    re.IGNORECASE,
)


def _person_of_sheet(
    rows, header_row: int, sheet_name: str, words: list[str], file: str = "", config: Config | None = None
) -> tuple[str | None, str]:
    """The person a sheet belongs to: a 氏名 cell above the table, a name-like sheet name,
    else the one name-like word of the file name (工数報告_山田_2026年10月.xlsx), else the
    name given with ``--person`` (``[read] person``).

    Whatever the place, the value must look like a name: a time, a total or a label next
    to an empty 氏名 cell (``6 days, 16:30:00``, 合計, 承認) is nobody.
    """
    found = find_labelled_value(rows, words, before_row=header_row)
    if found is not None and looks_like_name(found[0]):
        name = normalize_name(found[0])
        if name:
            return name, f"{column_letter(found[2])}{found[1] + 1}"
    # 山田_10月, 山田(2026年10月), 工数_山田 → 山田; 工数, 作業実績, 旧版 → nobody
    text = _SHEET_WORDS.sub(" ", without_periods(normalize_text(sheet_name)))
    name = normalize_name(text.strip(" _-()[]・"))
    if (
        name
        and not _DEFAULT_SHEET.match(name)
        and not _SUMMARY_SHEET.search(name)
        and parse_year_month(name) is None
        and not re.fullmatch(r"[\d\W_]+", name)
        and looks_like_name(name)
        and len(name) >= 2
    ):
        return name, "sheet name"
    name = _person_of_file(file) if file else None
    if name:
        return name, "file name"
    given = normalize_name((config or Config()).get("read.person", "") or "")
    return (given, "--person") if given else (None, "")


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
    text = normalize_text(Path(file).stem)
    text = re.sub(r"\d+", " ", without_periods(text))
    text = _SHEET_WORDS.sub(" ", re.sub(r"報告|月次|月分|分$", " ", text))
    words = [w for w in re.split(r"[\s_\-・()\[\]【】,.]+", text) if w]
    if len(words) != 1:
        return None
    word = normalize_name(words[0])
    if len(word) < 2 or _ORG_WORD.search(word) or _SUMMARY_SHEET.search(word) or _HELPER_SHEET.search(word):
        return None
    if not looks_like_name(word):
        return None
    return word


def _person_source(name: str, where: str, lang: str = "ja") -> str:
    """Where the person of a whole sheet came from, for inspect: a 氏名 cell, the sheet name, the
    file name or ``--person``, in the run's language.

    Examples:
        >>> _person_source("山田太郎", "B2"), _person_source("山田", "sheet name", "en")
        ('山田太郎 (セル B2)', '山田 (sheet name)')
    """
    return shown_with_source(name, where, lang)


def _lang_of(config) -> str:
    """The run's language from a reader's config (a reader called without one speaks Japanese)."""
    return getattr(config, "lang", None) or "ja"


def no_person_issue(file: str, sheet: str) -> Issue:
    """The sheet's person is nowhere: one error naming both ways to give it (file name, --person)."""
    return Issue("no_person_given", file, sheet, scope="sheet", severity="error")
