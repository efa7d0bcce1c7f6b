"""The editable framing lexicons (``data/lexicon_*.toml``), loaded once.

Hand-written inflection: the shared spaCy pipeline runs without a lemmatizer
(excluded for speed), so verb lists are expanded to their regular inflected
forms here, with an ``[irregular]`` table in the data file for the rest.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

_VOWELS = set("aeiou")


def inflect(verb: str, irregular: dict[str, list[str]] | None = None) -> set[str]:
    """Regular English inflections of ``verb`` (3rd person, past, gerund)."""
    if irregular and verb in irregular:
        return {verb, *irregular[verb]}
    forms = {verb}
    if verb.endswith("e"):
        forms |= {verb + "s", verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    elif verb.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {verb + "es", verb + "ed", verb + "ing"}
    else:
        forms |= {verb + "s", verb + "ed", verb + "ing"}
        # consonant-vowel-consonant monosyllables double: slam -> slammed
        if (len(verb) <= 4 and verb[-1] not in _VOWELS | {"w", "x", "y"}
                and verb[-2] in _VOWELS and verb[-3:-2] not in _VOWELS):
            forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


@dataclass(frozen=True)
class Lexicon:
    """Word lists used by the compare stage (lower-case unless noted)."""

    neutral_verbs: dict[str, str]  # inflected form -> base
    loaded_verbs: dict[str, str]
    publication_verbs: frozenset[str]  # inflected forms
    evaluative: frozenset[str]
    roles: frozenset[str]
    source_cues: tuple[str, ...]
    analysis_cues: tuple[str, ...]
    distance_markers: tuple[str, ...]
    labels: dict[str, tuple[str, ...]]  # canonical -> labels (case-sensitive)

    def verb_stance(self, word: str) -> tuple[str, str] | None:
        """``(base, "neutral" | "loaded")`` for an attribution verb form, else None."""
        low = word.lower()
        if low in self.loaded_verbs:
            return self.loaded_verbs[low], "loaded"
        if low in self.neutral_verbs:
            return self.neutral_verbs[low], "neutral"
        return None


def _read(name: str) -> dict[str, Any]:
    text = resources.files("newstrace").joinpath("data", name).read_text("utf-8")
    return tomllib.loads(text)


def _expand(verbs: list[str], irregular: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for base in verbs:
        for form in inflect(base, irregular):
            out.setdefault(form, base)
    return out


@functools.lru_cache(maxsize=1)
def load() -> Lexicon:
    """The shipped lexicons (``lexicon_verbs``, ``lexicon_words``, ``lexicon_labels``)."""
    verbs = _read("lexicon_verbs.toml")
    words = _read("lexicon_words.toml")
    labels = _read("lexicon_labels.toml")["labels"]
    irregular = verbs.get("irregular", {})
    publication: set[str] = set()
    for base in verbs["publication"]:
        publication |= inflect(base, irregular)
    return Lexicon(
        neutral_verbs=_expand(verbs["neutral"], irregular),
        loaded_verbs=_expand(verbs["loaded"], irregular),
        publication_verbs=frozenset(publication),
        evaluative=frozenset(w.lower() for w in words["evaluative"]),
        roles=frozenset(w.lower() for w in words["roles"]),
        source_cues=tuple(words["source_cues"]),
        analysis_cues=tuple(words["analysis_cues"]),
        distance_markers=tuple(words["distance_markers"]),
        labels={k: tuple(v) for k, v in labels.items()},
    )
