"""Whose sheet a file name says it is: ``勤務表_高橋美咲_2026年10月.xlsx`` → 高橋美咲.

A personal 勤務表 or 工数表 is often saved as ``Sheet1`` with the name in no cell; the file
name is then the only place the person is written. The rule (the same as the hours
reader's ``hours.people._person_of_file``): take the file name's stem, drop the years,
months and fiscal years (:func:`ledgerkit.parse.periods.remove_periods`), every digit,
the words that name what the file holds or which version it is (勤務表, 工数, 提出用,
最新, コピー …), then split at ``_ - ・ ( ) [ ] 【 】``, commas and dots (not at spaces: 山田 太郎 is one name). Exactly
one word must be left, of two characters or more, that is no organisation (開発部, A社,
保守チーム), summary, helper or template word, and that looks like a name
(:func:`ledgerkit.parse.names.looks_like_name`). Two words left (工数_山田_佐藤) are two
people or a team: nobody.

Examples:
    >>> person_in_file_name("in/勤務表_高橋美咲_2026年10月.xlsx"), person_in_file_name("佐藤花子 R8.10 勤怠.xlsx")
    ('高橋美咲', '佐藤花子')
    >>> person_in_file_name("勤務表_2026年10月.xlsx"), person_in_file_name("勤務表_開発部_10月.xlsx")
    (None, None)
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ledgerkit.parse.names import looks_like_name
from ledgerkit.parse.periods import remove_periods
from ledgerkit.parse.text import normalize_name, normalize_text

__all__ = ["person_in_file_name"]

# Words that name what a file holds or which version it is, never whose it is.
_KIND_WORDS = re.compile(
    r"工数表|工数実績|工数|作業実績|実績表|実績|作業報告書|作業報告|報告書|作業日報|日報|勤務実績表|勤務実績|勤務報告書|"
    r"勤務表|勤怠表|勤怠管理表|勤怠|出勤簿|出勤表|出退勤|稼働報告書|稼働実績|稼働表|タイムシート|timesheet|kintai|"
    r"attendance|提出用|提出|最新版|最新|旧版|原本|修正版|修正|コピー|copy|入力|明細|データ|data|報告|月次|月分|様式|書式",
    re.IGNORECASE,
)
# Words that name a team, a department or a company, never a person.
_ORG_WORD = re.compile(
    r"(社|部|課|室|班|係|チーム|グループ|支店|事業所|本部|pj|プロジェクト|team|group|dept)$|"
    r"開発|営業|総務|経理|人事|保守|運用|設計|製造|品質|管理|全体|全社|部門|案件|業務|作業|社内|共通",
    re.IGNORECASE,
)
# Summaries, helper lists and templates: a file named so is nobody's.
_NOT_A_PERSON = re.compile(
    r"集計|合計|サマリ|summary|まとめ|pivot|ピボット|total|全体|総括|祝日|休日|カレンダー|calendar|リスト|list|"
    r"マスタ|master|設定|記入例|入力例|sample|example|テンプレ|template|雛形|ひな形|使い方|説明|readme|^sheet$|^book$",
    re.IGNORECASE,
)


def person_in_file_name(file: str) -> str | None:
    """The one name-like word of a file name once the kind, version and month words are gone, else None.

    Examples:
        >>> person_in_file_name("勤務表_山田 太郎_202610.xlsx"), person_in_file_name("kintai_2026-10_Suzuki.xlsx")
        ('山田太郎', 'Suzuki')
        >>> person_in_file_name("勤務表_山田_佐藤.xlsx"), person_in_file_name("勤務表(1).xlsx"), person_in_file_name("")
        (None, None, None)
    """
    if not file:
        return None
    text = normalize_text(PurePath(file).stem)
    text = re.sub(r"\d+", " ", remove_periods(text))
    text = _KIND_WORDS.sub(" ", text)
    # a name may hold a space (山田 太郎, Taro Yamada): split at the separators only
    words = [w.strip() for w in re.split(r"[_\-・()\[\]【】,.]+", text) if w.strip()]
    if len(words) != 1:
        return None
    word = normalize_name(words[0])
    if len(word) < 2 or _ORG_WORD.search(word) or _NOT_A_PERSON.search(word) or not looks_like_name(word):
        return None
    return word
