"""Attributions whose source the text does not name get no speaker (never an invented one).

PolNeAR types these ``Attribution-no-source``: the writer's impression ("X
seems to ..."), a name given to a thing ("a group called "X""), a question
put by someone unnamed ("Asked whether ..., Lee said").
"""

from __future__ import annotations

from quote_text import by_cue as _by_cue
from quote_text import quotes_of as _quotes

from newstrace.config import Config


def test_seems_to_is_the_writers_impression(config: Config) -> None:
    body = ("The harbour reopened on Monday after the storm. The new schedule seems to "
            "be a gift to the larger ferry companies.")
    art, qs = _quotes(body, config)
    q = _by_cue(art, qs, "seems")
    assert "a gift to the larger ferry companies" in art.text(q.content[-1])
    assert q.speaker is None


def test_a_name_given_to_a_thing_has_no_speaker(config: Config) -> None:
    body = ('Ana Ruiz, a teacher in Porto, has set up a website called "Porto If The Bridge '
            'Falls" that pitches the city to tourists.')
    art, qs = _quotes(body, config)
    q = next(q for q in qs if "Porto If The Bridge Falls" in art.text(q.content[0]))
    assert q.speaker is None


def test_a_speaker_calling_someone_a_name_keeps_the_speaker(config: Config) -> None:
    body = ('The debate turned bitter on Tuesday; one lawmaker called the minister '
            '"the prince of empty promises."')
    art, qs = _quotes(body, config)
    q = next(q for q in qs if "the prince of empty promises" in art.text(q.content[0]))
    assert q.speaker is not None and "lawmaker" in art.text(q.speaker)


def test_the_question_of_an_unnamed_asker_has_no_speaker(config: Config) -> None:
    body = ("Asked whether he would back the port tax, Mayor Karl Lind said: \"We will "
            "decide in May.\"\n\n\"Jobs, jobs, jobs,\" Lind said on Monday when asked what "
            "the council would do.\n\n\"It has been seven years,\" Lind said, asked about "
            "the delay in an interview.")
    art, qs = _quotes(body, config)
    asked = [q for q in qs if q.cue is not None and art.text(q.cue).lower() == "asked"]
    assert len(asked) == 3 and all(q.speaker is None for q in asked)
    answer = next(q for q in qs if "We will decide in May" in art.text(q.content[0]))
    assert answer.speaker is not None and "Karl Lind" in art.text(answer.speaker)


def test_a_cue_inside_an_impersonal_question_has_no_speaker(config: Config) -> None:
    # "knew" is asked about, not asserted; nobody named asks.
    body = "It is not clear whether the mayor knew that the contract had been signed."
    art, qs = _quotes(body, config)
    q = _by_cue(art, qs, "knew")
    assert q.speaker is None


def test_a_cue_inside_an_asked_question_is_the_askers(config: Config) -> None:
    body = "The senator shook hands and asked workers if they planned to attend the caucuses."
    art, qs = _quotes(body, config)
    q = _by_cue(art, qs, "planned")
    assert q.speaker is not None and art.text(q.speaker) == "The senator"


def test_a_condition_is_not_a_question(config: Config) -> None:
    body = "If the two spoke about the budget agreement, neither side would say so."
    art, qs = _quotes(body, config)
    q = _by_cue(art, qs, "spoke")
    assert q.speaker is not None and art.text(q.speaker) == "the two"


def test_the_it_of_a_raising_verb_is_nobody(config: Config) -> None:
    body = "It appears, though, that the ferry strike was not a surprise to everyone."
    art, qs = _quotes(body, config)
    q = _by_cue(art, qs, "appears")
    assert "the ferry strike was not a surprise" in art.text(q.content[-1])
    assert q.speaker is None


def test_what_someone_is_asked_to_do_is_the_askers(config: Config) -> None:
    art, qs = _quotes("The mayor has been asked to release the transcripts of these speeches.",
                      config)
    assert _by_cue(art, qs, "release").speaker is None
    body = ("Asked by a reporter to respond to the criticism, the mayor said, “What does it say "
            "about people?”")
    art, qs = _quotes(body, config)
    q = _by_cue(art, qs, "respond")
    assert q.speaker is not None and art.text(q.speaker) == "a reporter"
