"""The derivation graph of one event: who copied whom, and the origin(s).

Steps: candidate pairs (shingle index) -> passages (alignment) -> pairs that
share only quoted speech become "common-source" -> direction of every other
pair (:mod:`newstrace.provenance.direction`) -> a DAG (edges added by falling
confidence, an edge closing a cycle is dropped; pairs with a third article it
places upstream of both are decided again, fidelity to it now counting) -> for
each article, its parents: among sources in a chain, the one whose edits the
target carries and whose text it does not lack ("shared innovations"), then
any other source that explains enough text the chosen ones do not, so a chain
A -> B -> C is found as such; when nothing in the target tells its source from
that source's unchanged reprint, both are its parents, each edge saying so.  A pair
whose shared text is explained by a common ancestor becomes "common-source".
Reworded (paraphrased) sentences are matched last, for the derived edges
kept only: every decision before rests on exactly shared text.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import networkx as nx

from newstrace.config import Config
from newstrace.model import Article, Derivation, Event, Passage, Provenance
from newstrace.provenance import attribution, candidates
from newstrace.provenance.align import (
    AlignOptions,
    RawPassage,
    add_paraphrases,
    align_texts,
    to_passage,
)
from newstrace.provenance.attribution import credits
from newstrace.provenance.direction import Context, Decision, Link, decide
from newstrace.provenance.pieces import copied_pieces, typographic_spans
from newstrace.provenance.text import (
    coverage,
    covered_chars,
    intersect_chars,
    overlap,
    quoted_regions,
    sentences,
    subtract,
)

ALGORITHM = "provenance.v5"  # v5: ties named, evidence from runs of 4+ words
# Text, in characters (about two words), that only one of two candidate sources
# shares with the target for it to decide between them (see _Evidence.prefers_down).
EDIT_MIN_CHARS = 8
# Share of the shorter article the shared text must cover for a pair with little
# unquoted shared text (a short brief) to count as copying.
SHORT_SHARE = 0.25
# How many times more letter-for-letter agreement with an intermediate than with
# its own source a target must show to be taken as the intermediate's copy.
EDIT_RATIO = 3.0
# A sentence crediting a source with at most this many words is a credit line: a
# stock formula as a whole (see _credit_lines).
CREDIT_LINE_WORDS = 12
# A credited source is preferred when it explains at least this share of what the
# best-explaining source does.
CREDIT_SHARE = 0.8
# Fewest words of an exact run for its text to count as evidence between candidate
# sources: a run of one seed (three words, "It is not") is often a stock phrase that
# the alignment against one source chains into a passage and against the other does
# not (which of two swapped short runs is chained depends on the order of the texts),
# so it would tell the sources apart by chance.
EVIDENCE_RUN_WORDS = 4


def trace_event(event: Event, articles_by_id: dict[str, Article], config: Config) -> Provenance:
    """Origins and derivation edges among the articles of ``event``."""
    arts = [articles_by_id[i] for i in event.article_ids if i in articles_by_id]
    return trace(event.id, arts, config)


def trace(event_id: str, arts: list[Article], config: Config) -> Provenance:
    """:func:`trace_event` over a list of articles (any grouping, e.g. a benchmark)."""
    opts = config.section("provenance")
    names = frozenset(a.outlet for a in arts if a.outlet)  # one-word outlet names count
    ctx = Context(
        articles={a.id: a for a in arts},
        attributions={a.id: attribution.find(a, names) for a in arts},
        quoted={a.id: quoted_regions(a.body) for a in arts},
    )
    aopts = AlignOptions.from_config(config)
    exact = dataclasses.replace(aopts, paraphrase=False)
    quote_only: list[Link] = []
    for a_id, b_id in _local_order(candidates.pairs(arts, config), [a.id for a in arts]):
        body_a, body_b = ctx.articles[a_id].body, ctx.articles[b_id].body
        link = Link(a_id, b_id, align_texts(body_a, body_b, exact))
        own = _unquoted_shared(link, ctx)
        if _copies(own, _shared(link), ctx, link, opts.int("min_derived_chars")):
            ctx.add(link)
        elif _shared(link) >= opts.int("min_derived_chars") and own <= _shared(link) * (
            1 - opts.float("quote_share")
        ):
            quote_only.append(link)
    dag = _ordered(ctx, [a.id for a in arts])
    kept, ties = _parents(dag, ctx, opts.int("min_unique_chars"))
    if aopts.paraphrase:
        _reworded(kept, ctx, aopts)
    edges = _edges(dag, kept, ties, ctx)
    edges += [_common(link, ctx, "they share only quoted speech") for link in quote_only]
    derived = nx.DiGraph()
    derived.add_nodes_from(a.id for a in arts)
    derived.add_edges_from((e.source, e.target) for e in edges if e.kind == "derived")
    return Provenance(event_id, _origins(derived), edges)


def _ordered(ctx: Context, ids: list[str]) -> nx.DiGraph:
    """The DAG of copying directions, decided twice.

    Fidelity to a common ancestor (:func:`direction._fidelity`) is evidence only
    when the third article is known to be upstream of both; dates and credits
    tell so for some.  The first ordering tells so for more: pairs with a third
    article it places upstream of both are decided again with that knowledge
    (a second round brings nothing more on the derivation benchmark).
    """
    decisions = {key: decide(link, ctx) for key, link in ctx.links.items()}
    dag = _acyclic(list(decisions.values()), ids)
    ctx.upstream = {n: nx.ancestors(dag, n) for n in dag.nodes}
    again = [key for key, link in ctx.links.items()
             if ctx.neighbours(link.a) & ctx.neighbours(link.b)
             & ctx.upstream[link.a] & ctx.upstream[link.b]]
    if not again:
        return dag
    for key in again:
        decisions[key] = decide(ctx.links[key], ctx)
    return _acyclic(list(decisions.values()), ids)


def _reworded(kept: dict[str, list[str]], ctx: Context, aopts: AlignOptions) -> None:
    """Add reworded sentence pairs to the passages of the derived edges kept.

    Only for those edges: the paraphrase matcher is the costly step, and the
    decisions before it (copying, direction, parents) rest on exact text.
    """
    for tgt, srcs in kept.items():
        for src in srcs:
            found = ctx.link(src, tgt)
            if found is not None:
                body_a, body_b = ctx.articles[found.a].body, ctx.articles[found.b].body
                found.passages = add_paraphrases(body_a, body_b, found.passages, aopts)


def _copies(own: int, shared: int, ctx: Context, link: Link, min_chars: int) -> bool:
    """Does the pair share enough of its own (unquoted) wording to be copying?

    ``min_chars`` of unquoted shared text is enough; a short brief cut from a
    longer article may carry less, so a third of that also counts when the
    shared text (quotations included) is a large share of the shorter article.
    Two articles quoting one statement share the quotation and nearly nothing
    around it, so they stay below both.
    """
    if own >= min_chars:
        return True
    shorter = min(len(ctx.articles[link.a].body), len(ctx.articles[link.b].body))
    return own * 3 >= min_chars and shared >= SHORT_SHARE * shorter


def _local_order(pairs: list[tuple[str, str, float]], ids: list[str]) -> list[tuple[str, str]]:
    """Pairs grouped by connected group of articles, so each article's cached
    tokens serve all its partners before they are evicted.

    Groups come in reverse article order: the candidate index has just
    tokenised the articles in article order, so the last ones are still cached
    (a bounded cache scanned twice in the same order misses every time).
    """
    graph = nx.Graph()
    graph.add_edges_from((a, b) for a, b, _ in pairs)
    pos = {n: k for k, n in enumerate(ids)}
    group = {n: -max(pos[m] for m in comp) for comp in nx.connected_components(graph)
             for n in comp}
    return sorted(((a, b) for a, b, _ in pairs), key=lambda p: (group[p[0]], p))


def _shared(link: Link) -> int:
    return covered_chars(link.runs("b"))


def _unquoted_shared(link: Link, ctx: Context) -> int:
    """Exactly shared characters of ``b`` (attribution phrases excluded), minus those
    in passages quoted in both articles: shared quotes are not copying."""
    content = ctx.content(link, link.b)
    total = covered_chars(content)
    both_quoted = 0
    qa, qb = ctx.quoted.get(link.a, []), ctx.quoted.get(link.b, [])
    for p in link.passages:
        if p.kind == "paraphrase":
            continue
        in_a = overlap(p.a_start, p.a_end, qa) / max(1, p.a_end - p.a_start)
        quoted_b = overlap(p.b_start, p.b_end, qb)
        in_b = overlap(p.b_start, p.b_end, content) * quoted_b / max(
            1, p.b_end - p.b_start)
        both_quoted += int(in_b * min(1.0, in_a * 1.25))
    return total - both_quoted


def _acyclic(decisions: list[Decision], nodes: list[str]) -> nx.DiGraph:
    """Directed edges by falling confidence, skipping any that would close a cycle.

    Pairs with no evidence of direction of their own (only the length
    fallback) come last and follow the order the others imply: one whose
    articles are already ordered by a path of better-founded edges takes that
    order (a chain X -> Y -> Z orders X and Z too); only when none is ordered
    so is the fallback used, one pair at a time.  Each connected group of
    pairs is ordered on its own (a path never leaves its group, so the result
    is the same), which keeps the search for ordered pairs quadratic in the
    group, not in the event.
    """
    dag = nx.DiGraph()
    dag.add_nodes_from(nodes)
    pairs = nx.Graph()
    pairs.add_edges_from((d.source, d.target) for d in decisions)
    group_of = {n: k for k, members in enumerate(nx.connected_components(pairs))
                for n in members}
    groups: dict[int, list[Decision]] = {}
    for d in decisions:
        groups.setdefault(group_of[d.source], []).append(d)
    for group in groups.values():
        _order(dag, group)
    return dag


def _order(dag: nx.DiGraph, decisions: list[Decision]) -> None:
    """Add one connected group's decisions to ``dag`` (see :func:`_acyclic`)."""
    known = [d for d in decisions if d.reasons]
    for d in sorted(known, key=lambda d: (-d.confidence, d.source, d.target)):
        if not nx.has_path(dag, d.target, d.source):
            dag.add_edge(d.source, d.target, decision=d)
    rest = sorted((d for d in decisions if not d.reasons), key=lambda d: (d.source, d.target))
    while rest:
        pick = next((d for d in rest if nx.has_path(dag, d.target, d.source)
                     or nx.has_path(dag, d.source, d.target)), rest[0])
        rest.remove(pick)
        if nx.has_path(dag, pick.target, pick.source):
            via = nx.shortest_path(dag, pick.target, pick.source)
            pick = dataclasses.replace(pick, source=pick.target, target=pick.source,
                                       reasons=["ordered by the chain " + " -> ".join(via)],
                                       attributions=[])
        dag.add_edge(pick.source, pick.target, decision=pick)


