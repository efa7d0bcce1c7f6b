"""Quote extraction on small texts a reader can check by eye."""

from __future__ import annotations

from quote_text import quotes_of as _quotes

from newstrace.config import Config
from newstrace.model import Article, Quote
from newstrace.quotes.extract import extract_many


def _content(art: Article, q: Quote) -> list[str]:
    return [art.text(s) for s in q.content]


def test_direct_quote_with_cue_after(config: Config) -> None:
    art, qs = _quotes('"The bridge will reopen next spring after repairs," the mayor said.', config)
    assert len(qs) == 1
    q = qs[0]
    assert q.kind == "direct"
    assert _content(art, q) == ["The bridge will reopen next spring after repairs"]
    assert q.cue is not None and art.text(q.cue) == "said"
    assert q.speaker is not None and art.text(q.speaker) == "the mayor"


def test_split_quote_is_one_quote_with_two_spans(config: Config) -> None:
    body = ('Maria Lopez chairs the council. "We cannot wait any longer," she said, '
            '"because the river is rising every single day."')
    art, qs = _quotes(body, config)
    direct = [q for q in qs if q.kind == "direct"]
    assert len(direct) == 1
    assert _content(art, direct[0]) == [
        "We cannot wait any longer", "because the river is rising every single day."]
    assert direct[0].speaker_name == "Maria Lopez"


def test_reported_speech_with_that(config: Config) -> None:
    body = "Officials at the port said that the cargo ship had left on Tuesday morning."
    art, qs = _quotes(body, config)
    assert len(qs) == 1 and qs[0].kind == "indirect"
    assert _content(art, qs[0]) == ["that the cargo ship had left on Tuesday morning"]
    assert qs[0].speaker is not None and art.text(qs[0].speaker) == "Officials at the port"


def test_according_to(config: Config) -> None:
    body = "According to the ministry, exports fell by ten percent in March."
    art, qs = _quotes(body, config)
    assert len(qs) == 1
    q = qs[0]
    assert _content(art, q) == ["exports fell by ten percent in March"]
    assert q.speaker is not None and art.text(q.speaker) == "the ministry"
    assert q.cue is not None and art.text(q.cue) == "According to"


def test_mixed_quote_has_quoted_phrase_inside(config: Config) -> None:
    body = 'Peter Brandt said the new tax was "a disaster for small farms" and would fail.'
    art, qs = _quotes(body, config)
    assert len(qs) == 1
    assert qs[0].kind == "mixed"
    assert "a disaster for small farms" in _content(art, qs[0])[0]


def test_scare_quote_alone_is_not_a_quote(config: Config) -> None:
    _, qs = _quotes('The so-called "reform" passed the chamber on Friday.', config)
    assert qs == []


def test_pronoun_and_role_speakers_resolve_to_full_name(config: Config) -> None:
    body = ("Anna Berg, an economist at the central bank, spoke on Monday.\n\n"
            '"Inflation will fall below two percent by the end of the year," she said.\n\n'
            "The economist warned that wages were still rising too fast.\n\n"
            "Berg added that the bank would not cut rates soon.")
    _, qs = _quotes(body, config)
    assert len(qs) == 3
    assert {q.speaker_name for q in qs} == {"Anna Berg"}


def test_unattributed_follow_up_quote_continues_the_same_quote(config: Config) -> None:
    body = ('"We will appeal the ruling in the higher court," the lawyer said.\n\n'
            '"Our client has done nothing wrong and the evidence shows it."\n\n'
            "The trial lasted three weeks.")
    art, qs = _quotes(body, config)
    assert len(qs) == 1
    assert _content(art, qs[0]) == [
        "We will appeal the ruling in the higher court",
        "Our client has done nothing wrong and the evidence shows it."]
    assert qs[0].speaker is not None and art.text(qs[0].speaker) == "the lawyer"


def test_extract_many_matches_extract(config: Config) -> None:
    a = Article(id="m1", source="t", body='"Prices will rise again soon," the baker said.')
    b = Article(id="m2", source="t", body="The baker said that prices would rise again.")
    many = extract_many([a, b], config)
    assert set(many) == {"m1", "m2"}
    assert [q.kind for q in many["m1"]] == ["direct"]
    assert [q.kind for q in many["m2"]] == ["indirect"]
    assert all(s.article_id == "m2" for q in many["m2"] for s in q.content)


