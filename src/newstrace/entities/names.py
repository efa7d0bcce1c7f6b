"""Name normalisation: romanisation-variant folding, titles, acronyms.

Hand-written folding because transliterated names (Korean, Chinese, Arabic,
Russian ...) reach English news under several romanisations: the same name
is spelt with ``eo``/``o``, ``ou``/``u``, doubled letters, ``kh``/``k``,
hyphen or space between syllables, given name before or after the family
name.  Folding maps these variants to one key; rapidfuzz then scores what
folding leaves apart.  No name list is involved.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz import fuzz

# Spelling variants common to romanisation systems, applied in order.
_FOLDS = [
    ("eu", "u"), ("ou", "u"), ("oo", "u"), ("ee", "i"),
    ("ae", "e"), ("kh", "k"), ("gh", "g"), ("ph", "f"), ("th", "t"), ("dh", "d"),
    ("sh", "s"), ("zh", "z"), ("ch", "c"), ("j", "z"), ("y", "i"), ("w", "u"),
]
_DOUBLE = re.compile(r"(.)\1+")
_TITLES = frozenset([
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "president", "vice", "prime", "minister", "foreign", "defense", "defence", "secretary",
    "general", "chief", "deputy", "senator", "sen", "rep", "representative", "governor", "gov",
    "mayor", "judge", "justice", "king", "queen", "prince", "princess", "sheikh", "ayatollah",
    "pope", "chairman", "chairwoman", "ceo", "director", "spokesman", "spokeswoman",
    "ambassador", "commander", "colonel", "lt", "gen", "adm", "admiral", "captain", "capt",
    "sgt", "officer", "researcher", "analyst", "expert", "official", "former", "acting", "state",
    "cabinet", "premier", "chancellor",
])
TITLES = _TITLES
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_STOP = frozenset({"of", "for", "and", "the", "&", "de", "on", "in", "at", "to", "la", "del"})
_LEADING = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")


@functools.lru_cache(maxsize=65536)
def plain(text: str) -> str:
    """Lower-case ASCII, no periods, single spaces: 'the U.S.' -> 'us'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _POSSESSIVE.sub("", text.strip())
    text = _LEADING.sub("", text)
    text = text.replace(".", "").replace("’", "'")
    return " ".join(text.lower().split())


def clean_surface(text: str) -> str:
    """A mention's display form: no leading article, possessor or possessive ending.

    "the North's Foreign Ministry" -> "Foreign Ministry" (the possessor is a
    mention of its own).
    """
    text = _POSSESSIVE.sub("", " ".join(text.split()))
    text = _LEADING.sub("", text).strip(" ,")
    head, sep, tail = text.replace("’s ", "'s ").rpartition("'s ")
    if sep and head and len(tail.split()) >= 2 and tail[:1].isupper():
        text = text[len(head) + len(sep):]
    return text


@functools.lru_cache(maxsize=65536)
def fold_token(tok: str, eo: str = "o") -> str:
    """One name token with romanisation variants folded ('Jeon' -> 'jon').

    Hyphenated syllables are folded one by one (so 'jeong-hoon' never makes a
    spurious 'gh').  ``eo`` is what 'eo' becomes: the vowel is romanised both
    as 'o' (Jeon/Jon) and as 'u' (Jeong/Jung), so keys are made for both.
    """
    out = []
    for syl in re.split(r"[\-‐–\s]+", plain(tok).replace("'", "")):
        t = syl.replace("yeo", "y" + eo).replace("eo", eo)
        for a, b in _FOLDS:
            t = t.replace(a, b)
        out.append(_DOUBLE.sub(r"\1", t))
    return "".join(out)


@functools.lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """Name words without titles, split at spaces and hyphens."""
    words = re.split(r"[\s\-‐–]+", plain(name))
    words = [w for w in words if w]
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    while len(words) > 2 and words[-1].rstrip(",") in _SUFFIXES:
        words = words[:-1]
    return tuple(words)


