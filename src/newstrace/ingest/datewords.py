"""Relative date words of French, German, Spanish, Italian and Portuguese news copy.

Data for :mod:`newstrace.ingest.datementions`, which reads English itself:
weekday names (Monday first) with the words that point them back or forward
("lundi dernier", "nächsten Montag", "el próximo lunes"), and phrases such as
"hier", "gestern", "la semana pasada" with the day, week, month or year they
shift from the date of writing.  A bare weekday in these languages is taken
as the most recent one (news mostly reports what happened); the English
reader's tense test has no equivalent here.
"""

from __future__ import annotations

import re

#: Weekday names by language, Monday first.  German capitalises them; the others write
#: them in lower case (capitalised only at the start of a sentence).
WEEKDAY_NAMES: dict[str, list[str]] = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
    "pt": ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
           "sábado", "domingo"],
}
#: Words before or after a weekday that make it the previous or the next one.
LAST = frozenset(["dernier", "passé", "letzten", "vergangenen", "pasado", "scorso", "passada",
                  "passado"])
NEXT = frozenset(["prochain", "nächsten", "kommenden", "próximo", "próxima", "prossimo",
                  "prossima", "que", "viene"])

_PRE = r"(?:(?P<pre>letzten|vergangenen|nächsten|kommenden|próximo|próxima|prossimo)\s+)?"
_POST = (r"(?:\s+(?P<post>dernier|prochain|passé|pasado|que\s+viene|scorso|prossimo|passada|"
         r"passado))?")


def _name_pattern(name: str, lang: str) -> str:
    """German as written; the others in lower case or capitalised at a sentence start."""
    if lang == "de":
        return re.escape(name)
    return f"[{name[0]}{name[0].upper()}]{re.escape(name[1:])}"


_DAY_INDEX = {name.lower(): i for names in WEEKDAY_NAMES.values()
              for i, name in enumerate(names)}
WEEKDAY_RE = re.compile(
    rf"(?<![\w-]){_PRE}(?P<day>"
    + "|".join(sorted({_name_pattern(n, lang) for lang, names in WEEKDAY_NAMES.items()
                       for n in names}, key=len, reverse=True))
    + rf")(?![\w-]){_POST}"
)


def weekday_index(name: str) -> int:
    """0 for Monday ... 6 for Sunday."""
    return _DAY_INDEX[name.lower()]


#: (regex, unit, offset): phrases relative to the day of writing.
PHRASES: list[tuple[str, str, int]] = [
    (r"\b(?:avant-hier|vorgestern|anteayer|l['’]altro\s+ieri|anteontem)\b", "day", -2),
    (r"\b(?:hier|gestern|ayer|ieri|ontem)\b", "day", -1),
    (r"\b(?:aujourd['’]hui|heute|hoy|oggi|hoje)\b", "day", 0),
    (r"\b(?:après-demain|übermorgen|pasado\s+mañana|dopodomani|depois\s+de\s+amanhã)\b",
     "day", 2),
    # German "Morgen" is "morning"; Spanish "la mañana" is too.
    (r"\b(?:demain|(?-i:morgen)|(?<!la\s)(?<!esta\s)mañana|domani|amanhã)\b", "day", 1),
    (r"\b(?:la\s+semaine\s+(?:dernière|passée)|(?:letzte|vergangene)n?\s+Woche|"
     r"la\s+semana\s+pasada|la\s+settimana\s+scorsa|(?:a|na)\s+semana\s+passada)\b", "week", -1),
    (r"\b(?:cette\s+semaine|diese\s+Woche|esta\s+semana|questa\s+settimana)\b", "week", 0),
    (r"\b(?:la\s+semaine\s+prochaine|nächste[n]?\s+Woche|la\s+semana\s+que\s+viene|"
     r"la\s+próxima\s+semana|la\s+(?:settimana\s+prossima|prossima\s+settimana)|"
     r"(?:a|na)\s+próxima\s+semana)\b", "week", 1),
    (r"\b(?:le\s+mois\s+(?:dernier|passé)|(?:letzten|vergangenen)\s+Monat|"
     r"el\s+mes\s+pasado|il\s+mese\s+scorso|(?:o|no)\s+mês\s+passado)\b", "month", -1),
    (r"\b(?:l['’](?:année\s+dernière|an\s+dernier)|(?:letztes|vergangenes)\s+Jahr|"
     r"im\s+(?:letzten|vergangenen)\s+Jahr|el\s+año\s+pasado|l['’]anno\s+scorso|"
     r"(?:o|no)\s+ano\s+passado)\b", "year", -1),
]
