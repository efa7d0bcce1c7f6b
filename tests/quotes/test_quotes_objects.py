"""Round-5 attribution rules (quotes.v5), each on a short invented text a reader can check."""

from __future__ import annotations

from quote_text import by_cue as _by_cue
from quote_text import quotes_of as _quotes

from newstrace.config import Config
from newstrace.model import Article, Quote


def _content(art: Article, q: Quote) -> list[str]:
    return [art.text(s) for s in q.content]


def test_reporting_verb_with_an_object_reports_it(config: Config) -> None:
    art, qs = _quotes("The harbour company denied the claims on Tuesday.", config)
    q = _by_cue(art, qs, "denied")
    assert _content(art, q) == ["the claims"]
    assert q.speaker is not None and art.text(q.speaker) == "The harbour company"


def test_continue_takes_no_statement_object(config: Config) -> None:
    art, qs = _quotes("The singer continued the tour in Porto.", config)
    assert not [q for q in qs if q.cue is not None and art.text(q.cue) == "continued"]


def test_expectation_without_a_holder(config: Config) -> None:
    art, qs = _quotes("The mayor is expected to win the runoff.", config)
    q = _by_cue(art, qs, "expected")
    assert _content(art, q) == ["The mayor", "to win the runoff"]
    assert q.speaker is None


def test_polls_show_a_finding(config: Config) -> None:
    art, qs = _quotes("Recent polls show the mayor ahead by ten points.", config)
    q = _by_cue(art, qs, "show")
    assert _content(art, q) == ["the mayor ahead by ten points"]
    assert q.speaker is not None and art.text(q.speaker) == "Recent polls"


def test_passive_cue_speaks_through_its_agent(config: Config) -> None:
    art, qs = _quotes("Ann Lee was asked by a reporter whether she would run again.", config)
    q = _by_cue(art, qs, "asked")
    assert q.speaker is not None and art.text(q.speaker) == "a reporter"


def test_as_aside_attributes_its_sentence(config: Config) -> None:
    art, qs = _quotes("As the auditor put it, the budget is simply out of control.", config)
    q = _by_cue(art, qs, "put")
    assert q.speaker is not None and art.text(q.speaker) == "the auditor"
    assert "the budget is simply out of control" in " ".join(_content(art, q))


def test_statement_saying_is_the_issuers(config: Config) -> None:
    art, qs = _quotes("The senator issued a statement saying the vote had been unfair.",
                      config)
    q = _by_cue(art, qs, "saying")
    assert q.speaker is not None and art.text(q.speaker) == "The senator"


def test_short_exclamation_is_an_utterance(config: Config) -> None:
    art, qs = _quotes("The crowd broke into chants of “Lock the gates!” as she spoke.", config)
    assert any(_content(art, q) == ["Lock the gates!"] and q.kind == "direct" for q in qs)


def test_inverted_unlisted_cue(config: Config) -> None:
    art, qs = _quotes("“They have never seen a budget before,” scoffed Ann Lee, a councillor.",
                      config)
    q = next(q for q in qs if q.kind == "direct")
    assert q.speaker is not None and "Ann Lee" in art.text(q.speaker)


def test_plural_role_is_not_one_person(config: Config) -> None:
    body = ("Ann Lee, an official of the port authority, met the mayor on Monday. "
            "The two officials vowed to reopen the harbour.")
    art, qs = _quotes(body, config)
    q = _by_cue(art, qs, "vowed")
    assert q.speaker is not None and art.text(q.speaker) == "The two officials"
    assert q.speaker_name != "Ann Lee"


def test_trailing_attribution_claims_the_sentence(config: Config) -> None:
    body = "They want to build a new bridge, the mayor said."
    art, qs = _quotes(body, config)
    q = next(q for q in qs if "build a new bridge" in " ".join(_content(art, q)))
    assert q.speaker is not None and art.text(q.speaker) == "the mayor"


def test_possessed_claim_is_its_owners(config: Config) -> None:
    art, qs = _quotes("The mayor's claim that the bridge is safe drew criticism from engineers.",
                      config)
    q = _by_cue(art, qs, "claim")
    assert q.speaker is not None and art.text(q.speaker) == "The mayor's"
    assert _content(art, q) == ["that the bridge is safe"]


def test_stance_noun_without_owner_reports_nothing(config: Config) -> None:
    art, qs = _quotes("The claim that the bridge is safe drew criticism from engineers.", config)
    assert not [q for q in qs if q.cue is not None and art.text(q.cue) == "claim"]


def test_reporter_is_credited_over_a_repeating_pronoun(config: Config) -> None:
    art, qs = _quotes("The mayor said she told the council: “The old bridge will stand.”",
                      config)
    q = _by_cue(art, qs, "told")
    assert q.speaker is not None and art.text(q.speaker) == "The mayor"


def test_relative_that_is_in_the_speaker_span_not_the_name(config: Config) -> None:
    art, qs = _quotes("He founded a group that endorsed the mayor last week.", config)
    q = _by_cue(art, qs, "endorsed")
    assert q.speaker is not None and art.text(q.speaker) == "a group that"
    assert q.speaker_name == "a group"
