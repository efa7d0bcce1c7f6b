"""newstrace: where a news story came from and how each outlet changed it."""

__version__ = "0.1.0"
