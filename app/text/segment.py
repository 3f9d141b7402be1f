"""Text -> paragraphs -> sentences -> word tokens, every piece with offsets into the input.

Paragraphs are lines or blank-line separated blocks: scraped copies put one paragraph on each
line, while hard-wrapped text continues a paragraph on the next line (a line that does not end
a sentence, followed by one that starts in lower case, or any long unfinished line in a text
that separates paragraphs by blank lines).  A text wrapped at a fixed width (an e-mail, a
PDF: most lines end near one column, many start in lower case) continues after every line
that reaches near that width, however narrow, unless a line ends a sentence in a text
without blank lines between paragraphs.

A sentence ends at ``.``, ``!``, ``?`` or an ellipsis (with any closing quotes or brackets)
followed by white space, except:

- after titles that never end a sentence (``Gen. Lee``, ``Dr. Ames``);
- after other abbreviations, initials and dotted acronyms (``Corp.``, ``J.``, ``U.S.``) unless
  the next word is a common sentence opener (``... in the U.S. The next day``); but an
  abbreviation that is also a word, written in lower case (``voted no.``, ``fell ill.``), and
  ``etc.`` end a sentence before a capital, and so does a time's ``p.m.`` before anything but
  a day, a date, a time zone or "local time";
- after a list's number (``parts: 1. more inspectors``), and after the number that opens a
  numbered item's line (``1. Buy tickets early.``, ``12) Leave by noon.``);
- when ``!``/``?`` or an ellipsis (spaced ``. . .`` too) is followed by a lower-case word
  (``"Why?" she asked``), or a quoted one by its attribution (``"Why?" Alvarez asked``).

A full stop followed by a lower-case word does end a sentence: in copied text this is a stray
period (``is opening up. plans to open``), which the aligner then repairs as a merge.

Cost: one pass of a precompiled pattern over the text, O(len(text)).

>>> doc = segment("Gen. J. Smith met U.S. officials at 3.5 p.m. on Jan. 5. They left.")
>>> [s.text for s in doc.sentences]
['Gen. J. Smith met U.S. officials at 3.5 p.m. on Jan. 5.', 'They left.']
>>> [s.text for s in segment('He said: "Go." Then he left.').sentences]
['He said: "Go."', 'Then he left.']
"""

from __future__ import annotations

import bisect
import re
from itertools import pairwise

from app.text.types import Document, Paragraph, Sentence, Token

_COMMA_QUOTE = frozenset((',"', ",\u201d", ",'", ",\u2019"))
WRAP_MIN_LINES = 8
WRAP_MAX = 100
WRAP_FULL = 0.75
"""A line of wrapped text this close to the width (as a share of it) goes on to the next."""
_LINE = re.compile(r"\S(?:[^\n\r\u2028\u2029\x85\x0b\x0c]*\S)?")
"""A non-blank line without its leading and trailing white space."""
_NONSPACE = re.compile(r"\S")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_END = re.compile(
    # One character class first: that lets the regex engine skip ahead fast (3x on long texts).
    r"[.!?\u2026](?:[.!?\u2026]*[\"'\u201d\u2019\u00bb)\]]*(?=\s)"
    # A scraper dropped the space: 'waterfront."She', "on Friday.Traffic", "in 2022.Frane",
    # 'decision.\u201cOn', "in 2028.A public".
    r"|[\"\u201d\u2019\u00bb)\]]+(?=[\u201c\u2018]?[A-Z][a-z])"
    r"|(?<=[a-z0-9][a-z0-9]\.)(?=[\u201c\u2018]?[A-Z](?:[a-z]|\s)))"
)
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w.'\u2019-]*\s+){1,4}"
    r"(?:said|asked|says|asks|added|wondered|shouted|replied|yelled|demanded|cried)"
    r"(?=[.,;!?]|\s+(?:on|in|at|after|before|as|while|when|with|from|of|to)\b)"
)
"""The speaker and the verb after a quoted question or exclamation, where the clause ends:
"Okafor asked." ("Officials said the answer was simple." is a sentence of its own)."""
_OPENERS = "\"'\u201c\u2018\u00ab([\u2014-"
_UP_TO_WORD = re.compile(r"[\s\S]*[\s\"'\u201c\u2018\u00ab(\[]")
"""Everything up to the last character that cannot be part of a word before a full stop."""
# No possessive quantifiers ("\w++"), though nothing after a word can fail: before Python
# 3.11.5 they match wrongly here ("p.m." with its full stop, CPython issue 106052).
WORD = re.compile(r"\w+(?:[\u2019'.\-\u00ad\u200b-\u200d\u2060]\w+)*")
"""A word: letters and digits, with inner apostrophes, dots and hyphens (``U.S``, ``don't``),
and the invisible characters a page may hide inside one (a soft hyphen: ``com\u00adpany``)."""
_LIST_ITEM = re.compile(r"(?:[-*\u2022\u2013\u2014]|\d{1,3}[.)])\s")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_TERMINAL = ".!?:;\"'\u201d\u2019)]\u2026"
_TIME_ALONE = re.compile(r"\d{1,2}(?:[:.]\d{2})?\s?[ap]\.m\.", re.IGNORECASE)

