"""Every setting's default and its comment: what ``ledgerkit init`` writes and docs/config.md lists.

Examples:
    >>> d = defaults()
    >>> d["fiscal_year"]["start_month"], d["approval"]["default_category"]
    (4, 'purchase')
"""

from __future__ import annotations

import copy
from typing import Any

from ledgerkit.kinds import COLUMN_KINDS

__all__ = ["CONFIG_NAME", "ROUNDING_MODES", "COLUMNS", "DEFAULT_APPROVAL", "APPROVAL", "DEFAULTS", "COMMENTS", "defaults"]

CONFIG_NAME = "ledgerkit.toml"

#: rounding modes (money.round_yen's names) and what a Japanese invoice calls them
ROUNDING_MODES = ("down", "half_up", "up")

#: Column synonyms per kind: canonical field -> header texts seen in client workbooks
#: (``ledgerkit.kinds``). The user's ``[columns.<kind>]`` lists are added to these, not put
#: in their place.
COLUMNS: dict[str, dict[str, list[str]]] = {kind: fields for kind, (fields, _ja, _en) in COLUMN_KINDS.items()}

#: DOMAIN.md §1.2's suggested model ([R5] thresholds), neutral: 課長 / 部長 of the drafter's own
#: department (起案部署), then 役員 / 社長. Shape of the ``[approval]`` config table.
DEFAULT_APPROVAL: dict[str, Any] = {
    # amounts compared are tax-excluded (税抜); "tax_included" compares 税込 amounts
    "amount_basis": "tax_excluded",
    # 予算外 → this many levels higher
    "out_of_budget_escalation": 1,
    # the category when a row has none
    "default_category": "purchase",
    # titles stamped by the drafter's own department (起案部署 総務部 → 総務部 課長, 総務部長)
    "department_titles": ["課長", "部長"],
    # words seen in a request list's 区分 column → category (a 区分 holding one of them, the longest wins).
    # 業務委託・外注・リース are purchases by the company; only 顧客との契約 follow the contract rules
    "category_names": {
        "購買": "purchase",
        "購入": "purchase",
        "物品購入": "purchase",
        "備品購入": "purchase",
        "発注": "purchase",
        "業務委託": "purchase",
        "委託契約": "purchase",
        "委託": "purchase",
        "外注": "purchase",
        "外注費": "purchase",
        "リース": "purchase",
        "レンタル": "purchase",
        "賃貸借": "purchase",
        "保守": "purchase",
        "保守契約": "purchase",
        "契約": "contract",
        "顧客契約": "contract",
        "販売契約": "contract",
        "受注": "contract",
    },
    # stamp order per category, lowest first
    "route_order": {
        "purchase": ["課長", "部長", "役員", "社長"],
        "contract": ["課長", "部長", "役員", "社長"],
    },
    "rules": [
        {"category": "purchase", "min": 0, "max": 100000, "approver": "課長"},
        {"category": "purchase", "min": 100000, "max": 500000, "approver": "部長"},
        {"category": "purchase", "min": 500000, "approver": "役員"},
        {"category": "contract", "min": 0, "max": 1000000, "approver": "課長"},
        {"category": "contract", "min": 1000000, "max": 5000000, "approver": "部長"},
        {"category": "contract", "min": 5000000, "approver": "社長"},
    ],
    # 合議: add a department when the category matches and/or the amount is at least min
    "co_approval": [
        {"category": "contract", "add": "法務部"},
        {"min": 1000000, "add": "経理部"},
    ],
}

#: DOMAIN.md §1.2's suggested authority matrix ([R5] thresholds): the ``[approval]`` table's
#: default (``DEFAULT_APPROVAL`` stays as shipped; ``drafts.approval`` falls back on it)
APPROVAL: dict[str, Any] = copy.deepcopy(DEFAULT_APPROVAL)

