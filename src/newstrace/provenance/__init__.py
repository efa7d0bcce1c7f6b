"""Who derived from whom: candidate pairs, passage alignment, direction, derivation graph."""
