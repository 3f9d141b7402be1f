"""The engine's decisions on small fictional stories: one behaviour per test."""

from __future__ import annotations

from app.text import Comparison, compare

BASE = """Harbor officials in Calloway approved a $40 million plan to dredge the old shipping channel on Tuesday.

The vote was 7-2 after a four-hour hearing that drew dozens of fishermen.

Mayor Ines Okafor called the project "the biggest investment in the waterfront in a generation."

Work is expected to begin in March and last about 18 months.

The company declined to comment.

Critics said the dredging would stir up decades of industrial sediment."""


def rows_by_text(c: Comparison) -> list[tuple[str, list[str], list[str]]]:
    return [
        (
            r.kind,
            [c.a.sentences[i].text for i in r.a],
            [c.b.sentences[j].text for j in r.b],
        )
        for r in c.rows
    ]


def kind_of(c: Comparison, a_prefix: str) -> str:
    for kind, a, _ in rows_by_text(c):
        if a and a[0].startswith(a_prefix):
            return kind
    raise AssertionError(f"no row starts with {a_prefix!r}")


def test_identical_texts_are_all_equal() -> None:
    c = compare(BASE, BASE)
    assert {r.kind for r in c.rows} == {"equal"}
    assert c.summary.verdict == "identical"
    assert c.summary.similarity == 1.0


def test_reworded_sentence_pairs_and_has_inline_changes() -> None:
    b = BASE.replace("drew dozens of fishermen", "attracted scores of local fishermen")
    c = compare(BASE, b)
    row = next(r for r in c.rows if r.kind == "reworded")
    assert c.a.sentences[row.a[0]].text.startswith("The vote was 7-2")
    ops = {(o.op, o.text) for o in row.ops}
    assert ("delete", "drew dozens") in ops or any(o.op == "delete" for o in row.ops)
    assert any(o.op == "insert" and "local" in o.text for o in row.ops)
    assert 0.3 < (row.similarity or 0) < 1.0


def test_paraphrase_with_few_shared_words_still_pairs() -> None:
    a = "Officials hope to cool exploding tensions over the Calloway harbor dredging plan."
    b = "Officials want to defuse escalating tensions about the Calloway harbor dredging project."
    c = compare(a, b)
    assert [r.kind for r in c.rows] == ["reworded"]


def test_unrelated_sentences_do_not_pair() -> None:
    a = "The orchestra will tour four Baltic capitals in the spring."
    b = "Flooding closed two highways north of Calloway on Sunday."
    c = compare(a, b)
    assert sorted(r.kind for r in c.rows) == ["added", "removed"]
    assert c.summary.verdict == "unrelated"


def test_split_sentence_is_one_row() -> None:
    b = BASE.replace(
        "Work is expected to begin in March and last about 18 months.",
        "Work is expected to begin in March. It should last about 18 months.",
    )
    c = compare(BASE, b)
    split = [r for r in c.rows if r.kind == "split"]
    assert len(split) == 1
    assert len(split[0].a) == 1
    assert len(split[0].b) == 2


def test_merged_sentences_are_one_row() -> None:
    b = BASE.replace(
        "The company declined to comment.\n\nCritics said",
        "The company declined to comment, while critics said",
    )
    c = compare(BASE, b)
    merged = [r for r in c.rows if r.kind == "merged"]
    assert len(merged) == 1
    assert len(merged[0].a) == 2
    assert len(merged[0].b) == 1


def test_moved_paragraph_is_moved_not_added_and_removed() -> None:
    paras = BASE.split("\n\n")
    b = "\n\n".join([paras[0], paras[3], paras[1], paras[2], *paras[4:]])
    c = compare(BASE, b)
    kinds = [r.kind for r in c.rows]
    assert kinds.count("moved") == 1
    assert "added" not in kinds
    assert "removed" not in kinds


def test_added_paragraphs_form_one_block() -> None:
    extra = (
        "Three environmental groups have sued to stop the work.\n\n"
        "Their lawyers argued the permits ignored a 2019 sediment survey.\n\n"
        "A hearing on the lawsuit is set for February."
    )
    c = compare(BASE, BASE + "\n\n" + extra)
    assert [r.kind for r in c.rows].count("added") == 3
    (block,) = c.summary.added_blocks
    assert len(block.sentences) == 3
    assert len(block.paragraphs) == 3
    assert c.summary.verdict == "partial copy"