def _target_spans(ctx: Context, src: str, tgt: str) -> list[tuple[int, int]]:
    """Text of ``tgt`` found word for word in ``src`` (attribution phrases excluded)."""
    link = ctx.link(src, tgt)
    return [] if link is None else ctx.content(link, tgt)


def _parents(dag: nx.DiGraph, ctx: Context, min_unique: int
             ) -> tuple[dict[str, list[str]], dict[tuple[str, str], str]]:
    """For each target, the sources that explain its shared text (greedy cover),
    and the ties: ``(source, target) -> other source`` for a parent kept beside
    ``other`` because the target's text cannot tell the two apart."""
    kept: dict[str, list[str]] = {}
    ties: dict[tuple[str, str], str] = {}
    for tgt in dag.nodes:
        srcs = list(dag.predecessors(tgt))
        if not srcs:
            continue
        cov = {s: _target_spans(ctx, s, tgt) for s in srcs}
        size = {s: covered_chars(cov[s]) for s in srcs}
        first, tied = _best_source(dag, ctx, tgt, srcs)
        chosen = [first]
        union = list(cov[first])
        if tied is not None:
            chosen.append(tied)
            ties[(first, tgt)], ties[(tied, tgt)] = tied, first
        for s in sorted(srcs, key=lambda s: (-size[s], s)):
            if s in chosen:
                continue
            if size[s] - intersect_chars(cov[s], union) >= min_unique:
                chosen.append(s)
                union = coverage(union + cov[s])
        kept[tgt] = chosen
    return kept, ties


