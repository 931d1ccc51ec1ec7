"""Order lists (発注一覧) and order forms (注文書), read for ``check orders`` and ``check invoices --orders``.

:mod:`~ledgerkit.orders.lists` (``read_order_sheet``, ``read_orders``),
:mod:`~ledgerkit.orders.forms` (a 注文書 laid out as a form), :mod:`~ledgerkit.orders.columns`.
"""

from ledgerkit.orders.columns import ORDER_COLUMNS
from ledgerkit.orders.lists import read_order_sheet, read_orders, write_orders

__all__ = ["ORDER_COLUMNS", "read_order_sheet", "read_orders", "write_orders"]
