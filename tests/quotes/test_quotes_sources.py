"""Who said a quotation: source rules of the round on PolNeAR sources (train error analysis)."""

from __future__ import annotations

from quote_text import quotes_of as _quotes

from newstrace.config import Config


def _quote_with(config: Config, body: str, words: str) -> tuple[str | None, str | None]:
    art, qs = _quotes(body, config)
    q = next((q for q in qs if words in art.text(q.content[0])), None)
    assert q is not None, [art.text(q.content[0]) for q in qs]
    return (art.text(q.speaker) if q.speaker else None, art.text(q.cue) if q.cue else None)


def test_a_noun_mistagged_as_a_verb_before_the_cue(config: Config) -> None:
    body = ("Critics said the image harked back to old stereotypes.\n\n"
            "\"Just saw #DonaldTrump's Star of David tweet. I'm impressed by his ability to "
            "find a way to insult literally every kind of human being,\" screenwriter Cole "
            "Haddon wrote on Twitter.")
    speaker, cue = _quote_with(config, body, "Just saw")
    assert cue == "wrote" and speaker is not None and "Cole Haddon" in speaker


def test_a_cue_inside_the_quotation_does_not_swallow_it(config: Config) -> None:
    body = ("The rally drew a large crowd.\n\n''He says what everyone else wants to say but "
            "they're too scared to say,'' Steve Moody, a small-business owner, said at the "
            "rally on Tuesday.")
    speaker, cue = _quote_with(config, body, "He says what everyone else")
    assert cue == "said" and speaker is not None and "Steve Moody" in speaker


def test_a_question_then_its_cue_going_on_after_a_comma(config: Config) -> None:
    body = ("Lee held a news conference nearby, mocking the governor.\n\n''What does that "
            "mean, he kept the port safe after the storm?'' Mr. Lee asked, repeating a "
            "broadside - that the governor kept the city safe - that he has used for weeks.")
    speaker, cue = _quote_with(config, body, "What does that mean")
    assert cue == "asked" and speaker == "Mr. Lee"


def test_a_causative_credits_its_object(config: Config) -> None:
    body = ("The club was dissolved on Thursday. The abrupt announcement led some members to "
            "speculate that a quarrel over the election was to blame.")
    art, qs = _quotes(body, config)
    q = next(q for q in qs if "a quarrel over the election" in art.text(q.content[0]))
    assert q.speaker is not None and art.text(q.speaker) == "some members"


def test_a_participle_is_not_credited_to_words_inside_the_quotation(config: Config) -> None:
    body = ('Mayor Ann Lee on Thursday stepped up her attacks on Kim, saying he is "weak on the '
            'budget, you know that. Weak - Kim - weak on the budget."')
    speaker, cue = _quote_with(config, body, "weak on the budget")
    assert cue == "saying" and speaker is not None and "Ann Lee" in speaker


def test_a_pronoun_in_a_stance_clause_is_its_holder(config: Config) -> None:
    body = ("The party met in Dover on Monday. Some Democrats are hopeful they can even "
            "threaten the lead in the House.")
    art, qs = _quotes(body, config)
    q = next(q for q in qs if "the lead in the House" in art.text(q.content[-1]))
    assert q.speaker is not None and art.text(q.speaker) == "Some Democrats"


def test_a_reporting_verb_coordinated_into_the_clause_is_the_reporters(config: Config) -> None:
    body = ("The hearing ran late on Monday. Ms. Khan said Mr. Lind was ''ignorant'' of "
            "the law and criticized him for saying he had sacrificed for the port.")
    art, qs = _quotes(body, config)
    q = next(q for q in qs if q.cue is not None and art.text(q.cue) == "criticized")
    assert q.speaker is not None and art.text(q.speaker) == "Ms. Khan"


def test_a_verb_outside_the_lexicon_introduces_a_quotation(config: Config) -> None:
    body = ("After the mayor criticized the plan during a debate, Ann Lee shot back, \"I suppose "
            "I could have stayed home, but I chose to fight for this city.\"")
    speaker, cue = _quote_with(config, body, "I suppose I could have stayed home")
    assert cue == "shot" and speaker == "Ann Lee"


def test_a_verb_in_a_subordinate_clause_does_not_introduce_it(config: Config) -> None:
    body = ("Ann Lee has since apologized for what happened: \"I should have used two "
            "addresses, and not doing so was a mistake.\"")
    speaker, _cue = _quote_with(config, body, "I should have used two addresses")
    assert speaker is not None and "Ann Lee" in speaker


def test_a_surname_two_people_share_is_not_expanded_to_either(config: Config) -> None:
    body = ("Ann Lee spoke in Dover on Monday. Bill Lee joined her later.\n\n"
            "Mrs. Lee said the harbour plan would pass.\n\nMaria Gomez, a nurse, was there too. "
            "Gomez said the plan was late.")
    art, qs = _quotes(body, config)
    names = {art.text(q.content[0]): q.speaker_name for q in qs}
    assert names["the harbour plan would pass"] == "Lee"
    assert names["the plan was late"] == "Maria Gomez"