def _best_source(dag: nx.DiGraph, ctx: Context, tgt: str,
                 srcs: list[str]) -> tuple[str, str | None]:
    """The source whose wording the target carries letter for letter the most,
    and the source upstream of it tied with it, if any (see :func:`_tie`).

    A source the target credits by name wins among those carrying nearly as
    much of its text as the best (a reprint keeps its source's credit line, so
    a credit alone does not outrank an intermediate that explains more), unless
    the target carries the edits of an intermediate between it and the credited
    source (a credit may name the origin of a story copied from a rewrite).
    Otherwise each candidate is weighed against every candidate upstream of it
    by :meth:`_Evidence.prefers_down`, the stemmatic "shared innovations" test: the
    target is the downstream copy's child only if it carries text that copy
    introduced, and cannot be if it holds text of the upstream one that the
    copy lost.  When nothing tells them apart (the intermediate is an
    unchanged reprint) the later one is chosen and the nearest such upstream
    one is returned as its tie.
    """
    ev = _Evidence(ctx, tgt, srcs)
    size = {s: covered_chars(ev.literal[s]) for s in srcs}
    best = max(srcs, key=lambda s: (size[s], s))
    credited = [s for s in srcs if size[s] >= CREDIT_SHARE * size[best]
                and _credits(ctx, tgt, s, srcs)]
    if credited:
        pick = max(credited, key=lambda s: (size[s], s))
        # a credit may name the story's origin as an intermediate reported it:
        # the intermediate's own edits, carried along, show which was copied
        down = [d for d in srcs if d != pick and nx.has_path(dag, pick, d)
                and ev.carries(d, pick)]
        return (max(down, key=lambda d: (size[d], d)) if down else pick), None
    equal = [s for s in srcs if size[s] == size[best]]
    # the latest in a chain among equals
    best = max(equal, key=lambda s: (covered_chars(ev.typo[s]),
                                    len(nx.ancestors(dag, s) & set(srcs)), s))
    seen = {best}
    moved = True
    while moved:
        moved = False
        for other in sorted(srcs, key=lambda s: (-size[s], s)):
            if other in seen or not nx.has_path(dag, other, best):
                continue
            if not ev.prefers_down(best, other):
                best, moved = other, True
                seen.add(other)
                break
    return best, _tie(dag, ev, best, srcs)


