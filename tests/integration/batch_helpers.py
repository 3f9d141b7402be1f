"""Articles for batch tests: each call makes a story of its own, in pseudo-words, so tests that
share a database never see their stories grouped or deduplicated with another test's."""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass

from sqlalchemy import Engine

from app.services.batch_items import store_pending
from app.services.batches import read_upload

SYLLABLES = (
    "ka lo mi ne ru sa ti vo be da fe gu ho ji ku la ma no pe ri so tu va we xi yo zu".split()
)


@dataclass(frozen=True, slots=True)
class Story:
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def trimmed(self, keep: int) -> str:
        return "\n\n".join(self.paragraphs[:keep])

    def padded(self, extra: Story) -> str:
        return "\n\n".join([*self.paragraphs, *extra.paragraphs[:2]])

    def edited(self) -> str:
        """The story with one word changed in every other paragraph."""
        out = [
            p.replace(" ", " quorvel ", 1) if n % 2 else p for n, p in enumerate(self.paragraphs)
        ]
        return "\n\n".join(out)


def new_story(paragraphs: int = 6, seed: str | None = None) -> Story:
    rng = random.Random(seed or uuid.uuid4().hex)
    vocabulary = [
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(300)
    ]
    number = rng.randint(100, 9999)

    def sentence() -> str:
        words = rng.sample(vocabulary, rng.randint(9, 15))
        words.insert(rng.randint(1, len(words) - 1), str(number + rng.randint(0, 50)))
        return " ".join(words).capitalize() + "."

    return Story([" ".join(sentence() for _ in range(3)) for _ in range(paragraphs)])


def jsonl(records: list[dict[str, str]]) -> bytes:
    return "\n".join(json.dumps(r) for r in records).encode()


def run_batch_here(engine: Engine, batch_id: int, chunk: int = 50) -> None:
    """What the worker does for a batch, in this process."""
    read_upload(engine, batch_id, max_text_chars=1_000_000)
    store_pending(engine, batch_id, chunk=chunk, max_chars=1_000_000)
