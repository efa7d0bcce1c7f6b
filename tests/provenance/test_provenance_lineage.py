"""Lineage rules: time zones, quotation styles, the containment dead band, a copy of
unchanged reprints (both candidates named), a credit naming the origin of a rewrite's
copy, typography lost by a copy, and a single changed word placing a copy in the chain."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from port_story import ORIGIN, OWN_A, OWN_B, run

from newstrace.config import Config
from newstrace.model import Article
from newstrace.provenance.direction import _earlier
from newstrace.provenance.text import quoted_regions, subtract


def derived(arts: list[Article], config: Config) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in run(arts, config).edges if e.kind == "derived"}


def test_times_with_offsets_are_compared_as_instants() -> None:
    assert _earlier("2024-03-05T10:00+09:00", "2024-03-05T02:00Z")  # 01:00 UTC
    assert not _earlier("2024-03-05T02:00Z", "2024-03-05T10:00+09:00")
    assert _earlier("2024-03-04", "2024-03-05T01:00")
    assert not _earlier("2024-03-05", "2024-03-05T01:00")  # same day: no order


def test_later_instant_is_the_copy_whatever_the_printed_clock(config: Config) -> None:
    first = Article("x", "x", ORIGIN, outlet="East Post", published="2024-03-05T10:00+09:00")
    second = Article("y", "y", ORIGIN, outlet="West Times", published="2024-03-05T02:00+00:00")
    assert derived([second, first], config) == {("x", "y")}


def test_same_day_time_against_a_bare_date_leans_by_the_hour(config: Config) -> None:
    for clock, source in (("04:10", "timed"), ("21:30", "dated")):
        timed = Article("timed", "t", ORIGIN, outlet="East Post", published=f"2024-03-05T{clock}")
        dated = Article("dated", "d", ORIGIN, outlet="West Times", published="2024-03-05")
        (edge,) = run([timed, dated], config).edges
        assert edge.source == source
        assert any("only as a date" in r for r in edge.reasons)


def test_credit_to_an_outlet_does_not_point_at_its_later_article(config: Config) -> None:
    """The copy credits the outlet that has a later article on the story too: an
    article cannot cite one published after it."""
    early = Article("e", "e", "According to the Port Gazette, " + ORIGIN, outlet="Coast News",
                    published="2024-03-02T09:00")
    later = Article("l", "l", ORIGIN + " " + OWN_A, outlet="Port Gazette",
                    published="2024-03-04T09:00")
    (edge,) = run([later, early], config).edges
    assert (edge.source, edge.target) == ("e", "l")
    assert not any("credits" in r for r in edge.reasons)


def test_credit_to_an_outlet_with_two_articles_names_neither(config: Config) -> None:
    """The outlet credited has two articles sharing text with the copy: the credit
    may name either, so it orders neither pair."""
    copy = Article("c", "c", "According to the Port Gazette, " + ORIGIN + " " + OWN_A,
                   outlet="Coast News")
    first = Article("g1", "g1", ORIGIN, outlet="Port Gazette")
    update = Article("g2", "g2", ORIGIN + " " + OWN_A + " " + OWN_B, outlet="Port Gazette")
    alone = run([first, copy], config).edges
    assert any("credits" in r for e in alone for r in e.reasons)
    both = run([first, update, copy], config).edges
    assert not any("credits" in r for e in both for r in e.reasons)


def test_two_apostrophe_and_nested_quotations() -> None:
    text = "She said ''I loved it,'' and left. He said “it was “fine” by me” then."
    assert [text[s:e] for s, e in quoted_regions(text)] == ["I loved it,",
                                                             "it was “fine” by me"]


def test_mostly_shared_pair_gets_no_direction_from_containment(config: Config) -> None:
    a = Article("a", "a", ORIGIN + " Local hauliers are already raising prices.", outlet="A Post")
    b = Article("b", "b", ORIGIN, outlet="B Times")
    (edge,) = run([a, b], config).edges
    assert not any("shared text," in r for r in edge.reasons)


def test_copy_of_unchanged_reprints_names_both_candidates(config: Config) -> None:
    """Three identical texts on three days: the last may be a copy of the first or
    of its reprint, and nothing in the text tells which; both are its parents,
    each edge saying so, and the reprint is still the first's copy."""
    arts = [Article(k, k, ORIGIN, outlet=f"{k.upper()} News", published=f"2024-03-0{d}")
            for k, d in (("o", 1), ("r", 2), ("c", 3))]
    edges = [e for e in run(arts, config).edges if e.kind == "derived"]
    assert {(e.source, e.target) for e in edges} == {("o", "r"), ("r", "c"), ("o", "c")}
    into_c = [e for e in edges if e.target == "c"]
    assert all(any("either may be its parent" in r for r in e.reasons) for e in into_c)
    assert all(e.passages for e in into_c)
    (first,) = [e for e in edges if e.target == "r"]
    assert not any("either may" in r for r in first.reasons)