@functools.lru_cache(maxsize=65536)
def name_keys(name: str) -> frozenset[str]:
    """Folded keys of a person name, invariant to syllable splitting and word order.

    'Park Min-soo', 'Park Min Soo' and 'Min-soo Park' share the key 'parkminsu';
    the family name may come first or last, so both rotations are keys.
    """
    parts = [w.split() for w in (plain(p) for p in re.split(r"\s+", name.strip())) if w]
    keys: set[str] = set()
    for eo in ("o", "u"):
        words = [fold_token("-".join(p), eo) for p in _untitled(parts)]
        if not words:
            return frozenset()
        keys.add("".join(words))
        if len(words) > 1:
            keys.add("".join(words[1:] + words[:1]))
            keys.add("".join(words[-1:] + words[:-1]))
    return frozenset(keys)


def _untitled(parts: list[list[str]]) -> list[list[str]]:
    while len(parts) > 1 and " ".join(parts[0]) in _TITLES:
        parts = parts[1:]
    while len(parts) > 2 and " ".join(parts[-1]).rstrip(",") in _SUFFIXES:
        parts = parts[:-1]
    return parts


_NICKNAME = re.compile(r"\s*[\"'“‘(]\s*([A-Z][\w-]*)\s*[\"'”’)]\s*")


def nickname_forms(name: str) -> list[str]:
    """A full name with a nickname inside ('Luis Gerardo "Jerry" Ortiz', 'Kimani (Kiki)
    Gray') is also the name without it and the nickname with the family name."""
    m = _NICKNAME.search(name)
    if m is None or m.start() == 0 or m.end() == len(name):
        return []
    rest = name[m.end():].split()
    return [f"{name[:m.start()]} {name[m.end():]}", " ".join([m.group(1), *rest[-1:]])]


def folded(name: str) -> str:
    return " ".join(fold_token(w) for w in name_tokens(name))


@functools.lru_cache(maxsize=65536)
def similar_names(a: str, b: str, threshold: float) -> bool:
    """Two full person names are one spelling apart (shared family name, close given name)."""
    if name_keys(a) & name_keys(b):
        return True
    ta, tb = name_tokens(a), name_tokens(b)
    if len(ta) < 2 or len(tb) < 2:
        return False
    fa, fb = [fold_token(t) for t in ta], [fold_token(t) for t in tb]
    if not ({fa[0], fa[-1]} & {fb[0], fb[-1]}):
        return False
    if {t for t in ta if len(t) == 1} != {t for t in tb if len(t) == 1}:
        return False  # different initials ('George H. W. Bush', 'George W. Bush'): two people
    return fuzz.token_sort_ratio(" ".join(fa), " ".join(fb)) >= threshold


# Lower-case words that occur inside names ("Bank of America", "Ludwig van
# Beethoven"); any other lower-case word ends a name the tagger ran on past.
_CONNECTORS = frozenset({"of", "for", "and", "the", "&", "de", "del", "der", "des", "la", "le",
                         "du", "da", "van", "von", "di", "y", "e", "al", "bin", "ibn", "on"})
_TOKEN = re.compile(r"\S+")
CONNECTORS = _CONNECTORS


def trim_name(text: str) -> str:
    """A name without the words a tagger ran on past its end.

    "Ross doesn" -> "Ross", "Thompson in" -> "Thompson", "Catching Fire - -" ->
    "Catching Fire": the name stops at the first lower-case word that is not a
    connector found inside names, or at a bare dash; trailing connectors go too.
    A name that starts lower-case ("al-Qaeda") is left alone.
    """
    words = _TOKEN.findall(text)
    keep = 0
    for k, w in enumerate(words):
        bare = w.strip("'\"`()[],:;")
        if k and ((not any(c.isalnum() for c in bare) and bare != "&")
                  or (bare[:1].islower() and bare.lower() not in _CONNECTORS)):
            break
        keep = k + 1
    while keep > 1 and words[keep - 1].lower() in _CONNECTORS:
        keep -= 1
    if keep == len(words):
        return text.rstrip(" ,:;")
    end = 0
    for w in words[:keep]:
        end = text.index(w, end) + len(w)
    return text[:end].rstrip(" ,:;-")


