"""What an analyst reads off the five bundled seed articles after ingest."""

from __future__ import annotations

import dataclasses

import pytest

from newstrace.model import Article, Evidence


def test_five_seeds_read_without_skips(config, examples_dir) -> None:
    from newstrace.ingest import read_paths

    result = read_paths([examples_dir], config)
    assert result.skipped == []
    assert len(result.articles) == 5


def test_yonhap_report(seed_articles: dict[str, Article]) -> None:
    a = seed_articles["000"]
    assert a.outlet == "Yonhap"
    assert a.outlet_evidence is not None and a.outlet_evidence.how == "dateline"
    assert a.published == "2023-05-15"
    assert a.dateline_place == "Seoul"
    assert len(a.captions) == 1 and a.captions[0].startswith("This file photo, taken June 29, 2022")
    assert "This file photo" not in a.body
    assert a.body.startswith("SEOUL, May 15 (Yonhap) --")
    assert "date 2023-05-15" not in a.body
    assert a.language == "en"


def test_rt_article(seed_articles: dict[str, Article]) -> None:
    a = seed_articles["001"]
    assert a.outlet == "RT"
    assert a.title == (
        "The DPRK slammed Tokyo’s plans to open the first Asia-based liaison office "
        "for the US-led military bloc"
    )
    assert a.published is None  # only "on Monday" / "last month" / "April 4"
    assert "Source: RT" not in a.body
    assert not a.body.startswith("The DPRK slammed")
    assert a.body.startswith("North Korea’s Foreign Ministry has claimed")


def test_tass_report(seed_articles: dict[str, Article]) -> None:
    a = seed_articles["002"]
    assert a.outlet == "TASS"
    assert a.published == "2023-05-15"
    assert a.dateline_place == "Seoul"


def test_kcna_statement(seed_articles: dict[str, Article]) -> None:
    a = seed_articles["003"]
    assert a.outlet == "KCNA"
    assert a.title == "Japan's Military Collusion with NATO under Fire"
    assert a.published == "2023-05-15"
    assert a.published_evidence is not None and "juche" in a.published_evidence.how
    assert a.dateline_place == "Pyongyang"
    assert a.author == "Kim Sol Hwa"
    assert "-0-" not in a.body and "kcna.kp" not in a.body and "##" not in a.body
    assert a.url == "http://www.kcna.kp"
    paras = [a.text(s) for s in a.paragraphs]
    joined = [p for p in paras if "vowed to raise relations with NATO" in p]
    assert len(joined) == 1
    assert any("after transforming QUAD" in p for p in paras)
    assert paras[-1].endswith("will only lead it to the second ruin.")


def test_firstpost_article(seed_articles: dict[str, Article]) -> None:
    a = seed_articles["004"]
    assert a.outlet == "Firstpost"
    assert a.title == "North Korea Slams Japan’s NATO Mission, Warns of Increased Military Tensions"
    assert a.published is None
    assert "References" in a.furniture and "Exit mobile version" in a.furniture
    assert "Exit mobile version" not in a.body and "Courtesy" not in a.body
    assert not a.body.rstrip().endswith("References")


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_every_evidence_points_at_its_raw_string(seed_articles, key) -> None:
    a = seed_articles[key]
    evidences = [v for v in dataclasses.asdict(a).values()
                 if isinstance(v, dict) and {"raw", "how", "start", "end"} == set(v)]
    assert evidences, "each seed carries some metadata evidence"
    for ev in map(lambda d: Evidence(**d), evidences):
        assert ev.start is not None and ev.end is not None
        assert ev.raw in a.raw[ev.start : ev.end]


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_paragraph_spans_tile_the_body(seed_articles, key) -> None:
    a = seed_articles[key]
    texts = [a.text(s) for s in a.paragraphs]
    assert "\n\n".join(texts) == a.body
    assert all(t.strip() == t and t for t in texts)