def _tie(dag: nx.DiGraph, ev: _Evidence, best: str, srcs: list[str]) -> str | None:
    """The nearest source upstream of ``best`` that the target's text cannot tell
    from it (:meth:`_Evidence.tied`: ``best`` is an unchanged copy of it, as far
    as the target shows).  Copies of one wire story are as often siblings under
    it as a chain of reprints, and nothing in the text decides, so both are
    reported as parents (each edge says so) rather than a guess: a guess either
    way is wrong about as often (measured on the derivation benchmark), and the
    passages the target copied are then shown against both.
    """
    up = [o for o in srcs if o != best and nx.has_path(dag, o, best) and ev.tied(best, o)]
    return max(up, key=lambda o: (len(nx.ancestors(dag, o) & set(srcs)), o)) if up else None


@dataclass
class _Evidence:
    """What ``tgt`` shares with each candidate source, at three levels: normalised
    runs (wording), letter-for-letter words, and typography (quote marks, dots).
    The target's credit lines count as text here: one copied along with the rest
    of a source is an edit that source introduced."""

    ctx: Context
    tgt: str
    srcs: list[str]
    literal: dict[str, list[tuple[int, int]]] = field(init=False)
    full: dict[str, list[tuple[int, int]]] = field(init=False)
    words: dict[str, list[tuple[int, int]]] = field(init=False)
    typo: dict[str, list[tuple[int, int]]] = field(init=False)
    _holes: dict[str, list[tuple[int, int]]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        ctx, tgt = self.ctx, self.tgt
        self.literal = {s: _literal_spans(ctx, s, tgt) for s in self.srcs}
        self.full = {s: _literal_spans(ctx, s, tgt, holes=False) for s in self.srcs}
        self.words = {s: _run_spans(ctx, s, tgt) for s in self.srcs}
        self.typo = {s: _typographic_spans(ctx, s, tgt) for s in self.srcs}

    def unique(self, one: str, other: str) -> int:
        """Characters of the target shared with ``one`` and not with ``other``, in
        wording or letter for letter, whichever is more.  The target's credit
        naming ``other`` is left out: any copy of ``other`` may credit it in the
        same stock words, so sharing them with ``one`` says nothing."""
        if other not in self._holes:
            self._holes[other] = _credit_lines(self.ctx, self.tgt,
                                               self.ctx.articles[other].outlet)
        holes = self._holes[other]
        return max(covered_chars(subtract(_only_spans(self.words, one, other), holes)),
                   covered_chars(subtract(_only_spans(self.full, one, other), holes)))

    def carries(self, down: str, up: str) -> bool:
        """Does the target clearly carry the edits ``down`` introduced over ``up``?"""
        mine, theirs = self.unique(down, up), self.unique(up, down)
        return mine >= EDIT_MIN_CHARS and mine >= EDIT_RATIO * theirs

    def prefers_down(self, down: str, up: str) -> bool:
        """Is the target rather a copy of ``down`` than of ``up``, upstream of it?

        Text the target shares with only one of them decides, even a few words:
        what only ``down`` shares is an edit it introduced and the target
        carries; what only ``up`` shares is text ``down`` lost, which its copy
        could not hold.  With no such text, typography decides one way only:
        a target keeping the quote marks or dots that ``down`` changed cannot
        be its copy, while agreeing with ``down``'s typography may be the
        target's own house style.  Nothing at all: ``down``, the later copy.
        """
        mine = self.unique(down, up)
        theirs = self.unique(up, down) + self.lead_or_tail_lacked(down, up)
        if max(mine, theirs) >= EDIT_MIN_CHARS:
            return mine > theirs
        kept = _only(self.typo, up, down)
        return not (kept > 0 and kept >= _only(self.typo, down, up))

    def lead_or_tail_lacked(self, down: str, up: str) -> int:
        """Characters ``down`` prints before (after) the words that the target and
        ``up`` both begin (end) their texts with: a lead or tail that ``down``
        added (a credit, a dateline) and that the target, which has ``up``'s text
        from its very start (to its very end), does not carry."""
        ctx, tgt = self.ctx, self.tgt
        d, u = _source_runs(ctx, down, tgt), _source_runs(ctx, up, tgt)
        if not d or not u:
            return 0
        body, down_body = ctx.articles[tgt].body, ctx.articles[down].body
        up_body = ctx.articles[up].body
        total = 0
        fd, fu = min(d, key=lambda r: r[2]), min(u, key=lambda r: r[2])
        if fd[2] == fu[2] and not body[: fd[2]].strip() and not up_body[: fu[0]].strip():
            total += len(down_body[: fd[0]].strip())
        ld, lu = max(d, key=lambda r: r[3]), max(u, key=lambda r: r[3])
        if ld[3] == lu[3] and not body[ld[3]:].strip() and not up_body[lu[1]:].strip():
            total += len(down_body[ld[1]:].strip())
        return total if total >= EDIT_MIN_CHARS else 0

    def tied(self, down: str, up: str) -> bool:
        """Does nothing in the target tell ``down`` from ``up``: no text, even a
        mark, that it shares with only one of them?  (Marks it shares with
        ``down`` alone may be its own house style, but they side with ``down``
        more often than not: measured on the derivation benchmark.)"""
        return (max(self.unique(down, up), self.unique(up, down)) < EDIT_MIN_CHARS
                and _only(self.typo, up, down) == 0 == _only(self.typo, down, up))


def _credit_lines(ctx: Context, tgt: str, outlet: str | None) -> list[tuple[int, int]]:
    """Where ``tgt`` credits ``outlet``: each attribution phrase, or its whole sentence
    when that is a short credit line of its own ("The report was first published
    by X."), whose other words are as much a stock formula as the credit."""
    named = [x for x in ctx.attributions.get(tgt, []) if outlet and credits(x.credited, outlet)]
    if not named:
        return []
    body = ctx.articles[tgt].body
    spans = sentences(body)
    out = []
    for x in named:
        start, end = x.span.start, x.span.end
        for s, e in spans:
            if s <= start and end <= e and len(body[s:e].split()) <= CREDIT_LINE_WORDS:
                start, end = s, e
        out.append((start, end))
    return out


def _source_runs(ctx: Context, src: str, tgt: str) -> list[tuple[int, int, int, int]]:
    """Exact runs of ``src`` and ``tgt`` as (source start, end, target start, end)."""
    link = ctx.link(src, tgt)
    if link is None:
        return []
    runs = [r for p in link.passages for r in p.runs]
    return runs if link.a == src else [(r[2], r[3], r[0], r[1]) for r in runs]


def _only(spans: dict[str, list[tuple[int, int]]], one: str, other: str) -> int:
    return covered_chars(_only_spans(spans, one, other))


def _only_spans(spans: dict[str, list[tuple[int, int]]], one: str,
                other: str) -> list[tuple[int, int]]:
    return subtract(spans[one], spans[other])


def _run_spans(ctx: Context, src: str, tgt: str) -> list[tuple[int, int]]:
    """Text of ``tgt`` found word for word (normalised) in ``src``, credits included,
    in runs of at least :data:`EVIDENCE_RUN_WORDS` words."""
    link = ctx.link(src, tgt)
    return [] if link is None else _runs_of(ctx, link, tgt, short=False)


def _runs_of(ctx: Context, link: Link, tgt: str, short: bool) -> list[tuple[int, int]]:
    """Runs of ``tgt`` shorter (``short``) or not than :data:`EVIDENCE_RUN_WORDS` words."""
    body = ctx.articles[tgt].body
    return [(s, e) for s, e in link.runs(link.side_of(tgt))
            if (len(body[s:e].split()) < EVIDENCE_RUN_WORDS) == short]


def _typographic_spans(ctx: Context, src: str, tgt: str) -> list[tuple[int, int]]:
    """Text of ``tgt`` identical with ``src`` down to quote marks and dots."""
    link = ctx.link(src, tgt)
    if link is None:
        return []
    side = link.side_of(tgt)
    body_a, body_b = ctx.articles[link.a].body, ctx.articles[link.b].body
    return coverage([s for p in link.passages if p.kind != "paraphrase"
                     for s in typographic_spans(p, body_a, body_b, side)])


def _credits(ctx: Context, tgt: str, src: str, srcs: list[str]) -> bool:
    """Does ``tgt`` name ``src``'s outlet in an attribution phrase of its own?

    A credit line the target shares word for word with another candidate
    source was copied along with that source's text ("According to X" kept
    by a reprint of a reprint): it names the copy's origin, not its parent.
    """
    outlet = ctx.articles[src].outlet
    own = ctx.articles[tgt].outlet
    if not outlet or (own and credits(outlet, own)):
        return False
    copied: list[tuple[int, int]] = []
    for other in srcs:
        link = ctx.link(other, tgt)
        if other != src and link is not None:
            copied.extend(link.runs(link.side_of(tgt)))
    for x in ctx.attributions.get(tgt, []):
        span = [(x.span.start, x.span.end)]
        if credits(x.credited, outlet) and intersect_chars(span, copied) * 2 < covered_chars(
                span):
            return True
    return False


def _literal_spans(ctx: Context, src: str, tgt: str,
                   holes: bool = True) -> list[tuple[int, int]]:
    """Letter-for-letter shared text of ``tgt`` with ``src``; without the target's
    attribution phrases unless ``holes`` is false.  Words only in short runs
    (:data:`EVIDENCE_RUN_WORDS`) are left out."""
    link = ctx.link(src, tgt)
    if link is None:
        return []
    spans = subtract(link.literal(link.side_of(tgt)), _runs_of(ctx, link, tgt, short=True))
    if not holes:
        return spans
    return subtract(spans, [(x.span.start, x.span.end) for x in ctx.attributions.get(tgt, [])])


def _edges(dag: nx.DiGraph, kept: dict[str, list[str]], ties: dict[tuple[str, str], str],
           ctx: Context) -> list[Derivation]:
    final = nx.DiGraph()
    final.add_nodes_from(dag.nodes)
    for tgt, srcs in kept.items():
        final.add_edges_from((s, tgt) for s in srcs)
    edges = []
    # by target, in reverse article order: a target's sources share its cached
    # tokens, and the pass before (_parents, in article order) left the last
    # articles in the cache (the DAG holds its edges by confidence, scattered)
    order = {n: -k for k, n in enumerate(dag.nodes)}
    for src, tgt, data in sorted(dag.edges(data=True), key=lambda e: (order[e[1]], order[e[0]])):
        decision: Decision = data["decision"]
        if tgt in kept and src in kept[tgt]:
            edges.append(_derived(decision, list(dag.predecessors(tgt)), ctx,
                                  ties.get((src, tgt))))
        elif not nx.has_path(final, src, tgt):
            link = ctx.link(src, tgt)
            if link is not None:
                edges.append(_common(link, ctx, "their shared text is explained by "
                                     "a common source: " + ", ".join(
                                         ctx.articles[s].label for s in kept.get(tgt, []))))
    return edges


def _derived(d: Decision, others: list[str], ctx: Context,
             tied: str | None = None) -> Derivation:
    """A derived edge with its passages oriented source -> target and its reasons,
    including the text only this source explains among the target's other sources
    and, for a parent kept with its tie (see :func:`_tie`), that the text does
    not tell which of the two the target was copied from."""
    link = ctx.link(d.source, d.target)
    assert link is not None
    forward = link.a == d.source
    body_a, body_b = ctx.articles[link.a].body, ctx.articles[link.b].body
    passages = [to_passage(p, d.source, d.target) if forward else _flip(p, d.source, d.target)
                for q in link.passages for p in copied_pieces(q, body_a, body_b)]
    mine = _target_spans(ctx, d.source, d.target)
    kinds = [p.kind for p in passages]
    summary = ", ".join(f"{kinds.count(k)} {k}" for k in ("verbatim", "edited", "paraphrase")
                        if k in kinds)
    reasons = [f"target shares {covered_chars(mine)} chars word for word with source "
               f"({summary} passages)", *d.reasons]
    if tied is not None:
        reasons.append(f"the target's text does not tell this source from "
                       f"{ctx.articles[tied].label} (one is an unchanged copy of the "
                       f"other): either may be its parent")
    for other in sorted(others):
        if other != d.source:
            extra = covered_chars(mine) - intersect_chars(mine, _target_spans(ctx, other,
                                                                              d.target))
            reasons.append(f"target shares {extra} chars with source not found in "
                           f"{ctx.articles[other].label}")
    return Derivation(d.source, d.target, "derived", d.confidence, passages,
                      d.attributions, reasons)


def _flip(p: RawPassage, src: str, tgt: str) -> Passage:
    swapped = RawPassage(p.b_start, p.b_end, p.a_start, p.a_end, p.kind, p.score)
    return to_passage(swapped, src, tgt)


def _common(link: Link, ctx: Context, why: str) -> Derivation:
    passages = [to_passage(p, link.a, link.b) for p in link.passages]
    return Derivation(link.a, link.b, "common-source", 0.5, passages, [], [why])


def _origins(derived: nx.DiGraph) -> list[str]:
    """Articles with no incoming derived edge that others derive from (else all roots)."""
    roots = [n for n in derived.nodes if derived.in_degree(n) == 0]
    sources = [n for n in roots if derived.out_degree(n) > 0]
    return sorted(sources or roots)
