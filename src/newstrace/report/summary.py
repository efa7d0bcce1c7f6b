"""Terminal summary: what a person reads in thirty seconds.

Per event: its articles, its origin, the derivation edges with passage
counts and credits, quote fidelity per outlet, the top discrepancies and
the per-outlet ledger; then threads and skipped inputs.  Rich renders the
tables; when the console is not a terminal Rich drops colour by itself, and
the simple box style keeps piped output readable.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from newstrace.model import LEDGER_KINDS, Analysis, Event, Finding
from newstrace.report.view import (
    FIDELITY_LABELS,
    AnalysisView,
    EdgeView,
    EventView,
    config_fingerprint,
    stage_algorithms,
)

ALGORITHM = "summary.v1"

#: How many discrepancies to list per event (the rest are counted).
TOP_DISCREPANCIES = 5
#: How many events get the full treatment; the others get one line each.
MAX_DETAILED_EVENTS = 12


def render(analysis: Analysis, console: Console) -> None:
    """Print the summary of ``analysis`` to ``console``."""
    view = AnalysisView(analysis)
    n_art, n_ev = len(analysis.articles), len(analysis.events)
    console.print(f"[bold]newstrace[/bold]: {n_art} articles, {n_ev} events, "
                  f"{len(analysis.threads)} threads, {len(analysis.skipped)} skipped")
    # Biggest events first; beyond MAX_DETAILED_EVENTS one line each keeps it a 30-second read.
    events = sorted(analysis.events, key=lambda e: -len(e.article_ids))
    for event in events[:MAX_DETAILED_EVENTS]:
        ev = view.event_view(event)
        label = _short(ev.event.label or "(unlabelled)", 80).replace("[", "\\[")
        console.rule(f"[bold]Event {ev.event.id}[/bold]: {label}")
        _event(ev, view, console)
    _more_events(events[MAX_DETAILED_EVENTS:], view, console)
    _threads(view, console)
    _skipped(analysis, console)
    if analysis.algorithms or config_fingerprint(analysis):
        algos = ", ".join(f"{k}={v}" for k, v in stage_algorithms(analysis).items())
        fp = config_fingerprint(analysis) or "-"
        console.print(f"[dim]algorithms: {algos or '-'}; config {fp}[/dim]", highlight=False)


def _event(ev: EventView, view: AnalysisView, console: Console) -> None:
    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    for col in ("outlet", "date", "dateline", "title"):
        table.add_column(col)
    for art in ev.articles:
        table.add_row(*_plain(art.label, art.published or "?", art.dateline_place or "",
                              art.title or ""), style="bold" if art in ev.origins else None)
    console.print(table)
    if ev.missing:
        console.print(f"  ({len(ev.missing)} article ids not in this analysis)")
    origins = ", ".join(a.label for a in ev.origins) or "undetermined"
    console.print(f"[bold]Origin:[/bold] {origins}", highlight=False)
    if ev.edges:
        tree = Tree("[bold]Derivations[/bold]")
        for edge in sorted(ev.edges, key=lambda e: -e.edge.confidence):
            tree.add(edge_line(edge, view))
        console.print(tree, highlight=False)
    _fidelity(ev, console)
    _discrepancies(ev.findings["discrepancy"], view, console)
    _ledger(ev, view, console)


def _short(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _plain(*values: str) -> list[Text]:
    """Table cells from article-derived strings: never interpreted as Rich markup."""
    return [Text(v) for v in values]


def edge_line(edge: EdgeView, view: AnalysisView) -> str:
    """``A → B (derived, 0.92): 5 passages (3 verbatim, 2 edited), credits 'A'``."""
    e = edge.edge
    n = sum(edge.passage_counts.values())
    kinds = ", ".join(f"{c} {k}" for k, c in edge.passage_counts.items() if c)
    line = (f"{view.label(e.source)} → {view.label(e.target)} ({e.kind}, {e.confidence:.2f}): "
            f"{n} passage{'s' if n != 1 else ''}")
    if kinds:
        line += f" ({kinds})"
    if edge.credits:
        line += ", credits " + ", ".join(f"'{c}'" for c in edge.credits)
    return line.replace("[", "\\[")


def _fidelity(ev: EventView, console: Console) -> None:
    if not ev.fidelity:
        return
    table = Table(title="Quote fidelity to the origin", title_justify="left", box=box.SIMPLE,
                  show_edge=False, pad_edge=False)
    table.add_column("outlet")
    for label in FIDELITY_LABELS:
        table.add_column(label, justify="right")
    table.add_column("words origin lacks", justify="right")
    for row in ev.fidelity:
        table.add_row(*_plain(row.article.label), *(str(row.counts[k]) for k in FIDELITY_LABELS),
                      str(row.quoted_but_absent))
    console.print(table)


def _discrepancies(findings: list[Finding], view: AnalysisView, console: Console) -> None:
    if not findings:
        return
    ranked = sorted(findings, key=lambda f: (f.severity != "contradiction", f.subtype))
    console.print(f"[bold]Discrepancies[/bold] ({len(findings)}):")
    for f in ranked[:TOP_DISCREPANCIES]:
        who = view.label(f.article_id) if f.article_id else "-"
        tag = "/".join(t for t in (f.subtype, f.severity) if t)
        # Evidence the statement already quotes is not repeated.
        texts = [view.text(s) for s in f.evidence[:2]]
        evidence = "; ".join(repr(_short(t, 60)) for t in texts if t and t not in f.statement)
        console.print(f"  • [{tag or 'discrepancy'}] {who}: {f.statement}"
                      + (f"  — {evidence}" if evidence else ""), highlight=False, markup=False)
    if len(ranked) > TOP_DISCREPANCIES:
        console.print(f"  … and {len(ranked) - TOP_DISCREPANCIES} more")


def _ledger(ev: EventView, view: AnalysisView, console: Console) -> None:
    if not ev.ledger:
        return
    table = Table(title="Per-outlet ledger (passages / characters)", title_justify="left",
                  box=box.SIMPLE, show_edge=False, pad_edge=False)
    table.add_column("outlet")
    for kind in (*LEDGER_KINDS, "framing"):
        table.add_column(kind, justify="right")
    for art_id, row in ev.ledger.items():
        cells = [f"{row.get(k, 0)} / {row.get(k + '_chars', 0):,}" for k in LEDGER_KINDS]
        table.add_row(*_plain(view.label(art_id)), *cells, str(row.get("framing", 0)))
    console.print(table)


def _more_events(events: list[Event], view: AnalysisView, console: Console) -> None:
    if not events:
        return
    console.rule(f"[bold]{len(events)} more events[/bold] (see the HTML report for details)")
    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    for col in ("event", "articles", "origin", "outlets"):
        table.add_column(col, justify="right" if col == "articles" else "left")
    for ev in events:
        prov = view.provenance.get(ev.id)
        origin = ", ".join(view.label(i) for i in prov.origins) if prov else ""
        outlets = ", ".join(view.label(i) for i in ev.article_ids[:6])
        more = f" +{len(ev.article_ids) - 6}" if len(ev.article_ids) > 6 else ""
        table.add_row(*_plain(ev.label or ev.id, str(len(ev.article_ids)), origin or "?",
                              outlets + more))
    console.print(table)


def _threads(view: AnalysisView, console: Console) -> None:
    if not view.analysis.threads:
        return
    console.rule("[bold]Threads[/bold]")
    for th in view.analysis.threads:
        tree = Tree(f"[bold]{th.label or th.id}[/bold] ({len(th.event_ids)} events)")
        steps = th.timeline or [("", eid) for eid in th.event_ids]
        for date, eid in steps:
            ev = view.events.get(eid)
            tree.add(f"{date or '?'}  {ev.label if ev and ev.label else eid}".replace("[", "\\["))
        console.print(tree, highlight=False)


def _skipped(analysis: Analysis, console: Console) -> None:
    if not analysis.skipped:
        return
    console.rule(f"[bold]Skipped inputs[/bold] ({len(analysis.skipped)})")
    for s in analysis.skipped:
        where = f" ({s.offset})" if s.offset else ""
        console.print(f"  {s.source}{where}: {s.reason}", highlight=False, markup=False)
