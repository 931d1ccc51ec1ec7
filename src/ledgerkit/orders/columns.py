"""The order frame: its columns, in order, what each holds, and their headings in reports.

One row per order line. Quantities and unit prices are exact Decimals; amounts integer
yen (pandas ``Int64``); dates datetimes. ``delivery_date`` is the delivery date, or the last
day of a service's period, whose first day is then ``delivery_from`` (a column the frame has
only when some 納期 is a period). An order form (注文書) adds the order's own
figures on its first line (``po_subtotal``, ``po_net_10``, ``po_net_8``, ``po_tax``,
``po_total``).
"""

from __future__ import annotations

__all__ = ["ORDER_COLUMNS", "ORDER_DATES", "ORDER_MONEY", "ORDER_TEXT", "ORDER_LABELS", "ORDER_HEADINGS"]

#: the order frame's columns, in order (other columns follow them)
ORDER_COLUMNS = [
    "po_no", "order_date", "vendor", "vendor_key", "registration_no", "item", "qty", "unit_price", "amount",
    "tax_rate", "tax", "subtotal", "total", "delivery_date", "delivery_place", "payment_due", "payment_method",
    "source_file", "source_sheet", "source_row",
]

ORDER_DATES = ("order_date", "delivery_date", "inspection_date", "payment_due")
ORDER_MONEY = ("amount", "tax", "subtotal", "total")
ORDER_TEXT = ("vendor", "orderer", "item", "unit", "delivery_place", "payment_method", "payment_terms", "note")

#: a field as a person calls it, in the problems of a row
ORDER_LABELS = {
    "po_no": "注文番号", "order_date": "発注日", "delivery_date": "納期", "inspection_date": "検査完了日",
    "payment_due": "支払期日", "amount": "金額", "tax": "消費税", "subtotal": "小計", "total": "合計",
    "qty": "数量", "unit_price": "単価", "tax_rate": "税率", "vendor_code": "取引先コード", "project": "案件",
    "delivery_from": "納期", "payment_terms": "支払条件",
}

#: headings of the order columns not in writers.HEADINGS_* nor among the invoice columns' headings
ORDER_HEADINGS = {
    "ja": {
        "order_date": "発注日", "item": "品名", "qty": "数量", "unit_price": "単価", "subtotal": "小計",
        "delivery_date": "納期", "delivery_place": "納品場所", "payment_due": "支払期日", "payment_method": "支払方法",
        "unit": "単位", "orderer": "発注者", "payment_terms": "支払条件", "inspection_date": "検査完了日",
        "delivery_from": "納期(開始)",
    },
    "en": {
        "order_date": "Order date", "item": "Item", "qty": "Qty", "unit_price": "Unit price", "subtotal": "Subtotal",
        "delivery_date": "Delivery", "delivery_place": "Delivery place", "payment_due": "Payment due",
        "payment_method": "Payment method", "unit": "Unit", "orderer": "Orderer", "payment_terms": "Payment terms",
        "inspection_date": "Inspection", "delivery_from": "Delivery from",
    },
}
