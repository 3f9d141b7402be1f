"""Near-duplicate evidence: MinHash fingerprints and their LSH keys, key terms, and the engine
match score that confirms a candidate story."""

from __future__ import annotations

from app.ingest.fingerprint import (
    BANDS,
    MIN_KEY_TERMS,
    Fingerprint,
    best_containment,
    estimate_containment,
    estimate_jaccard,
    fingerprint,
    key_terms,
    shingles,
)
from app.services.grouping import key_term_share, match_score
from app.text import compare

STORY = """Flood barriers along the Tamsin River held overnight as the water crested at 9.4 metres in Orrick, officials said on Thursday.

Mayor Petra Lund said 1,200 residents had been moved to shelters at the Orrick fairgrounds and two schools.

The county engineer, Dov Arkell, warned that the embankment near the old mill remained the weakest point.

Volunteers filled 40,000 sandbags on Wednesday, and the National Guard sent 150 soldiers to help."""
OTHER = """The Orrick school board voted 5-2 on Tuesday to close Birchwood Elementary at the end of the year.

Superintendent Hal Mercer said enrolment had fallen by a third since 2019, leaving 180 pupils in a building meant for 600.

Parents who packed the meeting asked the board to wait another year."""


def paragraphs(text: str, keep: slice) -> str:
    return "\n\n".join(text.split("\n\n")[keep])


def test_a_text_is_its_own_near_duplicate() -> None:
    a, b = fingerprint(STORY), fingerprint(STORY)
    assert a == b
    assert estimate_jaccard(a, b) == 1.0
    assert len(a.band_keys) == BANDS
    assert len(set(a.band_keys)) == BANDS  # each band keys a bucket of its own


def test_a_trimmed_copy_is_contained_and_an_unrelated_text_is_not() -> None:
    whole, half = fingerprint(STORY), fingerprint(paragraphs(STORY, slice(0, 2)))
    other = fingerprint(OTHER)
    assert estimate_containment(whole, half) > 0.8
    assert estimate_jaccard(whole, half) < 0.8  # Jaccard alone undersells a trimmed copy
    assert estimate_containment(whole, other) < 0.3
    assert len(set(whole.band_keys) & set(half.band_keys)) > len(
        set(whole.band_keys) & set(other.band_keys)
    )


def test_shingles_are_content_words() -> None:
    words = shingles("The mayor and THE council said 12 new homes would be built.")
    assert words == {b"mayor", b"council", b"12", b"homes", b"built"}


def test_empty_text_matches_nothing() -> None:
    empty = fingerprint("   ")
    assert empty.shingles == 0
    assert estimate_containment(empty, fingerprint(STORY)) == 0.0


def test_key_terms_are_names_and_numbers_not_sentence_openers() -> None:
    terms = key_terms(STORY)
    assert {"Tamsin", "River", "Orrick", "Petra", "Lund", "1,200", "9.4", "Dov", "Arkell"} <= terms
    assert not {"Flood", "Mayor", "The", "Volunteers"} & terms


def test_key_term_share_is_high_for_versions_and_low_for_a_same_place_story() -> None:
    trimmed = key_terms(paragraphs(STORY, slice(1, 3)))
    assert key_term_share(key_terms(STORY), trimmed) == 1.0
    assert key_term_share(key_terms(STORY), key_terms(OTHER)) < 0.3  # only "Orrick" in common
    assert key_term_share(set(), key_terms(STORY)) == 1.0  # no names: no evidence against


def test_match_score_sees_a_copy_inside_a_longer_text() -> None:
    padded = STORY + "\n\n" + OTHER
    assert match_score(compare(STORY, padded)) > 0.95
    assert match_score(compare(padded, paragraphs(STORY, slice(0, 2)))) > 0.95
    assert match_score(compare(STORY, OTHER)) < 0.3


def test_a_trimmed_copy_with_fewer_key_terms_and_its_original_find_each_other() -> None:
    original = (
        "Crews in Orrick reopened the Tamsin bridge after a 14-week repair. "
        "The county engineer said the deck would carry 9,000 cars a day.\n\n"
        "The engineer, Dov Arkell, said a second crossing at Lund would close next spring."
    )
    trimmed = original.split("\n\n")[0]
    assert len(key_terms(original)) >= MIN_KEY_TERMS > len(key_terms(trimmed))
    long, short = fingerprint(original), fingerprint(trimmed)
    # Stored fingerprints are of different kinds, sharing no band ...
    assert not set(long.band_keys) & set(short.band_keys)
    # ... but whichever comes second finds the first, and sees it held in the other.
    assert set(short.search_keys) & set(long.band_keys)
    assert set(long.search_keys) & set(short.band_keys)
    assert best_containment(short, Fingerprint(long.signature, long.shingles)) > 0.6
    assert best_containment(long, Fingerprint(short.signature, short.shingles)) > 0.6
