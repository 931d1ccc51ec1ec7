"""Request lists drafted into ringi and purchase orders: canonical fields and their header texts."""

from __future__ import annotations

#: canonical fields of a ringi request list → header texts seen in client lists
RINGI_FIELDS: dict[str, list[str]] = {
    # not "No.": in most lists that is a running row number, not the request's number
    "request_no": [
        "申請番号", "起案番号", "稟議番号", "稟議No", "稟議No.", "稟議書番号", "起案No", "起案No.", "申請No", "申請No.",
        "管理番号",
    ],
    "subject": ["件名", "案件名", "表題", "標題", "タイトル"],
    "drafted_on": ["起案日", "申請日", "作成日"],
    "drafter": ["起案者", "申請者", "起票者", "担当者"],
    "department": ["部署", "所属部署", "起案部署", "申請部署", "部門", "所属"],
    "amount": ["金額", "予定金額", "申請金額", "金額(税抜)", "税抜金額", "金額(税込)", "税込金額"],
    "category": ["区分", "決裁区分", "種別", "カテゴリ"],
    "budget": ["予算内外", "予算区分", "予算内/外", "予算"],
    "account": ["予算科目", "勘定科目", "科目"],
    "vendor": ["取引先", "業者", "購入先", "発注先", "仕入先"],
    "due_date": ["納期", "希望納期", "実施時期", "実施日", "期日"],
    "project": ["プロジェクト", "プロジェクト名", "PJ", "案件"],
    "purpose": ["目的", "理由", "目的・背景", "背景"],
    # the row's own rate (8%, 軽減, 非課税); a row without one uses tax.rate
    "tax_rate": ["税率", "消費税率", "税区分"],
}


#: canonical fields of an order list (one row per order line)
PO_FIELDS: dict[str, list[str]] = {
    "order_no": ["注文番号", "発注番号", "注文No", "注文No.", "発注No", "発注No.", "PO番号", "PO No"],
    "order_date": ["発注日", "注文日", "発行日"],
    "vendor": ["取引先", "取引先名", "宛先", "発注先", "発注先名", "仕入先", "仕入先名", "業者", "業者名", "外注先", "委託先"],
    "vendor_code": ["取引先コード", "仕入先コード"],
    "registration_no": ["登録番号", "インボイス番号", "適格請求書発行事業者登録番号"],
    "item": ["品名", "品目", "商品名", "内容", "作業内容", "品名・仕様"],
    "spec": ["仕様", "規格", "型番"],
    "quantity": ["数量"],
    "unit": ["単位"],
    "unit_price": ["単価"],
    "amount": ["金額", "金額(税抜)", "税抜金額"],
    "tax_rate": ["税率", "消費税率"],
    "tax": ["消費税", "消費税額", "税額"],
    "delivery_date": ["納期", "納入日", "納品日", "受領期日", "納入期限", "納品期限", "納入期日", "納品期日", "納入予定日", "納品予定日"],
    "delivery_place": ["納品場所", "納入場所", "受領場所", "納入先"],
    "inspection_date": ["検査完了期日", "検収日"],
    "payment_due": ["支払期日", "支払日", "支払予定日"],
    "payment_method": ["支払方法"],
    "payment_terms": ["支払条件"],
    "department": ["発注部署", "部署"],
    "drafter": ["担当者", "発注者"],
    "note": ["備考"],
}
