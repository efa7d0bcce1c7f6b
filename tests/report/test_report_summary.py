"""The terminal summary: the facts a reader needs, readable when piped."""

from __future__ import annotations

import io

from rich.console import Console

from newstrace.model import Analysis, Article, Event
from newstrace.report import summary


def _render(analysis: Analysis, width: int = 160) -> str:
    buf = io.StringIO()
    summary.render(analysis, Console(file=buf, width=width))
    return buf.getvalue()


def test_summary_lists_articles_origin_and_edges(analysis: Analysis) -> None:
    out = _render(analysis)
    assert "Alto Dam to close for repairs" in out
    assert "Origin: Meridian Press Agency" in out
    assert ("Meridian Press Agency → Coastal Herald (derived, 0.91): 3 passages "
            "(1 verbatim, 2 edited), credits 'MPA'") in out
    assert ("Coastal Herald → Northwind Radio (derived, 0.74): 2 passages "
            "(1 verbatim, 1 paraphrase), credits 'Coastal Herald'") in out
    assert "2024-03-05" in out


def test_summary_counts_quote_fidelity_per_outlet(analysis: Analysis) -> None:
    lines = _render(analysis).splitlines()
    herald = next(ln for ln in lines if ln.strip().startswith("Coastal Herald") and "1" in ln
                  and "→" not in ln and "ledger" not in ln and "2024" not in ln)
    # verbatim, trimmed, paraphrase, absent, words origin lacks
    assert herald.split()[-5:] == ["1", "0", "0", "1", "1"]


def test_summary_shows_discrepancies_threads_and_skips(analysis: Analysis) -> None:
    out = _render(analysis)
    assert "15,000 residents" in out
    assert "'12,000'" not in out  # evidence the statement already quotes is not repeated
    assert "— 'Ana Ferreira'" in out  # evidence it does not quote is shown
    assert "[number/contradiction]" in out
    assert "Alto Dam repairs (2 events)" in out
    assert "inbox/feed.jsonl (line 7): invalid JSON" in out
    assert "config 0123456789ab" in out


def test_piped_output_has_no_colour_codes(analysis: Analysis) -> None:
    assert "\x1b[" not in _render(analysis)


def test_contradictions_come_before_variants(analysis: Analysis) -> None:
    out = _render(analysis)
    assert out.index("[number/contradiction]") < out.index("[name/variant]")


def test_markup_in_article_text_is_printed_literally(analysis: Analysis) -> None:
    analysis.articles[1].outlet = "[bold red]Fake[/bold red]"
    analysis.findings[0].statement = "says [red]15,000[/red]"
    out = _render(analysis)
    assert "[bold red]Fake[/bold red] →" in out
    assert "[bold red]Fake[/bold red]   2024-03-04" in out
    assert "says [red]15,000[/red]" in out


def test_minimal_analysis_renders() -> None:
    art = Article(id="x1", source="a.txt", body="Some text of an article.")
    out = _render(Analysis(articles=[art], events=[Event("e1", ["x1", "gone"])]))
    assert "Origin: undetermined" in out
    assert "a.txt" in out
    assert "1 article ids not in this analysis" in out


def test_many_events_biggest_first_rest_on_one_line_each() -> None:
    arts = [Article(id=f"x{i}", source=f"in/{i}.txt", body="Some text.") for i in range(30)]
    events = [Event(f"e{i}", [a.id for a in arts[: 1 + i]], label=f"story number {i}")
              for i in range(summary.MAX_DETAILED_EVENTS + 3)]
    out = _render(Analysis(articles=arts, events=events))
    assert "3 more events" in out
    biggest = f"story number {summary.MAX_DETAILED_EVENTS + 2}"
    assert out.index(biggest) < out.index("story number 5") < out.index("story number 0")
    assert out.count("Origin:") == summary.MAX_DETAILED_EVENTS
