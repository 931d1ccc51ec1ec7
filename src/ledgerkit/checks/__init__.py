"""Checks: the invoice and order rules, and running them over whole lists."""
