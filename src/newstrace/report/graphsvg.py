"""The derivation graph of one event as an inline SVG picture.

Layered layout (Sugiyama-style, simplified): origins on the top layer, each
article one layer below the deepest article it was derived from (networkx
gives the topological order), nodes ordered within a layer by the mean
position of their parents to reduce crossings.  Hand-written because the
page must be self-contained: Graphviz or a JS library would need a binary
or a network fetch.  ``common-source`` edges are drawn dashed and do not
influence the layering.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
from markupsafe import Markup, escape

ALGORITHM = "graphsvg.v1"

NODE_W, NODE_H = 190, 46
GAP_X, GAP_Y = 40, 90
PAD = 20
LABEL_HALF = 50  # half the width of an edge label, kept clear of boxes
MAX_WIDTH = 1080  # groups of articles wrap into a new band past this width


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    sub: str = ""  # second line, e.g. the date
    href: str = ""
    origin: bool = False


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str
    confidence: float
    href: str = ""


def layers(nodes: list[Node], edges: list[Edge]) -> dict[str, int]:
    """Layer number of each node: 0 for origins and roots, else 1 + deepest parent."""
    graph = nx.DiGraph()
    graph.add_nodes_from(n.id for n in nodes)
    graph.add_edges_from((e.source, e.target) for e in edges
                         if e.kind == "derived" and e.source in graph and e.target in graph)
    origins = {n.id for n in nodes if n.origin}
    if not nx.is_directed_acyclic_graph(graph):
        # A cycle is a stage's error, still draw it: layer by distance from the origins.
        dist = nx.multi_source_dijkstra_path_length(graph, origins or set(list(graph)[:1]))
        return {n.id: int(dist.get(n.id, 0)) for n in nodes}
    layer: dict[str, int] = {}
    for nid in nx.topological_sort(graph):
        parents = [layer[p] + 1 for p in graph.predecessors(nid)]
        layer[nid] = 0 if nid in origins else max(parents, default=0)
    return layer


Pos = dict[str, tuple[float, float]]


def _positions(nodes: list[Node], edges: list[Edge]) -> Pos:
    """Positions of one connected group: layers top-down, barycenter order within a layer."""
    layer = layers(nodes, edges)
    parents: dict[str, list[str]] = {}
    for e in edges:
        if e.kind == "derived":
            parents.setdefault(e.target, []).append(e.source)
    rows: dict[int, list[str]] = {}
    for n in nodes:
        rows.setdefault(layer[n.id], []).append(n.id)
    step = NODE_W + GAP_X
    width = max(len(r) for r in rows.values()) * step
    pos: Pos = {}
    for depth in sorted(rows):
        row = rows[depth]
        # Barycenter ordering: a node sits under the mean x of its placed parents;
        # parentless nodes keep their input order, on the left.
        keys = {nid: _barycenter([pos[p][0] for p in parents.get(nid, []) if p in pos], i)
                for i, nid in enumerate(row)}
        row.sort(key=lambda nid: keys[nid])
        left = (width - len(row) * step) / 2 + GAP_X / 2
        for i, nid in enumerate(row):
            pos[nid] = (left + i * step + NODE_W / 2, depth * (NODE_H + GAP_Y) + NODE_H / 2)
    return pos


def _barycenter(xs: list[float], index: int) -> tuple[int, float]:
    return (1, sum(xs) / len(xs)) if xs else (0, float(index))


def _groups(nodes: list[Node], edges: list[Edge]) -> list[list[Node]]:
    """Connected groups of articles, the origin's first, then larger ones; loners last."""
    graph = nx.Graph()
    graph.add_nodes_from(n.id for n in nodes)
    graph.add_edges_from((e.source, e.target) for e in edges
                         if e.source in graph and e.target in graph)
    order = {n.id: i for i, n in enumerate(nodes)}
    by_id = {n.id: n for n in nodes}
    comps = [sorted(c, key=order.__getitem__) for c in nx.connected_components(graph)]
    comps.sort(key=lambda c: (len(c) == 1, not any(by_id[i].origin for i in c), -len(c),
                              order[c[0]]))
    return [[by_id[i] for i in c] for c in comps]


def layout(nodes: list[Node], edges: list[Edge]) -> Pos:
    """Centre of every node's box: each connected group laid out in layers, groups packed
    left to right and wrapped into bands no wider than ``MAX_WIDTH`` (a big event with
    many independent chains stays readable instead of one very wide row)."""
    pos: Pos = {}
    x = y = band = 0.0
    for group in _groups(nodes, edges):
        ids = {n.id for n in group}
        inner = [e for e in edges if e.source in ids and e.target in ids]
        local = _positions(group, inner)
        detours = [d for e in inner if (d := _detour_x(e, local, ids)) is not None]
        w = max([px + NODE_W / 2 for px, _ in local.values()] + [d + LABEL_HALF for d in detours])
        w += GAP_X / 2
        h = max(py for _, py in local.values()) + NODE_H / 2
        if x > 0 and x + w > MAX_WIDTH:
            x, y, band = 0.0, y + band + GAP_Y, 0.0
        pos.update({nid: (PAD + x + px, PAD + y + py) for nid, (px, py) in local.items()})
        x, band = x + w, max(band, h)
    return pos


