"""Reusable widgets: list screen, check lists, date fields, photo strip."""
