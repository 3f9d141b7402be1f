"""Large, deterministic article pairs for the engine benchmark, built from our own fixtures.

The pool of paragraphs is the demo story (each paragraph with its paraphrase from the spun copy)
and the stories of the labelled cases in ``tests/cases``. A is that pool repeated, each pass with
its own names and numbers, so a megabyte of text is not one story a thousand times over. B is A
with the edits real versions show, drawn from a seeded generator: paraphrased, reworded, cut,
added and moved paragraphs, split and merged sentences.

>>> a, b = build_pair(20_000)
>>> 20_000 <= len(a) < 25_000 and (a, b) == build_pair(20_000)
True
"""

from __future__ import annotations

import json
import random
import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.demo import read_demo_text

CASES_DIR = Path(__file__).resolve().parents[1] / "tests" / "cases"
CASE_SUITES = ("alignment", "blocks", "verdicts")
SYLLABLES = "ar bel cor dan el fen gar hal is jor kel lin mor nes or pel quin ros sal tor ul ven"
_SYLLABLES = SYLLABLES.split()
_NUMBER = re.compile(r"(?<![\d,.])\d+")
_NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{3,}\b")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9]\.) (?=[A-Z])")
_CLAUSE = re.compile(r", (and|but|while|which) ")
_LONG_WORD = re.compile(r"\b[a-z]{6,}\b")
_SENTENCE = re.compile(r"(?<=[.!?\"”])\s+")
RESPELL_SHARE = 0.3
"""Share of the long lower-case words that each pass respells, so passes do not repeat sentences."""
REWORDINGS = (
    ("said", "stated"),
    ("about", "roughly"),
    ("would", "will"),
    ("expected", "set"),
    ("new", "fresh"),
    ("more than", "over"),
    ("began", "started"),
    ("because", "since"),
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of the pool and, when we wrote one, its paraphrase."""

    text: str
    paraphrase: str | None = None


@cache
def paragraph_pool() -> tuple[Paragraph, ...]:
    """The demo story's paragraphs (with the spun copy's) and the case stories' paragraphs."""
    original = read_demo_text("original.txt").split("\n\n")
    spun = read_demo_text("spun.txt").split("\n\n")
    pool = [Paragraph(o.strip(), s.strip()) for o, s in zip(original, spun, strict=True)]
    seen = {s for p in pool for s in _SENTENCE.split(p.text)}
    for suite in CASE_SUITES:
        path = CASES_DIR / f"{suite}.json"
        if not path.is_file():
            continue
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            for side in ("a", "b"):
                for text in str(case.get(side, "")).split("\n\n"):
                    sentences = _SENTENCE.split(text.strip())
                    if len(text) > 40 and not seen.intersection(sentences):
                        seen.update(sentences)
                        pool.append(Paragraph(text.strip()))
    return tuple(pool)


@cache
def _renamer(k: int) -> dict[str, str]:
    """Pass ``k``'s names: one made-up name per capitalised word, the same on both sides."""
    rng = random.Random(k)
    names: dict[str, str] = {}
    for p in paragraph_pool():
        for word in _NAME.findall(p.text + " " + (p.paraphrase or "")):
            if word not in names:
                names[word] = "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()
    return names


def _respell(word: str, k: int) -> str:
    """About ``RESPELL_SHARE`` of the long words get a pass-specific ending (same on both sides)."""
    h = zlib.crc32(f"{k}:{word}".encode())
    if h % 1000 >= RESPELL_SHARE * 1000:
        return word
    return word + _SYLLABLES[h % len(_SYLLABLES)]


def _variant(text: str, k: int, names: dict[str, str]) -> str:
    """``text`` as pass ``k`` tells it: names swapped, numbers shifted, some words respelled."""
    if k == 0:
        return text
    text = _NAME.sub(lambda m: names.get(m.group(), m.group()), text)
    text = _LONG_WORD.sub(lambda m: _respell(m.group(), k), text)
    return _NUMBER.sub(lambda m: str(int(m.group()) + k % 89), text)


def _reword(text: str, rng: random.Random) -> str:
    """A light edit: a few words swapped for near-synonyms."""
    for old, new in rng.sample(REWORDINGS, 3):
        text = text.replace(f" {old} ", f" {new} ", 1)
    return text


def _split_or_merge(text: str, rng: random.Random) -> str:
    """Split one sentence at a clause (", and" -> ". And") or merge two into one."""
    if rng.random() < 0.5 and _CLAUSE.search(text):
        return _CLAUSE.sub(lambda m: ". " + m.group(1).capitalize() + " ", text, count=1)
    m = _SENTENCE_END.search(text)
    if m is None:
        return text
    rest = text[m.end() :]
    return text[: m.start() - 1] + ", and " + rest[:1].lower() + rest[1:]


def build_pair(size_bytes: int, seed: int = 7) -> tuple[str, str]:
    """Two texts, A of about ``size_bytes`` characters and its edited version B; deterministic.

    Per paragraph of B: 70 % kept, 8 % paraphrased (or reworded), 6 % reworded, 4 % split or
    merged sentences, 4 % cut, 4 % followed by an added paragraph from another pass, 4 % moved
    a few paragraphs later.
    """
    rng = random.Random(seed)
    pool = paragraph_pool()
    a: list[str] = []
    b: list[str] = []
    held: list[str] = []
    size = k = 0
    while size < size_bytes:
        names = _renamer(k)
        for paragraph in pool:
            text = _variant(paragraph.text, k, names)
            a.append(text)
            size += len(text) + 2
            roll = rng.random()
            if roll < 0.70:
                b.append(text)
            elif roll < 0.78:
                spun = paragraph.paraphrase
                b.append(_variant(spun, k, names) if spun else _reword(text, rng))
            elif roll < 0.84:
                b.append(_reword(text, rng))
            elif roll < 0.88:
                b.append(_split_or_merge(text, rng))
            elif roll < 0.92:
                pass  # cut
            elif roll < 0.96:
                extra = rng.choice(pool)
                b.extend([text, _variant(extra.text, k + 1 + rng.randrange(50), _renamer(k + 1))])
            else:
                held.append(text)
            if held and rng.random() < 0.25:
                b.append(held.pop(0))
            if size >= size_bytes:
                break
        k += 1
    b.extend(held)
    return "\n\n".join(a), "\n\n".join(b)
