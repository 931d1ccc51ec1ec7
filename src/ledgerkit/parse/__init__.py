"""Cell parsers: Japanese-aware text, dates and 和暦, hours, amounts, rates, codes, periods.

One module per kind of cell: ``text`` (normalization, blanks, total labels, CellValueError),
``hours``, ``dates``, ``wareki`` (the Japanese calendar), ``amounts`` (money, tax basis, tax
rates), ``codes`` (codes, registration numbers), ``names`` (company legal forms),
``periods`` (years, months and fiscal years in labels) and ``rounding`` (rounding words).
"""