def test_copy_without_the_reprints_credit_lead_is_the_sources_copy(config: Config) -> None:
    """The reprint put a credit before the text; a later copy begins, as the source
    does, with the text itself: it was not copied from the reprint (no tie)."""
    arts = [Article("o", "o", ORIGIN, outlet="Port Gazette", published="2024-03-01"),
            Article("r", "r", "According to the Port Gazette, " + ORIGIN, outlet="R News",
                    published="2024-03-02"),
            Article("c", "c", ORIGIN, outlet="C News", published="2024-03-03")]
    assert derived(arts, config) == {("o", "r"), ("o", "c")}


def test_reprint_edit_carried_by_the_copy_decides_without_a_tie(config: Config) -> None:
    """The reprint changed two words and the copy carries them: one parent only."""
    edited = ORIGIN.replace("six weeks", "six full weeks")
    arts = [Article("o", "o", ORIGIN, outlet="O News", published="2024-03-01"),
            Article("r", "r", edited, outlet="R News", published="2024-03-02"),
            Article("c", "c", edited, outlet="C News", published="2024-03-03")]
    assert derived(arts, config) == {("o", "r"), ("r", "c")}


def test_credit_to_the_origin_does_not_hide_the_rewrite_copied(config: Config) -> None:
    edited = (ORIGIN.replace("six weeks", "six full weeks")
              .replace("Shipping lines", "Several large shipping lines")
              .replace("container traffic", "inbound container traffic")
              .replace("the new shift patterns", "the proposed new shift patterns"))
    origin = Article("o", "o", ORIGIN, outlet="Port Gazette", published="2024-03-01")
    rewrite = Article("m", "m", edited, outlet="Harbour Times", published="2024-03-02")
    copy = Article("c", "c", "According to the Port Gazette, " + edited, outlet="Coast News",
                   published="2024-03-03")
    assert derived([origin, rewrite, copy], config) == {("o", "m"), ("m", "c")}


CURLY = ORIGIN.replace("workers'", "workers’") + " “We were not asked,” a union official said."


def test_copy_losing_typography_is_the_copy(config: Config) -> None:
    straight = CURLY.replace("’", "'").replace("“", '"').replace("”", '"')
    for order in ((0, 1), (1, 0)):
        arts = [Article("fancy", "f", CURLY, outlet="East Post"),
                Article("plain", "p", straight, outlet="West Times")]
        (edge,) = run([arts[k] for k in order], config).edges
        assert (edge.source, edge.target) == ("fancy", "plain")
        assert any("typographic marks" in r for r in edge.reasons)


def test_typography_alike_gives_no_direction(config: Config) -> None:
    a = Article("a", "a", CURLY, outlet="East Post")
    b = Article("b", "b", CURLY + " " + OWN_B, outlet="West Times")
    (edge,) = run([a, b], config).edges
    assert not any("typographic marks" in r for r in edge.reasons)


def _reprint_and_copy(copy_text: str) -> list[Article]:
    """An origin, a reprint that changed one word, and a later copy of one of them."""
    reprint = ORIGIN.replace("container traffic", "freight traffic")
    return [Article("o", "o", ORIGIN, outlet="Port Gazette", published="2024-03-01"),
            Article("r", "r", reprint, outlet="Harbour Times", published="2024-03-02"),
            Article("c", "c", copy_text + " " + OWN_B, outlet="Coast News",
                    published="2024-03-03")]


