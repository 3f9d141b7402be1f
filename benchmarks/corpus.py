"""Large, deterministic article pairs built from the demo story, for the engine benchmark.

Each pass over the story renames its places, people and companies (a suffix on every proper
name) and shifts its numbers, so a megabyte of text is not one story repeated; B then receives
the edits that real versions show: paraphrased paragraphs (from the spun copy), cut, added
and moved paragraphs.
"""

from __future__ import annotations

import random
import re

from app.demo import read_demo_text

SUFFIXES = ("", "ia", "ton", "ville", "burg", "ford", "more", "dale", "wick", "stead", "holm")
COMMON = frozenset(
    "The This That These Those There They Then When While After Before With From "
    "Federal State County City Tuesday Monday Wednesday Thursday Friday".split()
)
EXTRA = (
    "Officials in two neighbouring counties said they would seek a similar agreement.",
    "Contractors warned that a shortage of heavy equipment could delay the first phase.",
    "Analysts said the cost estimate did not include repairs to the older pumping stations.",
)
_NUMBER = re.compile(r"\d+")
_NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")


def _paragraphs(name: str) -> list[str]:
    return [p.strip() for p in read_demo_text(name).split("\n\n") if p.strip()]


def _variant(text: str, k: int) -> str:
    """The story told of other places and people: proper names get a suffix, numbers shift."""
    suffix = SUFFIXES[k % len(SUFFIXES)] + ("" if k < len(SUFFIXES) else str(k // len(SUFFIXES)))
    text = _NAME.sub(lambda m: m.group() if m.group() in COMMON else m.group() + suffix, text)
    return _NUMBER.sub(lambda m: str(int(m.group()) + k % 97), text)


def build_pair(size_bytes: int, seed: int = 7) -> tuple[str, str]:
    """Two texts of about ``size_bytes`` characters each (A and an edited B), always the same."""
    rng = random.Random(seed)
    original, spun = _paragraphs("original.txt"), _paragraphs("spun.txt")
    a: list[str] = []
    b: list[str] = []
    held: list[str] = []
    size = k = 0
    while size < size_bytes:
        for p, paragraph in enumerate(original):
            text = _variant(paragraph, k)
            a.append(text)
            size += len(text) + 2
            roll = rng.random()
            if roll < 0.72:
                b.append(text)
            elif roll < 0.84:
                b.append(_variant(spun[p], k))
            elif roll < 0.89:
                pass  # cut
            elif roll < 0.94:
                b.extend([text, _variant(rng.choice(EXTRA), k)])
            else:
                held.append(text)  # moved: reappears a little later
            if held and rng.random() < 0.3:
                b.append(held.pop(0))
        k += 1
    b.extend(held)
    return "\n\n".join(a), "\n\n".join(b)
