"""Terminal rendering of ``group.explain.explain``: why two articles are (not) one event."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from newstrace.model import Article


def render(result: dict[str, Any], a: Article, b: Article, console: Console) -> None:
    """Print the verdict, every contributing signal with its value and threshold, shared terms."""
    console.print(f"[bold]{a.label}[/] ({a.id}) vs [bold]{b.label}[/] ({b.id})", highlight=False)
    console.print(result["verdict"], highlight=False)
    table = Table("signal", "value", "details", box=None)
    for sig in result["signals"]:
        extra = ", ".join(f"{k}={v}" for k, v in sig.items() if k not in ("signal", "value"))
        table.add_row(sig["signal"], str(sig["value"]), extra)
    console.print(table)
    for kind, terms in result.get("shared_terms", {}).items():
        if terms:
            console.print(f"shared {kind}: " + ", ".join(terms), highlight=False)
    console.print(f"algorithm: {result['algorithm']}", highlight=False)
