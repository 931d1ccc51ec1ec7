"""Received-invoice lists (受領請求書一覧) and order lists (発注一覧)."""
