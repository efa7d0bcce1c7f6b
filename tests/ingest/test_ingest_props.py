"""Properties that hold for any text: no crash, evidence and spans point where they say."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.config import Config
from newstrace.ingest import read_text
from newstrace.model import Evidence

CONFIG = Config()
PIECES = st.sampled_from([
    "SEOUL, May 15 (Yonhap) -- ", "WASHINGTON (AP) — ", "Dec 29 (Reuters) - ", " date 2023-05-15 ",
    "## **A Heading**", "Source: RT", "Courtesy: Some Daily News", "By JANE DOE", "-0-", "(END)",
    "[www.example.com](http://www.example.com) (Juche112.5.15.)", "令和5年5月15日",
    "This file photo, taken June 29, 2022, shows a ship. (Yonhap)", "Exit mobile version",
    "References", "Copyright 2024 Example Corp.", "\n", "\n\n", "\n\n\n", " ", "word",
    "The minister said on Monday that talks would go on.", "and continued", "May 15, 12023",
    "Reporting by A B; Editing by C D", "Ω", "\u00a0", "\t", "“quoted”", ".", "(", ")", "/",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=25).map("".join) | st.text(max_size=300))
def test_any_text_reads_with_valid_spans_and_evidence(text: str) -> None:
    art = read_text(text, "p.txt", CONFIG)
    assert "\n\n".join(art.text(s) for s in art.paragraphs) == art.body
    for value in dataclasses.asdict(art).values():
        if isinstance(value, dict) and set(value) == {"raw", "how", "start", "end"}:
            ev = Evidence(**value)
            if ev.start is not None and ev.end is not None:
                assert ev.raw in art.raw[ev.start : ev.end]
    if art.published:
        assert 1800 <= int(art.published[:4]) <= 9999
