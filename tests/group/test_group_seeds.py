"""The user's seed story: four reports of one statement, and a later statement."""

from __future__ import annotations

from newstrace.config import Config
from newstrace.group import events, explain, threads
from newstrace.model import Article, Event

ONE_EVENT = ("000", "001", "002", "003")


def _event_of(found: list[Event], article: Article) -> Event:
    (ev,) = [e for e in found if article.id in e.article_ids]
    return ev


def test_seed_events_separate_the_later_statement(
    seed_articles: dict[str, Article], config: Config
) -> None:
    arts = [seed_articles[k] for k in sorted(seed_articles)]
    found = events.cluster(arts, config)
    assert sorted(a for e in found for a in e.article_ids) == sorted(a.id for a in arts)
    first = _event_of(found, seed_articles["000"])
    assert set(first.article_ids) == {seed_articles[k].id for k in ONE_EVENT}
    later = _event_of(found, seed_articles["004"])
    assert later.article_ids == [seed_articles["004"].id]
    assert "2023-05-15" in first.dates
    assert first.label and later.label
    assert "NATO" in first.key_entities or "Japan" in first.key_entities


def test_seed_event_ids_do_not_depend_on_input_order(
    seed_articles: dict[str, Article], config: Config
) -> None:
    arts = [seed_articles[k] for k in sorted(seed_articles)]
    ids = {e.id: sorted(e.article_ids) for e in events.cluster(arts, config)}
    again = {e.id: sorted(e.article_ids) for e in events.cluster(arts[::-1], config)}
    assert ids == again


def test_seed_threads_link_both_events(seed_articles: dict[str, Article], config: Config) -> None:
    arts = list(seed_articles.values())
    found = events.cluster(arts, config)
    story = threads.link(found, arts, config)
    assert len(story) == 1
    (thread,) = story
    assert sorted(thread.event_ids) == sorted(e.id for e in found)
    assert [ev_id for _, ev_id in thread.timeline] == thread.event_ids
    first = _event_of(found, seed_articles["000"])
    assert thread.timeline[0] == ("2023-05-15", first.id)  # the dated event leads
    assert thread.label


def test_seed_incremental_assign_matches_batch(
    seed_articles: dict[str, Article], config: Config
) -> None:
    arts = [seed_articles[k] for k in sorted(seed_articles)]
    by_id = {a.id: a for a in arts}
    start = events.cluster([seed_articles[k] for k in ("000", "002", "003", "004")], config)
    assert len(start) == 2
    grown = events.assign([seed_articles["001"]], start, by_id, config)
    batch = events.cluster(arts, config)
    assert sorted(sorted(e.article_ids) for e in grown) == sorted(
        sorted(e.article_ids) for e in batch
    )
    kept = _event_of(grown, seed_articles["000"])
    assert kept.id == _event_of(start, seed_articles["000"]).id  # grown event keeps its id
    assert seed_articles["001"].id in kept.article_ids


def test_seed_explain_names_the_deciding_signals(
    seed_articles: dict[str, Article], config: Config
) -> None:
    arts = list(seed_articles.values())
    apart = explain.explain(seed_articles["000"], seed_articles["004"], arts, config)
    assert apart["same_event"] is False
    edge = next(s for s in apart["signals"] if s["signal"] == "edge_weight")
    assert edge["threshold"] >= config.section("events").float("threshold")
    assert "different events" in apart["verdict"]
    together = explain.explain(seed_articles["000"], seed_articles["002"], arts, config)
    assert together["same_event"] is True
    names = {s["signal"] for s in together["signals"]}
    assert {"words_cosine", "names_cosine", "shared_neighbours", "date_gap_days"} <= names
    assert together["shared_terms"]["words"]


def _partition(
    found: list[Event], seeds: dict[str, Article], keys: tuple[str, ...]
) -> list[list[str]]:
    name = {seeds[k].id: k for k in keys}
    return sorted(sorted(name[a] for a in e.article_ids) for e in found)


def test_seed_split_holds_on_subsets(seed_articles: dict[str, Article], config: Config) -> None:
    """A user may load only some of the reports: the later statement still stands apart."""
    for keys in (
        ("000", "001", "003", "004"),
        ("000", "002", "004"),
        ("000", "001", "002", "004"),
        ("001", "002", "003", "004"),
        ("000", "003", "004"),
        ("000", "004"),
        ("003", "004"),
    ):
        found = events.cluster([seed_articles[k] for k in keys], config)
        first = [k for k in keys if k != "004"]
        assert _partition(found, seed_articles, keys) == sorted([first, ["004"]]), keys


def test_seed_rewrites_group_without_the_later_event(
    seed_articles: dict[str, Article], config: Config
) -> None:
    """The four reports of one statement are one event even when nothing else is loaded."""
    for keys in (ONE_EVENT, ("000", "001", "002"), ("001", "003"), ("000", "001")):
        found = events.cluster([seed_articles[k] for k in keys], config)
        assert len(found) == 1, keys
