"""The same pair gives the same comparison in every process, whatever its string hash seed.

Python salts string hashes per process (``PYTHONHASHSEED``), so a set of words iterates in a
different order in each one: any float summed over such a set, or any tie broken by that
order, would make cached comparisons differ from fresh ones.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from app.text import compare

ROOT = Path(__file__).resolve().parents[2]
HASH_SEEDS = ("0", "1", "2")
SYLLABLES = "ar bel cor dan el fen gar hal is jor kel lin mor nes or pel quin ros sal tor ul ven"
REPEATED = "The company declined to comment."


def tied_pair(sentences: int = 200) -> tuple[str, str]:
    """Fictional sentences whose B version has the same words in another order (so the pair
    scores exactly 1.0 only if the sums over its words do not depend on their order), the
    same sentence several times on both sides, and B copies that tie as partners of one A
    sentence."""
    rng = random.Random(5)
    vocab = ["".join(rng.sample(SYLLABLES.split(), 3)) for _ in range(300)]
    a: list[str] = []
    b: list[str] = []
    for k in range(sentences):
        words = rng.sample(vocab, 9)
        a.append(" ".join(words).capitalize() + ".")
        b.append(" ".join(words[4:] + words[:4]).capitalize() + ".")
        if k % 7 == 0:
            a.append(REPEATED)
            b.append(REPEATED)
        if k % 23 == 0:
            b.append(" ".join(words[2:] + words[:2]).capitalize() + ".")
    return " ".join(a), "\n".join(b)


def compare_in_process(hash_seed: str) -> str:
    """The JSON of the tied pair's comparison, made in a fresh interpreter."""
    code = (
        "import json; from app.text import compare; "
        "from tests.unit.test_determinism import tied_pair; "
        "print(json.dumps(compare(*tied_pair()).to_dict(), sort_keys=True))"
    )
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_the_tied_pair_has_what_it_promises() -> None:
    c = compare(*tied_pair())
    repeated = [r for r in c.rows if r.kind == "equal" and c.a.sentences[r.a[0]].text == REPEATED]
    assert len(repeated) == 29
    reordered = [r for r in c.rows if r.kind == "reworded" and r.why == "similar words"]
    assert len(reordered) > 150
    assert c.summary.counts["added"] > 0  # the B copies left over once their sentence paired


def test_every_hash_seed_gives_the_same_json() -> None:
    outputs = {seed: compare_in_process(seed) for seed in HASH_SEEDS}
    assert json.loads(outputs["0"])["rows"]
    assert len(set(outputs.values())) == 1, "the comparison depends on the string hash seed"
