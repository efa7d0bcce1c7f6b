"""Highlighting, context snippets, word diffs and the graph layout."""

from __future__ import annotations

import html as htmllib
import re

from hypothesis import given
from hypothesis import strategies as st

from newstrace.report import graphsvg
from newstrace.report.markup import Mark, highlight, snippet, word_diff


def _plain(markup: str) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", "", markup))


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)),
                                        max_size=6))
def test_highlight_never_changes_or_loses_text(text: str, ranges: list[tuple[int, int]]) -> None:
    marks = [Mark(min(a, b), max(a, b), "x") for a, b in ranges]
    out = str(highlight(text, marks))
    assert _plain(out) == text
    assert out.count("<span") == out.count("</span>")


def test_overlapping_marks_get_both_classes() -> None:
    out = str(highlight("abcdef", [Mark(0, 4, "q", "quote"), Mark(2, 6, "ent", "name")]))
    assert out == ('<span class="hl q" title="quote">ab</span>'
                   '<span class="hl ent q" title="quote | name">cd</span>'
                   '<span class="hl ent" title="name">ef</span>')


def test_titles_and_text_are_escaped() -> None:
    out = str(highlight("<b>&", [Mark(0, 3, "q", '"><script>')]))
    assert "<b>" not in out and "<script>" not in out
    assert "&lt;b&gt;" in out


def test_snippet_stays_in_the_paragraph_of_the_evidence() -> None:
    body = "First paragraph here.\n\nThe minister said 40 people died.\n\nLast one."
    start = body.index("40")
    out = str(snippet(body, start, start + 2, [Mark(start, start + 2, "ev")]))
    assert _plain(out) == "The minister said 40 people died."
    assert '<span class="hl ev">40</span>' in out


def test_snippet_cuts_long_text_at_words_with_ellipses() -> None:
    body = "word " * 200 + "TARGET " + "more " * 200
    start = body.index("TARGET")
    out = _plain(str(snippet(body, start, start + 6, [], width=30)))
    assert out.startswith("… word") and out.endswith("more …")
    assert "TARGET" in out and len(out) < 100


def test_word_diff_marks_whole_words_ignoring_case() -> None:
    left, right = word_diff("The dam will close in April.", "the dam will shut in April")
    assert str(left) == 'The dam will <del class="chg">close</del> in April<del class="chg">.</del>'
    assert str(right) == 'the dam will <ins class="chg">shut</ins> in April'


def test_word_diff_ignores_house_quote_styles() -> None:
    left, right = word_diff("the agency's \"liaison office\"",
                            "the agency\u2019s \u201cliaison office\u201d")
    assert "chg" not in str(left) + str(right)
    assert "\u2019" in str(right)  # the target's own characters are printed


def _chain() -> tuple[list[graphsvg.Node], list[graphsvg.Edge]]:
    nodes = [graphsvg.Node("c", "C"), graphsvg.Node("a", "A", origin=True), graphsvg.Node("b", "B"),
             graphsvg.Node("d", "D")]
    edges = [graphsvg.Edge("a", "b", "derived", 0.9), graphsvg.Edge("b", "c", "derived", 0.8),
             graphsvg.Edge("a", "c", "common-source", 0.3), graphsvg.Edge("a", "d", "derived", 0.7)]
    return nodes, edges


def test_layers_put_origin_on_top_and_copies_of_copies_lower() -> None:
    nodes, edges = _chain()
    assert graphsvg.layers(nodes, edges) == {"a": 0, "b": 1, "d": 1, "c": 2}


def test_cycles_are_drawn_not_fatal() -> None:
    nodes = [graphsvg.Node("a", "A", origin=True), graphsvg.Node("b", "B")]
    edges = [graphsvg.Edge("a", "b", "derived", 0.5), graphsvg.Edge("b", "a", "derived", 0.5)]
    assert graphsvg.layers(nodes, edges) == {"a": 0, "b": 1}
    assert "<svg" in graphsvg.render(nodes, edges)


