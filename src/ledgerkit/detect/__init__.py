"""Detection: where a sheet's table is, its header row, layout and column mapping."""
