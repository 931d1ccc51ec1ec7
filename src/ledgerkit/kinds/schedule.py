"""予定表 (a schedule kept in Excel): canonical fields and the header texts each may have.

Read by ``ledgerkit schedule`` for people whose calendar is a workbook: one row per busy
block (氏名, 日付, 開始, 終了, optional 件名 and 状態).
"""

from __future__ import annotations

#: canonical fields of a 予定表 → header texts seen in client workbooks
SCHEDULE_FIELDS: dict[str, list[str]] = {
    "person": ["氏名", "名前", "担当者", "担当者名", "社員名", "出席者", "参加者", "Name", "Person", "Attendee"],
    "date": ["日付", "年月日", "日", "予定日", "月日", "Date"],
    "start": ["開始", "開始時刻", "開始時間", "開始日時", "始", "自", "From", "Start", "Start time"],
    "end": ["終了", "終了時刻", "終了時間", "終了日時", "終", "至", "To", "End", "End time"],
    "summary": ["件名", "予定", "内容", "用件", "予定内容", "タイトル", "Subject", "Title", "Summary"],
    "status": ["状態", "区分", "ステータス", "公開方法", "Status", "Show as"],
}
