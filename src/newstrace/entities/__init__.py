"""Mentions and cross-document entities (name variants, aliases)."""
