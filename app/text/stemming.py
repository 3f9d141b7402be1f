"""Word stems, and synonym groups common in news copy, for the similarity scorer.

A light suffix-stripping stem folds plurals and inflections.  Article spinners swap words for
thesaurus synonyms ("the firm refused to remark" for "the company declined to comment"), so
each word in a synonym group also carries its group's extra stem: a swapped word still counts
as shared, while an unchanged word counts as before.  The groups are general newswire
vocabulary, not tuned to any text.

>>> SYNONYMS[stem("firm")] == SYNONYMS[stem("company")]
True
"""

from __future__ import annotations

import re

_SUFFIXES = ("ings", "ing", "edly", "ed", "es", "ly", "s", "e")
_SUFFIXES_BY_LAST = {c: tuple(x for x in _SUFFIXES if x[-1] == c) for c in "sgyde"}
_UNITS = "two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMBERS = {
    **{w: str(n) for n, w in enumerate(_UNITS, 2)},
    **{w: str(n) for n, w in enumerate(_TEENS, 10)},
    **{w: str(10 * n) for n, w in enumerate(_TENS, 2)},
}
"""Number words as digits: a copy writes "forty" where the wire wrote "40" ("one" stays a
word: "no one", "one of them")."""


def _compound(word: str) -> str | None:
    """The number a hyphenated word spells ("fifty-eight" is "58"), or None."""
    tens, _, unit = word.partition("-")
    if tens in _TENS and (unit == "one" or unit in _UNITS):
        return str(10 * (_TENS.index(tens) + 2) + (_UNITS.index(unit) + 2 if unit != "one" else 1))
    return None


_SHORT_SYLLABLE = re.compile(r"[^aeiou][aeiou][^aeiouwxy]").fullmatch
"""A consonant, a vowel, a consonant: a stem that dropped its ``e`` ("vot" of "voted")."""


def stem(word: str) -> str:
    """A light suffix-stripping stem of a lower-cased word: folds plurals and inflections,
    keeps short words whole.

    >>> [stem(w) for w in ("tensions", "escalating", "escalated", "arrive", "u.s", "planet's")]
    ['tension', 'escalat', 'escalat', 'arriv', 'us', 'planet']

    Short words fold too where the rule is safe: a plural's ``s`` ("jobs", not "bus"), ``ies``
    ("cities" is "city"), "died", and ``ed`` / ``ing`` after three letters, keeping the ``e``
    that a consonant-vowel-consonant stem drops ("voted" is "vote", "ended" is "end"):

    >>> [stem(w) for w in ("jobs", "cities", "died", "voted", "voting", "ended", "bus", "news")]
    ['job', 'city', 'die', 'vote', 'vote', 'end', 'bus', 'news']

    Number words are digits: ``stem("forty")`` is ``'40'``, ``stem("fifty-eight")`` is
    ``'58'``.
    """
    w = word.replace(".", "")
    if w.endswith("'s"):
        w = w[:-2]
    number = _NUMBERS.get(w)
    if number is not None or ("-" in w and (number := _compound(w)) is not None):
        return number
    n = len(w)
    suffixes = _SUFFIXES_BY_LAST.get(w[-1:]) if n >= 5 else None
    if suffixes:
        if n >= 6 and w.endswith("ies"):
            return w[:-3] + "y"
        for suffix in suffixes:
            if n - len(suffix) >= 4 and w.endswith(suffix):
                return w[: -len(suffix)]
        if (n == 5 and w.endswith("ed")) or (n == 6 and w.endswith("ing")):
            base = w[:3]
            return base + "e" if _SHORT_SYLLABLE(base) else base
    elif n == 4 and ((w[3] == "s" and w[2] not in "su" and w != "news") or w.endswith("ied")):
        return w[:3]  # "jobs", "died"
    return w


GROUPS = (
    "company firm business corporation enterprise",
    "decline refuse reject rebuff",
    "comment remark statement",
    "say state tell told remark",
    "agreement accord deal pact",
    "plan scheme proposal programme program",
    "build construct erect",
    "begin start commence launch",
    "end finish conclude close",
    "big large huge major vast",
    "small little minor tiny",
    "official authority officer",
    "government administration",
    "president chief head leader",
    "help aid assist support",
    "buy purchase acquire",
    "sell vend",
    "rise increase climb grow jump surge",
    "fall drop decline decrease sink plunge",
    "show reveal indicate demonstrate display",
    "expect anticipate forecast predict",
    "need require",
    "use utilise utilize employ",
    "try attempt seek",
    "meeting session gathering conference",
    "talk discussion negotiation",
    "vote ballot",
    "law legislation statute",
    "rule regulation",
    "court tribunal",
    "judge justice",
    "police law-enforcement",
    "home house residence dwelling",
    "town city municipality community",
    "country nation state",
    "people persons individuals residents locals",
    "child kid youngster",
    "money funds funding cash",
    "cost price expense",
    "pay compensate",
    "worker employee staff",
    "job position post role",
    "car vehicle automobile",
    "road highway street",
    "water flood floodwater",
    "damage harm destruction",
    "destroy wreck ruin demolish",
    "repair fix restore mend",
    "protect shield safeguard defend",
    "warn caution alert",
    "fear worry concern anxiety",
    "problem issue difficulty trouble",
    "answer reply respond response",
    "question query ask",
    "ask request",
    "allow permit let",
    "stop halt cease",
    "delay postpone defer",
    "cancel scrap",
    "continue proceed persist",
    "change alter modify",
    "important significant crucial key vital",
    "new fresh novel",
    "old aging ageing elderly",
    "quick fast rapid swift",
    "slow sluggish",
    "hard difficult tough",
    "easy simple",
    "near close nearby",
    "about approximately roughly around nearly almost",
    "many numerous several",
    "area region zone district",
    "site location place",
    "report account",
    "study research survey",
    "expert specialist analyst",
    "attack assault strike",
    "kill slay",
    "die perish",
    "injure wound hurt",
    "arrest detain apprehend",
    "accuse allege charge",
    "investigate investigation probe inquiry examine",
    "find discover uncover",
    "hope wish",
    "praise welcome applaud commend",
    "criticise criticize condemn",
    "opponent critic",
    "group organisation organization association",
    "environmental ecological green",
    "wetland marsh marshland swamp",
    "farmer grower",
    "land ground terrain",
    "river stream waterway",
    "storm tempest",
)


def _fold() -> dict[str, str]:
    out: dict[str, str] = {}
    for n, group in enumerate(GROUPS):
        for word in group.split():
            out.setdefault(stem(word), f"~syn{n}")
    return out


SYNONYMS: dict[str, str] = _fold()
"""Stem -> the extra stem of its synonym group (the first group a stem is in wins)."""
