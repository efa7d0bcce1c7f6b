"""Terminal rendering of ``group.explain.explain``: why two articles are (not) one event."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from newstrace.model import Article

ALGORITHM = "explanation.v1"


def render(result: dict[str, Any], a: Article, b: Article, console: Console) -> None:
    """Print the verdict, every contributing signal with its value and threshold, shared terms."""
    console.print(f"[bold]{escape(a.label)}[/] ({a.id}) vs [bold]{escape(b.label)}[/] ({b.id})",
                  highlight=False)
    console.print(Text(result["verdict"]))
    table = Table("signal", "value", "details", box=None)
    for sig in result["signals"]:
        extra = ", ".join(f"{k}={v}" for k, v in sig.items() if k not in ("signal", "value"))
        table.add_row(Text(str(sig["signal"])), Text(str(sig["value"])), Text(extra))
    console.print(table)
    for kind, terms in result.get("shared_terms", {}).items():
        if terms:
            console.print(Text(f"shared {kind}: " + ", ".join(terms)))
    console.print(Text(f"algorithm: {result['algorithm']}"))