# Titles precede a name: a full stop after them never ends a sentence.
TITLES = frozenset(
    "mr mrs ms dr gen lt col maj capt cpt cpl pvt sgt adm cmdr cdr gov govs sen sens rep reps "
    "pres prof rev hon supt insp det atty messrs mme mlle sra sgto fr mt ft brig".split()
)
# Abbreviations that may end a sentence, or be followed by a number.
ABBREVIATIONS = frozenset(
    "corp inc ltd co bros jr sr st etc vs v approx est dept univ assn ave blvd rd no nos vol "
    "fig art lbs oz w.va "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun "
    "e.g i.e a.m p.m u.s u.k u.n d.c ph.d al cf ca op eds ed pp "
    # U.S. state abbreviations in AP style, common in datelines ("MARROW BAY, Ore. (AP) -").
    "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont "
    "neb nev okla ore pa tenn tex va vt wash wis wyo".split()
)
# Abbreviations that are also words: written in lower case, they are the word ("voted no.",
# "fell ill."), and a capitalised word after them starts a sentence.
WORDLIKE = frozenset(
    "no ill mass miss ore sun sat wed wash fig pa est ind del mon ark mo la co ed al ca op pp "
    "vol art".split()
)
# "etc." closes a list, and a name seldom follows it within the sentence.
ENDS_LIST = frozenset(("etc",))
_CLOCK = frozenset(("a.m", "p.m"))
_AFTER_CLOCK = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday "
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december eastern central mountain pacific "
    "atlantic greenwich "
    "et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest ist jst aest aedt".split()
)
"""What follows a time in the same sentence: a day or date ("7 p.m. Tuesday"), a time zone
("8 p.m. EDT"), "local time"."""
# Words that commonly open a sentence: after an abbreviation they signal a real boundary.
OPENERS = frozenset(
    "the a an he she it they we i you his her its their our this that these those there "
    "but and or so yet in on at for after before when while if as by with from however "
    "meanwhile still then now also officials police".split()
)


def segment(text: str) -> Document:
    """Split ``text`` into paragraphs and sentences (see the module docstring for the rules).

    Every sentence satisfies ``sentence.text == text[sentence.start:sentence.end]``, has no
    leading or trailing white space, and every non-space character of ``text`` lies in
    exactly one sentence.
    """
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for start, end in _paragraph_spans(text):
        pid = len(paragraphs)
        first = len(sentences)
        for s_start, s_end in _sentence_spans(text, start, end):
            sentences.append(Sentence(len(sentences), s_start, s_end, pid, text[s_start:s_end]))
        paragraphs.append(Paragraph(pid, start, end, tuple(range(first, len(sentences)))))
    return Document(text, tuple(paragraphs), tuple(sentences))


