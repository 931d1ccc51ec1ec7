"""Attendance (勤務表): canonical fields, the header texts each may have, and the words of a sheet's footer.

A header cell is matched in two steps (``ledgerkit.attendance.layout``):

1. **Whole header texts** (:data:`ATTENDANCE_FIELDS`): the header IS one of them, compared
   after NFKC, without spaces, in lower case, a unit in brackets ignored (``実働(h)`` is
   ``実働``). These are the synonyms ``[columns.attendance]`` in ``ledgerkit.toml`` adds to;
   the user's texts are tried before the built-in ones.
2. **Words a header contains** (:data:`ATTENDANCE_WORDS`), tried in the order listed when
   no whole text matched: ``休憩時間`` is a break and not worked time because ``break``
   comes before ``worked``; ``所定時間`` (scheduled hours, 8:00 every day) is ``ignore``.

Field names: ``day`` (the date or day number), ``weekday``, ``start`` and ``end`` (clock
times), ``break``, ``worked`` (hours worked that day), ``overtime``, ``note``, ``person``
and ``person_id`` (a system's export holds many people in one table), ``cumulative`` (a
running total, not read) and ``ignore`` (hours that are not the hours worked: scheduled,
late-night or holiday shares, deductions).
"""

from __future__ import annotations

#: canonical field → whole header texts (what ``[columns.attendance]`` adds to)
ATTENDANCE_FIELDS: dict[str, list[str]] = {
    "day": ["日付", "日", "日にち", "月日", "年月日", "日(曜)", "日(曜日)", "Date", "Day"],
    "weekday": ["曜日", "曜", "Weekday"],
    "start": ["出勤", "出社", "始業", "開始", "出勤時刻", "出社時刻", "始業時刻", "開始時刻", "出勤時間", "Start"],
    "end": ["退勤", "退社", "終業", "終了", "退勤時刻", "退社時刻", "終業時刻", "終了時刻", "退勤時間", "End"],
    "break": ["休憩", "休憩時間", "Break"],
    "worked": ["実働", "実働時間", "勤務時間", "稼働時間", "作業時間", "労働時間", "就業時間", "実績時間", "労働合計",
               "Hours"],
    # 所定外労働 (KING OF TIME and others): the hours past the scheduled day (所定外 is read before 所定 = ignore)
    "overtime": ["残業", "残業時間", "時間外", "所定外労働", "所定外労働時間", "Overtime"],
    "note": ["備考", "作業内容", "業務内容", "コメント", "摘要", "メモ", "Note", "Comment"],
    "person": ["氏名", "名前", "スタッフ名", "社員名", "社員氏名", "従業員名", "従業員氏名", "作業者名", "要員名", "技術者名",
               "スタッフ", "Name", "Employee", "Employee Name", "Staff"],
    "person_id": ["社員番号", "社員No", "社員コード", "社員ID", "社員No.", "従業員番号", "従業員No", "従業員コード", "スタッフID",
                  "スタッフ番号", "スタッフNo", "職員番号", "職員No", "職員コード", "Employee ID", "Employee No", "Staff ID"],
    "cumulative": ["累計", "累積", "Cumulative"],
    "ignore": ["所定時間", "所定", "深夜", "休日", "控除", "Scheduled"],
}

#: (field, words a header contains), tried in this order when no whole header text matched
ATTENDANCE_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("cumulative", ("累計", "累積", "cumulative")),
    ("weekday", ("曜日", "曜")),
    ("break", ("休憩", "break")),
    ("overtime", ("残業", "時間外", "所定外", "超過", "overtime")),
    # hours that are not the hours worked: 所定 (scheduled) 8:00 on every day, 深夜 / 休日
    # shares of the day, 遅刻早退 / 控除 deductions. Read as worked time they overstate it.
    ("ignore", ("所定", "予定", "標準", "計画", "深夜", "休日", "遅刻", "早退", "控除", "不足", "scheduled")),
    ("note", ("内容", "コメント", "備考", "摘要", "メモ", "作業項目", "note", "comment")),
    ("start", ("出社", "出勤", "始業", "開始", "start")),
    ("end", ("退社", "退勤", "終業", "終了", "end")),
    ("worked", ("勤務時間", "実働", "実稼働", "実稼動", "実作業", "作業時間", "稼働時間", "稼動時間",
                "労働時間", "就業時間", "実績時間", "時間", "hours")),
    ("day", ("日付", "日にち", "月日", "年月日", "date")),
]

#: a header starting with one of these is a person column (氏名(漢字), 社員名・所属)
PERSON_HEADER_STARTS: tuple[str, ...] = ("氏名", "スタッフ名", "社員名", "社員氏名", "従業員名", "従業員氏名", "作業者名", "要員名",
                                         "技術者名", "従業者名")

#: the words of one cell that say "start and end" (出勤～退勤 over one or three columns)
SPAN_START_WORDS: tuple[str, ...] = ("出社", "出勤", "始業", "開始")
SPAN_END_WORDS: tuple[str, ...] = ("退社", "退勤", "終業", "終了")

#: the labels of a 勤務表's footer (the sheet's own summary under the days, or its stamp
#: boxes), by what they are checked against: ``days`` the days worked, ``hours`` the hours
#: worked, ``overtime`` the overtime; ``other`` figures not checked (leave taken, the
#: scheduled hours) and ``stamp`` the 承認/確認/印 boxes are listed, never read.
#: Compared as whole texts (NFKC, no spaces, a unit in brackets ignored: 合計勤務時間(h)).
ATTENDANCE_FOOTER: dict[str, list[str]] = {
    "days": ["出勤日数", "稼働日数", "稼動日数", "勤務日数", "実働日数", "就業日数", "出社日数", "作業日数", "労働日数",
             "実稼働日数", "総出勤日数", "合計出勤日数", "出勤日数合計", "稼働日数合計", "勤務日数合計", "日数"],
    "hours": ["稼働時間", "稼動時間", "合計勤務時間", "勤務時間合計", "勤務時間計", "総勤務時間", "実働時間合計", "実働合計",
              "総実働時間", "合計実働時間", "実働時間", "稼働時間合計", "合計稼働時間", "総稼働時間", "稼働合計", "当月稼働時間",
              "月間稼働時間", "労働時間合計", "総労働時間", "合計労働時間", "作業時間合計", "合計作業時間", "総作業時間",
              "勤務時間", "合計時間", "総時間", "合計", "総計", "計"],
    "overtime": ["残業時間合計", "残業合計", "総残業時間", "合計残業時間", "残業時間", "時間外合計", "時間外労働時間",
                 "時間外労働時間合計", "時間外勤務時間", "超過時間", "超過時間合計"],
    "other": ["休憩時間合計", "休憩合計", "深夜時間合計", "深夜残業合計", "休日出勤日数", "休日出勤時間", "有給日数", "有休日数",
              "有給休暇", "有給取得日数", "欠勤日数", "代休日数", "特別休暇日数", "遅刻回数", "早退回数", "遅刻早退",
              "所定労働時間", "所定時間", "所定日数", "所定労働日数", "基準時間", "精算幅", "控除時間", "不足時間",
              "特記事項", "連絡事項", "備考"],
    "stamp": ["承認", "確認", "印", "承認印", "確認印", "本人印", "上長印", "所属長印", "責任者印", "担当印", "押印", "署名",
              "サイン", "承認者", "確認者", "作成者", "上長", "所属長", "責任者", "本人"],
}
