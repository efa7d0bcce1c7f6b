"""Outputs: terminal summary, versioned JSON, self-contained HTML."""
