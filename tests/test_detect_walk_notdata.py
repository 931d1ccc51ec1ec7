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


def test_a_vendor_masters_total_and_repeated_header_rows_are_listed(tmp_path):
    from ledgerkit.orders.vendors import read_vendors
    from sheets import make_xlsx

    header = ["取引先", "登録番号", "取適法対象"]
    path = make_xlsx(tmp_path / "取引先マスタ.xlsx", {"マスタ": [
        header, ["株式会社アルファ", "T8700110005901", "○"], header, ["株式会社ベータ", "", "×"], ["合計", "", ""]]})
    result = read_vendors([path])
    assert result.frame["name"].tolist() == ["株式会社アルファ", "株式会社ベータ"]
    assert [(i.code, i.row) for i in result.issues] == [("repeated_header", 3), ("total_row", 5)]
