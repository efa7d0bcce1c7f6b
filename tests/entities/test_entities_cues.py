"""Entity cues: what resolution needs of a parse, computed per article, so it never parses."""

from __future__ import annotations

import pytest

from newstrace.config import Config
from newstrace.entities.cues import cues_of, extract_cues, name_shaped_spans
from newstrace.entities.mentions import extract_mentions
from newstrace.entities.resolve import resolve
from newstrace.model import Article, EntityCues, Mention, Span, from_dict, to_dict
from newstrace.nlp import parse

_STORY = [
    Article(id="a1", source="a1", body=(
        "Harlan Voss, a senior hydrology researcher, said the dam would hold at the "
        "Tidewater Institute. The researcher added that repairs were due in May.")),
    Article(id="a2", source="a2", body=(
        "Harlan Voss, who has studied the river for a decade, warned of floods. "
        "The Tidewater Institute published the survey on Monday.")),
]


def _texts(body: str) -> set[str]:
    return {body[s:e] for s, e in name_shaped_spans(body)}


def test_name_shaped_spans_are_the_places_a_missed_name_can_be() -> None:
    body = "Officials met Kim Ho-sung's envoy in the U.S., then Marta Bell of Acme Corp spoke."
    texts = _texts(body)
    assert {"Kim Ho-sung", "Ho-sung", "U.S.", "Marta Bell of Acme Corp", "Acme Corp"} <= texts
    assert "Acme" not in texts, "followed by a name word: part of a longer name"
    assert "Officials met" not in texts and "envoy" not in " ".join(texts)
    assert "Ho" not in texts, "never the first half of a hyphenated word"


def test_roles_are_kept_for_names_the_tagger_did_not_propose(config: Config) -> None:
    """A name found later (no NER mention given here) still has its apposition."""
    art = _STORY[0]
    cues = cues_of(art, parse([art])[art.id], [], config)
    roles = {art.body[r.start:r.end]: r.roles for r in cues.roles}
    assert any("researcher" in r for r in roles.get("Harlan Voss", []))
    assert "NOM" in {ref.kind for ref in cues.references}
    nom = [ref.text for ref in cues.references if ref.kind == "NOM"]
    assert "researcher" in nom


def test_cues_survive_the_store_round_trip(config: Config) -> None:
    cues = extract_cues(_STORY, extract_mentions(_STORY, config), config)
    for cue in cues.values():
        assert from_dict(EntityCues, to_dict(cue)) == cue


def test_resolution_reads_cues_and_never_parses(config: Config,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    mentions = extract_mentions(_STORY, config)
    cues = extract_cues(_STORY, mentions, config)
    expected = resolve(mentions, _STORY, config)

    def no_parse(*_: object, **__: object) -> None:
        raise AssertionError("resolution parsed an article")

    monkeypatch.setattr("newstrace.nlp.parse", no_parse)
    got = resolve(mentions, _STORY, config, cues)
    assert to_dict(got) == to_dict(expected)
    voss = next(e for e in got if e.name == "Harlan Voss")
    assert any("researcher" in r for r in voss.roles)
    assert {m.span.article_id for m in voss.mentions} == {"a1", "a2"}
    assert "NOM" in {m.label for m in voss.mentions}, "'the researcher' refers back to him"


def test_without_cues_no_roles_are_invented(config: Config) -> None:
    """Empty cues (no parse facts) give no roles and no role-noun references."""
    mentions = extract_mentions(_STORY, config)
    bare = resolve(mentions, _STORY, config, {a.id: EntityCues(a.id) for a in _STORY})
    assert all(not e.roles for e in bare)
    assert all(m.label != "NOM" for e in bare for m in e.mentions)


def test_mentions_cut_or_added_at_resolution_get_their_roles(config: Config) -> None:
    """A known name found again where no mention was proposed takes the roles the
    article's parse gave that span."""
    arts = [Article(id="b1", source="b1", body="Dana Pruitt spoke in Oslo on Friday."),
            Article(id="b2", source="b2", body="Dana Pruitt spoke again in Oslo."),
            Article(id="b3", source="b3", body="The mayor, Dana Pruitt, left Oslo.")]
    mentions = extract_mentions(arts, config)
    mentions["b3"] = [m for m in mentions["b3"] if "Pruitt" not in m.text]  # the tagger missed
    cues = extract_cues(arts, mentions, config)
    ents = resolve(mentions, arts, config, cues)
    dana = next(e for e in ents if e.name == "Dana Pruitt")
    assert "b3" in {m.span.article_id for m in dana.mentions}
    assert any("mayor" in r for r in dana.roles)
    assert all(isinstance(m, Mention) and isinstance(m.span, Span) for m in dana.mentions)