def test_removed_sentence_and_trimmed_copy() -> None:
    b = "\n\n".join(BASE.split("\n\n")[:2])
    c = compare(BASE, b)
    assert [r.kind for r in c.rows].count("removed") == 4
    assert c.summary.removed_blocks
    assert c.summary.verdict == "partial copy"


def test_repeated_identical_sentence_pairs_with_the_right_copy() -> None:
    a = (
        "Velta Corp. recalled 4,000 heaters on Monday. The company declined to comment.\n\n"
        "Regulators in Ardmore opened an inquiry into the heaters. "
        "The company declined to comment."
    )
    b = (
        "Velta Corp. recalled 4,000 heaters on Monday. The company declined to comment.\n\n"
        "A hotline for owners opened on Tuesday.\n\n"
        "Regulators in Ardmore opened an inquiry into the heaters. "
        "The company declined to comment."
    )
    c = compare(a, b)
    pairs = [(r.a, r.b) for r in c.rows if r.kind == "equal"]
    assert ((1,), (1,)) in pairs
    assert ((3,), (4,)) in pairs
    assert [r.kind for r in c.rows].count("added") == 1


def test_many_copies_of_a_sentence_pair_within_their_own_paragraphs() -> None:
    # Six copies: too many to score every pair.  B cuts the first paragraph and adds one
    # with a seventh copy, so pairing the i-th copy with the i-th is wrong from the start.
    towns = ["Ardmore", "Belcastle", "Corvin", "Dunmere", "Elsworth", "Fallow"]
    paragraphs = [
        f"Inspectors in {t} found {n} faulty heaters in {t} schools. "
        "The company declined to comment."
        for n, t in enumerate(towns, start=3)
    ]
    extra = "A hotline in Garrow took 90 calls on Friday. The company declined to comment."
    a = "\n\n".join(paragraphs)
    b = "\n\n".join([*paragraphs[1:4], extra, *paragraphs[4:]])
    c = compare(a, b)
    ends = [(r.a, r.b) for r in c.rows if r.kind == "equal" and r.a[0] % 2 == 1]
    # A's copy after paragraph k's first sentence (2k + 1) pairs with B's copy after the same
    # sentence: B position 2k - 1 before the added paragraph, 2k + 1 after it.
    assert ends == [((3,), (1,)), ((5,), (3,)), ((7,), (5,)), ((9,), (9,)), ((11,), (11,))]
    assert [r.kind for r in c.rows].count("added") == 2
    assert [r.kind for r in c.rows].count("removed") == 2


def test_short_sentence_is_never_a_false_move() -> None:
    a = "Shares of Velta fell sharply in early trading. EDT. Analysts expect a rebound."
    b = "EDT. Analysts expect a rebound. Shares of Velta fell sharply in early trading."
    c = compare(a, b)
    assert not any(r.kind == "moved" and c.a.sentences[r.a[0]].text == "EDT." for r in c.rows)


def test_inserted_name_is_one_clean_insertion() -> None:
    a = "Mayor Ines Okafor arrived in Calloway on a high-stakes visit to the harbor."
    b = "Mayor Ines Okafor arrived in Calloway on Rowan Pike a high-stakes visit to the harbor."
    (row,) = compare(a, b).rows
    inserts = [o.text for o in row.ops if o.op == "insert"]
    assert inserts == ["Rowan Pike "]
    assert all(o.op != "delete" for o in row.ops)


def test_same_words_in_another_order_are_reworded_and_still_similar() -> None:
    a = '"We will rebuild every road," Mayor Ines Okafor said on Tuesday.'
    b = 'Mayor Ines Okafor said on Tuesday: "We will rebuild every road."'
    (row,) = compare(a, b).rows
    assert row.kind == "reworded"
    # The inline diff shows one delete and one insert, but half the text is in the same order.
    assert [o.op for o in row.ops] == ["delete", "insert"]
    assert 0.4 < (row.similarity or 0.0) < 0.7
    (punctuated,) = compare("The mayor, who spoke, said no.", "The mayor who spoke said no.").rows
    assert 0.9 < (punctuated.similarity or 0.0) < 1.0


