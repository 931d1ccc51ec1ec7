"""Reports: xlsx, csv and json output, written atomically, cell text never a formula."""
