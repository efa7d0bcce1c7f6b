"""A small invented story for the provenance tests: an origin, two outlets' own lines,
and a helper that traces a handful of its versions as one event."""

from __future__ import annotations

from newstrace.config import Config
from newstrace.model import Article, Event, Provenance
from newstrace.provenance.graph import trace_event

ORIGIN = (
    "The port authority said on Monday that the northern terminal will close for six weeks "
    "while cranes are replaced. Shipping lines were told to divert cargo to the southern "
    "terminal, which will extend its opening hours during the works. The authority expects "
    "delays of two to three days for container traffic and has asked exporters to plan ahead. "
    "Dock workers' unions said they had not been consulted about the new shift patterns."
)
OWN_A = ("Analysts at a local bank warned that the closure could cut monthly exports by a "
         "tenth, hitting fruit growers hardest because their produce cannot wait in yards.")
OWN_B = "Local hauliers are already raising prices."


def run(arts: list[Article], config: Config) -> Provenance:
    """Trace ``arts`` as one event."""
    return trace_event(Event("e", [a.id for a in arts]), {a.id: a for a in arts}, config)
