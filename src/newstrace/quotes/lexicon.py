"""Word lists for attribution: reporting verbs, role nouns, pronouns.

Hand-written because spaCy's small English model ships no attribution
lexicon and the shared pipeline runs without a lemmatizer (it is excluded
for speed), so the verb list carries its own inflections.  The verbs are
generic English reporting / cognition verbs (after the PARC and PolNeAR
annotation guides), not words of any particular story.
"""

from __future__ import annotations

import functools

# Reporting verbs whose complement clause (or adjacent quotation) is what the
# subject said, wrote or thinks.
SPEECH_VERBS = """
say tell add state claim argue warn stress emphasize emphasise believe note insist
explain report announce declare assert write tweet post suggest acknowledge admit
concede confirm deny reply respond answer ask wonder complain remark recall reveal
predict promise pledge vow urge caution maintain contend allege charge accuse blame
criticize criticise condemn denounce slam blast praise thank mention observe point
continue conclude agree disagree estimate forecast think feel fear hope expect
know understand realize realise recognize recognise say explain indicate imply
testify announce disclose email text tell joke quip boast brag lament bemoan
reiterate repeat echo counter retort rebut object protest demand propose recommend
advise assure reassure inform notify signal hint mock decry dismiss reject question
doubt suspect guess reckon figure guarantee swear threaten predict project describe
call label brand term dub characterize characterise portray highlight underscore
underline cite quote read show find conclude suggest argue acknowledge add see learn hear
yell shout chant scream exclaim interject whisper mutter murmur gush beam
confess bark quip
"""

# Verbs whose to-infinitive complement is an attributed intention or stance
# ("vowed to fight", "refused to say").
XCOMP_VERBS = """
promise pledge vow refuse decline threaten urge want plan hope expect seek agree
offer intend vow swear
"""

# Verbs whose object is an attributed stance or statement ("backed the bill",
# "called the plan a disaster"), as PolNeAR annotates attribution.
OBJECT_VERBS = """
support endorse back want call describe praise criticize criticise accuse blame oppose
attack slam blast condemn denounce reject dismiss defend cite question mock thank welcome
propose announce discuss mention express highlight tout prefer favor favour demand
applaud decry lament label dub seek consider view recommend request recognize embrace
invoke retweet release unveil deliver reiterate predict promise pledge offer
talk speak comment focus refer point respond apologize apologise weigh congratulate
hail rebuke
"""

# Prepositions whose object is what a speech or stance verb is about
# ("called for X", "talked about X", "warned against X").
ABOUT_PREPS = frozenset({"about", "for", "against", "on", "over", "of"})

# Verbs whose "to" phrase is what they are about ("referred to X", "pointed to X").
TO_VERBS = frozenset({"refer", "refers", "referred", "referring", "point", "points", "pointed",
                      "pointing", "respond", "responds", "responded", "responding"})

_IRREGULAR = {
    "say": ["said", "says", "saying"],
    "tell": ["told", "tells", "telling"],
    "write": ["wrote", "written", "writes", "writing"],
    "think": ["thought", "thinks", "thinking"],
    "feel": ["felt", "feels", "feeling"],
    "know": ["knew", "known", "knows", "knowing"],
    "understand": ["understood", "understands", "understanding"],
    "find": ["found", "finds", "finding"],
    "read": ["reads", "reading"],
    "swear": ["swore", "sworn", "swears", "swearing"],
    "seek": ["sought", "seeks", "seeking"],
    "show": ["showed", "shown", "shows", "showing"],
    "see": ["saw", "seen", "sees", "seeing"],
    "hear": ["heard", "hears", "hearing"],
    "forecast": ["forecasts", "forecasting"],
}


# Verbs that double their last consonant though longer than four letters or
# spelt with two vowels before it (admit -> admitted, quip -> quipped).
_DOUBLING = frozenset({"admit", "rebut", "prefer", "refer", "quip", "regret", "commit",
                       "submit", "omit", "confer", "defer", "deter", "compel", "control"})


