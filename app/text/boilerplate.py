"""Page chrome recognition: the lines a scraper glued around an article.

Works per paragraph (a line, in scraped text) from its shape alone, so it needs no site
profile:

- **marked** lines are chrome wherever they are: breadcrumbs (``Current:Home > ...``), ``Date:``
  and ``Published:`` lines, counters (``veryGood! (834)``), section headings of link lists
  (``Related``, ``Ranking``, ``Recommendation``, ``Read more``, ``Trending Now``), video
  embeds (``WATCH: ...``), tag intros (``- In:``),
  ``Source Link``, ``Advertisement``, photo captions (``Photo:``), copyright lines
  (``Copyright 2026 ...``, ``© 2026``), newsletter sign-ups, share and comment prompts
  and a comment form's lines (``Your email address will not be published.``), an audio
  player's ``Listen to this article``, a blog feed's sign-up (``Discover more from ...``,
  ``Subscribe to get the latest posts sent to your email.``),
  cookie banners (with their consent words) and their buttons, social posts' ``— Name
  (@handle)`` lines, agency credits (``(Reporting by ...; Editing by ...)``, ``Jo Doe in
  Oslo contributed to this report.``), "originally appeared in ..." notes, and prompts and
  feed trailers that are whole lines (``Follow Jo Doe on X``, ``Have a story tip?``); and,
  when short and unfinished, blog lines (``Posted on June 2, 2026 by desk``, ``Posted in
  Fires``, ``Next article: ...``); the link-like lines right after a heading are too
  ("Related" opens a list; "RELATED: Live map", "Photo: ..." and "Advertisement" do not);
- **stand-alone** lines are chrome wherever they are, but the lines after them are judged on
  their own (a story's subheading may follow): captions that end in a photo credit
  (``... (Wire Photo/Jo Doe, File)``, ``... Photo courtesy of Jo Doe``), a credit line
  (``Jo Doe / Daily``, not several in a row: ``Ana Ruiz / Chair`` is a list) with the short
  caption above it, and rules of punctuation alone (``___``, ``* * *``); an ad's marker
  glued to a paragraph's end is chrome alone;
- at the **top**, before the first body-like paragraph: marked lines, a date alone (with at
  most a time), site-title lines (``Author|Headline``), repeated headlines (a line contained
  in another top line), a section's name alone (``News``) and byline-like lines of a few
  capitalised words (not a title-case headline's "Start Of Year"); a lone headline stays
  content;
- at the **bottom**, after the last body-like paragraph: runs of link-like lines (short and
  unfinished) and list items that contain a marked line or at least three link-like lines,
  a date alone, readers' comments (``Jo Doe says:``, the comment above its ``Reply``), and
  an author's note (``Jo Doe is a staff writer ...``, ``Jo Doe covers courts.``) about the
  byline's author or with a way to reach them, and about no one the story names; inside
  the story, a date alone heads a timeline's entry;
  a list of finished sentences at the end of an article stays content, and so does the
  list after an intro ("The sale includes:").

A body-like paragraph ends like a sentence and has at least eight words (or is long).

Comparing two texts, a line one of them has as story text is never the other's chrome
(:func:`without_shared_story`): a scraper's repeated headline is the other version's headline.

>>> from app.text.segment import segment
>>> doc = segment("Home > World\\nThe council met on Monday and approved a budget.\\nShare")
>>> sorted(chrome_sentences(doc))
[0, 2]
"""

from __future__ import annotations

import re
from itertools import takewhile

from app.text.segment import words
from app.text.types import Document

