"""RowLog.not_data: the shared first step of a sheet reader's row loop."""

from ledgerkit.detect.walk import RowLog, classify_rows


def test_not_data_lists_totals_repeated_headers_and_notes():
    header = ["氏名", "金額"]
    rows = [header, ["山田", "100"], [], ["合計", "100"], header, ["※ 金額は税抜", ""], ["佐藤", "200"]]
    kinds = classify_rows(rows, 1, len(rows), columns=[0, 1], labels=[0], header=header)
    log = RowLog("a.xlsx", "Sheet1")
    data = [r for r in range(1, len(rows)) if not log.not_data(r, kinds)]
    assert data == [1, 6]
    assert [(i.code, i.row) for i in log.issues] == [("total_row", 4), ("repeated_header", 5), ("note_row", 6)]
    assert log.rows_read == 0
