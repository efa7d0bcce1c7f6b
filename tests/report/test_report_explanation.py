"""The terminal rendering of an event-grouping explanation."""

from __future__ import annotations

import io

from rich.console import Console

from newstrace.model import Article
from newstrace.report import explanation

RESULT = {
    "a": "a1", "b": "b2", "same_event": False, "event_a": "E1", "event_b": "E2",
    "signals": [
        {"signal": "words_cosine", "value": 0.41, "weight": 0.6},
        {"signal": "edge_weight", "value": 0.18, "threshold": 0.22, "passes": False},
    ],
    "shared_terms": {"words": ["dam", "spillway"], "names": []},
    "algorithm": "events.v1",
    "verdict": "Edge weight 0.180 is below the threshold 0.220; in different events.",
}


def test_explanation_prints_verdict_signals_and_terms() -> None:
    a = Article(id="a1", source="x/a.txt", body="...", outlet="[red]Herald[/red]")
    b = Article(id="b2", source="x/b.txt", body="...")
    buf = io.StringIO()
    explanation.render(RESULT, a, b, Console(file=buf, width=120))
    out = buf.getvalue()
    assert "[red]Herald[/red] (a1) vs b.txt (b2)" in out  # labels printed literally
    assert "below the threshold 0.220" in out
    assert "edge_weight" in out and "threshold=0.22, passes=False" in out
    assert "shared words: dam, spillway" in out and "shared names" not in out
    assert "algorithm: events.v1" in out
