"""This round's attribution rules, each on a short text a reader can check by eye."""

from __future__ import annotations

from quote_text import by_cue as _by_cue
from quote_text import quotes_of as _quotes

from newstrace.config import Config
from newstrace.nlp import load_nlp


def test_sentences_break_at_paragraph_breaks() -> None:
    doc = load_nlp()("Storm Warning For The Coast Tonight\n\nOfficials said the port would close.")
    starts = [s.text.strip() for s in doc.sents]
    assert "Officials said the port would close." in starts


def test_dateline_is_never_the_speaker(config: Config) -> None:
    body = ("LISBON, May 15 (Lusa) -- Portugal said Monday the United States is behind "
            "the new trade rules.")
    art, qs = _quotes(body, config)
    q = _by_cue(art, qs, "said")
    assert q.speaker is not None and art.text(q.speaker) == "Portugal"


def test_demonstrative_and_expletive_it_are_not_speakers(config: Config) -> None:
    body = ("The ministry published its figures on Monday. All this indicates that "
            "exports will fall. It is known that the harbour needs repairs.")
    art, qs = _quotes(body, config)
    assert _by_cue(art, qs, "indicates").speaker is None
    assert _by_cue(art, qs, "known").speaker is None


def test_quotation_inside_a_sentence_belongs_to_its_subject(config: Config) -> None:
    body = ("Mayor Lena Ortiz opened the bridge on Sunday.\n\n"
            'Critic Paul Weber warned that the new toll would become "a burden for every '
            'family that lives across the river."')
    art, qs = _quotes(body, config)
    quoted = [q for q in qs if "a burden for every family" in art.text(q.content[-1])]
    assert quoted and quoted[0].speaker is not None
    assert "Paul Weber" in art.text(quoted[0].speaker)


def test_subject_parsed_as_apposition_of_an_opening_phrase(config: Config) -> None:
    body = ('In a statement to the Gazette, her senior adviser, Tom Lund, said: "The plan '
            'is sound and it will pass next week."')
    art, qs = _quotes(body, config)
    q = next(q for q in qs if q.kind == "direct")
    assert q.speaker is not None and "Tom Lund" in art.text(q.speaker)


def test_speaker_phrase_excludes_its_own_relative_clause(config: Config) -> None:
    body = "The senator, who said the vote was rigged, left the chamber early."
    art, qs = _quotes(body, config)
    q = _by_cue(art, qs, "said")
    assert q.speaker is not None
    assert art.text(q.speaker) in ("The senator, who", "The senator")
    assert "said" not in art.text(q.speaker)


def test_reported_content_leaves_out_speaker_and_cue(config: Config) -> None:
    body = "The council approved the budget, which critics say is far too small."
    art, qs = _quotes(body, config)
    q = _by_cue(art, qs, "say")
    content = " ".join(art.text(s) for s in q.content)
    assert "critics" not in content and "far too small" in content


def test_intention_verbs_attribute_their_infinitive(config: Config) -> None:
    body = "The company declined to comment on the layoffs at its Ohio plant."
    art, qs = _quotes(body, config)
    q = _by_cue(art, qs, "declined")
    assert [art.text(s) for s in q.content] == ["to comment on the layoffs at its Ohio plant"]
    assert q.speaker is not None and art.text(q.speaker) == "The company"


def test_quotation_introduced_by_its_own_cue_is_not_swallowed(config: Config) -> None:
    body = ('Berg defended the plan for a new sea wall in the harbour, adding, "We have '
            'waited for this wall for twenty years."')
    art, qs = _quotes(body, config)
    direct = [q for q in qs if q.kind == "direct"]
    assert [art.text(s) for s in direct[0].content] == [
        "We have waited for this wall for twenty years."]
    assert direct[0].cue is not None and art.text(direct[0].cue) == "adding"


def test_named_speaker_before_a_colon(config: Config) -> None:
    body = ('The early results did not surprise pollster Ann Lee: "Turnout in the cities '
            'was higher than in any election since 1990."')
    art, qs = _quotes(body, config)
    q = next(q for q in qs if q.kind == "direct")
    assert q.speaker is not None and art.text(q.speaker) == "Ann Lee"


def test_any_finite_verb_in_the_attribution_slot(config: Config) -> None:
    body = '"You are wasting everyone\'s time tonight," Ortiz shot back.'
    art, qs = _quotes(body, config)
    q = next(q for q in qs if q.kind == "direct")
    assert q.cue is not None and art.text(q.cue) == "shot"
    assert q.speaker is not None and art.text(q.speaker) == "Ortiz"


def test_headline_labels_are_not_speakers(config: Config) -> None:
    body = ("BREAKING: Senate passes the farm bill after a long night\n\n"
            "Q: Will you run again next year?\n\n"
            "Senator Ruiz: We will keep fighting for the farmers of this state")
    art, qs = _quotes(body, config)
    speakers = [art.text(q.speaker) for q in qs if q.speaker is not None]
    assert "BREAKING" not in speakers and "Q" not in speakers
    assert "Senator Ruiz" in speakers


def test_reporting_participle_belongs_to_the_cue_speaker(config: Config) -> None:
    body = ("The union said on Monday the company is behind the closures of the "
            "northern plants (NP), denouncing its managers for cutting hundreds of jobs.")
    art, qs = _quotes(body, config)
    q = _by_cue(art, qs, "denouncing")
    assert q.speaker is not None and art.text(q.speaker) == "The union"


def test_a_clause_before_a_semicolon_is_not_the_next_cues_statement(config: Config) -> None:
    # "X; she backs Y" is two clauses, not a trailing attribution of X.
    body = ("He proposes breaking up the big port authority that has grown since the flood; "
            "she backs tougher audits but embraces the 2010 harbour law.")
    art, qs = _quotes(body, config)
    backs = [q for q in qs if q.cue is not None and art.text(q.cue) == "backs"]
    assert backs and all("breaking up" not in art.text(s) for q in backs for s in q.content)