def test_quote_resumed_after_a_long_attribution_sentence_is_one_quote(config: Config) -> None:
    body = ('“We will rebuild the bridge by spring,” the mayor told reporters at City Hall on '
            'Monday, after the council vote. “The money is already there.”')
    art, qs = _quotes(body, config)
    direct = [q for q in qs if q.kind == "direct"]
    assert len(direct) == 1
    assert _content(art, direct[0]) == ["We will rebuild the bridge by spring",
                                        "The money is already there."]
    assert direct[0].speaker is not None and art.text(direct[0].speaker) == "the mayor"


def test_short_exclamation_with_its_own_cue_is_a_quote(config: Config) -> None:
    art, qs = _quotes('The crowd grew restless. “Enough!” a farmer shouted.', config)
    assert [_content(art, q) for q in qs] == [["Enough!"]]
    assert qs[0].speaker is not None and art.text(qs[0].speaker) == "a farmer"


def test_reported_clause_wider_than_its_quoted_words_is_mixed(config: Config) -> None:
    body = 'The senator said the new budget was “a disaster for rural schools.”'
    art, qs = _quotes(body, config)
    assert len(qs) == 1 and qs[0].kind == "mixed"
    assert _content(art, qs[0])[0].startswith("the new budget was")


def test_title_case_headline_attribution(config: Config) -> None:
    body = ("Farm Group Praises New Water Rules.\n\n"
            "The group met on Tuesday to review the schedule.")
    art, qs = _quotes(body, config)
    said = [q for q in qs if q.cue is not None and art.text(q.cue) == "Praises"]
    assert len(said) == 1
    assert art.text(said[0].content[0]) == "New Water Rules"
    assert said[0].speaker is not None and art.text(said[0].speaker) == "Farm Group"


def test_short_utterance_after_its_cue(config: Config) -> None:
    art, qs = _quotes('Then a man in the back yelled “Stay there!” and left.', config)
    direct = [q for q in qs if q.kind == "direct"]
    assert [_content(art, q) for q in direct] == [["Stay there!"]]


def test_doubled_consonant_forms_are_cues(config: Config) -> None:
    art, qs = _quotes("The treasurer admitted that the audit had found errors.", config)
    assert len(qs) == 1 and art.text(qs[0].cue) == "admitted"  # type: ignore[arg-type]
    assert _content(art, qs[0]) == ["that the audit had found errors"]


def test_unattributed_quote_inherits_the_reported_speaker_before_it(config: Config) -> None:
    body = ("Anna Berg said the harvest had come three weeks late this year.\n"
            "“We lost almost a whole season of work.”")
    art, qs = _quotes(body, config)
    direct = [q for q in qs if q.kind == "direct"]
    assert len(direct) == 1 and direct[0].cue is None
    assert direct[0].speaker is not None and art.text(direct[0].speaker) == "Anna Berg"


def test_cue_opening_a_new_sentence_belongs_to_the_next_quote(config: Config) -> None:
    body = ('The engineer spoke at the hearing. "The cables were replaced in May." '
            'She added, "Nobody told the residents about the delay."')
    art, qs = _quotes(body, config)
    direct = [q for q in qs if q.kind == "direct"]
    assert [_content(art, q) for q in direct] == [
        ["The cables were replaced in May."], ["Nobody told the residents about the delay."]]
    second = direct[1]
    assert second.cue is not None and art.text(second.cue) == "added"
    assert second.speaker is not None and art.text(second.speaker) == "She"


def test_speaker_stays_in_the_cue_paragraph(config: Config) -> None:
    body = ("Flood barrier plans for the old harbour district\n\n"
            "Council engineer Ann Berg said the new barrier would be finished by autumn.")
    art, qs = _quotes(body, config)
    reported = [q for q in qs if q.cue is not None and art.text(q.cue) == "said"]
    assert len(reported) == 1
    q = reported[0]
    assert q.speaker is not None and art.text(q.speaker) == "Council engineer Ann Berg"
    assert _content(art, q) == ["the new barrier would be finished by autumn"]


def test_quote_and_attribution_closing_a_paragraph_do_not_swallow_the_next(
        config: Config) -> None:
    body = ('"We will appeal the ruling," Reyes said Friday.\n\n'
            '"The court ignored the evidence we submitted in March."')
    art, qs = _quotes(body, config)
    direct = [q for q in qs if q.kind == "direct"]
    assert _content(art, direct[0]) == ["We will appeal the ruling"]
    assert direct[0].speaker is not None and art.text(direct[0].speaker) == "Reyes"
