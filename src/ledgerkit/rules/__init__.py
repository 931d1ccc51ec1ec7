"""Rules: plain functions on one invoice or order figure (tax per rate, 登録番号, dates, written terms)."""
