"""ledgerkit.triage: the queue's order, the plan on capacity, days off and holidays, the
what-if of --new, the readers of 依頼一覧 and 担当者一覧, and the same output for the same input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from triage_books import record, requests_book, staff_book

import ledgerkit
from ledgerkit.calendars.business import BusinessCalendar, business_calendar
from ledgerkit.config.loading import Config, load_config
from ledgerkit.workload.planner import plan_run
from ledgerkit.workload.settings import triage_settings
from ledgerkit.workload.staff import Staff
from ledgerkit.workload.timeline import Timeline

D, T = dt.date, dt.datetime
TUE = T(2026, 12, 1, 9, 0)  # Tuesday 1 December 2026, 9:00


def run(records, people, as_of=TUE, booked=None, config=None):
    s = triage_settings(config)
    timeline = Timeline(as_of, business_calendar(config), s, s.horizon_days)
    return plan_run(records, people, booked or {}, timeline, s)


def order(result):
    return [i.subject for i in sorted((i for i in result.items if i.rank), key=lambda i: i.rank)]


# --- which first ---------------------------------------------------------------------------


def test_overdue_first_the_longest_overdue_first_even_before_negative_slack():
    r = run([record("due today, 8h", T(2026, 12, 1, 10), 8), record("overdue since yesterday", T(2026, 11, 30, 18), 1),
             record("overdue since last week", D(2026, 11, 24), 1, row=6)], [Staff("A")])
    assert order(r) == ["overdue since last week", "overdue since yesterday", "due today, 8h"]
    first = next(i for i in r.items if i.rank == 1)
    assert first.overdue and first.risk == "overdue" and first.overdue_minutes == 4 * 8 * 60  # 11/25-11/30, four business days


def test_least_slack_first_then_importance_then_role_then_received_then_row():
    due = T(2026, 12, 3, 18)
    r = run([record("担当, 2h", due, 2, role="担当", row=4),
             record("部長, 2h", due, 2, role="部長", row=5),
             record("担当 but 重要度 高", due, 2, role="担当", importance=0, row=6),
             record("no role, received earlier", due, 2, received=D(2026, 11, 1), row=7),
             record("no role", due, 2, row=8),
             record("less slack", due, 6, row=9)], [Staff("A"), Staff("B"), Staff("C")])
    assert order(r) == ["less slack", "担当 but 重要度 高", "部長, 2h", "担当, 2h", "no role, received earlier", "no role"]


def test_slack_is_compared_in_steps_of_slack_step_hours():
    # 24h to the due time: 10h and 10.5h of slack are one step, so the 社長 goes first; exactly, the smaller slack
    records = [record("担当, slack 10h", T(2026, 12, 3, 18), 14, role="担当"),
               record("社長, slack 10.5h", T(2026, 12, 3, 18), 13.5, role="社長", row=5)]
    assert order(run(records, [Staff("A"), Staff("B")])) == ["社長, slack 10.5h", "担当, slack 10h"]
    exact = Config()
    exact.data["triage"]["slack_step"] = 0.0
    assert order(run(records, [Staff("A"), Staff("B")], config=exact)) == ["担当, slack 10h", "社長, slack 10.5h"]


def test_role_found_in_the_requester_name_and_the_order_of_roles_is_configurable():
    due = T(2026, 12, 4, 18)
    records = [record("課長", due, 1, requester="鈴木課長"), record("社長", due, 1, requester="山田社長", row=5),
               record("部長", due, 1, requester="佐藤 部長", row=6)]
    assert order(run(records, [Staff("A")])) == ["社長", "部長", "課長"]
    flipped = Config()
    flipped.data["triage"]["roles"] = [["課長"], ["部長"], ["社長"]]
    assert order(run(records, [Staff("A")], config=flipped)) == ["課長", "部長", "社長"]


def test_the_reason_line():
    r = run([record("契約確認", T(2026, 12, 3, 17), 6, role="部長", owner="A")], [Staff("A")])
    item = r.items[0]
    from ledgerkit.workload.reasons import priority_reason
    # 12/1 8h + 12/2 8h + 12/3 9:00-17:00 7h = 23h to the due time; 6h left: 17h of slack
    assert priority_reason(item, r.plans[0].timeline) == "期限まで残り 2 営業日 (12/3 17:00)、残工数 6h、余裕 17h、依頼者 部長"
    assert priority_reason(item, r.plans[0].timeline, "en") == \
        "due in 2 business days (12/3 17:00), 6h left, slack 17h, requested by 部長"


# --- who does it ---------------------------------------------------------------------------


def test_strong_preferred_weak_avoided_and_pre_assigned_stays():
    due = D(2026, 12, 10)
    people = [Staff("A", weaknesses=("集計",)), Staff("B"), Staff("C", strengths=("集計",))]
    r = run([record("listed", due, 4, owner="A", category="集計"), record("free", due, 4, category="集計", row=5)], people)
    owners = {i.subject: (i.owner, i.assigned_by, i.strength) for i in r.items}
    assert owners == {"listed": ("A", "list", "weak"), "free": ("C", "triage", "strong")}


def test_strong_factor_trades_a_later_finish_for_strength():
    # C is good at 集計 but busy for the first hour; B is free. C would finish after 3h: 3 × 0.8 = 2.4
    # is later than B's 2h, so B; with strong_factor 0.5, 3 × 0.5 = 1.5 beats 2: C.
    people = [Staff("B"), Staff("C", strengths=("集計",))]
    due = D(2026, 12, 10)
    records = [record("C's own", D(2026, 12, 1), 1, owner="C"), record("集計 2h", due, 2, category="集計", row=5)]
    assert {i.subject: i.owner for i in run(records, people).items}["集計 2h"] == "B"
    strong = Config()
    strong.data["triage"]["strong_factor"] = 0.5
    assert {i.subject: i.owner for i in run(records, people, config=strong).items}["集計 2h"] == "C"


def test_no_one_in_time_is_at_risk_with_the_earliest_finish():
    r = run([record("too big", T(2026, 12, 1, 18), 12)], [Staff("A"), Staff("B", hours_per_day=4.0)])
    item = r.items[0]
    assert (item.owner, item.risk, item.finish) == ("A", "at_risk", T(2026, 12, 2, 14, 0))


def test_pre_assigned_late_names_who_could_finish_sooner():
    due = T(2026, 12, 1, 18)
    r = run([record("A's first", due, 8, owner="A"), record("A's second", due, 2, owner="A", row=5)],
            [Staff("A"), Staff("B")])
    late = next(i for i in r.items if i.subject == "A's second")
    assert (late.risk, late.earliest_owner, late.earliest) == ("at_risk", "B", T(2026, 12, 1, 11, 0))


def test_an_owner_not_in_the_staff_list_is_unplanned():
    r = run([record("x", D(2026, 12, 4), 2, owner="山本")], [Staff("A")])
    assert (r.items[0].risk, r.items[0].unknown_owner, r.items[0].start) == ("unplanned", True, None)


def test_owner_matched_by_family_name_and_spaces():
    r = run([record("x", D(2026, 12, 4), 2, owner="田中")], [Staff("田中 一郎"), Staff("鈴木 花子")])
    assert r.items[0].owner == "田中 一郎"


# --- capacity ------------------------------------------------------------------------------

_people = st.lists(
    st.tuples(st.sampled_from([None, 0.0, 2.5, 6.0, 8.0, 10.0]),
              st.dictionaries(st.integers(0, 14), st.sampled_from([0.5, 1.0]), max_size=3)),
    min_size=1, max_size=4)
_requests = st.lists(
    st.tuples(st.one_of(st.none(), st.integers(-5, 20)), st.sampled_from([0, 0.25, 0.5, 1, 2.5, 4, 8, 13]),
              st.integers(-1, 3), st.sampled_from(["open", "in_progress"]), st.sampled_from(["", "集計", "稟議"])),
    max_size=30)


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_people, _requests, st.integers(0, 9 * 60), st.dictionaries(st.integers(0, 3), st.floats(0, 12), max_size=3))
def test_capacity_is_never_exceeded(people_spec, request_spec, minutes, booked_spec):
    as_of = TUE + dt.timedelta(minutes=minutes)
    people = [Staff(f"P{n}", hours, ("集計",) if n % 2 else (), ("稟議",) if n % 3 == 0 else (),
                    {as_of.date() + dt.timedelta(days=d): share for d, share in off.items()})
              for n, (hours, off) in enumerate(people_spec)]
    records = [record(f"r{n}", None if due is None else as_of + dt.timedelta(days=due, hours=(n % 5)), effort,
                      owner=people[who].name if 0 <= who < len(people) else "", status=status, category=category,
                      row=n + 4)
               for n, (due, effort, who, status, category) in enumerate(request_spec)]
    booked = {people[k % len(people)].name: {as_of.date() + dt.timedelta(days=k): h} for k, h in booked_spec.items()}
    r = run(records, people, as_of=as_of, booked=booked)
    calendar = BusinessCalendar()
    for plan in r.plans:
        assert all(calendar.is_business_day(d) for d in plan.timeline.days[: plan.timeline.horizon])
        for i in range(len(plan.planned)):
            assert 0 <= plan.planned[i] <= plan.free[i] <= plan.capacity[i]
            assert plan.free[i] == max(0, plan.capacity[i] - plan.booked[i])
            assert plan.planned[i] == sum(m for (key, day), m in plan.segments.items() if day == i)
    for item in r.items:
        planned = sum(m for p in r.plans for (key, _), m in p.segments.items() if key == item.key)
        if item.start is not None:
            assert planned == item.remaining_minutes and item.finish >= item.start >= as_of.replace(second=0)
            if item.due is not None and not item.risk:
                assert item.finish <= item.due
        else:
            assert planned == 0 and (item.risk or not item.is_open or item.remaining_minutes == 0)


def test_nothing_left_to_do_queued_up_to_lunch_starts_when_it_finishes():
    """Found by hypothesis: a half day free, 1.5 h planned before it fills the morning up to
    12:00; a request with nothing left starts and finishes at 12:00, not starts at 13:00."""
    people = [Staff("P0", None, (), (), {TUE.date(): 0.5})]
    records = [record("done-ish", None, 0, owner="P0", row=4),
               record("a", TUE, 0.5, owner="P0", row=5), record("b", TUE + dt.timedelta(hours=1), 1, owner="P0", row=6)]
    r = run(records, people)
    item = next(i for i in r.items if i.subject == "done-ish")
    assert item.start == item.finish == T(2026, 12, 1, 12, 0)


# --- days off and holidays -------------------------------------------------------------------


def test_weekends_holidays_and_days_off_are_skipped():
    fri = T(2026, 11, 20, 9)  # 11/21-22 weekend, 11/23 勤労感謝の日
    assert run([record("16h", None, 16)], [Staff("A")], as_of=fri).items[0].finish == T(2026, 11, 24, 18)
    off = run([record("16h", None, 16)], [Staff("A", days_off={D(2026, 11, 24): 1.0})], as_of=fri)
    assert off.items[0].finish == T(2026, 11, 25, 18)
    half = run([record("16h", None, 16)], [Staff("A", days_off={D(2026, 11, 24): 0.5})], as_of=fri)
    assert half.items[0].finish == T(2026, 11, 25, 14, 0)  # Fri 8h, Tue 4h, Wed 9:00-14:00 (lunch skipped)
    company = Config()
    company.data["calendar"]["company_holidays"] = ["2026-11-24 創立記念日"]
    assert run([record("16h", None, 16)], [Staff("A")], as_of=fri, config=company).items[0].finish == T(2026, 11, 25, 18)


def test_the_slack_counts_business_hours_only():
    fri = T(2026, 11, 20, 9)
    r = run([record("x", T(2026, 11, 24, 12), 1)], [Staff("A")], as_of=fri)
    assert r.items[0].available == (8 + 3) * 60  # Fri 8h, Tue 9:00-12:00


def test_as_of_in_the_afternoon_leaves_the_rest_of_the_day():
    r = run([record("x", None, 4)], [Staff("A")], as_of=T(2026, 12, 1, 15, 30))
    assert (r.items[0].start, r.items[0].finish) == (T(2026, 12, 1, 15, 30), T(2026, 12, 2, 10, 30))


# --- what slips ----------------------------------------------------------------------------

WORKED_REQUESTS = [
    ("月次締め", "稟議", "経理 山田", D(2026, 12, 2), 8, "A", "未着手"),
    ("請求書発行", "請求書", "営業 井上", T(2026, 12, 3, 12, 0), 8, "A", "未着手"),
    ("会議の日程調整", "日程調整", "総務 小林", D(2026, 12, 4), 4, "", "未着手"),
]
WORKED_STAFF = [("A", 8, "", "", ""), ("B", 8, "集計", "", ""), ("C", 8, "", "日程調整", "")]
WORKED_NEW = ["件名=監査資料の準備,種別=稟議,期限=12/1 18:00,見積工数=6h,依頼者=佐藤部長,担当=A",
              "件名=監査資料の集計,種別=集計,期限=12/1 18:00,見積工数=6h,依頼者=佐藤部長"]


@pytest.fixture
def worked(tmp_path):
    return (requests_book(tmp_path / "依頼一覧.xlsx", WORKED_REQUESTS),
            staff_book(tmp_path / "担当者一覧.xlsx", WORKED_STAFF))


def test_new_reports_exactly_the_requests_that_slip(worked):
    requests, staff = worked
    before = ledgerkit.triage(requests, staff, as_of="2026-12-01 09:00")
    assert before.frame[["rank", "subject", "owner", "planned_finish", "risk"]].values.tolist() == [
        [1, "月次締め", "A", T(2026, 12, 1, 18), ""],
        [2, "請求書発行", "A", T(2026, 12, 2, 18), ""],
        [3, "会議の日程調整", "B", T(2026, 12, 1, 14), ""],
    ]
    after = ledgerkit.triage(requests, staff, as_of="2026-12-01 09:00", new=WORKED_NEW)
    assert after.frame[["rank", "subject", "owner", "planned_finish", "risk", "new"]].values.tolist() == [
        [1, "監査資料の準備", "A", T(2026, 12, 1, 16), "", True],
        [2, "監査資料の集計", "B", T(2026, 12, 1, 16), "", True],
        [3, "月次締め", "A", T(2026, 12, 2, 16), "", False],
        [4, "請求書発行", "A", T(2026, 12, 3, 16), "at_risk", False],
        [5, "会議の日程調整", "C", T(2026, 12, 1, 14), "", False],
    ]
    changes = after.tables["changes"]
    changes = changes.astype(object).where(changes.notna(), None)
    assert changes[["rank", "subject", "owner_before", "owner_after", "delay_hours", "owner_changed", "later",
                    "now_late", "change"]].values.tolist() == [
        [3, "月次締め", "A", "A", 6.0, False, True, False, "遅れ +6h"],
        [4, "請求書発行", "A", "A", 6.0, False, True, True, "遅れ +6h、期限に間に合わなくなる"],
        [5, "会議の日程調整", "B", "C", None, True, False, False, "担当変更 B → C"],
    ]


# --- the readers -----------------------------------------------------------------------------


def test_requests_read_as_they_are(tmp_path):
    header = ("No", "受付日", "依頼者", "役職", "件名", "種別", "期限", "見積工数", "担当", "状態", "重要度", "進捗")
    rows = [
        (1, "令和8年11月30日", "佐藤部長", "", "見積の稟議", "稟議", "12/3 17:00", "30分", "", "未着手", "高", ""),
        (2, D(2026, 11, 30), "鈴木", "課長", "請求書の照合", "請求書", T(2026, 12, 4, 10, 0), "1.5h", "田中", "作業中", "", "50%"),
        (3, "12/1", "山田", "", "集計", "集計", "令和8年12月10日", "半日", "", "", "Ｃ", ""),
        (4, "12/1", "伊藤", "", "月次の集計", "集計", "12月4日(金) 午後3時", "１日", "", "済", "", ""),
        (5, "12/1", "井上", "", "保留の件", "その他", D(2026, 12, 9), "２ｈ", "", "保留中", "", ""),
        (6, "12/1", "木村", "", "", "その他", D(2026, 12, 9), 1, "", "", "", ""),
        (7, "12/1", "林", "", "期限が読めない", "その他", "来週中", 1, "", "", "", ""),
        (8, "12/1", "森", "", "見積なし", "その他", D(2026, 12, 9), "未定", "", "確認待ち", "", ""),
        (9, "12/1", "清水", "", "状態が不明", "雑務", D(2026, 12, 9), 1, "", "たぶん", "特上", ""),
        ("", "", "", "", "合計", "", "", 20, "", "", "", ""),
    ]
    book = requests_book(tmp_path / "依頼.xlsx", rows, header=header, title="依頼管理表 2026年12月")
    staff = staff_book(tmp_path / "担当.xlsx", [("田中", 8, "", "", "")])
    r = ledgerkit.triage(book, staff, as_of="2026-12-01 09:00")
    f = r.frame.sort_values("source_row")
    assert f[["source_row", "subject", "due", "effort", "remaining", "status", "importance", "role"]].values.tolist() == [
        [4, "見積の稟議", T(2026, 12, 3, 17), 0.5, 0.5, "open", "高", "部長"],
        [5, "請求書の照合", T(2026, 12, 4, 10), 1.5, 0.75, "in_progress", "", "課長"],
        [6, "集計", T(2026, 12, 10, 18), 4.0, 4.0, "open", "C", ""],
        [7, "月次の集計", T(2026, 12, 4, 15), 8.0, 8.0, "done", "", ""],
        [8, "保留の件", T(2026, 12, 9, 18), 2.0, 2.0, "on_hold", "", ""],
        [11, "見積なし", T(2026, 12, 9, 18), 1.0, 1.0, "on_hold", "", ""],
        [12, "状態が不明", T(2026, 12, 9, 18), 1.0, 1.0, "open", "", ""],
    ]
    found = [(i.row, i.code, i.severity, i.rejected, i.column) for i in r.issues]
    assert found == [
        (9, "missing_value", "error", True, "件名"),
        (10, "triage_bad_cell", "error", True, "期限"),
        (11, "triage_default_effort", "warning", False, "見積工数"),
        (12, "triage_unknown_status", "warning", False, "状態"),
        (12, "triage_unknown_importance", "warning", False, "重要度"),
        (12, "triage_unknown_category", "info", False, "種別"),
        (13, "total_row", "info", False, ""),
    ]
    assert r.issues[1].message("ja") == "期限を読み取れません: '来週中' (日付として読めません)"
    assert (r.stats.rows_read, r.stats.rows_consolidated, r.stats.rows_rejected) == (10, 8, 2)


def test_staff_read_as_they_are(tmp_path):
    header = ("氏名", "1日の稼働時間", "週の稼働時間", "得意", "不得意", "休暇", "12/3(木)", "12/4(金)")
    rows = [("田中 一郎", "7.5h", "", "稟議、契約確認", "日程調整", "12/7, 12/9〜12/10, 12/11(午後)", "", "有給"),
            ("鈴木", "", "20h", "集計 / 請求書", "", "", "午前休", ""),
            ("", 8, "", "", "", "", "", ""),
            ("佐藤", "たくさん", "", "", "", "来月", "出張", ""),
            ("田中一郎", 8, "", "", "", "", "", "")]
    book = staff_book(tmp_path / "担当.xlsx", rows, header=header)
    req = requests_book(tmp_path / "依頼.xlsx", [("x", "", "", D(2026, 12, 20), 1, "", "")])
    r = ledgerkit.triage(req, book, as_of="2026-12-01 09:00")
    plans = {p.staff.name: p.staff for p in r.meta["plans"]}
    assert list(plans) == ["田中 一郎", "鈴木", "佐藤"]
    tanaka = plans["田中 一郎"]
    assert (tanaka.hours_per_day, tanaka.strengths, tanaka.weaknesses) == (7.5, ("稟議", "契約確認"), ("日程調整",))
    assert tanaka.days_off == {D(2026, 12, 4): 1.0, D(2026, 12, 7): 1.0, D(2026, 12, 9): 1.0, D(2026, 12, 10): 1.0,
                               D(2026, 12, 11): 0.5}
    assert (plans["鈴木"].hours_per_day, plans["鈴木"].days_off) == (4.0, {D(2026, 12, 3): 0.5})
    assert [(i.row, i.code) for i in r.issues] == [
        (6, "missing_value"), (7, "triage_staff_hours"), (7, "triage_bad_day_off"), (7, "triage_unknown_mark"),
        (8, "triage_duplicate_person")]
    # the first row of 田中 named in the message's language
    assert r.issues[-1].message() == f"田中一郎 は {book} / 担当者 / 4行 にもあるため、この行は使いません"
    assert r.issues[-1].message("en") == f"田中一郎 is also at {book} / 担当者 / row 4: this row is not used"


def test_one_workbook_with_both_lists_reports_no_missing_table(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "依頼一覧"
    ws.append(["件名", "期限", "見積工数"])
    ws.append(["見積", dt.datetime(2026, 12, 3), 2])
    staff = wb.create_sheet("担当者一覧")
    staff.append(["氏名", "1日の稼働時間"])
    staff.append(["田中", 8])
    wb.save(tmp_path / "依頼管理表.xlsx")
    r = ledgerkit.triage(tmp_path / "依頼管理表.xlsx", tmp_path / "依頼管理表.xlsx", as_of="2026-12-01 09:00")
    assert r.issues == [] and r.frame["owner"].tolist() == ["田中"]


def test_booked_hours_from_the_hours_consolidation_reduce_capacity(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["日付", "氏名", "案件", "工数"])
    ws.append([dt.datetime(2026, 12, 1), "A", "定例", 6])
    ws.append([dt.datetime(2026, 11, 30), "A", "定例", 8])
    ws.append([dt.datetime(2026, 12, 1), "Z", "定例", 1])
    wb.save(tmp_path / "工数.xlsx")
    req = requests_book(tmp_path / "依頼.xlsx", [("x", "", "", D(2026, 12, 20), 4, "", "")])
    staff = staff_book(tmp_path / "担当.xlsx", [("A", 8, "", "", "")])
    r = ledgerkit.triage(req, staff, as_of="2026-12-01 09:00", hours=tmp_path / "工数.xlsx")
    # 12/1: 8h less 6h booked = 2h free; 2h more on 12/2
    assert r.frame["planned_finish"].tolist() == [T(2026, 12, 2, 11, 0)]
    load = r.tables["load"]
    assert load[["date", "capacity", "booked", "planned"]].head(2).values.tolist() == [
        [D(2026, 12, 1), 8.0, 6.0, 2.0], [D(2026, 12, 2), 8.0, 0.0, 2.0]]
    assert {i.code for i in r.issues} == {"triage_hours_unknown_person", "triage_hours_outside"}


def test_day_overloaded_by_bookings_and_week_by_what_is_due(tmp_path):
    people = [Staff("A"), Staff("B")]
    r = run([record("due Thu", D(2026, 12, 3), 20, owner="A"), record("due next week", D(2026, 12, 9), 30, owner="A",
                                                                          row=5)],
            people, booked={"A": {D(2026, 12, 4): 10.0}})
    kinds = [(o.person, o.kind, o.days[0]) for o in r.overloads]
    assert kinds == [("A", "day", 3), ("A", "week", 0)]
    week = r.overloads[1]
    assert round(week.share, 3) == round((20 * 60 + 10 * 60) / (4 * 8 * 60), 3)
    assert week.move_to == "B" and week.move.subject == "due Thu"
    assert week.suggestion == "「due Thu」(20h) を B へ (負荷 94% → 31%、B 62%)"


# --- the same output for the same input ------------------------------------------------------


def test_the_same_bytes_twice(worked, tmp_path):
    requests, staff = worked
    for suffix in ("xlsx", "csv", "json"):
        outs = []
        for n in range(2):
            out = tmp_path / f"board{n}.{suffix}"
            ledgerkit.triage(requests, staff, as_of="2026-12-01 09:00", new=WORKED_NEW).write(out)
            outs.append(out.read_bytes())
        assert outs[0] == outs[1], suffix


def test_a_config_file_changes_the_weights(worked, tmp_path):
    requests, staff = worked
    toml = tmp_path / "ledgerkit.toml"
    toml.write_text('[triage]\nhours = "10:00-19:00"\nlunch = ""\n', encoding="utf-8")
    r = ledgerkit.triage(requests, staff, as_of="2026-12-01 10:00", config=load_config(toml))
    assert r.frame["planned_finish"].tolist()[0] == T(2026, 12, 1, 19, 0)
    toml.write_text('[triage]\nweekly_share = 1.5\n', encoding="utf-8")
    with pytest.raises(ledgerkit.ConfigError, match="triage.weekly_share"):
        load_config(toml)


def test_columns_requests_and_staff_add_header_synonyms(tmp_path):
    requests = requests_book(tmp_path / "依頼.xlsx", [("見積", D(2026, 12, 3), 2)], header=("やること", "しめきり", "じかん"))
    staff = staff_book(tmp_path / "担当.xlsx", [("A", 6)], header=("メンバー名", "持ち時間"))
    toml = tmp_path / "ledgerkit.toml"
    toml.write_text('[columns.requests]\nsubject = ["やること"]\ndue = ["しめきり"]\neffort = ["じかん"]\n'
                    '[columns.staff]\nperson = ["メンバー名"]\nhours_per_day = ["持ち時間"]\n', encoding="utf-8")
    r = ledgerkit.triage(requests, staff, as_of="2026-12-01 09:00", config=load_config(toml))
    assert r.frame[["subject", "owner", "planned_finish"]].values.tolist() == [["見積", "A", T(2026, 12, 1, 11, 40)]]  # 2h of 6h spread over 8h: 2h40m


def test_nothing_left_to_do_finishes_at_the_end_of_the_day_that_filled_the_queue():
    # found by hypothesis: with the day's capacity used up to its last minute, a request with no
    # effort left was planned to 'finish' at 9:00 the next morning, after its due time that evening
    people = [Staff("P0", 2.5, (), (), {})]
    due = T(2026, 12, 1, 18, 0)
    records = [record("fills the day", due, 2.5, owner="P0", row=4), record("nothing left", due, 0, owner="P0", row=5)]
    r = run(records, people)
    item = next(i for i in r.items if i.subject == "nothing left")
    assert not item.risk and item.finish is not None and item.finish <= due