def ends_sentence(text: str) -> bool:
    """Does ``text`` end with sentence punctuation (or a closing quote or bracket)?  A
    headline or a list heading does not, nor does a time alone, whose full stop is its
    "a.m.": a live report's entry label.

    >>> [ends_sentence(t) for t in ("Prices rose.", "Prices rise again", "9:45 a.m.")]
    [True, False, False]
    """
    return bool(text) and text[-1] in _TERMINAL and not _TIME_ALONE.fullmatch(text)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of ``text[start:end]`` with offsets into ``text``.

    >>> [t.text for t in tokenize("U.S.-China talks, don't stop")]
    ['U.S', 'China', 'talks', "don't", 'stop']
    """
    stop = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, stop)]


def words(text: str) -> list[str]:
    """The word tokens of ``text`` as strings (no offsets): the cheap form for scoring.

    A word never holds white space, so the text is cut at white space first (in C), and only
    pieces with something besides letters and digits go to the pattern: most are a word
    alone or a word and one mark (``said,``).  A third cheaper than the pattern over the
    whole text, with the same words (``str.isalnum`` is the pattern's word character less
    the underscore).

    >>> words("U.S.-China talks, don't stop_it_")
    ['U.S', 'China', 'talks', "don't", 'stop_it_']
    """
    out: list[str] = []
    append, find = out.append, WORD.findall
    for piece in text.split():
        if piece.isalnum():
            append(piece)
        elif piece[-1] != "_" and piece[:-1].isalnum():  # a word and one mark after it
            append(piece[:-1])
        else:
            out += find(piece)
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end) with surrounding white space trimmed."""
    return [m.span() for m in _LINE.finditer(text)]


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    lines = _lines(text)
    if not lines:
        return []
    blank_separated = _BLANK_LINE.search(text) is not None
    wrap = _wrap_width(text, lines)
    spans = [lines[0]]
    for start, end in lines[1:]:
        prev_start, prev_end = spans[-1]
        if _continues(text, prev_start, prev_end, start, blank_separated, wrap):
            spans[-1] = (prev_start, end)
        else:
            spans.append((start, end))
    return spans


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The column at which a hard-wrapped text (an e-mail's, a PDF's) breaks its lines, or
    None for text that keeps each paragraph on a line: most lines then end near one width
    (the 90th percentile of their lengths, at most ``WRAP_MAX``), and many start in lower
    case, in the middle of a sentence (a list of short lines does not)."""
    if len(lines) < WRAP_MIN_LINES:
        return None
    lengths = sorted(end - start for start, end in lines)
    width = lengths[9 * len(lengths) // 10]
    if width > WRAP_MAX:
        return None
    full = len(lengths) - bisect.bisect_left(lengths, WRAP_FULL * width)
    # A line that starts in lower case after one that does not end a sentence: a wrap, not a
    # paragraph that starts with "iPhone".
    lower = sum(
        text[start].islower() and text[prev_end - 1] not in _TERMINAL
        for (_, prev_end), (start, _) in pairwise(lines)
    )
    return width if 5 * full >= 2 * len(lines) and 5 * lower >= len(lines) else None


def _continues(
    text: str, prev_start: int, prev_end: int, start: int, blank_sep: bool, wrap: int | None
) -> bool:
    """Does the line at ``start`` continue the paragraph ending at ``prev_end``?"""
    if text.count("\n", prev_end, start) > 1:
        return False  # a blank line between them
    if _LIST_ITEM.match(text, start) or _LIST_ITEM.match(text, prev_start):
        return False
    if text.startswith("By ", start):  # a byline under a long headline
        return False
    last_line_len = prev_end - max(prev_start, text.rfind("\n", prev_start, prev_end) + 1)
    # A quote closed after a comma ('... for commuters,"') goes on to its attribution.
    finished = text[prev_end - 1] in _TERMINAL and text[prev_end - 2 : prev_end] not in _COMMA_QUOTE
    if wrap is not None and last_line_len >= WRAP_FULL * wrap:
        # A full line of wrapped text goes on; with blank lines between paragraphs, even
        # after a full stop when the next line goes on in lower case ("... at 7 p.m." / "on
        # Thursday"), after a title ("... according to Dr." / "Emil Varga") or before an
        # abbreviation's number ("... planned for Jan." / "14 at the centre").
        if not finished:
            return True
        before = _word_before(text, prev_end - 1).lower()
        goes_on = (
            text[start].islower()
            or before in TITLES
            or (before in ABBREVIATIONS and text[start].isdigit())
        )
        return blank_sep and goes_on
    if finished or last_line_len < 40:
        return False
    return text[start].islower() or (blank_sep and last_line_len >= 50)


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of the paragraph ``text[start:end]``, which has no white space at either
    end: so a sentence ends with its closing punctuation or the paragraph, and each one after
    the first starts at the first non-space character after the one before."""
    spans = []
    cut = start
    # A numbered item's number ("1. Buy tickets early.") is no sentence of its own.
    item = _LIST_ITEM.match(text, start, end)
    for m in _END.finditer(text, item.end() - 1 if item else start, end):
        after = m.end()
        nxt = _NONSPACE.search(text, after, end)
        if nxt is None:  # only white space follows: the paragraph ends here
            spans.append((cut, after))
            return spans
        if _is_boundary(text, m.start(), after, nxt.start(), end):
            spans.append((cut, after))
            cut = nxt.start()
    spans.append((cut, end))
    return spans