def test_an_infinitive_hung_on_an_object_is_the_subjects(config: Config) -> None:
    body = ("The storm passed on Thursday. Mayor Ann Lee on Friday held an impromptu press "
            "briefing to brag that the unemployment rate has fallen below 5 percent.")
    art, qs = _quotes(body, config)
    q = next(q for q in qs if "the unemployment rate has fallen" in art.text(q.content[0]))
    assert q.speaker is not None and "Ann Lee" in art.text(q.speaker)


def test_a_clause_made_clear_is_its_subjects(config: Config) -> None:
    body = ("The council met in Dover. Mayor Ann Lee made clear on Tuesday night that she "
            "believes the port will reopen in May.")
    art, qs = _quotes(body, config)
    q = next(q for q in qs if "the port will reopen in May" in art.text(q.content[0]))
    assert q.speaker is not None and art.text(q.speaker) == "Mayor Ann Lee"


def test_a_dash_credit_line_names_the_speaker(config: Config) -> None:
    body = ("The debate ran late.\n\n\"We are going to enter the next recession without that "
            "consensus.\"\n\n- Maria Gomez, Dover.\n\nThe panel ended at ten.")
    speaker, cue = _quote_with(config, body, "We are going to enter the next recession")
    assert speaker == "Maria Gomez" and cue == "-"


def test_as_someone_put_it_introduces_the_quotation_once(config: Config) -> None:
    body = ("The debate ran late.\n\nAs the columnist Ann Lee put it, \"They will turn us all "
            "into beggars.\"")
    art, qs = _quotes(body, config)
    found = [q for q in qs if "turn us all into beggars" in art.text(q.content[0])]
    assert len(found) == 1 and found[0].kind == "direct"
    assert found[0].speaker is not None and "Ann Lee" in art.text(found[0].speaker)


def test_a_dateline_read_as_a_second_subject_is_not_the_speaker(config: Config) -> None:
    # The parser takes "Boston (AFP)" as a subject of the lead's verb too.
    body = ("Boston (AFP) – Mayor Ann Lee has taken a swipe at her rival’s plan for the port, "
            "saying that the new tolls do more harm than good.")
    speaker, cue = _quote_with(config, body, "the new tolls")
    assert cue == "saying" and speaker is not None and "Ann Lee" in speaker


def test_a_participle_whose_clause_the_parser_hung_inside_the_quotation(config: Config) -> None:
    body = ("Lee seemed to be ready to riff on the incident, telling the crowd, “Some people "
            "get a little carried away, have you noticed that?”")
    speaker, cue = _quote_with(config, body, "Some people get")
    assert cue == "telling" and speaker == "Lee"


def test_a_coordinated_verb_hung_on_a_verb_inside_a_clause(config: Config) -> None:
    # The parser hangs "blamed" on "would pull out" (Russia's), not on "backpedaled".
    body = ("Mr. Putin backpedaled on his prediction a year ago that Russia would pull out of "
            "its current slump within two years, and blamed the tumble in oil prices.")
    art, qs = _quotes(body, config)
    q = next(q for q in qs if q.cue is not None and art.text(q.cue) == "blamed")
    assert q.speaker is not None and art.text(q.speaker) == "Mr. Putin"


def test_an_age_after_the_name_is_not_the_speaker(config: Config) -> None:
    body = ("“We were tremendously wrong to not have confronted him from the beginning,” "
            "Ramos, 58, told AFP in an interview in Mexico City on Monday.")
    speaker, cue = _quote_with(config, body, "tremendously wrong")
    assert cue == "told" and speaker is not None and speaker.startswith("Ramos")


def test_a_purpose_infinitive_of_a_verb_misread_as_a_participle(config: Config) -> None:
    # "tweeted" is parsed as a participle on "Ann Lee"; "to say" is still hers.
    body = ("Ann Lee, who is vying to be the next mayor, tweeted on Friday to say she had never "
            "suggested the city should sell the port.")
    speaker, cue = _quote_with(config, body, "never suggested")
    assert cue == "say" and speaker is not None and speaker.startswith("Ann Lee")


def test_a_participle_misread_as_the_recipients(config: Config) -> None:
    body = ("Her campaign quickly blasted out an email to supporters stating, “Speaker Paul "
            "Ryan Joins Growing List of Conservatives Rebuking Trump.”")
    speaker, cue = _quote_with(config, body, "Growing List")
    assert cue == "stating" and speaker == "Her campaign"


def test_a_passive_with_a_by_agent_speaks_through_the_agent(config: Config) -> None:
    # "berated" is not a listed reporting verb; the agent still names who spoke.
    body = ("While working on the tower, Freddy was berated by his father for installing "
            "expensive new windows instead of repairing old ones.")
    art, qs = _quotes(body, config)
    q = next((q for q in qs if q.cue is not None and art.text(q.cue) == "berated"), None)
    assert q is not None and q.speaker is not None and art.text(q.speaker) == "his father"
