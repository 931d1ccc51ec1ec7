"""Effort hours (工数): canonical fields and the header texts each may have."""

from __future__ import annotations

#: canonical fields of an effort-hours sheet → header texts seen in client workbooks
HOURS_FIELDS: dict[str, list[str]] = {
    "date": ["日付", "作業日", "年月日", "作業年月日", "実施日", "稼働日", "日", "Date", "Work Date"],
    "person": [
        "氏名", "名前", "担当者", "担当者名", "作業者", "作業者名", "社員名", "社員氏名", "担当", "従業員名", "従業員氏名",
        # Redmine's 作業時間 CSV (ja: ユーザー, en: User)
        "ユーザー", "ユーザ", "ユーザー名", "Name", "Person", "Employee", "User",
    ],
    "person_id": ["社員番号", "社員No", "社員コード", "従業員番号", "ID", "Employee ID"],
    "project": [
        "案件", "案件コード", "案件名", "プロジェクト", "プロジェクトコード", "プロジェクト名",
        "案件No", "案件番号", "PJ", "PJコード", "PJ名", "Project", "Project Code",
    ],
    "task": ["作業", "作業区分", "作業内容", "作業項目", "業務内容", "タスク", "工程", "区分", "作業分類", "Task", "Activity"],
    "hours": [
        "工数", "時間", "作業時間", "実績", "実績時間", "工数(h)", "工数(H)", "工数(時間)", "時間(h)",
        "稼働時間", "実績工数", "作業工数", "工数実績", "時間数", "実働時間", "Hours", "Hour", "Time",
    ],
    "note": ["備考", "メモ", "コメント", "Note", "Notes", "Remarks"],
}