def test_copy_carrying_one_changed_word_hangs_from_the_reprint(config: Config) -> None:
    copy = ORIGIN.replace("container traffic", "freight traffic")
    assert derived(_reprint_and_copy(copy), config) == {("o", "r"), ("r", "c")}


def test_copy_keeping_the_word_a_reprint_changed_is_its_sibling(config: Config) -> None:
    assert derived(_reprint_and_copy(ORIGIN), config) == {("o", "r"), ("o", "c")}


def test_a_shared_stock_credit_to_the_origin_is_no_edit_of_a_sibling(config: Config) -> None:
    """Two copies of one origin credit it in the same stock words; the later one
    keeps a word the earlier changed, so it is the earlier one's sibling."""
    credit = " The story was first published by the Port Gazette."
    arts = [Article("o", "o", ORIGIN, outlet="Port Gazette", published="2024-03-01"),
            Article("w", "w", ORIGIN.replace("container traffic", "freight traffic") + credit,
                    outlet="Harbour Times", published="2024-03-02"),
            Article("t", "t", ORIGIN + " " + OWN_B + credit, outlet="Coast News",
                    published="2024-03-03")]
    assert derived(arts, config) == {("o", "w"), ("o", "t")}


def _edited(text: str) -> str:
    return (text.replace("divert cargo", "redirect cargo").replace("extend its", "lengthen its")
            .replace("plan ahead", "prepare ahead"))


def _assert_b_before_a(tail_of_a: str, config: Config) -> None:
    """``o`` (dated) -> ``b`` (undated, credits ``o``, verbatim + OWN_A) -> ``a`` (dated
    after ``o``, an edited ``o`` + ``tail_of_a``): found as a chain, and the ``b -> a``
    edge says ``b`` is closer to ``o``."""
    arts = [Article("o", "o", ORIGIN, outlet="Port Gazette", published="2024-03-01"),
            Article("b", "b", "According to the Port Gazette, " + ORIGIN + " " + OWN_A,
                    outlet="Harbour Times"),
            Article("a", "a", _edited(ORIGIN) + " " + tail_of_a, outlet="Coast News",
                    published="2024-03-02")]
    got = run(arts, config)
    assert {(e.source, e.target) for e in got.edges if e.kind == "derived"} == {
        ("o", "b"), ("b", "a")}
    (edge,) = [e for e in got.edges if (e.source, e.target) == ("b", "a")]
    assert any("closer to" in r for r in edge.reasons)


def test_pair_without_evidence_is_ordered_by_fidelity_to_an_upstream_article(
        config: Config) -> None:
    """``b`` (undated) credits the origin, ``a`` is dated after it; between ``a`` and
    ``b`` nothing but their wording decides: ``b`` kept the origin's words where
    ``a`` changed some, and ``a`` carries ``b``'s own paragraph, so ``b`` came first
    although ``a`` is the longer text."""
    _assert_b_before_a(OWN_A + " " + OWN_B, config)


def test_fidelity_to_an_article_found_upstream_outweighs_containment(
        config: Config) -> None:
    """As above, but ``a`` also adds a long paragraph of its own, so containment
    alone would take ``b`` (mostly shared text) for the copy: a first ordering
    places the origin upstream of both, and ``b``'s closer wording decides."""
    own = ("Freight forwarders in the region said the timing was poor, coming just before "
           "the harvest season, and several asked the authority to phase the works so that "
           "at least one berth at the northern terminal stays open throughout.")
    _assert_b_before_a(OWN_A + "\n\n" + own, config)


_SPAN = st.tuples(st.integers(0, 120), st.integers(0, 25)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_SPAN, max_size=12), st.lists(_SPAN, max_size=12))
def test_subtract_is_the_set_difference_of_characters(spans: list[tuple[int, int]],
                                                       holes: list[tuple[int, int]]) -> None:
    got = subtract(spans, holes)
    chars = {c for s, e in spans for c in range(s, e)} - {c for s, e in holes for c in range(s, e)}
    assert {c for s, e in got for c in range(s, e)} == chars
    assert all(s < e for s, e in got) and all(a[1] <= b[0] for a, b in itertools.pairwise(got))
