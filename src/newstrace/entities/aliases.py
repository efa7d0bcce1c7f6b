"""The alias files, and whether a capital city is written as its country or as a place.

``data/aliases.toml`` (and the user's ``[entities] aliases_file``) maps canonical
names to the other names they go by, one table per entity label, plus a
``[capitals]`` table: a capital is its country's metonym ("Tokyo said ...",
"Washington and Seoul agreed") except where the text uses it as a place.
"""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources
from pathlib import Path

from newstrace.entities.names import plain

CAPITALS = "capitals"

# Words before a name that make it a place: prepositions of place, determiners
# (a determiner before a capital makes it a modifier: 'an Athens bank', 'the
# Athens police'), and words of a city's parts ('central Paris').
_PLACE_BEFORE = frozenset({
    "in", "at", "near", "from", "to", "into", "outside", "around", "across", "through",
    "throughout", "of", "inside", "within", "toward", "towards", "via", "a", "an", "the",
    "central", "downtown", "suburban", "greater", "east", "west", "north", "south",
    "northeast", "northwest", "southeast", "southwest", "eastern", "western", "northern",
    "southern", "visit", "visited", "visiting", "leave", "left", "reached",
})
# Lower-case words after a name that leave it a subject ('Tokyo will', 'Seoul and').
_FUNCTION_AFTER = frozenset({
    "will", "would", "can", "could", "may", "might", "must", "should", "shall", "and", "or",
    "but", "to", "has", "had", "is", "was", "are", "were", "did", "does", "also", "now",
    "then", "still", "on", "in", "for", "with", "as", "by", "at", "not", "never", "too",
    "have", "be", "been", "said", "told", "says", "urged", "warned",
})
# Words after a name that make it an actor ('Seoul said', 'Tokyo will').
_ACTOR_AFTER = frozenset({
    "will", "would", "can", "could", "may", "might", "must", "should", "shall", "said",
    "says", "told", "urged",
    "warned", "announced", "accused", "denied", "rejected", "demanded",
})
_WORD = re.compile(r"[A-Za-z][\w'’-]*|[^\w\s]")


def _texts(extra: str) -> list[str]:
    texts = [resources.files("newstrace").joinpath("data/aliases.toml").read_text("utf-8")]
    if extra:
        texts.append(Path(extra).read_text("utf-8"))
    return texts


@functools.lru_cache(maxsize=8)
def _tables(extra: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(label, canonical, names) of every alias entry; capitals are GPE entries."""
    out = []
    for text in _texts(extra):
        for label, table in tomllib.loads(text).items():
            for canonical, names in table.items():
                out.append((label, canonical, (canonical, *names) if label != CAPITALS
                            else tuple(names)))
    return tuple(out)


def load_aliases(extra: str = "") -> dict[str, tuple[str, str]]:
    """``{plain alias: (canonical name, label)}`` from the shipped file and ``extra``."""
    return {plain(n): (canonical, "GPE" if label == CAPITALS else label)
            for label, canonical, names in _tables(extra) for n in names}


def load_capitals(extra: str = "") -> frozenset[str]:
    """Plain names of the capital cities listed as their countries' metonyms."""
    return frozenset(plain(n) for label, _, names in _tables(extra) if label == CAPITALS
                     for n in names)


def alias_phrases(extra: str = "") -> list[tuple[str, str]]:
    """Every alias and canonical name as written in the alias files, with its label."""
    out: list[tuple[str, str]] = []
    for label, canonical, names in _tables(extra):
        lab = "GPE" if label == CAPITALS else label
        out.extend((n, lab) for n in ([canonical, *names] if label == CAPITALS else names))
    return out


def capital_use(body: str, start: int, end: int,
                capitals: frozenset[str] = frozenset()) -> str:
    """How the capital at ``[start, end)`` is written: "place", "actor" or "" (unclear).

    A place: after a preposition of place, a determiner or a word like 'central'
    ('in Paris', 'an Athens bank', 'central Paris'); before a lower-case word
    that is neither a function word nor a verb-like form ('Athens police', 'Paris
    jewelry store'); or next to the region it is in ('Wellington, Somerset.', 'High
    Street, Wellington'), which is not another of the ``capitals`` (a list of them).
    An actor: before an auxiliary or a verb of saying ('Seoul said', 'Washington
    has', 'Tokyo will').
    """
    line = body.rfind("\n", 0, start) + 1
    before = _WORD.findall(body[line:start])
    if before and before[-1].lower() in _PLACE_BEFORE:
        return "place"
    if len(before) > 1 and before[-1] == "," and before[-2][:1].isupper() \
            and plain(before[-2]) not in capitals:
        return "place"
    after = _WORD.findall(body[end:end + 60].split("\n", 1)[0])
    if not after:
        return ""
    nxt = after[0]
    if nxt in _ACTOR_AFTER:
        return "actor"
    if nxt[:1].islower() and nxt.isalpha() and nxt not in _FUNCTION_AFTER \
            and not nxt.endswith(("ed", "s")):
        return "place"
    if nxt == "," and len(after) > 2 and after[1][:1].isupper() \
            and after[2] in (",", ".", ";", ")") and plain(after[1]) not in capitals:
        return "place"
    return ""
