"""detect.long_tables.detect_table: the header a table is read from."""

from __future__ import annotations

from ledgerkit.detect.long_tables import detect_table

FIELDS = {"person": ["氏名"], "date": ["日付"], "hours": ["工数"]}


def test_the_header_printed_again_under_one_data_row_is_not_the_header():
    """Found in review: a header repeated for printing two rows under the real one outscored it
    (the later row won the tie), and the data row above it was never read nor counted."""
    rows = [["2026年10月 工数"], ["氏名", "日付", "工数"], ["山田", "2026/10/01", 7.5],
            ["氏名", "日付", "工数"], ["佐藤", "2026/10/01", 8]]
    t = detect_table(rows, FIELDS, {"person", "hours"})
    assert (t.header_excel_row, t.data_start, t.data_end) == (2, 2, 5)


def test_a_two_row_header_still_wins_over_its_first_row():
    rows = [["氏名", "日付", "工数"], ["", "", "(h)"], ["山田", "2026/10/01", 7.5]]
    t = detect_table(rows, FIELDS, {"person", "hours"})
    assert t.data_start == 2


def test_a_later_header_with_more_fields_still_wins():
    rows = [["氏名", "工数"], ["", ""], ["氏名", "日付", "工数"], ["山田", "2026/10/01", 7.5]]
    t = detect_table(rows, FIELDS, {"person", "hours"})
    assert (t.header_excel_row, t.mapping) == (3, {"person": 0, "date": 1, "hours": 2})
