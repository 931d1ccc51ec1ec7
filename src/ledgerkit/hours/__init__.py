"""Effort hours (工数): long tables and day grids."""
