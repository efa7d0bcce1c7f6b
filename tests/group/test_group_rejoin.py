"""The rejoin pass: split halves of one event come back together, other events stay apart."""

from __future__ import annotations

import itertools

from newstrace.config import Config
from newstrace.group import events
from newstrace.group.rejoin import article_years, rejoin
from newstrace.model import Article

# Two loose clusters {0,1,2} and {3,4,5}: inside edges 0.3, cross edges 0.2.  Mean cross
# edge 0.2 fails a 0.22 linkage cut, but against each cluster's own tightness
# (cohesion (3 + 6 * 0.3) / 9 = 0.533) the score is 0.2 / 0.533 = 0.375.
LOOSE = {
    **{(i, j): 0.3 for i, j in itertools.combinations(range(3), 2)},
    **{(i, j): 0.3 for i, j in itertools.combinations(range(3, 6), 2)},
    **{(i, j): 0.2 for i in range(3) for j in range(3, 6)},
}
HALVES = [[0, 1, 2], [3, 4, 5]]


def test_article_years_reads_four_digit_years_only() -> None:
    text = "In March 2011 the plant, built in 1971, lost 2500 jobs; in 2012 it closed."
    assert article_years(text) == {"2011", "1971", "2012"}


def test_loose_halves_of_one_year_rejoin(config: Config) -> None:
    years = [{"2011"}] * 6
    assert rejoin(HALVES, LOOSE, years, config) == [[0, 1, 2, 3, 4, 5]]


def test_halves_about_different_years_stay_apart(config: Config) -> None:
    years = [{"2011"}] * 3 + [{"2014"}] * 3
    assert rejoin(HALVES, LOOSE, years, config) == HALVES


def test_without_years_the_higher_bar_applies(config: Config) -> None:
    years: list[set[str]] = [set()] * 6
    assert rejoin(HALVES, LOOSE, years, config) == HALVES  # 0.375 < rejoin_unsure 0.5
    lower = config.with_overrides({"events": {"rejoin_unsure": 0.35}})
    assert rejoin(HALVES, LOOSE, years, lower) == [[0, 1, 2, 3, 4, 5]]


def test_tight_clusters_with_the_same_cross_edges_stay_apart(config: Config) -> None:
    # Same cross edges, but each cluster is tight (inside 0.9): the halves are two events.
    tight = {k: (0.9 if w == 0.3 else w) for k, w in LOOSE.items()}
    years = [{"2011"}] * 6
    assert rejoin(HALVES, tight, years, config) == HALVES


def test_singletons_are_judged_by_their_plain_edge(config: Config) -> None:
    years = [{"2011"}, {"2011"}]
    assert rejoin([[0], [1]], {(0, 1): 0.3}, years, config) == [[0], [1]]
    assert rejoin([[0], [1]], {(0, 1): 0.4}, years, config) == [[0, 1]]


def test_locked_groups_never_merge_with_each_other(config: Config) -> None:
    years = [{"2011"}] * 6
    assert rejoin(HALVES, LOOSE, years, config, locked={0, 1}) == HALVES
    assert rejoin(HALVES, LOOSE, years, config, locked={0}) == [[0, 1, 2, 3, 4, 5]]


def test_threshold_above_one_turns_the_pass_off(config: Config) -> None:
    off = config.with_overrides({"events": {"rejoin_threshold": 1.5}})
    assert rejoin(HALVES, LOOSE, [{"2011"}] * 6, off) == HALVES


def test_assign_keeps_existing_events_apart_after_rejoin(config: Config) -> None:
    # Two existing events about the same kind of thing must keep their ids and members.
    bodies = [
        "Flood waters rose in Marlow in 2011 and 300 homes were evacuated by the Harbour Trust.",
        "Flood waters rose in Dunmore in 2011 and 120 homes were evacuated by volunteers.",
    ]
    arts = {f"a{i}": Article(id=f"a{i}", source="x", body=b) for i, b in enumerate(bodies)}
    existing = [events.cluster([arts["a0"]], config)[0], events.cluster([arts["a1"]], config)[0]]
    new = Article(id="a2", source="x", body=bodies[0] + " Pumps arrived overnight.")
    arts["a2"] = new
    out = events.assign([new], existing, arts, config)
    ids = {ev.id for ev in out}
    assert {ev.id for ev in existing} <= ids
    assert sorted(a for ev in out for a in ev.article_ids) == ["a0", "a1", "a2"]
    assert not any({"a0", "a1"} <= set(ev.article_ids) for ev in out)