DEFAULTS: dict[str, Any] = {
    "report": {"lang": "ja"},
    "fiscal_year": {"start_month": 4},
    "hours": {
        "hours_per_day": 8.0,
        "hours_per_month": 160.0,
        "max_hours_per_day": 24.0,
    },
    "read": {
        "include_hidden": False,
        "jobs": 0,
        "timeout": 120,
        "memory_mb": 3072,
        "max_file_mb": 200,
        "max_cells": 10_000_000,
        "max_uncompressed_mb": 1024,
        "max_ratio": 1000.0,
        "person": "",
    },
    "attendance": {
        "default_break": "none",
    },
    "tax": {
        "rate": 0.10,
        "rounding": "down",
        "rounding_required": "",
    },
    "invoices": {
        "max_due_days": 120,
        "require_registration": True,
    },
    "orders": {
        "payment_days": 60,
        "terms": "toriteki_4jo_2026",
    },
    "vendors": {
        "file": "",
        "deal": "",
        "list": [],
    },
    "budget": {
        "warning": 0.8,
        "over": 1.0,
        "rounding": "half_up",
    },
    "settle": {
        "method": "updown",
        "hours_unit_minutes": 15,
        "hours_rounding": "down",
        "rate_rounding": "",
        "amount_rounding": "down",
        "tax_rate": 0.10,
        "tax_rounding": "down",
        "prorate": "business_days",
    },
    "company": {
        "name": "",
        "representative": "",
        "address": "",
        "tel": "",
        "registration_no": "",
        "capital": 0,
        "employees": 0,
    },
    "drafts": {
        "templates": "templates",
        "po_terms": "toriteki_4jo_2026",
    },
    "calendar": {
        "company_holidays": [],
        "year_end": "12-29..01-03",
        "bank_holidays": True,
    },
    "schedule": {
        "duration": 60,
        "hours": "09:00-18:00",
        "lunch": "12:00-13:00",
        "buffer": 0,
        "grid": 30,
        "count": 5,
        "tz": "Asia/Tokyo",
        "include_tentative": False,
        "window_days": 14,
        "template": "schedule_request.txt.j2",
    },
    "ledger": {
        "url": "sqlite:///ledger.db",
        "user": "",
    },
    "triage": {
        "hours": "09:00-18:00",
        "lunch": "12:00-13:00",
        "due_time": "",
        "tz": "Asia/Tokyo",
        "slack_step": 1.0,
        "importance": [["高", "A", "大", "至急", "緊急"], ["中", "B", "普通", "通常"], ["低", "C", "小"]],
        "importance_default": "中",
        "roles": [
            ["社長", "代表取締役", "CEO"],
            ["役員", "副社長", "専務", "常務", "取締役", "執行役員"],
            ["部長", "本部長", "次長", "室長"],
            ["課長", "マネージャー", "グループ長"],
            ["担当", "係長", "主任", "担当者", "一般", "スタッフ"],
        ],
        "categories": ["稟議", "請求書", "集計", "日程調整", "契約確認", "その他"],
        "strong_factor": 0.8,
        "weak_factor": 1.5,
        "weekly_share": 0.9,
        "default_effort": 1.0,
        "horizon_days": 60,
        "board_days": 10,
        "top": 10,
        "status": {
            "open": ["未着手", "未対応", "新規", "受付", "受付済", "未"],
            "in_progress": ["対応中", "作業中", "進行中", "着手", "着手済", "仕掛中", "仕掛り中", "確認中", "レビュー中"],
            "done": ["完了", "済", "済み", "対応済", "対応済み", "終了", "クローズ", "完", "取消", "取り消し", "キャンセル",
                     "done", "closed"],
            "on_hold": ["保留", "保留中", "中断", "待機", "ペンディング", "回答待ち", "確認待ち", "pending", "on hold"],
        },
    },
    "approval": APPROVAL,
    # declared kinds, [kinds.NAME]: none by default (the built-in ones are ledgerkit.kinds.builtin)
    "kinds": {},
    "columns": COLUMNS,
}

