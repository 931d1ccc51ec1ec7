"""Helper and summary sheets, told by their content and not only by their name.

The rules, in order (each decision is an Issue saying which rule applied, ``params["rule"]``):

=================  ================================================================  ========================
rule               when                                                              outcome
=================  ================================================================  ========================
``name``           the name never holds data (記入例, 使い方, 祝日, カレンダー)            helper_sheet (info)
``name+formulas``  a summary's name (集計, 合計, サマリ) and formulas reading other       summary_sheet (info)
                   sheets (=SUM('山田'!D5:D35)), before any reading
``name+pivot``     a summary's name and a pivot table on the sheet                   summary_sheet (info)
``content``        a helper's name (マスタ, リスト, テンプレート) or a summary's, but a    read as data, noted
                   table of hours read with rows (a list's lookups into other        (named_sheet_read, info)
                   sheets do not make it a summary)
``name+formulas``  a helper's name, nothing read, formulas reading other sheets      summary_sheet (info)
``name``           a helper's or summary's name, nothing read, no figures            helper_sheet (info)
``name+figures``   a helper's or summary's name, nothing read, but figures in a      helper_sheet (warning)
                   block (a person may have expected them read)
=================  ================================================================  ========================

Formulas are looked at only for sheets whose name suggests a helper or a summary (reading a
sheet's XML costs time); ``file`` is the workbook's path, as the intake door passes it.
A CSV has no sheet name (its sheet is called after the file, ``RawSheet.named`` is False):
no rule by name applies to it, its content alone decides (集計.csv may hold the hours).
"""

from __future__ import annotations

from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult
from ledgerkit.intake.content import describe_content
from ledgerkit.hours.sheet_names import NameHint
from ledgerkit.intake.formulas import FormulaFacts, formula_facts


def formulas_of(file: str, sheet_name: str, hint: NameHint) -> FormulaFacts | None:
    """The formula facts of a sheet whose name suggests a helper or a summary (None for others,
    and where the format does not say)."""
    return formula_facts(file, sheet_name) if hint.any else None


def summary_of_others(file: str, sheet_name: str, facts: FormulaFacts | None) -> SheetResult | None:
    """The result for a sheet whose formulas or pivot summarize other sheets, else None."""
    if facts is None or not facts.summarizes_other_sheets:
        return None
    if facts.pivot:
        rule, how = "name+pivot", {"ja": f"シート名「{sheet_name}」+ ピボットテーブル",
                                   "en": f"its name ({sheet_name}) + a pivot table"}
    else:
        rule = "name+formulas"
        how = {"ja": f"シート名「{sheet_name}」+ 他のシートを参照する数式 {facts.cross_sheet} 個",
               "en": f"its name ({sheet_name}) + {facts.cross_sheet} formula(s) reading other sheets"}
    issue = Issue("summary_sheet", file, sheet_name, scope="sheet", params={"rule": rule, "how": how})
    return SheetResult(issues=[issue], note="summary")


def never_data(file: str, sheet_name: str, hint: NameHint) -> SheetResult:
    """A sheet whose name settles it: an example, the instructions, a calendar of holidays."""
    what = {"ja": f"{sheet_name}、判定: シート名", "en": f"{sheet_name}; rule: its name"}
    return SheetResult(issues=[Issue("helper_sheet", file, sheet_name, scope="sheet",
                                     params={"what": what, "rule": "name"})], note="helper")


def judge_named(result: SheetResult | None, rows, file: str, sheet_name: str, hint: NameHint,
                facts: FormulaFacts | None) -> SheetResult:
    """The reading of a sheet whose name suggests a helper or a summary, judged by its content.

    A table of hours read with rows is data (the name is noted); anything else is a summary of
    other sheets when its formulas say so, else the helper or summary its name says, a warning
    when figures sit in a block nobody read.
    """
    named = {"ja": "集計シート" if hint.summary else "補助シート (マスタ・リスト・テンプレート)",
             "en": "a summary" if hint.summary else "a helper sheet (master, list, template)"}
    if result is not None and result.has_frame and result.rows_read > 0:
        if facts is None:
            formulas = {"ja": "数式は確認できない形式", "en": "formulas cannot be seen in this format"}
        elif facts.cross_sheet:
            # a list's lookups (=VLOOKUP(B2, 案件マスタ!A:B, 2)) read other sheets without summing them
            formulas = {"ja": f"他のシートを参照する数式 ({facts.cross_sheet} 個) は集計ではなく参照",
                        "en": f"its {facts.cross_sheet} formula(s) reading other sheets look values up"}
        else:
            formulas = {"ja": "他のシートを参照する数式なし", "en": "no formula reads another sheet"}
        result.issues.append(Issue("named_sheet_read", file, sheet_name, scope="sheet",
                                   params={"what": sheet_name, "named": named, "formulas": formulas, "rule": "content",
                                           "rows": result.rows_read}))
        return result
    summary = summary_of_others(file, sheet_name, facts)
    if summary is not None:
        return summary
    content = describe_content(rows)
    if content.looks_like_data:
        what = {"ja": f"{sheet_name}、判定: シート名 — 工数の表はなく {content.words('ja')} があります",
                "en": f"{sheet_name}; rule: its name — no hours table, but {content.words('en')}"}
        issue = Issue("helper_sheet", file, sheet_name, scope="sheet", severity="warning",
                      params={"what": what, "rule": "name+figures"})
    else:
        what = {"ja": f"{sheet_name}、判定: シート名", "en": f"{sheet_name}; rule: its name"}
        issue = Issue("helper_sheet", file, sheet_name, scope="sheet", params={"what": what, "rule": "name"})
    return SheetResult(issues=[issue], note="summary" if hint.summary else "helper")
