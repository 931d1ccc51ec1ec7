"""The ``[schedule]`` settings: defaults and their comments (ja, en).

Kept here as plain dicts and read with ``config.get("schedule.…", default)`` until the
config package lists them with the others; every option of ``ledgerkit schedule`` takes its
default from here.
"""

from __future__ import annotations

from typing import Any

SCHEDULE_DEFAULTS: dict[str, Any] = {
    "duration": "60",
    "hours": "09:00-18:00",
    "lunch": "12:00-13:00",
    "buffer": 0,
    "grid": 30,
    "count": 5,
    "tz": "Asia/Tokyo",
    "include_tentative": False,
    "window_days": 14,
    "template": "schedule_request.txt.j2",
}

SCHEDULE_COMMENTS: dict[str, tuple[str, str]] = {
    "schedule": ("会議の候補日時 (schedule)", "Candidate meeting times (schedule)"),
    "schedule.duration": ("会議の長さ (60 = 60分、1h、90分)", "Length of the meeting (60 = 60 minutes, 1h, 90分)"),
    "schedule.hours": ("勤務時間 (この中で探す)", "Working hours searched"),
    "schedule.lunch": ("昼休み (\"\" = なし)", "Lunch break (\"\" = none)"),
    "schedule.buffer": ("前後の会議との間に空ける分数", "Minutes kept free before and after other meetings"),
    "schedule.grid": ("開始時刻の刻み (分)", "Start times every this many minutes"),
    "schedule.count": ("表示する候補の数 (-n)", "Candidates shown (-n)"),
    "schedule.tz": ("タイムゾーン (予定はこの時刻に換算)", "Time zone every event is converted to"),
    "schedule.include_tentative": (
        "仮の予定と重なる枠も候補にする (印を付けて)",
        "Also propose slots over tentative events (marked)",
    ),
    "schedule.window_days": (
        "--between がないとき、明日から何日先まで探すか",
        "Without --between: how many days from tomorrow are searched",
    ),
    "schedule.template": (
        "日程調整メールのテンプレート (--draft)",
        "Template of the scheduling message (--draft)",
    ),
}
