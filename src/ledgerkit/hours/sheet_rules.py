"""Helper and summary sheets, told by their content and not only by their name.

The rules, in order (each decision is an Issue saying which rule applied, ``params["rule"]``):

========================  ==========================================================  ==========
rule                      when                                                        outcome
========================  ==========================================================  ==========
``name``                  the name never holds data (記入例, 使い方, 祝日, カレンダー)      helper_sheet (info)
``name+formulas``         a helper or summary name, and formulas reading other        summary_sheet (info)
                          sheets (=SUM('山田'!D5:D35))
``name+pivot``            a helper or summary name, and a pivot table on the sheet    summary_sheet (info)
``content``               a helper or summary name, but a table of hours read with    read as data, noted
                          rows and no formula reading another sheet                   (named_sheet_read, info)
``name``                  a helper or summary name, no table of hours, no figures     helper_sheet (info)
``name+figures``          a helper or summary name, no table of hours, but figures    helper_sheet (warning)
                          in a block (a person may have expected them read)
========================  ==========================================================  ==========

Formulas are looked at only for sheets whose name suggests a helper or a summary (reading a
sheet's XML costs time); ``file`` is the workbook's path, as the intake door passes it.
"""

from __future__ import annotations

from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult
from ledgerkit.detect.content import describe_content
from ledgerkit.hours.sheet_names import NameHint
from ledgerkit.intake.formulas import FormulaFacts, formula_facts


def summary_of_others(file: str, sheet_name: str, hint: NameHint) -> tuple[SheetResult | None, FormulaFacts | None]:
    """(the result for a sheet whose formulas or pivot summarize other sheets, else None; the formula facts).

    Only for a sheet whose name suggests a helper or a summary.
    """
    if not hint.any:
        return None, None
    facts = formula_facts(file, sheet_name)
    if facts is None or not facts.summarizes_other_sheets:
        return None, facts
    if facts.pivot:
        rule, how = "name+pivot", {"ja": f"シート名「{sheet_name}」+ ピボットテーブル",
                                   "en": f"its name ({sheet_name}) + a pivot table"}
    else:
        rule = "name+formulas"
        how = {"ja": f"シート名「{sheet_name}」+ 他のシートを参照する数式 {facts.cross_sheet} 個",
               "en": f"its name ({sheet_name}) + {facts.cross_sheet} formula(s) reading other sheets"}
    issue = Issue("summary_sheet", file, sheet_name, scope="sheet", params={"rule": rule, "how": how})
    return SheetResult(issues=[issue], note="summary"), facts


def never_data(file: str, sheet_name: str, hint: NameHint) -> SheetResult:
    """A sheet whose name settles it: an example, the instructions, a calendar of holidays."""
    what = {"ja": f"{sheet_name}、判定: シート名", "en": f"{sheet_name}; rule: its name"}
    return SheetResult(issues=[Issue("helper_sheet", file, sheet_name, scope="sheet",
                                     params={"what": what, "rule": "name"})], note="helper")


def judge_named(result: SheetResult | None, rows, file: str, sheet_name: str, hint: NameHint,
                facts: FormulaFacts | None) -> SheetResult:
    """The reading of a sheet whose name suggests a helper or a summary, judged by its content.

    A table of hours read with rows is data (the name is noted); anything else is the helper
    or summary its name says, a warning when figures sit in a block nobody read.
    """
    named = {"ja": "集計シート" if hint.summary else "補助シート (マスタ・リスト・テンプレート)",
             "en": "a summary" if hint.summary else "a helper sheet (master, list, template)"}
    if result is not None and result.frame is not None and result.rows_read > 0:
        formulas = ({"ja": "他のシートを参照する数式なし", "en": "no formula reads another sheet"} if facts is not None
                    else {"ja": "数式は確認できない形式", "en": "formulas cannot be seen in this format"})
        result.issues.append(Issue("named_sheet_read", file, sheet_name, scope="sheet",
                                   params={"what": sheet_name, "named": named, "formulas": formulas, "rule": "content",
                                           "rows": result.rows_read}))
        return result
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