# Last words that make a name an organisation or a place, whatever the tagger
# said: "Betty Ford Centre" tagged PERSON is a clinic.
_ORG_HEADS = frozenset({
    "center", "centre", "clinic", "hospital", "university", "college", "school", "institute",
    "foundation", "association", "company", "corporation", "corp", "inc", "ltd", "llc", "plc",
    "bank", "party", "ministry", "agency", "council", "committee", "commission", "department",
    "court", "airport", "stadium", "arena", "theatre", "theater", "museum", "hotel", "church",
    "academy", "group", "network", "magazine", "newspaper", "prison", "station", "club",
    "union", "federation", "organization", "organisation", "administration", "office",
    "board", "authority", "service", "services", "studios", "records", "bridge", "street",
    "house", "government",
})


# Nouns that only describe a person: "Sato, chief cabinet secretary, said".
_PERSON_ROLES = frozenset({
    "secretary", "minister", "spokesman", "spokeswoman", "spokesperson", "president",
    "chairman", "chairwoman", "director", "researcher", "analyst", "official", "professor",
    "lawyer", "attorney", "actor", "actress", "singer", "player", "coach", "senator", "mayor",
    "governor", "judge", "founder", "author", "writer", "leader", "ambassador", "envoy",
    "diplomat", "premier", "chancellor", "commander", "general", "officer", "scientist",
    "economist", "expert", "executive", "ceo", "candidate", "lawmaker", "legislator",
    "son", "daughter", "wife", "husband", "father", "mother", "brother", "sister", "widow",
})


PERSON_ROLES = _PERSON_ROLES
_PREPOSITIONS = frozenset({"of", "at", "with", "for", "in", "from", "on", "to", "who", "whose"})


def role_head(role: str) -> str:
    """The head noun of a role: its last word before a preposition or relative word
    ('researcher' of 'a senior researcher at the institute'); '' if none."""
    words = re.findall(r"[a-z]+", plain(role))
    cut = next((k for k, w in enumerate(words) if w in _PREPOSITIONS), len(words))
    return words[cut - 1] if cut else ""


def person_role(role: str) -> bool:
    """A role whose head noun only a person has ('chief cabinet secretary', 'a senior
    researcher at ...'), not an adjective ('the official news agency')."""
    return role_head(role) in _PERSON_ROLES


def org_like(name: str) -> bool:
    """A multi-word name ending in an organisation or facility word ('... Center', '... Bank')."""
    words = plain(name).split()
    return len(words) > 1 and words[-1] in _ORG_HEADS


def initials(long_name: str) -> str:
    """Acronym of a multi-word name: 'North Atlantic Treaty Organization' -> 'NATO'."""
    words = [w for w in re.split(r"[\s\-]+", long_name) if w and w.lower() not in _STOP]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def is_acronym(text: str) -> bool:
    t = text.replace(".", "").replace("&", "")
    return 2 <= len(t) <= 10 and t.isupper() and t.isalpha()


_PAREN = re.compile(r"([A-Z][\w'’.&-]*(?:\s+[\w'’.&-]+){0,8})\s*\(([A-Z][A-Za-z.&]{1,9})\)")


def paren_acronyms(text: str) -> list[tuple[str, str]]:
    """'(long name) (ACRONYM)' definitions in running text, long name trimmed to fit."""
    out = []
    for m in _PAREN.finditer(text):
        words, short = m.group(1).split(), m.group(2).replace(".", "")
        for k in range(len(words), 0, -1):
            cand = " ".join(words[-k:])
            if cand.split()[0][0].isupper() and initials(cand) == short.upper():
                out.append((clean_surface(cand), short))
                break
    return out


_SPELLING = [(re.compile(r"(?<=[a-z])(t|b)re\b"), r"\1er"), (re.compile(r"(?<=[a-z])our\b"), "or"),
             (re.compile(r"(?<=[a-z])is(e|ed|ation)\b"), r"iz\1"),
             (re.compile(r"(?<=[a-z])ogue\b"), "og")]


def spelling_key(text: str) -> str:
    """British and American spellings folded: 'centre' -> 'center', 'labour' -> 'labor'."""
    for pattern, repl in _SPELLING:
        text = pattern.sub(repl, text)
    return text