def test_a_split_or_move_that_changes_only_small_words_is_not_shown_as_unchanged() -> None:
    a = "Two workers were treated for smoke inhalation and no one else was hurt, officials said."
    b = "Two workers were treated for smoke inhalation. No one else was hurt, officials said."
    (split,) = compare(a, b).rows
    assert split.kind == "split"
    # The same content words ("and" is the only one gone), so the pair scores 1, but the
    # text did change: its similarity is the share left in place, as for a reworded row.
    assert 0.8 < (split.similarity or 0.0) < 1.0
    (merged,) = compare(b, a).rows
    assert merged.kind == "merged"
    assert merged.similarity == split.similarity


def test_a_headline_in_capitals_is_the_same_words_half_changed() -> None:
    a = "HARBOUR COUNCIL APPROVES FERRY TERMINAL\n\nThe council voted on Monday."
    b = "Harbour Council Approves Ferry Terminal\n\nThe council voted on Monday."
    headline, _ = compare(a, b).rows
    assert headline.kind == "reworded"
    assert headline.why == "same words"
    # Every letter is kept; a plain character diff would find only the capitals the same.
    assert 0.5 < (headline.similarity or 0.0) < 0.7


def test_char_granularity_marks_characters() -> None:
    (row,) = compare("The harbour opened.", "The harbor opened.", granularity="char").rows
    assert [(o.op, o.text) for o in row.ops if o.op != "equal"] == [("delete", "u")]


def test_ignore_options_make_cosmetic_rows() -> None:
    a = "“The harbor is ours,” Okafor said."
    b = '"The Harbor is ours," Okafor said.'
    assert compare(a, b).rows[0].kind == "reworded"
    assert compare(a, b, ignore_quotes=True).rows[0].kind == "reworded"
    both = compare(a, b, ignore_quotes=True, ignore_case=True)
    assert both.rows[0].kind == "cosmetic"
    assert both.summary.verdict == "cosmetic edits"
    assert compare(a, b, ignore_punctuation=True, ignore_case=True).rows[0].kind == "cosmetic"
    spaced = compare("The vote was  7-2.", "The vote was 7-2.", ignore_whitespace=True)
    assert spaced.rows[0].kind == "cosmetic"


def test_scraped_copy_chrome_is_boilerplate() -> None:
    b = (
        "Current:Home > Local > Calloway harbor dredging approved\n"
        "Calloway harbor dredging approved\n"
        "Dana Whitfield View\n"
        "Date:2031-05-02 10:41:07\n"
        + BASE.replace("\n\n", "\n")
        + "\n- In:\n- Calloway\nveryGood! (52)\nRelated\n"
        "- Ferry fares rise again this summer\n- New bridge opens to cyclists\n"
        "- Local bakery wins national prize\nSource Link"
    )
    c = compare(BASE, b)
    chrome = [c.b.sentences[j].text for r in c.rows if r.kind == "boilerplate" for j in r.b]
    assert chrome[:4] == [
        "Current:Home > Local > Calloway harbor dredging approved",
        "Calloway harbor dredging approved",
        "Dana Whitfield View",
        "Date:2031-05-02 10:41:07",
    ]
    assert "Related" in chrome
    assert "Source Link" in chrome
    assert "veryGood! (52)" in chrome
    assert not any(r.kind == "added" for r in c.rows)
    assert {r.kind for r in c.rows} == {"equal", "boilerplate"}


def test_chrome_detection_can_be_switched_off() -> None:
    c = compare(BASE, BASE + "\nRelated\n- One\n- Two\n- Three", detect_boilerplate=False)
    assert "boilerplate" not in {r.kind for r in c.rows}


def test_rows_follow_reading_order() -> None:
    b = "Breaking: a new first sentence here.\n\n" + BASE
    c = compare(BASE, b)
    assert c.rows[0].kind == "added"
    assert c.rows[0].b == (0,)
    firsts_a = [r.a[0] for r in c.rows if r.a]
    assert firsts_a == sorted(firsts_a)


