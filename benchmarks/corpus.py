"""Large, deterministic article pairs built from the demo story, for the engine benchmark.

Each pass over the story renames its places, people and companies and shifts its numbers, so
a megabyte of text is not one story repeated; B then receives the edits that real versions
show: paraphrased paragraphs (from the spun copy), cut, added and moved paragraphs.
"""

from __future__ import annotations

import random
import re

from app.demo import read_demo_text

PLACES = ("Marrow Bay", "Kessel Point", "Ardmore Flats", "Silver Inlet", "Pike Harbor", "Coldwater")
PEOPLE = ("Alma Reyes", "Ines Vantor", "Maya Ostrow", "Lena Farrow", "Rosa Quill", "Edda Marsh")
FIRMS = ("Halvard", "Brightwell", "Norcliffe", "Tamsin", "Ostergaard", "Pellam")
EXTRA = (
    "The wind port is the third such project approved on the coast this year.",
    "Port officials elsewhere have reported delays of more than a year.",
    "Analysts say the terminal could face the same bottlenecks unless cranes are secured early.",
)
_NUMBER = re.compile(r"\d+")


def _paragraphs(name: str) -> list[str]:
    return [p.strip() for p in read_demo_text(name).split("\n\n") if p.strip()]


def _variant(text: str, k: int) -> str:
    text = text.replace("Marrow Bay", PLACES[k % len(PLACES)]).replace(
        "MARROW BAY", PLACES[k % len(PLACES)].upper()
    )
    text = text.replace("Alma Reyes", PEOPLE[k % len(PEOPLE)]).replace(
        "Halvard", FIRMS[k % len(FIRMS)]
    )
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
