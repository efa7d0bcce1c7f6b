"""Schedulers of the stage functions (local; Spark later)."""