_HEADINGS = frozenset(
    h.strip()
    for h in (
        "related|related stories|related articles|related news|related coverage|ranking|"
        "rankings|recommendation|recommendations|recommended|recommended for you|read more|"
        "read next|more stories|more from|more news|most popular|most read|popular|trending|"
        "latest|you may also like|you might also like|tags|topics|share|share this|"
        "share this article|advertisement|ad|sponsored|source link|source|comments|sign up|"
        "subscribe|newsletter|follow us|print|email|view comments|see also|also read|"
        "editor's picks|top stories|in|story continues below|article continues below|"
        "continue reading|continue reading below|scroll to continue|skip advertisement|"
        "like this|like loading...|loading...|leave a comment|leave a reply|post navigation|"
        "related posts|recent posts|you may have missed|about the author|categories|archives|"
        "share on facebook|share on twitter|share on x|share via email|previous|next|"
        "trending now|must read|don't miss|more on this story|related topics|recommended stories|"
        "sponsored content|promoted stories|around the web|from our partners|watch|video|gallery|"
        "reply|post comment|accept all|accept cookies|reject all|manage preferences|"
        "cookie settings|skip to content|skip to main content|sign in|log in|"
        "tweet|copy link|image caption|image source|listen to this article|listen to this story"
    ).split("|")
)
_INTERRUPTIONS = frozenset(
    "advertisement|ad|skip advertisement|story continues below|article continues below|"
    "continue reading below|scroll to continue|reply|listen to this article|"
    "listen to this story".split("|")
)
"""Headings that interrupt the story rather than open a list: the line after one is judged
on its own (a story's subheading may follow an advertisement)."""
_HEADING_TAIL = ": *\u2192\u00bb\u203a>"
"""What a heading may end with besides: "Continue reading \u2192", "More from News \u00bb", a
form's "Name *"."""
_HEADING_MAX = 2 * max(map(len, _HEADINGS))
"""Longer lines are never a heading, however much white space pads them."""
_MARKED = re.compile(
    r"^(?:current\s*:|you are here|home\s*[>\u203a\u00bb/|]|"
    r"(?:date|published|updated|posted|last updated|source)\s*:|"
    r"(?:photo|photograph|image|caption|credit|pictured)\s*:|"
    r"(?:copyright\s+)?(?:\u00a9|\(c\))\s*\d{4}|copyright\s+\d{4}|all rights reserved|"
    r"(?:tags|filed under|topics|categories|in)\s*:|"
    r"\S+!?\s*\(\d[\d,.]*\)$|"
    r"(?:read more|see also|also read|related|watch|video|listen|photos|gallery)\s*:|"
    r"(?:sign up|subscribe)\b[^.!?]*\bnewsletters?\b|click (?:here )?to (?:share|print|email)|"
    r"subscribe to (?:get|receive)\b[^.!?]{0,80}\b(?:e-?mail|inbox)\b|"
    r"discover more from (?-i:[A-Z])[^.!?]{0,60}$|"
    r"read (?:the )?(?:full|whole|complete|original|rest of (?:the|this)) (?:story|article)\b|"
    r"(?:continue|keep) reading (?:at|on)\b|read more (?:at|on)\b|full (?:story|article):|"
    r"click here to read\b|the post .{3,200} appeared first on (?-i:[A-Z])[^,;:]{1,60}$|"
    r"\((?:additional )?(?:reporting|writing|editing) by\b|"
    r"this (?:article|story) (?:was )?(?:originally|first) (?:appeared|published|ran) "
    r"(?:in|on|at|by|with) (?:the )?(?-i:[A-Z])|"
    r"(?:story|article|content) continues (?:below|after)\b|\d+ (?:comments?|responses?)$|"
    r"(?:we use (?:some )?(?:essential )?cookies|(?:this|our) (?:site|website) uses cookies)"
    r"[^\n]{0,300}?\b(?:accept|agree|consent|preferences|settings|opt|privacy policy"
    r"|cookie policy|(?:this|our) (?:web)?site)\b|"
    r"cookies on (?-i:[A-Z])[^.!?,]{0,40}$|(?:accept|reject) (?:all |additional |optional )?"
    r"cookies$|"
    r"image (?:caption|source)\s*,|"
    r"get [^.!?,]{0,60}\b(?:delivered )?(?:to|in) your inbox[^,;]{0,30}$|"
    r"have a (?:news |story )?tip\?|"
    r"your email address will not be published|required fields are marked|"
    r"save my name,? email,? and website\b|comments are closed\.?$|"
    r"follow [^.!?,]{1,40} on (?:x|twitter|facebook|instagram|threads|bluesky|linkedin)"
    r"(?: at @\w+)?\.?$|"
    r"[\u2014\u2013-]\s*[^()]{1,60}\(@\w{1,30}\))",
    re.IGNORECASE,
)
_CONTRIBUTORS = re.compile(
    r"[^.!?\n]{2,120}? contributed (?:reporting|to this (?:report|story|article))"
    r"(?: (?:from|in) [A-Z][^.!?]{0,40})?\.?$"
)
"""A contributors' credit: "Jo Doe in Oslo contributed to this report.", "... contributed
reporting from Bergen."  A line of its own, not a heading: what follows is judged alone."""
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MARKED_SHORT = re.compile(
    rf"^(?:(?:posted|published|updated|last updated)\s+(?:on\s|at\s|by\s|\d|{_MONTH}\s)|"
    r"(?:posted|filed)\s+in\s|\d+\s*min(?:ute)?s?\s+read$|(?:additional )?reporting by\s|"
    r"(?:previous|next)\s+(?:article|post|story)\b)",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(
    rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"(?:[\s,|\u2022-]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?\s*$",
    re.IGNORECASE,
)
"""A date alone on its line, with at most a time: chrome above or below the story, while
inside it, it heads a timeline's entry."""
"""Chrome when the line is short and unfinished (a time's "a.m." does not finish it): "Posted
in 1998, the sign ..." is prose."""
_COMMENTER = re.compile(r"[\w .'\u2019-]{2,50} (?:says|wrote)(?: on [^:]{3,40})?:")
"""A reader's comment begins, below the story: "Jo Doe says:"."""
_CONTACT = re.compile(r"@|\b(?:reach|contact|email|e-mail|follow) (?:her|him|them|me)\b", re.I)
"""An author's note gives a way to reach the author."""
_BIO = re.compile(
    r"^([A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}) (?:(?:is|was) an? (?:[\w-]+ ){0,4}?"
    r"(?:writer|reporter|correspondent|editor|journalist|contributor|columnist)\b|"
    r"(?:covers|writes about|reports on|has (?:covered|reported on|written about))\s)"
)
"""An author's note at the end: "Jo Doe is a staff writer covering courts.", "Jo Doe covers
transport."; not when the story itself names that person."""
_NAME = r"(?:[A-Z][\w.'\u2019-]* ){1,3}[A-Z][\w.'\u2019-]*"
_CREDIT = re.compile(
    r"\([^()]*\b(?i:photos?|photograph|images?|getty)\b[^()]*\)$|"
    rf"(?<=[.!?] )\({_NAME}\s?/\s?[A-Z][^()/]{{1,40}}\)$|"
    rf"\b(?i:photo|image|picture)s? (?i:courtesy of|by|credit:?) {_NAME}$|"
    r"(?i:pic\.twitter\.com|t\.co)/\w+$|"
    rf"(?<=[.!?] ){_NAME} ?/ ?(?:[A-Z][\w.'\u2019-]* ?){{1,4}}$"
)
"""A caption's last words: a photo credit (``(Wire Photo/Jo Doe)``, ``(Jo Doe/Sentinel)``,
``Photo courtesy of Jo Doe``, ``... trophy. Jo Doe / Daily``), or a social post's picture link."""
_CREDIT_TAIL = 90
"""How far from a line's end a credit can start: the search need not read whole paragraphs."""
_CREDIT_HINT = re.compile("/|hoto|HOTO|mage|icture|etty")
"""What every credit holds: a cheap test, so that most lines are never searched for one."""
_CREDIT_LINE = re.compile(rf"{_NAME} ?/ ?(?:[A-Z][\w.'\u2019-]* ?){{1,4}}")
"""A credit line alone: "Jo Doe / Daily Courier"."""
_RULE = re.compile(r"[\W_]+")
"""A line of punctuation alone: a rule between parts of the page."""
_LIST_ITEM = re.compile(r"^[-*\u2022\u2013\u2014]\s")
_BREADCRUMB = re.compile(r"\s[>\u203a\u00bb]\s|[>\u203a\u00bb]\s*\w+\s*[>\u203a\u00bb]")
_QUOTES = "\"'\u201d\u2019)"
BODY_MIN_WORDS = 8
INTRO_MIN_WORDS = 5
LINK_MAX_WORDS = 30
CAPTION_MAX_WORDS = 15
LINK_RUN = 3
"""A bottom run without a marked line is chrome only with at least this many link lines."""


def chrome_sentences(doc: Document, word_counts: list[int] | None = None) -> set[int]:
    """Ids of the sentences of ``doc`` that are page chrome (whole paragraphs at a time).

    ``word_counts`` (words per sentence), when the caller has them, saves counting again.
    """
    counts = word_counts or [len(words(s.text)) for s in doc.sentences]
    shapes = [
        _Shape(doc.text[p.start : p.end], sum(map(counts.__getitem__, p.sentences)))
        for p in doc.paragraphs
    ]
    chrome: set[int] = set()
    chrome.update(pid for pid, s in enumerate(shapes) if s.alone)
    chrome.update(_credit_lines(shapes, doc))
    chrome.update(_marked_runs(shapes))
    chrome.update(_top(shapes))
    chrome.update(_bottom(shapes))
    out = {s for pid in chrome for s in doc.paragraphs[pid].sentences}
    # "... by local authors. Advertisement": an ad's marker glued to a paragraph's end.
    for p in doc.paragraphs:
        last = p.sentences[-1]
        if (
            len(p.sentences) > 1
            and counts[last] <= 3
            and doc.sentences[last].text.strip().lower() in _INTERRUPTIONS
        ):
            out.add(last)
    return out


def without_shared_story(
    doc: Document, chrome: set[int], other: Document, other_chrome: set[int]
) -> set[int]:
    """``chrome`` (sentence ids of ``doc``) less the sentences whose text ``other`` has as
    story text, outside its own chrome ``other_chrome``."""
    if not chrome:
        return chrome  # most texts have none: no need to collect the other's sentences
    story = {s.text for s in other.sentences if s.id not in other_chrome}
    return {i for i in chrome if doc.sentences[i].text not in story}


class _Shape:
    """The features of one paragraph that the rules look at."""

    __slots__ = (
        "alone", "body", "commenter", "credit", "dated", "heading", "intro", "item", "link",
        "marked", "nwords", "text",
    )  # fmt: skip

    def __init__(self, text: str, nwords: int) -> None:
        self.text = text
        self.nwords = nwords
        bullet = _LIST_ITEM.match(text)
        listed = bullet is not None
        unlisted = text[bullet.end() :] if bullet else text
        last = text[-1]
        # A closing quote finishes a sentence only after a full stop: "... will 'save someone'"
        # is a headline, '... he said."' is prose.
        finished = last in ".!?\u2026" or (len(text) > 1 and last in _QUOTES and text[-2] in ".!?,")
        # Only a heading opens a list ("Related", "Tags:"); after a line that is whole in
        # itself ("RELATED: Live outage map", "Photo: ...") the story goes on.
        mark = _MARKED.match(text) or (_MARKED.match(unlisted) if listed else None)
        if mark:
            marked = True
            self.heading = not mark.string[mark.end() :].strip(_HEADING_TAIL + " ")
        else:
            # Lower-casing a long paragraph only to compare it with short headings is waste.
            heading = (
                unlisted.strip().rstrip(_HEADING_TAIL).strip().lower()
                if len(unlisted) <= _HEADING_MAX
                else ""
            )
            marked = heading in _HEADINGS
            self.heading = marked and heading not in _INTERRUPTIONS
            # Searched for only where its verb is: the pattern scans the whole line.
            if not marked and "contributed" in text:
                marked = _CONTRIBUTORS.match(text) is not None
        self.dated = self.commenter = False
        if not marked and nwords <= LINK_MAX_WORDS:
            timed = last == "." and text.endswith(("a.m.", "p.m.", "A.M.", "P.M."))
            if not finished or timed:
                marked = bool(_MARKED_SHORT.match(unlisted))
                self.dated = not marked and bool(_DATE_LINE.match(unlisted))
                self.commenter = last == ":" and bool(_COMMENTER.fullmatch(unlisted))
        self.marked = marked
        # Tested only on lines that can be one: most paragraphs are story text.
        self.credit = nwords <= 8 and "/" in text and bool(_CREDIT_LINE.fullmatch(text))
        tail = max(0, len(text) - _CREDIT_TAIL)
        self.alone = bool(
            (not finished and _CREDIT_HINT.search(text, tail) and _CREDIT.search(text, tail))
            or (nwords <= 1 and _RULE.fullmatch(text))
        )
        # "The town will vote on three questions in May:" introduces a list of content.
        self.intro = intro = last == ":" and nwords >= INTRO_MIN_WORDS and not marked
        self.body = body = not listed and (
            (finished and nwords >= BODY_MIN_WORDS) or nwords > 2 * LINK_MAX_WORDS or intro
        )
        short = not body and nwords <= LINK_MAX_WORDS
        # Link lists carry headlines, which start with a capital: "- a larger fire station"
        # is an item of the article's own list.
        lower = listed and unlisted[:1].islower()
        self.link = short and not finished and not lower
        """A short unfinished line: a headline in a link list, a tag, a heading."""
        self.item = short and listed and (finished or lower)
        """A list item that reads as prose: chrome only inside a marked list."""


def _credit_lines(shapes: list[_Shape], doc: Document) -> list[int]:
    """Credit lines alone ("Jo Doe / Daily"), each with its caption: the short line of one
    sentence just above it.  Several in a row are a list of the story's ("Ana Ruiz / Chair")."""
    out = []
    for pid, s in enumerate(shapes):
        lone = not (pid and shapes[pid - 1].credit) and not (
            pid + 1 < len(shapes) and shapes[pid + 1].credit
        )
        if s.credit and lone:
            out.append(pid)
            above = shapes[pid - 1] if pid else None
            if (
                above is not None
                and above.nwords <= CAPTION_MAX_WORDS
                and not above.text.endswith(":")
                and len(doc.paragraphs[pid - 1].sentences) == 1
            ):
                out.append(pid - 1)
    return out


def _marked_runs(shapes: list[_Shape]) -> list[int]:
    out = []
    in_run = False
    for pid, s in enumerate(shapes):
        if s.marked:
            out.append(pid)
            in_run = in_run or s.heading  # a list's "Published 2 hours ago" lines go on
        elif in_run and (s.link or s.item):
            out.append(pid)
        else:
            in_run = False
    return out


def _top(shapes: list[_Shape]) -> list[int]:
    head = []
    for pid, s in enumerate(shapes):
        if s.body:
            break
        head.append(pid)
    if len(head) == len(shapes):
        return []  # no body at all: nothing to tell chrome from
    out = []
    texts = [shapes[p].text.lower() for p in head]
    lone = len(head) == 1  # a headline alone above the story is the story's
    for k, pid in enumerate(head):
        s = shapes[pid]
        repeated = s.nwords >= 3 and any(
            k != m and (texts[k] in texts[m] or texts[m] in texts[k]) for m in range(len(head))
        )
        section = s.nwords == 1 and s.link  # a section's name: "News", "World"
        tells = s.marked or s.dated or "|" in s.text or _BREADCRUMB.search(s.text) or section
        if tells or repeated or _byline(s, lone):
            out.append(pid)
    return out


_TITLE_WORDS = frozenset(
    "Of To In For On At With From Into Over After As Amid Is Are Will Be Up Than Until Before "
    "About Against Under Near Out Off Back Down Could Would Can".split()
)
"""Small words that a headline in title case capitalises and a byline seldom has."""


def _byline(s: _Shape, lone: bool) -> bool:
    ws = words(s.text)
    if not 2 <= len(ws) <= 8 or s.text[-1] in ".!?":
        return False
    if ws[0].lower() == "by":  # "By Jo Doe and Al Roe, Wire"
        return True
    return (
        not lone
        and len(ws) <= 6
        and all(w[0].isupper() for w in ws)
        and not any(ch.isdigit() for ch in s.text)
        and _TITLE_WORDS.isdisjoint(ws)
    )


def _bottom(shapes: list[_Shape]) -> list[int]:
    if not any(s.body for s in shapes):
        return []  # no body at all: nothing to tell chrome from
    start = top_marked = len(shapes)
    links = 0
    for pid in range(len(shapes) - 1, -1, -1):
        s = shapes[pid]
        if s.marked or s.dated or s.commenter or _author_note(shapes, pid):
            start = top_marked = pid
        elif s.link:
            links += 1
            if links >= LINK_RUN:
                start = pid
        elif s.body and start == pid + 1 < len(shapes) and _is_reply(shapes[start]):
            start = pid  # a reader's comment, above its "Reply" button
        elif not s.item:  # body text ends the bottom zone
            if s.intro:  # "Brightwater will take over:" and the story's own list after it
                start = top_marked
            break
    return list(range(start, len(shapes)))


def _is_reply(s: _Shape) -> bool:
    return s.text.strip().rstrip(_HEADING_TAIL + "\u2193 ").lower() == "reply"


def _author_note(shapes: list[_Shape], pid: int) -> bool:
    """Whether paragraph ``pid`` is an author's note: "Jo Doe covers courts." about the
    byline's author or with a way to reach them, and about no one the story names."""
    s = shapes[pid]
    note = _BIO.match(s.text) if s.nwords <= LINK_MAX_WORDS else None
    if note is None:
        return False
    before = shapes[:pid]
    if any(t.body and note[1] in t.text for t in before):
        return False
    byline = any(note[1] in t.text for t in takewhile(lambda t: not t.body, before))
    return byline or _CONTACT.search(s.text) is not None
