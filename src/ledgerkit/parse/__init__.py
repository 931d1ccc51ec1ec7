"""Cell parsers: Japanese-aware text, dates and 和暦, hours, amounts, rates, codes."""
