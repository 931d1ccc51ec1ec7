"""Contract lists (契約一覧・精算条件) read by ``settle``: canonical fields and their header texts."""

from __future__ import annotations

#: header texts of a contract list (精算条件一覧), canonical field → synonyms
CONTRACT_FIELDS: dict[str, list[str]] = {
    "person": ["氏名", "要員名", "要員", "技術者名", "技術者", "スタッフ名", "スタッフ", "作業者", "作業者名",
               "担当者", "名前", "Name", "Person", "Engineer"],
    "person_id": ["社員番号", "スタッフID", "要員ID", "ID"],
    "vendor": ["取引先", "取引先名", "会社名", "所属会社", "所属", "発注先", "委託先", "派遣元", "ベンダー",
               "契約先", "仕入先", "協力会社", "Vendor", "Company"],
    "fee": ["月額単価", "単価", "月額", "月単価", "契約単価", "基本単価", "月額報酬", "基本料金",
            "月額単価(税抜)", "単価(税抜)", "Monthly Fee", "Fee"],
    "lower": ["下限", "下限時間", "精算下限", "基準時間下限", "精算幅下限", "Lower", "Min Hours"],
    "upper": ["上限", "上限時間", "精算上限", "基準時間上限", "精算幅上限", "Upper", "Max Hours"],
    "band": ["精算幅", "基準時間", "精算時間", "基準時間幅", "Band"],
    "method": ["精算方法", "精算方式", "精算区分", "精算", "Method"],
    "unit": ["時間単位", "精算単位", "時間端数", "端数単位", "切捨単位", "計上単位", "Unit"],
    "rate_rounding": ["単価端数", "単価丸め", "単価端数処理", "時間単価端数", "精算単価端数", "Rate Rounding"],
    "amount_rounding": ["金額端数", "精算額端数", "金額端数処理", "端数処理", "Amount Rounding"],
    "po_no": ["注文番号", "注文書番号", "発注番号", "注文No", "PO", "PO番号", "PO No"],
    "valid_from": ["契約開始", "契約開始日", "開始日", "期間開始", "From"],
    "valid_to": ["契約終了", "契約終了日", "終了日", "期間終了", "To"],
}
