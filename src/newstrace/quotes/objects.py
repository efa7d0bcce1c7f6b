"""Objects of reporting and stance verbs read as statements.

PolNeAR (like a reader) takes "backed [the plan]", "denied [the claims]",
"polls show [Lee ahead]" and "Lee is expected [to win]" as attributed
content.  These helpers find that content for :mod:`newstrace.quotes.extract`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newstrace.quotes.direct import Cand
from newstrace.quotes.lexicon import ABOUT_PREPS, TO_VERBS
from newstrace.quotes.spans import subtree_span, tok_span, trim
from newstrace.quotes.speakers import subject_of

if TYPE_CHECKING:
    from spacy.tokens import Token

ALGORITHM = "quotes.objects.v1"

# Reporting verbs whose object is not a statement ("continued the tour").
NO_STATEMENT_OBJECT = frozenset({"continue", "continues", "continued", "continuing"})

# Passive participles of expectation ("Lee is expected to win").
EXPECTED = frozenset({"expected", "predicted", "projected", "forecast", "believed",
                      "thought", "considered", "rumored", "rumoured", "reported"})


def expected(verb: Token, text: str) -> Cand | None:
    """``Lee is expected to win``: an expectation with no named holder.

    The passive subject and the infinitive are what is expected (two
    pieces, as PolNeAR marks them); the holder is the agent ("by analysts")
    when one is named, else nobody.
    """
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    inf = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    if subj is None or inf is None or subj.lower_ in ("it", "who", "which", "that"):
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    parts = [subtree_span(subj, text), subtree_span(inf, text)]
    return Cand(parts, "indirect", subtree_span(pobj, text) if pobj else None, tok_span(verb))


_FINDING_VERBS = frozenset({"show", "shows", "showed", "shown", "showing",
                            "find", "finds", "found", "finding"})


def finding(verb: Token) -> bool:
    """``Polls show Lee up by ten points``: a weak verb whose object is a finding.

    Weak verbs report only with a clause, except "show" and "find" with an
    object and a non-personal subject (a poll, a study, a survey shows X).
    """
    if verb.lower_ not in _FINDING_VERBS:
        return False
    subj = subject_of(verb)
    return (subj is not None and subj.pos_ == "NOUN" and subj.ent_type_ == ""
            and any(c.dep_ == "dobj" for c in verb.children))



def object_span(verb: Token, text: str) -> list[tuple[int, int]]:
    """The object and complements right of a stance verb ("backed [the plan]")."""
    right = [c for c in verb.rights if c.dep_ in ("dobj", "oprd", "prep", "ccomp", "xcomp",
                                                  "attr", "dative")]
    if right and any(c.dep_ == "dobj" for c in right):
        right = _argument_run(verb, right)
        first, last = right[0].left_edge, right[-1].right_edge
        return [trim(text, first.idx, last.idx + len(last.text))]
    preps = ABOUT_PREPS | {"to"} if verb.lower_ in TO_VERBS else ABOUT_PREPS
    prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ in preps), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    if pobj is not None:
        return [subtree_span(pobj, text)]
    return []


_ADVERBIAL = frozenset({"since", "during", "after", "before", "until", "amid", "despite", "at",
                        "in", "while", "when"})


def _argument_run(verb: Token, right: list[Token]) -> list[Token]:
    """The object and its arguments, up to the first adverbial phrase after the object.

    "ordered [the release of the files] in a lawsuit", "has supported
    [European unity] since the 1950s": a time, place or circumstance hung on
    the verb after its object says when or where, not what is backed;
    "criticized [him for his votes]" keeps an argument preposition.
    """
    out: list[Token] = []
    seen_obj = False
    for c in right:
        if seen_obj and c.dep_ == "prep" and (c.lower_ in _ADVERBIAL or any(
                g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children)):
            break  # "since the 1950s", "on Tuesday"
        seen_obj = seen_obj or c.dep_ == "dobj"
        out.append(c)
    return out or right


# Nouns of statement, stance or intention whose complement is attributed to
# their possessor ("Lee's claim that X", "her support for X", "his plan to X").
STANCE_NOUNS = frozenset("""
claim claims assertion assertions statement statements comment comments remark remarks view
views position positions belief beliefs promise promises pledge pledges plan plans proposal
proposals call calls demand demands support opposition criticism criticisms attack attacks
warning warnings accusation accusations allegation allegations denial denials decision
decisions request requests insistence argument arguments suggestion suggestions vow vows
threat threats endorsement praise complaint complaints concern concerns fear fears hope hopes
desire intention intentions talk ban push bid refusal rejection embrace defense defence
""".split())  # noqa: SIM905
_NOUN_PREPS = frozenset({"for", "of", "on", "about", "to", "against", "over"})


def nominal(noun: Token, text: str) -> Cand | None:
    """``Lee's claim that X``, ``his support for X``, ``her plan to X``: a possessed stance noun.

    The possessor holds the stance; the that-clause, infinitive or
    prepositional object is its content.  Without a possessor the holder is
    unknown and nothing is reported.
    """
    if noun.pos_ != "NOUN" or noun.lower_ not in STANCE_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    comp = next((c for c in noun.rights if c.dep_ in ("acl", "ccomp")
                 or (c.dep_ == "prep" and c.lower_ in _NOUN_PREPS)), None)
    if comp is None:
        return None
    if comp.dep_ == "prep":
        comp = next((g for g in comp.children if g.dep_ in ("pobj", "pcomp")), None)
        if comp is None:
            return None
    span = subtree_span(comp, text)
    if span[1] - span[0] < 3:
        return None
    return Cand([span], "indirect", subtree_span(owner, text), tok_span(noun), weak=True)
