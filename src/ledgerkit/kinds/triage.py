"""依頼一覧 (requests) and 担当者一覧 (staff): canonical fields and the header texts each may have.

Read by ``ledgerkit triage``: one row per request (件名, 期限, 見積工数, 担当, 状態 …) and one
row per person (氏名, 1日の稼働時間, 得意, 不得意, 休暇; a column per date may mark days off).
"""

from __future__ import annotations

#: canonical fields of a 依頼一覧 → header texts seen in client workbooks
REQUEST_FIELDS: dict[str, list[str]] = {
    "request_no": ["依頼番号", "依頼No", "依頼No.", "管理番号", "管理No", "管理No.", "受付番号", "受付No", "受付No.",
                   "チケット番号", "チケット", "ID", "Request No", "Ticket"],
    "received": ["受付日", "受付日時", "依頼日", "依頼日時", "起票日", "登録日", "受付", "Received", "Requested on"],
    "requester": ["依頼者", "依頼者名", "依頼元", "依頼人", "起票者", "Requester", "Requested by"],
    "role": ["役職", "依頼者の役職", "依頼者役職", "依頼者 役職", "Title", "Role"],
    "department": ["部署", "依頼部署", "依頼者の部署", "依頼元部署", "所属", "部門", "Department"],
    "subject": ["件名", "依頼内容", "依頼事項", "内容", "タイトル", "案件", "作業内容", "Subject", "Title of request", "Task"],
    "category": ["種別", "区分", "分類", "種類", "カテゴリ", "カテゴリー", "業務種別", "Category", "Type"],
    "due": ["期限", "期日", "納期", "締切", "締め切り", "〆切", "期限日", "期限日時", "希望納期", "回答期限", "Due",
            "Deadline", "Due date"],
    "effort": ["見積工数", "工数", "見積", "見積時間", "所要時間", "想定工数", "予定工数", "見込工数", "見積(h)",
               "Estimate", "Effort"],
    "owner": ["担当", "担当者", "対応者", "作業者", "Owner", "Assignee"],
    "status": ["状態", "ステータス", "対応状況", "進捗状況", "状況", "Status"],
    "importance": ["重要度", "優先度", "重要性", "緊急度", "ランク", "Priority", "Importance"],
    "progress": ["進捗", "進捗率", "進捗(%)", "完了率", "Progress"],
    "remaining": ["残工数", "残り工数", "残時間", "残作業", "残り", "Remaining"],
}

#: canonical fields of a 担当者一覧 → header texts seen in client workbooks
STAFF_FIELDS: dict[str, list[str]] = {
    "person": ["氏名", "担当者", "担当者名", "名前", "社員名", "メンバー", "担当", "Name", "Person", "Member"],
    "hours_per_day": ["1日の稼働時間", "稼働時間", "稼働時間/日", "1日稼働時間", "1日の作業時間", "日稼働", "稼働(h/日)",
                      "Hours per day", "Daily hours"],
    "hours_per_week": ["週の稼働時間", "週稼働時間", "稼働時間/週", "1週の稼働時間", "週稼働", "Hours per week", "Weekly hours"],
    "strengths": ["得意", "得意分野", "得意な種別", "得意業務", "強み", "Strengths", "Good at"],
    "weaknesses": ["不得意", "苦手", "不得意分野", "苦手分野", "苦手な種別", "Weaknesses", "Not good at"],
    "days_off": ["休暇", "休暇予定", "休み", "不在日", "不在", "休日", "有給", "Days off", "Leave"],
}
