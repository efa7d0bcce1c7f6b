"""The learned detector for attributing verbs beyond the lexicon."""

from __future__ import annotations

from newstrace.config import Config
from newstrace.model import Article
from newstrace.nlp import parse
from newstrace.quotes import learned
from newstrace.quotes.extract import extract, learned_candidates


def _article(body: str) -> Article:
    return Article(id=f"l{abs(hash(body))}", source="test", body=body)


def test_candidates_skip_lexicon_verbs_and_give_spans() -> None:
    art = _article("The governor said that taxes would rise. "
                   "The senator downplayed the risk of a shutdown.")
    doc = parse([art])[art.id]
    cands = learned_candidates(doc, art.body)
    assert [c.verb.text for c in cands] == ["downplayed"]
    c = cands[0]
    assert art.body[c.content[0]:c.content[1]] == "the risk of a shutdown"
    assert c.speaker is not None and art.body[c.speaker[0]:c.speaker[1]] == "The senator"


def test_score_is_a_probability_that_rises_with_positive_evidence() -> None:
    weights = {"bias": -1.0, "w=hailed": 2.0}
    assert 0.0 < learned.score({"bias": 1.0}, weights) < 0.5
    assert learned.score({"bias": 1.0, "w=hailed": 1.0}, weights) > 0.5


def test_shipped_weights_find_a_stance_verb_outside_the_lexicon(config: Config) -> None:
    body = "The mayor downplayed concerns about the water supply during the briefing."
    art = _article(body)
    quotes = extract(art, config)
    assert any(art.text(q.content[0]).startswith("concerns about the water supply")
               for q in quotes)
    off = config.with_overrides({"quotes": {"learned_threshold": 1.0}})
    assert not any(q.cue is not None and art.text(q.cue) == "downplayed"
                   for q in extract(art, off))
