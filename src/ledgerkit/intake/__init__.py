"""Intake: files, folders and globs → sheets of cell values, read in bounded workers."""
