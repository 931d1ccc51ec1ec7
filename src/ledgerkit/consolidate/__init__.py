"""Consolidation: many workbooks of one kind into one frame (``aggregate``, ``inspect``)."""
