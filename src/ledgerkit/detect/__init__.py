"""Detection: where a sheet's table is, its header row, layout and column mapping.

Client sheets put title rows and blank rows above the header, merge header cells over
two rows, put a small lookup table beside the data, and end with 合計 rows. Detection
finds the table that holds the fields asked for and says where it is; it never parses
values (``ledgerkit.parse``) and never reads files (``ledgerkit.intake``).

All indexes are 0-based into ``sheet.rows``; Excel's row number is index + 1.

- ``cells``: blank cells, Excel addresses;
- ``headers``: header texts, synonyms, one- and two-row header candidates;
- ``merged``: merged cells filled;
- ``long_tables``: a header row and the data rows under it (``detect_table``);
- ``day_grids``: days across, labels down (``detect_day_grid``);
- ``labels``: a labelled value above the table (氏名 | 山田) and the title texts.
"""
