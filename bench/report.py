"""Benchmark of the outputs: time and size of JSON, HTML and the terminal summary.

Builds a synthetic analysis (random words, realistic counts of passages,
quotes, mentions and findings per article) and prints figures for a few
sizes.  Run: ``.venv/bin/python bench/report.py``.
"""

from __future__ import annotations

import io
import random
import time

from rich.console import Console

from newstrace.model import (
    Analysis,
    Article,
    Derivation,
    Entity,
    Event,
    Finding,
    Mention,
    Passage,
    Provenance,
    Quote,
    QuoteCheck,
    Span,
)
from newstrace.report import html, jsonout, summary

WORDS = [
    "minister", "said", "the", "report", "would", "agency", "officials", "announced", "plan",
    "talks", "city", "border", "government", "army", "press", "statement", "week", "month",
    "people", "police", "court", "vote",
]


def _body(rng: random.Random, chars: int) -> str:
    out: list[str] = []
    while sum(len(w) + 1 for w in out) < chars:
        out.append(rng.choice(WORDS))
    text = " ".join(out)
    return "\n\n".join(text[i : i + 600] for i in range(0, len(text), 600))


def _span(rng: random.Random, art: Article, length: int = 80) -> Span:
    start = rng.randrange(0, max(1, len(art.body) - length))
    return Span(art.id, start, min(len(art.body), start + length))


def build(n_events: int, per_event: int, chars: int = 3000, seed: int = 1) -> Analysis:
    rng = random.Random(seed)
    an = Analysis(config_fingerprint="bench")
    ent = Entity("ent-0", "Someone", "PERSON", forms=["Someone"])
    for e in range(n_events):
        arts = [Article(id=f"a{e}-{i}", source=f"in/{e}-{i}.txt", body=_body(rng, chars),
                        outlet=f"Outlet {i}", published=f"2024-01-{1 + i % 28:02d}")
                for i in range(per_event)]
        an.articles += arts
        an.events.append(Event(f"ev{e}", [a.id for a in arts], label=f"Event {e}"))
        edges = [Derivation(arts[0].id, a.id, "derived", rng.random(),
                            passages=[Passage(_span(rng, arts[0]), _span(rng, a),
                                              rng.choice(["verbatim", "edited", "paraphrase"]),
                                              rng.random()) for _ in range(8)])
                 for a in arts[1:]]
        an.provenance.append(Provenance(f"ev{e}", [arts[0].id], edges))
        for a in arts:
            for q in range(5):
                quote = Quote(f"q-{a.id}-{q}", a.id, [_span(rng, a)], "direct",
                              speaker=_span(rng, a, 10))
                an.quotes.append(quote)
                if a is not arts[0]:
                    an.quote_checks.append(QuoteCheck(quote.id, arts[0].id, "paraphrase", 0.6,
                                                      _span(rng, arts[0])))
            ent.mentions += [Mention(_span(rng, a, 8), "x", "PERSON", ent.id) for _ in range(20)]
            an.findings += [Finding("addition", "adds something", [_span(rng, a)], f"ev{e}", a.id)
                            for _ in range(3)]
    an.entities.append(ent)
    return an


def _time(fn: object, *args: object) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn(*args)  # type: ignore[operator]
    return time.perf_counter() - t0, out


def main() -> None:
    print(f"{'articles':>8} {'json s':>8} {'json MB':>8} {'html s':>8} {'html MB':>8} "
          f"{'summary s':>9}")
    for n_events, per_event in ((10, 5), (50, 6), (200, 5)):
        an = build(n_events, per_event)
        tj, text = _time(jsonout.dumps, an)
        th, page = _time(html.render, an)
        ts, _ = _time(summary.render, an, Console(file=io.StringIO(), width=120))
        print(f"{len(an.articles):>8} {tj:>8.2f} {len(str(text)) / 1e6:>8.2f} {th:>8.2f} "
              f"{len(str(page)) / 1e6:>8.2f} {ts:>9.2f}")


if __name__ == "__main__":
    main()
