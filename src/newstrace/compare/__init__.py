"""Discrepancies, additions, omissions and framing per outlet."""
