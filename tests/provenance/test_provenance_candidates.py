"""Candidate pairs from the shingle index: shared text in, boilerplate and strangers out."""

from __future__ import annotations

from newstrace.config import Config
from newstrace.model import Article
from newstrace.provenance.candidates import pairs
from newstrace.provenance.text import fold, quoted_regions, tokens

STORY = ("The regional court on Wednesday rejected an appeal by the mining company against "
         "the fine imposed for polluting the river that supplies three villages with water.")
FOOTER = " Copyright all rights reserved reproduction of this material is strictly prohibited."
UNRELATED = [
    "A new library opened downtown with a reading room for children and a small cafe.",
    "The football club signed a young striker from abroad on a four year contract deal.",
    "Farmers expect a record apple harvest thanks to a mild spring and a warm summer.",
]


def test_copies_pair_up_and_strangers_do_not(config: Config) -> None:
    arts = [Article("orig", "x", STORY), Article("copy", "y", "Update: " + STORY)]
    arts += [Article(f"u{i}", "z", t) for i, t in enumerate(UNRELATED)]
    got = pairs(arts, config)
    assert [(a, b) for a, b, _ in got] == [("copy", "orig")]
    assert got[0][2] > 0.9


def test_boilerplate_shared_by_many_documents_is_ignored(config: Config) -> None:
    cfg = config.with_overrides({"provenance": {"max_shingle_df": 3}})
    arts = [Article(f"d{i}", "x", f"Story number {i} about topic {i * 7}." + FOOTER)
            for i in range(20)]
    assert pairs(arts, cfg) == []


def test_normalisation_folds_house_styles() -> None:
    assert fold("Colour") == fold("color")
    assert fold("organise") == fold("organize")
    assert fold("U.S.") == fold("US")
    assert fold("Sol-hwa") == fold("Solhwa")
    assert [t.norm for t in tokens("Japan's “military” giant")] == ["japan", "military", "giant"]


def test_quoted_regions_cover_straight_and_curly_quotes() -> None:
    text = 'He said "we will win" and she said “never”.'
    spans = [text[s:e] for s, e in quoted_regions(text)]
    assert spans == ["we will win", "never"]
