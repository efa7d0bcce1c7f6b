"""Persistence of articles and stage outputs (SQLite by default)."""