def test_svg_has_a_box_per_article_and_a_labelled_path_per_edge() -> None:
    nodes, edges = _chain()
    svg = str(graphsvg.render(nodes, edges, uid="ev 1"))
    assert svg.count('<rect class="node') == 4
    assert svg.count("<path class=\"edge") == 4
    assert "derived 0.90" in svg and "common-source 0.30" in svg
    assert 'stroke-dasharray' not in svg  # style lives in the page CSS
    assert 'id="ev_1-derived"' in svg and 'url(#ev_1-common)' in svg


def test_origin_box_is_above_derived_boxes() -> None:
    nodes, edges = _chain()
    svg = str(graphsvg.render(nodes, edges))
    ys = {m.group(2): float(m.group(1)) for m in
          re.finditer(r'<text class="node-label" x="[\d.]+" y="([\d.]+)"[^>]*>(\w)</text>', svg)}
    assert ys["A"] < ys["B"] == ys["D"] < ys["C"]


def test_independent_chains_wrap_into_bands_without_overlap() -> None:
    nodes, edges = [], []
    for c in range(8):  # eight independent origin -> copy chains in one event
        nodes += [graphsvg.Node(f"o{c}", f"O{c}", origin=True), graphsvg.Node(f"c{c}", f"C{c}")]
        edges.append(graphsvg.Edge(f"o{c}", f"c{c}", "derived", 0.9))
    nodes.append(graphsvg.Node("alone", "Alone"))
    pos = graphsvg.layout(nodes, edges)
    xs = [x for x, _ in pos.values()]
    assert max(xs) < graphsvg.MAX_WIDTH + graphsvg.NODE_W  # wrapped, not one wide row
    boxes = list(pos.values())
    for i, (x1, y1) in enumerate(boxes):
        for x2, y2 in boxes[i + 1:]:
            assert abs(x1 - x2) >= graphsvg.NODE_W or abs(y1 - y2) >= graphsvg.NODE_H
    for c in range(8):  # each copy still sits below its own origin
        assert pos[f"c{c}"][1] > pos[f"o{c}"][1]
    # the article with no edges comes after the chains, in the last band
    assert pos["alone"][1] >= max(pos[f"o{c}"][1] for c in range(8))


def _rects(svg: str, cls: str) -> list[tuple[float, float, float, float]]:
    num = r"([-\d.]+)"
    pat = rf'<rect class="{cls}[^"]*" x="{num}" y="{num}" width="{num}" height="{num}"'
    return [tuple(map(float, m.groups())) for m in re.finditer(pat, svg)]  # type: ignore[misc]


def test_edge_labels_never_cover_a_box() -> None:
    # origin with two copies side by side, and a third article derived from the origin
    # and from one copy: the origin -> third edge skips a layer between the two copies.
    nodes = [graphsvg.Node("o", "O", origin=True), graphsvg.Node("y", "Y"),
             graphsvg.Node("r", "R"), graphsvg.Node("t", "T")]
    edges = [graphsvg.Edge("o", "y", "derived", 0.9), graphsvg.Edge("o", "r", "derived", 0.9),
             graphsvg.Edge("o", "t", "derived", 0.9), graphsvg.Edge("y", "t", "derived", 0.6)]
    svg = str(graphsvg.render(nodes, edges))
    boxes, labels = _rects(svg, "node"), _rects(svg, "edge-label-bg")
    assert len(boxes) == 4 and len(labels) == 4
    width = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))  # type: ignore[union-attr]
    for lx, ly, lw, lh in labels:
        assert lx >= 0 and lx + lw <= width
        for bx, by, bw, bh in boxes:
            apart = lx + lw <= bx or bx + bw <= lx or ly + lh <= by or by + bh <= ly
            assert apart, f"label at {lx:.0f},{ly:.0f} covers box at {bx:.0f},{by:.0f}"