def _is_boundary(text: str, mark: int, after: int, pos: int, end: int) -> bool:
    """Is the punctuation run text[mark:after] the end of a sentence?  ``pos`` is the first
    non-space character after it, before ``end``."""
    while pos < end and text[pos] in _OPENERS:
        pos += 1
    if pos >= end:
        return True
    char = text[pos]
    if char == ".":
        return False  # a spaced ellipsis (". . .") goes on to its last dot
    run = text[mark:after]
    if text.startswith(". .", mark - 2):
        run = "..."  # the last dot of a spaced ellipsis is an ellipsis
    if "!" in run or "?" in run or "\u2026" in run or ".." in run:
        # '"Can we afford this?" Mayor Dana Ruiz asked.' goes on to its attribution.
        quoted = run[-1] in "\"\u201d'\u2019"
        return char.isupper() and not (quoted and _ATTRIBUTION.match(text, pos, end))
    before = _word_before(text, mark).rsplit("-", 1)[-1]  # "Sino-U.S." -> "U.S"
    lower = before.lower()
    if lower in TITLES:
        return False
    abbreviated = (
        lower in ABBREVIATIONS
        or _ACRONYM.fullmatch(before) is not None
        or (len(before) == 1 and before.isalpha())
    )
    if not abbreviated:
        return not (before.isdigit() and len(before) <= 2 and char.islower())  # "1. more"
    if not char.isupper():
        return False
    if lower in ENDS_LIST or (lower in WORDLIKE and before.islower()):
        return True
    next_word = WORD.match(text, pos)
    if next_word is None:
        return False
    if lower in _CLOCK:
        # "at 4 p.m. Rescuers reached ..." ends; "at 4 p.m. EDT", "7 p.m. Tuesday" and "6 p.m.
        # local time" go on.
        word = next_word.group().lower()
        return word not in _AFTER_CLOCK and not (
            word == "local" and text.startswith(" time", next_word.end())
        )
    return next_word.group().lower() in OPENERS


def _word_before(text: str, mark: int) -> str:
    """The run of word-like characters that ends at ``mark`` (at most 40 back), or ends just
    before a line break there ("Corp\\n." -> "Corp")."""
    lo = max(0, mark - 40)
    stop = mark - 1 if mark > lo and text[mark - 1] == "\n" else mark
    up_to = _UP_TO_WORD.match(text, lo, stop)
    return text[up_to.end() if up_to else lo : stop]
