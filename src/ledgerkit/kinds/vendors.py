"""Vendor masters (取引先マスタ) read by ``check orders`` and ``draft-po``: whom the 取適法 covers."""

from __future__ import annotations

#: header texts of a vendor master, canonical field → synonyms (config ``[columns.vendors]`` adds to them)
VENDOR_FIELDS: dict[str, list[str]] = {
    "name": ["取引先", "取引先名", "仕入先", "仕入先名", "発注先", "発注先名", "外注先", "委託先", "業者名", "会社名",
             "名称", "Vendor", "Name"],
    "code": ["取引先コード", "仕入先コード", "発注先コード", "業者コード", "コード", "Vendor Code"],
    "registration_no": ["登録番号", "T番号", "インボイス登録番号", "適格請求書発行事業者登録番号", "法人番号",
                        "Registration No"],
    # 取適法 (下請法) の対象か: ○ / × / 対象 / 対象外 / はい / いいえ / true / false
    "covered": ["取適法対象", "取適法", "取適法の対象", "下請法対象", "下請法", "下請法の対象", "適用対象", "Covered"],
    "capital": ["資本金", "資本金(円)", "資本金の額", "出資の総額", "Capital"],
    "employees": ["従業員数", "常時使用する従業員数", "従業員", "社員数", "Employees"],
    # manufacturing (製造委託・修理委託 …) or services (役務提供委託 …): which thresholds apply
    "deal": ["取引区分", "委託区分", "取引の種類", "委託の種類", "Deal"],
}
