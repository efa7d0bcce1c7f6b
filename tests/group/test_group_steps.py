"""events.cluster reports its steps' time; the collection-IDF share mixes two cosines."""

from __future__ import annotations

import numpy as np

from newstrace.config import Config
from newstrace.group import events
from newstrace.group.features import build
from newstrace.model import Article

TEXTS = {
    "a": "Floods hit Marlow on Monday. Rescuers moved 340 families from the river bank.",
    "b": "Rescuers in Marlow moved 340 families as floods rose on Monday, officials said.",
    "c": "A fire closed the Dunmore mill on Friday. Crews saved the old warehouse.",
    "d": "Crews fought a fire at the Dunmore mill on Friday and saved its warehouse.",
}


def _arts() -> list[Article]:
    return [Article(id=k, source=f"{k}.txt", body=v) for k, v in TEXTS.items()]


def test_cluster_reports_each_step_and_the_same_events(config: Config) -> None:
    steps: dict[str, float] = {}
    timed = events.cluster(_arts(), config, timings=steps)
    plain = events.cluster(_arts(), config)
    assert [e.article_ids for e in timed] == [e.article_ids for e in plain]
    assert sorted(sorted(e.article_ids) for e in plain) == [["a", "b"], ["c", "d"]]
    assert set(steps) == {
        "features", "candidates", "neardup", "edges", "linkage", "rejoin", "events",
    }
    assert all(v >= 0 for v in steps.values())


def test_collection_share_mixes_blended_and_own_idf_cosines(config: Config) -> None:
    arts = _arts()
    share = 0.3
    mixed = build(arts, config.with_overrides({"events": {"collection_share": share}}))
    blended = build(arts, config)
    own = build(arts, config.with_overrides({"events": {"background_docs": 0.0}}))

    def sims(f):  # type: ignore[no-untyped-def]
        return (f.combined @ f.combined.T).toarray()

    expected = (1 - share) * sims(blended) + share * sims(own)
    assert np.allclose(sims(mixed), expected, atol=1e-5)
    assert np.allclose(np.diag(sims(mixed)), 1.0, atol=1e-5)  # rows stay unit length
