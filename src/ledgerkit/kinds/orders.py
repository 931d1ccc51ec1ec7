"""Order lists (発注一覧) checked by ``check orders``: canonical fields and their header texts."""

from __future__ import annotations

#: header texts seen in order lists, per canonical field (config ``[columns.orders]`` adds to them)
ORDER_FIELDS: dict[str, list[str]] = {
    "po_no": ["注文番号", "発注番号", "注文書番号", "発注書番号", "発注No", "発注No.", "注文No", "注文No.", "PO番号", "PO No", "PO"],
    "order_date": ["発注日", "注文日", "委託日", "委託をした日", "発行日", "発注年月日", "注文年月日"],
    "vendor": [
        "発注先", "発注先名", "取引先", "取引先名", "仕入先", "仕入先名", "外注先", "外注先名", "委託先", "委託先名", "宛先",
        "業者名", "受託事業者", "中小受託事業者",
    ],
    "vendor_code": ["取引先コード", "発注先コード", "仕入先コード", "業者コード"],
    "registration_no": ["登録番号", "T番号", "インボイス登録番号", "適格請求書発行事業者登録番号"],
    "orderer": ["発注者", "委託事業者", "発注元", "担当部署"],
    "item": ["品名", "品目", "内容", "作業内容", "給付の内容", "件名", "業務内容", "摘要", "品名・仕様"],
    "qty": ["数量", "数", "Qty"],
    "unit": ["単位"],
    "unit_price": ["単価", "単価(税抜)", "Unit Price"],
    "amount": ["金額", "税抜金額", "金額(税抜)", "代金の額", "製造委託等代金", "Amount"],
    "tax_rate": ["税率", "消費税率", "税区分"],
    "tax": ["消費税", "消費税額", "税額"],
    "subtotal": ["小計", "税抜合計"],
    "total": ["合計", "税込金額", "税込合計", "合計金額"],
    "delivery_date": [
        "納期", "納品日", "受領期日", "納入日", "納品期日", "納入期日", "納入期限", "納品期限", "納入予定日", "納品予定日",
        "給付を受領する期日", "役務提供日",
    ],
    "delivery_place": ["納品場所", "納入場所", "受領場所", "納入先", "納品先"],
    "inspection_date": ["検査完了日", "検査完了期日", "検収日", "検収予定日"],
    "payment_due": ["支払期日", "支払予定日", "支払日", "支払期限"],
    "payment_method": ["支払方法", "支払手段", "決済方法"],
    # a rule the due date follows from (月末締め翌月末払い): the due date when no 支払期日 is written
    "payment_terms": ["支払条件", "支払い条件", "支払サイト", "支払いサイト", "支払サイクル"],
    "project": ["案件", "案件コード", "プロジェクト", "プロジェクトコード", "PJ"],
    "note": ["備考", "メモ"],
}
