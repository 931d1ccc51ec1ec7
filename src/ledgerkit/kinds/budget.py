"""Budget sheets and rate tables read by ``budget``: canonical fields and their header texts."""

from __future__ import annotations

#: header texts of budget tables, per canonical field (config ``[columns.budget]`` adds to them)
BUDGET_FIELDS: dict[str, list[str]] = {
    "project": [
        "案件", "案件コード", "案件No", "案件番号", "プロジェクト", "プロジェクトコード", "プロジェクトNo",
        "PJ", "PJコード", "PJNo", "PJ番号", "Project", "Project Code", "Project No",
    ],
    "project_name": ["案件名", "プロジェクト名", "PJ名", "Project Name"],
    "item": ["費目", "勘定科目", "科目", "費用項目", "費用区分", "項目", "予算科目", "Item", "Account", "Cost Item"],
    "month": ["年月", "月", "対象月", "計上月", "予算月", "対象年月", "Month", "Period"],
    "amount": ["予算", "予算額", "予算金額", "年間予算", "計画", "計画額", "金額", "Budget", "Amount"],
}


#: header texts of rate tables (単価表)
RATE_FIELDS: dict[str, list[str]] = {
    "person": ["氏名", "名前", "担当者", "社員名", "要員", "要員名", "作業者", "従業員名", "Name", "Person", "Employee"],
    "grade": ["等級", "グレード", "ランク", "職位", "職級", "資格", "単価区分", "Grade", "Rank", "Level"],
    "since": [
        "適用開始", "適用開始日", "適用開始月", "適用年月", "適用日", "適用月", "改定日", "改定月", "有効開始日",
        "開始日", "開始月", "From", "Effective", "Effective From",
    ],
    "rate": [
        "単価", "時間単価", "時給", "標準単価", "原価単価", "時間原価", "単価(円/h)", "単価(円/時間)",
        "人日単価", "日単価", "人月単価", "月単価", "月額単価", "Rate", "Hourly Rate", "Cost Rate",
    ],
}
