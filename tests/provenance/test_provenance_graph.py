"""Graph decisions on small constructed stories: chains, siblings, quotes, dates."""

from __future__ import annotations

from port_story import ORIGIN, OWN_A, OWN_B, run

from newstrace.config import Config
from newstrace.model import Article


def test_chain_is_found_through_the_intermediate(config: Config) -> None:
    origin = Article("o", "o", ORIGIN, outlet="Port Gazette", published="2024-03-01")
    middle = Article("m", "m", ORIGIN + " " + OWN_A, outlet="Harbour Times",
                     published="2024-03-02")
    last = Article("l", "l", OWN_B + " " + ORIGIN.split(". ", 1)[1] + " " + OWN_A,
                   outlet="Coast News", published="2024-03-03")
    prov = run([origin, middle, last], config)
    derived = {(e.source, e.target) for e in prov.edges if e.kind == "derived"}
    assert derived == {("o", "m"), ("m", "l")}
    assert prov.origins == ["o"]
    (edge,) = [e for e in prov.edges if (e.source, e.target) == ("m", "l")]
    assert any("not found in Port Gazette" in r for r in edge.reasons)
    assert any("published 2024-03-03 after" in r for r in edge.reasons)


def test_two_copies_of_one_source_are_siblings(config: Config) -> None:
    origin = Article("o", "o", ORIGIN, outlet="Port Gazette", published="2024-03-01")
    one = Article("a", "a", OWN_B + " " + ORIGIN, outlet="Harbour Times",
                  published="2024-03-02")
    two = Article("b", "b", ORIGIN + " " + OWN_A, outlet="Coast News", published="2024-03-03")
    prov = run([origin, one, two], config)
    derived = {(e.source, e.target) for e in prov.edges if e.kind == "derived"}
    assert derived == {("o", "a"), ("o", "b")}
    common = [e for e in prov.edges if e.kind == "common-source"]
    assert [{e.source, e.target} for e in common] == [{"a", "b"}]


def test_credit_decides_direction_without_dates(config: Config) -> None:
    origin = Article("o", "o", ORIGIN, outlet="Port Gazette")
    copy = Article("c", "c", "According to the Port Gazette, " + ORIGIN[4:], outlet="Daily Wire")
    prov = run([copy, origin], config)
    (edge,) = prov.edges
    assert (edge.source, edge.target, edge.kind) == ("o", "c", "derived")
    assert [a.credited for a in edge.attributions] == ["Port Gazette"]


def test_shared_quote_alone_is_not_copying(config: Config) -> None:
    speech = ("We will not accept any plan that puts the jobs of our members at risk, and we "
              "will take every step the law allows to defend the people who keep this port "
              "running day and night")
    a = Article("a", "a", f'The union leader said: "{speech}." ' + OWN_A, outlet="A Post")
    b = Article("b", "b", f'"{speech}," the union leader told a rally. ' + OWN_B,
                outlet="B Times")
    prov = run([a, b], config)
    assert [e.kind for e in prov.edges] == ["common-source"]
    assert sorted(prov.origins) == ["a", "b"]


def test_unrelated_articles_have_no_edges(config: Config) -> None:
    prov = run([Article("a", "a", ORIGIN), Article("b", "b", OWN_A)], config)
    assert prov.edges == [] and prov.origins == ["a", "b"]


def test_a_credit_line_copied_from_a_reprint_points_at_the_reprint(config: Config) -> None:
    origin = Article("o", "o", ORIGIN, outlet="Port Gazette", published="2024-03-01")
    reprint = Article("r", "r", "According to the Port Gazette, " + ORIGIN,
                      outlet="Harbour Times", published="2024-03-02")
    copy = Article("c", "c", "According to the Port Gazette, " + ORIGIN + " " + OWN_B,
                   outlet="Coast News", published="2024-03-03")
    prov = run([origin, reprint, copy], config)
    derived = {(e.source, e.target) for e in prov.edges if e.kind == "derived"}
    # the copy names the gazette, but its credit line is the reprint's own text
    assert derived == {("o", "r"), ("r", "c")}


def test_one_word_registered_outlet_credit_decides_direction(config: Config) -> None:
    origin = Article("o", "o", ORIGIN, outlet="Reuters")
    copy = Article("c", "c", ORIGIN + " That is according to Reuters.", outlet="Coast News")
    prov = run([copy, origin], config)
    (edge,) = prov.edges
    assert (edge.source, edge.target, edge.kind) == ("o", "c", "derived")
    assert [a.credited for a in edge.attributions] == ["Reuters"]