#: one comment per setting, (Japanese, English); ``ledgerkit init`` writes them above each key
#: and docs/config.md lists them. A test fails when a setting has none.
COMMENTS: dict[str, tuple[str, str]] = {
    "report": ("レポートと端末メッセージ", "Reports and terminal messages"),
    "report.lang": (
        "見出し・シート名・Issues・メッセージの言語: ja または en (--lang で上書き)",
        "Language of headings, sheet names, Issues and messages: ja or en (--lang overrides)",
    ),
    "fiscal_year": ("会計年度", "Fiscal year"),
    "fiscal_year.start_month": ("期首の月 (4 = 4月始まり、1〜12)", "First month of the fiscal year (4 = April; 1..12)"),
    "hours": ("工数の単位", "Effort units"),
    "hours.hours_per_day": ("1人日の時間数 (人日の列を時間に換算)", "Hours in a person-day (columns in 人日 are converted)"),
    "hours.hours_per_month": ("1人月の時間数 (人月の列を時間に換算)", "Hours in a person-month (columns in 人月 are converted)"),
    "hours.max_hours_per_day": (
        "1日の記入がこれを超えたら集計せず Issues に載せる",
        "A day's entry above this is listed in Issues, not consolidated",
    ),
    "read": ("ファイルの読み込み", "Reading files"),
    "read.include_hidden": ("非表示・完全非表示のシートも読む", "Read hidden and very hidden sheets too"),
    "read.jobs": ("読み込みのワーカープロセス数 (0 = CPUコア数)", "Worker processes reading files (0 = one per core)"),
    "read.timeout": ("1ファイルあたりの読み込み時間の上限 (秒)", "Time limit for reading one file (seconds)"),
    "read.memory_mb": ("1ファイルあたりのメモリ上限 (MiB)", "Memory limit for reading one file (MiB)"),
    "read.max_file_mb": ("これより大きいファイルは読まずに断る (MiB)", "Refuse files larger than this (MiB)"),
    "read.max_cells": ("1ファイルで読むセル数の上限", "Most cells read from one file"),
    "read.max_uncompressed_mb": (
        "xlsx/ods の展開後サイズの上限 (MiB、zip爆弾対策)",
        "Most bytes an xlsx/ods may unpack to (MiB; zip bombs)",
    ),
    "read.max_ratio": ("zip の圧縮率の上限 (zip爆弾対策)", "Highest compression ratio accepted (zip bombs)"),
    "read.person": (
        "氏名がセルにもシート名にもファイル名にもない個人の表の氏名 (--person で上書き; \"\" = なし)",
        "Person of a personal sheet whose name is in no cell, sheet name or file name (--person overrides; \"\" = none)",
    ),
    "attendance": ("勤怠表の読み取り", "Reading attendance sheets"),
    "attendance.default_break": (
        "休憩の列がない出退勤の表: none (休憩なしで計算し警告)、statutory (6時間超45分・8時間超60分を差し引く、労基法34条)",
        "Start/end sheets without a break column: none (no break, with a warning) or statutory (45 min over 6 h, 60 min over 8 h, 労基法34条)",
    ),
    "tax": ("消費税", "Consumption tax"),
    "tax.rate": ("稟議・注文書の既定の税率 (行に税率がないとき)", "Default tax rate for ringi and orders (when a row has none)"),
    "tax.rounding": (
        "自社で計算する消費税の端数処理: down (切り捨て)、half_up (四捨五入)、up (切り上げ)",
        "Rounding of the tax ledgerkit computes: down (切り捨て), half_up (四捨五入), up (切り上げ)",
    ),
    "tax.rounding_required": (
        "受領した請求書・注文の税額に求める端数処理 (\"\" = down/half_up/up のどれでも可)",
        "Rounding required of received invoices' and orders' tax (\"\" = accept down, half_up or up)",
    ),
    "invoices": ("受領請求書のチェック (check invoices)", "Received-invoice checks (check invoices)"),
    "invoices.max_due_days": (
        "発行日からこの日数より後の支払期日は警告 (年の誤記など)",
        "Warn when the due date is more than this many days after the issue date (wrong year, …)",
    ),
    "invoices.require_registration": (
        "登録番号 (T+13桁) のない請求書をエラーにする",
        "Report an invoice without a registration number (T + 13 digits) as an error",
    ),
    "orders": ("注文のチェック (check orders)", "Order checks (check orders)"),
    "orders.payment_days": (
        "受領日から支払期日までの上限日数 (取適法・下請法: 60日)",
        "Longest allowed time from receipt to payment, in days (取適法 / 下請法: 60)",
    ),
    "orders.terms": (
        "注文書の記載事項リスト (ledgerkit/data/<名前>.toml)",
        "Written-terms list orders are checked against (ledgerkit/data/<name>.toml)",
    ),
    "vendors": (
        "取引先マスタ: 取適法 (下請法) の対象か。対象の発注は記載事項・60日の指摘がエラー、不明は警告、対象外は指摘なし",
        "Vendor master: whom the 取適法 covers. Written-terms and 60-day findings are errors for covered vendors, "
        "warnings when unknown, none when not covered",
    ),
    "vendors.file": (
        "取引先マスタのブック (取引先・登録番号・取適法対象 ○/× または 資本金・従業員数; この設定ファイルからの相対パス; \"\" = なし)",
        "A vendor-master workbook (取引先 / 登録番号 / 取適法対象 ○/×, or 資本金 / 従業員数; relative to this file; \"\" = none)",
    ),
    "vendors.deal": (
        "資本金・従業員数で判定するときの取引の種類: manufacturing (製造委託等: 3億円・300人)、services (役務提供委託等: 5千万円・100人)、\"\" = 両方で同じ結果のときだけ判定",
        "Kind of deal when deciding by capital and employees: manufacturing (¥300M / 300), services (¥50M / 100), \"\" = decide only where both agree",
    ),
    "vendors.list": (
        "取引先ごとの設定: name または registration_no (または code) と、covered = true/false か capital・employees (・deal)",
        "One entry per vendor: name or registration_no (or code), and covered = true/false, or capital and employees (and deal)",
    ),
    "budget": ("予算の消化率 (budget)", "Budget consumption (budget)"),
    "budget.warning": ("消化率がこの値以上で「注意」(0.8 = 80%)", "Consumption at or above this is 'warning' (0.8 = 80%)"),
    "budget.over": ("消化率がこの値以上で「超過」(warning 以上であること)", "Consumption at or above this is 'over' (not below warning)"),
    "budget.rounding": ("工数×単価の円未満の端数処理", "Rounding of hours × rate to whole yen"),
    "settle": ("精算幅による精算 (settle) の既定 (契約一覧の列が優先)", "Settlement defaults (settle); the contract list's columns win"),
    "settle.method": ("精算方法: updown (上下割)、middle (中割)、fixed (固定)", "Method: updown (上下割), middle (中割), fixed (固定)"),
    "settle.hours_unit_minutes": ("月の稼働時間を丸める単位 (分)", "Unit the month's hours are rounded to (minutes)"),
    "settle.hours_rounding": ("稼働時間の端数処理", "Rounding of the month's hours to that unit"),
    "settle.rate_rounding": (
        "超過・控除単価の端数 (例: \"10円切り捨て\"; \"\" = 端数処理なし)",
        "Rounding of the excess/deduction rate (e.g. \"10円切り捨て\"; \"\" = exact)",
    ),
    "settle.amount_rounding": ("精算額の円未満の端数処理", "Rounding of the settled amount to whole yen"),
    "settle.tax_rate": ("精算額にかける消費税率", "Tax rate on the settled amount"),
    "settle.tax_rounding": ("精算額の消費税の端数処理", "Rounding of the tax on the settled amount"),
    "settle.prorate": (
        "契約が月の途中で始まる・終わる月の日割り: business_days (営業日数の比、[calendar] の暦)、calendar_days (暦日数の比)、none (日割りせず満額の月として精算し警告)",
        "A contract that starts or ends inside a month: business_days (share of business days, the [calendar]), "
        "calendar_days (share of calendar days), none (settled as a full month, with a warning)",
    ),
    "company": ("自社 (注文書の発行者)", "Your company (the issuer printed on purchase orders)"),
    "company.name": ("会社名 (draft-po に必須)", "Company name (required by draft-po)"),
    "company.representative": ("代表者 (例: 代表取締役 山田 太郎)", "Representative (e.g. 代表取締役 山田 太郎)"),
    "company.address": ("住所", "Address"),
    "company.tel": ("電話番号", "Telephone"),
    "company.registration_no": ("適格請求書発行事業者の登録番号 (T+13桁)", "Qualified-invoice registration number (T + 13 digits)"),
    "company.capital": ("資本金 (円; 取引先の資本金から取適法の対象を判定; 0 = 不明)", "Capital in yen (decides whom the 取適法 covers from vendors' capital; 0 = unknown)"),
    "company.employees": ("常時使用する従業員数 (取適法の従業員基準; 0 = 不明)", "Employees (the 取適法's employee test; 0 = unknown)"),
    "drafts": ("稟議書・注文書の下書き (draft-ringi, draft-po)", "Ringi and order drafts (draft-ringi, draft-po)"),
    "drafts.templates": (
        "テンプレートを名前で探すフォルダ (この設定ファイルからの相対パス、なければ同梱のもの)",
        "Folder searched first for a template given by name (relative to this file; else the bundled ones)",
    ),
    "drafts.po_terms": (
        "注文書に必要な記載事項のリスト (\"\" = 確認しない)",
        "Written-terms list a drafted order must state (\"\" = do not check)",
    ),
    "calendar": ("営業日 (土日・祝日・会社休日・年末年始を除く日)", "Business days (not weekends, holidays, company holidays, the year-end break)"),
    "calendar.company_holidays": (
        "会社休日: \"2026-08-13\"、範囲 \"2026-08-12..2026-08-14\"、毎年 \"08-13\"。後ろに空白と名前も可 (\"2026-08-13 夏季休暇\")",
        "Company holidays: \"2026-08-13\", a range \"2026-08-12..2026-08-14\", every year \"08-13\"; a name may follow a space",
    ),
    "calendar.year_end": (
        "年末年始休暇 (MM-DD..MM-DD、年をまたぐ; \"\" = なし)",
        "The year-end break (MM-DD..MM-DD across the new year; \"\" = none)",
    ),
    "calendar.bank_holidays": ("銀行休業日 (12/31、1/1〜1/3) も休みにする", "Also close on the bank holidays (12/31, 1/1 to 1/3)"),
    "schedule": ("会議の候補日時 (schedule)", "Candidate meeting times (schedule)"),
    "schedule.duration": ("会議の長さ (分)", "Length of the meeting (minutes)"),
    "schedule.hours": ("勤務時間 (この中で探す)", "Working hours searched"),
    "schedule.lunch": ("昼休み (\"\" = なし)", "Lunch break (\"\" = none)"),
    "schedule.buffer": ("前後の会議との間に空ける分数", "Minutes kept free before and after other meetings"),
    "schedule.grid": ("開始時刻の刻み (分)", "Start times every this many minutes"),
    "schedule.count": ("表示する候補の数 (-n)", "Candidates shown (-n)"),
    "schedule.tz": ("タイムゾーン (予定はこの時刻に換算)", "Time zone every event is converted to"),
    "schedule.include_tentative": ("仮の予定と重なる枠も候補にする (印を付けて)", "Also propose slots over tentative events (marked)"),
    "schedule.window_days": ("--between がないとき、明日から何日先まで探すか", "Without --between: how many days from tomorrow are searched"),
    "schedule.template": ("日程調整メールのテンプレート (--draft)", "Template of the scheduling message (--draft)"),
    "ledger": ("結果の台帳 (--record, record, history, diff, findings)", "The results ledger (--record, record, history, diff, findings)"),
    "ledger.url": (
        "台帳のデータベース: sqlite:///ledger.db (この設定ファイルのフォルダからの相対パス) またはチームの postgresql+psycopg://ユーザー@ホスト/データベース",
        "The ledger's database: sqlite:///ledger.db (relative to this file's folder) or a team's postgresql+psycopg://user@host/database",
    ),
    "ledger.user": ("台帳に記録する担当者名 (\"\" = OSのユーザー名)", "Name recorded as who ran a command (\"\" = the OS user name)"),
    "triage": ("依頼の優先順位・担当の割り当て・負荷 (triage)", "Request priority, assignment and load (triage)"),
    "triage.hours": ("勤務時間 (営業日の作業時間の枠)", "Working hours of a business day"),
    "triage.lunch": ("昼休み (\"\" = なし)。勤務時間から昼休みを引いた時間が1日の稼働時間の既定", "Lunch break (\"\" = none); working hours less lunch are a day's default capacity"),
    "triage.due_time": ("時刻のない期限の時刻 (\"\" = 勤務時間の終わり)", "Time of a deadline given without one (\"\" = end of the working hours)"),
    "triage.tz": ("--as-of を省いたときの「今」のタイムゾーン", "Time zone of \"now\" when --as-of is left out"),
    "triage.slack_step": (
        "余裕 (期限までの営業時間 - 残工数) をこの時間刻みで比べる (同じ刻みなら重要度・役職で並べる; 0 = そのまま比べる)",
        "Slack (business hours to the due time less remaining effort) is compared in steps of this many hours (equal steps: importance and role decide; 0 = exactly)",
    ),
    "triage.importance": ("重要度の言葉: 高い順に、同じ重要度の言葉をまとめて", "Importance words, highest first, synonyms grouped"),
    "triage.importance_default": ("重要度が空のときの重要度", "Importance of a request with none"),
    "triage.roles": ("依頼者の役職: 優先する順に、同じ扱いの役職をまとめて (先頭が表示名)", "Requester roles, first served first, equivalents grouped (the first word is shown)"),
    "triage.categories": ("依頼の種別 (これ以外の種別は問題一覧に載せる)", "Request categories (any other is listed in Issues)"),
    "triage.strong_factor": ("得意な種別を割り当てるとき、終わる時刻にかける係数 (1 未満 = 得意な人を優先)", "Factor on the finish time of someone strong at the category (below 1 = preferred)"),
    "triage.weak_factor": ("不得意な種別を割り当てるとき、終わる時刻にかける係数 (1 より大 = 避ける)", "Factor on the finish time of someone weak at the category (above 1 = avoided)"),
    "triage.weekly_share": (
        "その週が期限の依頼の残工数と予約済みの時間が週の稼働のこの割合を超えたら過負荷 (1日で100%を超えても過負荷)",
        "Overloaded when the work due in a week plus the hours booked exceed this share of the week's capacity (or a day exceeds 100%)",
    ),
    "triage.default_effort": ("見積工数が空・未定の依頼の工数 (時間; 問題一覧に載せる)", "Effort of a request without an estimate (hours; listed in Issues)"),
    "triage.horizon_days": ("計画する営業日数 (これより先に終わる依頼は「計画外」)", "Business days planned ahead (work that ends later is unplanned)"),
    "triage.board_days": ("担当別ボードに並べる営業日数 (その先は「以降」の列)", "Business days shown on the board (the rest in a 'later' column)"),
    "triage.top": ("端末に表示する優先順位の件数", "Requests of the queue shown on the terminal"),
    "triage.status": ("状態の言葉 (未着手・対応中・完了・保留)", "Status words (open, in progress, done, on hold)"),
    "triage.status.open": ("未着手 (割り当ての対象)", "Open (to be assigned)"),
    "triage.status.in_progress": ("対応中 (担当のまま残工数を計画する)", "In progress (planned with its owner)"),
    "triage.status.done": ("完了・取消 (計画しない)", "Done or cancelled (not planned)"),
    "triage.status.on_hold": ("保留・待ち (計画しない)", "On hold or waiting (not planned)"),
    "approval": ("決裁権限規程 (稟議の承認ルート)", "Authority matrix (a ringi's approval route)"),
    "approval.amount_basis": (
        "判定に使う金額: tax_excluded (税抜) または tax_included (税込)",
        "Amount compared: tax_excluded (税抜) or tax_included (税込)",
    ),
    "approval.out_of_budget_escalation": ("予算外の申請は決裁者をこの段階だけ上げる", "A request outside the budget goes this many levels higher"),
    "approval.default_category": ("区分が空の行の区分", "Category of a row with no 区分"),
    "approval.department_titles": (
        "起案部署 (部署の列) の役職: 総務部の申請は 総務部 課長・総務部長 が押印",
        "Titles of the drafter's department (the 部署 column): a 総務部 request is stamped by 総務部 課長 and 総務部長",
    ),
    "approval.category_names": (
        "申請一覧の区分の言葉 → 区分 (言葉を含む区分は最も長い言葉で判定; 業務委託・外注・リースは購買)",
        "Words in a request list's 区分 column → category (a 区分 holding a word: the longest; 業務委託, 外注, リース are purchases)",
    ),
    "approval.route_order": ("区分ごとの押印順 (下位から)", "Stamp order per category, lowest first"),
    "approval.rules": (
        "決裁者: 区分ごとに min ≦ 金額 < max (max なし = 上限なし)。0円から隙間も重なりもなく並べる",
        "Decider: per category, min <= amount < max (no max = no upper bound); from 0 yen with no gap or overlap",
    ),
    "approval.co_approval": (
        "合議: 区分が一致するか金額が min 以上のとき add の部署を決裁者の前に加える",
        "合議 (co-approval): add the department before the decider when the category matches and/or amount >= min",
    ),
    "kinds": (
        "一覧の種類の宣言 [kinds.名前]: 項目 (型・見出しの同義語・必須・チェック) と集計の by; aggregate --kind 名前 で集計 (docs/kinds.md)",
        "Declared kinds of list [kinds.NAME]: fields (type, header synonyms, required, checks) and the summary's by; "
        "aggregate --kind NAME (docs/kinds.md)",
    ),
    "columns": (
        "列の見出しの同義語: 既定の見出しに加える (既定は外せない)",
        "Column header synonyms: added to the built-in ones (built-ins cannot be removed)",
    ),
}

#: tables whose keys are the user's own (words, categories), not fixed setting names
_FREE_TABLES = {"approval.category_names", "approval.route_order"}
#: lists of tables: the allowed keys of each element
_TABLE_LISTS = {
    "approval.rules": {"category": str, "min": int, "max": int, "approver": str},
    "approval.co_approval": {"category": str, "min": int, "add": str},
    "vendors.list": {"name": str, "registration_no": str, "code": str, "covered": bool, "capital": int,
                     "employees": int, "deal": str},
}


def defaults() -> dict[str, Any]:
    """A deep copy of every default setting, column synonyms of every kind included.

    Examples:
        >>> d = defaults()
        >>> d["budget"]["warning"], d["fiscal_year"]["start_month"], "請求書番号" in d["columns"]["invoices"]["invoice_no"]
        (0.8, 4, True)
    """
    return copy.deepcopy(DEFAULTS)


def _get(data: dict, dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        node = node[part]
    return node