def _inflect(verb: str) -> set[str]:
    """Regular English inflections of a base verb (enough for a lookup table)."""
    if verb in _IRREGULAR:
        return {verb, *_IRREGULAR[verb]}
    if verb in _DOUBLING:
        return {verb, verb + "s", verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    forms = {verb}
    if verb.endswith("e"):
        forms |= {verb + "s", verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    elif verb.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {verb + "es", verb + "ed", verb + "ing"}
    else:
        forms |= {verb + "s", verb + "ed", verb + "ing"}
        # Doubled final consonant (vow -> vowed, but slam -> slammed).
        if len(verb) <= 4 and verb[-1] in "bdglmnprt" and verb[-2] in "aeiou" \
                and verb[-3] not in "aeiou":
            forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


@functools.lru_cache(maxsize=1)
def speech_forms() -> frozenset[str]:
    """Every inflected form of every reporting verb, lower-case."""
    out: set[str] = set()
    for verb in SPEECH_VERBS.split():
        out |= _inflect(verb)
    return frozenset(out)


@functools.lru_cache(maxsize=1)
def xcomp_forms() -> frozenset[str]:
    out: set[str] = set()
    for verb in XCOMP_VERBS.split():
        out |= _inflect(verb)
    return frozenset(out)


@functools.lru_cache(maxsize=1)
def object_forms() -> frozenset[str]:
    out: set[str] = set()
    for verb in OBJECT_VERBS.split():
        out |= _inflect(verb)
    return frozenset(out)


# Causative verbs: in "the vote led Lee to say X", "leaving many to wonder X",
# the object (Lee, many) speaks or wonders, not the subject.  (Directives such
# as "asked Lee to", "urged Lee to" are statements of their own subject.)
CONTROL_VERBS = """
lead leave prompt spur force drive cause inspire provoke move compel
"""
_CONTROL_IRREGULAR = {"lead": ["led", "leads", "leading"], "leave": ["left", "leaves", "leaving"],
                      "drive": ["drove", "driven", "drives", "driving"]}


@functools.lru_cache(maxsize=1)
def control_forms() -> frozenset[str]:
    out: set[str] = set()
    for verb in CONTROL_VERBS.split():
        out |= {verb, *_CONTROL_IRREGULAR[verb]} if verb in _CONTROL_IRREGULAR else _inflect(verb)
    return frozenset(out)


# Verbs that report only with a complement clause ("the poll showed [that] ..."),
# never through an object or a parenthetical (too vague otherwise).
WEAK_VERBS = frozenset({"see", "sees", "saw", "seen", "seeing", "learn", "learns", "learned",
                        "learning", "hear", "heard", "hears", "hearing",
                        "show", "shows", "showed", "shown", "showing", "find", "found",
                        "finds", "finding", "read", "reads", "reading", "know", "knows",
                        "knew", "known", "knowing", "feel", "feels", "felt", "feeling"})

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})

# Raising verbs: "X seems to Y" is the writer's impression of X, held by
# nobody the text names (PolNeAR types these Attribution-no-source).
RAISING_VERBS = frozenset({"seem", "seems", "seemed", "seeming",
                           "appear", "appears", "appeared", "appearing"})

# Participles that name a thing ("a group called "X"", "a book titled "Y""):
# the noun they modify is what is named, not who speaks.
NAMING_PARTICIPLES = frozenset({"called", "named", "titled", "entitled", "dubbed",
                                "nicknamed", "labeled", "labelled", "billed", "branded"})

# Nouns that name a speaker by role rather than by name ("the researcher").
ROLE_NOUNS = frozenset([
    "official", "officials", "researcher", "expert", "analyst", "spokesman", "spokeswoman",
    "spokesperson", "minister", "president", "secretary", "chief", "director", "head", "leader",
    "agency", "ministry", "source", "sources", "diplomat", "envoy", "ambassador", "professor",
    "scholar", "commentator", "observer", "author", "writer", "reporter", "correspondent",
    "governor", "senator", "lawmaker", "representative", "chairman", "chairwoman", "chair",
    "commander", "general", "officer", "spokesmen", "spokeswomen", "prosecutor", "lawyer",
    "attorney", "judge", "economist", "scientist", "researchers", "experts", "analysts",
    "investigator", "manager", "executive",
])