def test_every_sentence_in_exactly_one_row() -> None:
    b = BASE.replace("Work is expected", "Construction is expected").replace("7-2", "6-3")
    c = compare(BASE, b + "\n\nOne more line.")
    for side, doc in (("a", c.a), ("b", c.b)):
        ids = sorted(i for r in c.rows for i in getattr(r, side))
        assert ids == [s.id for s in doc.sentences]


def test_summary_counts_and_words() -> None:
    b = (
        BASE.replace("dozens of fishermen", "dozens of angry fishermen")
        + "\n\nNew closing line here."
    )
    s = compare(BASE, b).summary
    assert s.counts["reworded"] == 1
    assert s.counts["added"] == 1
    assert s.words_added == 1 + 4
    assert s.words_removed == 0
    assert 0.8 < s.similarity < 1.0


def test_json_round_trip() -> None:
    c = compare(BASE, BASE.replace("7-2", "6-3"))
    again = Comparison.from_dict(c.to_dict(), c.a.text, c.b.text)
    assert again.to_dict() == c.to_dict()
    assert again.a == c.a
    assert again.b == c.b


SPUN = """On Tuesday, port authorities in Calloway gave the green light to a $40 million scheme to deepen the aging cargo channel.

The decision passed 7-2 following a marathon four-hour session that attracted scores of fishers.

The project, according to Mayor Ines Okafor, represents "the largest waterfront investment in a generation."

Construction should start in March and run for roughly 18 months.

The firm did not respond to requests for comment.

Opponents argued that deepening the channel could churn up decades-old factory sludge."""


def test_spun_copy_pairs_every_sentence_in_place() -> None:
    c = compare(BASE, SPUN)
    assert [(r.kind, r.a, r.b) for r in c.rows] == [("reworded", (k,), (k,)) for k in range(6)]
    assert c.summary.verdict == "paraphrased copy"


def test_replaced_paragraphs_on_the_same_topic_do_not_pair() -> None:
    a = """The Calloway council met on Tuesday to discuss the harbor budget.

Fishermen packed the hall to oppose the dredging plan.

Several speakers warned that the channel work would harm the oyster beds near Pike Point.

A marine biologist from the state university presented a survey of sediment samples.

Another speaker asked whether the port authority had consulted the tribes.

The council will vote on the budget next month."""
    b = """The Calloway council met on Tuesday to discuss the harbor budget.

The treasurer reported that harbor fees rose 12 percent last year.

Councilman Ade Rowe proposed a new fund for pier repairs.

The city attorney said the ferry contract expires in June.

The council will vote on the budget next month."""
    kinds = [r.kind for r in compare(a, b).rows]
    assert kinds == [
        "equal",
        "removed",
        "removed",
        "removed",
        "removed",
        "added",
        "added",
        "added",
        "equal",
    ]


def test_chrome_between_the_pieces_of_a_split_keeps_its_row() -> None:
    # A scraped copy's ad line falls between the two halves of a split sentence: the split
    # pairs across it, and the ad line still has its own row, right after the split's.
    a = (
        "Rescuers searched the fjord all night.\n\n"
        "Police said 11 people had been taken to hospital in Bergen, two of them with serious "
        "injuries.\n\nThe prime minister will visit on Wednesday."
    )
    b = (
        "Rescuers searched the fjord all night.\n"
        "Police said 11 people had been taken to hospital in Bergen.\nADVERTISEMENT\n"
        "Two of them have serious injuries.\nThe prime minister will visit on Wednesday."
    )
    for x, y, side in ((a, b, "b"), (b, a, "a")):
        c = compare(x, y)
        kinds: list[tuple[str, tuple[int, ...]]] = [(r.kind, getattr(r, side)) for r in c.rows]
        many = "split" if side == "b" else "merged"
        at = kinds.index((many, (1, 3)))
        assert kinds[at + 1] == ("boilerplate", (2,))
        doc = c.b if side == "b" else c.a
        assert sorted(i for r in c.rows for i in getattr(r, side)) == [s.id for s in doc.sentences]
