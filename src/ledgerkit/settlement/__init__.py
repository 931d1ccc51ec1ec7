"""Settlement of dispatched staff's hours under hour bands (精算幅)."""