def render(nodes: list[Node], edges: list[Edge], title: str = "", uid: str = "g") -> Markup:
    """The graph as an ``<svg>`` element (escaped labels, links if ``href`` given).

    ``uid`` prefixes the arrow-marker ids so several graphs can share one page.
    """
    uid = re.sub(r"[^A-Za-z0-9_-]", "_", uid)
    if not nodes:
        return Markup("")
    pos = layout(nodes, edges)
    group_of = {n.id: frozenset(m.id for m in g) for g in _groups(nodes, edges) for n in g}
    detour = {i: _detour_x(e, pos, group_of.get(e.source, frozenset()))
              for i, e in enumerate(edges)}
    width = max([x + NODE_W / 2 for x, _ in pos.values()]
                + [d + LABEL_HALF for d in detour.values() if d is not None]) + PAD
    height = max(y for _, y in pos.values()) + NODE_H / 2 + PAD
    parts = [
        f'<svg class="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} '
        f'{height:.0f}" width="{width:.0f}" height="{height:.0f}" role="img" '
        f'aria-label="{escape(title or "derivation graph")}">',
        f"<defs>{_marker(uid + '-derived', '#33506e')}{_marker(uid + '-common', '#8a8f98')}</defs>",
    ]
    parts += [_edge(e, pos, uid, detour[i]) for i, e in enumerate(edges)
              if e.source in pos and e.target in pos]
    parts += [_node(n, pos[n.id]) for n in nodes]
    parts.append("</svg>")
    return Markup("".join(parts))


def _detour_x(e: Edge, pos: Pos, peers: Iterable[str]) -> float | None:
    """Where an edge that skips layers must pass to miss the boxes between, or None.

    The straight line from source to target is tested against every box of
    the same group in the layers between (with room for the edge's label);
    when it would cross one, the edge bends right of the rightmost such box.
    """
    if e.source not in pos or e.target not in pos:
        return None
    (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
    lo, hi = sorted((y1, y2))
    if hi - lo <= NODE_H + GAP_Y + 1:
        return None
    between = [pos[i] for i in peers if i in pos and lo + 1 < pos[i][1] < hi - 1]
    blocked = any(abs(x1 + (x2 - x1) * (y - y1) / (y2 - y1) - x) < NODE_W / 2 + LABEL_HALF
                  for x, y in between)
    if not blocked:
        return None
    return max(x for x, _ in between) + NODE_W / 2 + LABEL_HALF + 8


def _marker(name: str, colour: str) -> str:
    return (f'<marker id="{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/>'
            "</marker>")


def _edge(e: Edge, pos: Pos, uid: str, detour: float | None = None) -> str:
    (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
    if abs(y1 - y2) < 1:  # same layer: arc below the boxes
        y1 = y2 = y1 + NODE_H / 2
        c1, c2 = (x1, y1 + GAP_Y * 0.6), (x2, y2 + GAP_Y * 0.6)
    else:
        down = 1 if y2 > y1 else -1
        y1, y2 = y1 + down * NODE_H / 2, y2 - down * NODE_H / 2
        bend = (y2 - y1) * 0.45
        if detour is None:
            c1, c2 = (x1, y1 + bend), (x2, y2 - bend)
        else:  # control points placed so the curve's midpoint passes at x = detour
            cx = (detour - (x1 + x2) / 8) / 0.75
            c1, c2 = (cx, y1 + bend), (cx, y2 - bend)
    mx = (x1 + 3 * c1[0] + 3 * c2[0] + x2) / 8
    my = (y1 + 3 * c1[1] + 3 * c2[1] + y2) / 8
    kind = "derived" if e.kind == "derived" else "common"
    cls = f"edge edge-{kind}"
    label = f"{e.kind} {e.confidence:.2f}"
    lw = len(label) * 6.4 + 10
    body = (
        f'<path class="{cls}" d="M{x1:.1f},{y1:.1f} C{c1[0]:.1f},{c1[1]:.1f} '
        f'{c2[0]:.1f},{c2[1]:.1f} {x2:.1f},{y2:.1f}" marker-end="url(#{uid}-{kind})"/>'
        f'<rect class="edge-label-bg" x="{mx - lw / 2:.1f}" y="{my - 9:.1f}" width="{lw:.1f}" '
        f'height="18" rx="4"/><text class="edge-label" x="{mx:.1f}" y="{my + 4:.1f}" '
        f'text-anchor="middle">{escape(label)}</text>'
    )
    title = f"<title>{escape(e.source)} → {escape(e.target)}: {escape(label)}</title>"
    if e.href:
        return f'<a href="{escape(e.href)}">{title}{body}</a>'
    return f"<g>{title}{body}</g>"


def _node(n: Node, xy: tuple[float, float]) -> str:
    x, y = xy
    cls = "node node-origin" if n.origin else "node"
    label = n.label if len(n.label) <= 26 else n.label[:25] + "…"
    sub = " · ".join(t for t in ("origin" if n.origin else "", n.sub) if t)
    body = (
        f'<rect class="{cls}" x="{x - NODE_W / 2:.1f}" y="{y - NODE_H / 2:.1f}" '
        f'width="{NODE_W}" height="{NODE_H}" rx="8"/>'
        f'<text class="node-label" x="{x:.1f}" y="{y - 3:.1f}" text-anchor="middle">'
        f"{escape(label)}</text>"
        f'<text class="node-sub" x="{x:.1f}" y="{y + 14:.1f}" text-anchor="middle">'
        f"{escape(sub)}</text><title>{escape(n.label)}</title>"
    )
    if n.href:
        return f'<a href="{escape(n.href)}">{body}</a>'
    return f"<g>{body}</g>"
