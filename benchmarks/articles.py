"""Fictional news articles in versions, for the story-grouping tests and the import benchmark.

Every story is drawn from a small template grammar: a topic (council budget, wildfire, court
ruling ...) gives headline, lede and body sentences with ``[one|other]`` phrasing choices and
``{slot}`` facts (names, places, numbers) that are made up per story. Versions of a story are
then derived the way real copies differ: trimmed, padded, revised, spun (synonyms, reordering,
rephrased clauses) or scraped (page chrome, single newlines). Hard negatives share a story's
topic (so its sentence templates), city and agency, with other people, numbers and phrasing.
Everything is seeded: the same output on every run and machine.

>>> corpus = grouping_corpus()
>>> len(corpus) >= 200 and corpus == grouping_corpus()
True
>>> next(import_archive(1, size=2_000)).kind
'original'
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from random import Random

Template = tuple[str | tuple[str, ...], ...]
Paragraphs = list[list[str]]
"""An article body: paragraphs, each a list of sentences."""
Facts = dict[str, str]
"""Slot name -> made-up value (``{"city": "Harrowport", "p1": "Vera Ashford", ...}``)."""
Share = tuple[float, float]


@dataclass(frozen=True, slots=True)
class CorpusArticle:
    """One article of the corpus, with its ground truth.

    ``story`` is shared by the versions of one story (``s017``); an unrelated article or a brief
    has an id of its own (``u003``, ``b012``). ``topic`` names the template family it was drawn
    from, for picking same-topic negatives in tests; it is not a grouping signal.
    """

    story: str
    kind: str
    title: str
    text: str
    source: str
    topic: str = ""


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    facts: dict[str, tuple[str, ...]]
    """Topic slots (``org``, ``thing`` ...), each a choice of templates over the base facts."""
    titles: tuple[str, ...]
    ledes: tuple[str, ...]
    body: tuple[str, ...]


WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November".split()
GIVEN = (
    "Ada Bram Cora Dmitri Elsa Farid Greta Hollis Ines Jonah Keira Lionel Mara Nico Odile Pavel "
    "Quinn Rosalind Silas Tamsin Ulric Vera Wendell Ximena Yusuf Zora Amos Bettina Cyrus Delphine"
).split()
SURNAME_HEADS = (
    "Ash Bram Cald Dor Elm Fen Gar Hol Ives Kell Lang Mar Nor Pell Quar Rad Stan".split()
)
SURNAME_TAILS = tuple("ford wick ley ton by mere gate well holt son stead ridge".split())
CITY_HEADS = (
    "Alder Bright Cobble Dun Ember Frost Glen Harrow Iron Juniper Kestrel Lark Moss".split()
)
CITY_TAILS = "port field haven burgh ville mouth wood bridge".split()
STREETS = "Maple Canal Foundry Orchard Quarry Mill Station Lantern Cedar Harbor".split()
OUTLETS = "Harbor Wire|Daily Ledger|Valley Courier|Evening Sentinel|Metro Dispatch".split("|")
FARMS = "NewsHive 24|TopStory Digest|Buzzline Now|DailyFeed Hub|ClickPress Today".split("|")

NUMBERS = {"k1": (2, 9), "k2": (10, 29), "k3": (3, 19), "m1": (31, 480), "m2": (481, 990)}
NUMBERS |= {"pc1": (3, 19), "pc2": (21, 48), "s1": (88, 121), "s2": (64, 87), "yr": (1968, 2016)}
"""Ranges of the numeric slots; the pairs never overlap, so "{pc1} ... lower than {pc2}" holds."""

GRAMMAR = """\
= generic
- "[This is not what anyone wanted|Nobody in this room wanted this|We saw this coming], but [we \
have to deal with it|here we are|we will get through it]," {p2} [said|told reporters].
- {p3}, who has [lived|worked] in {city} for {k2} years, said [the mood|the feeling] on {street} \
Street was [one of worry|tense|quietly hopeful].
- According to {org}, [the figures|the numbers] will be [reviewed|updated] again in {month2}.
- [Officials|Local officials] said they expected [more details|a fuller account] by {day2}.
- On {day2}, about {m2} people [gathered|turned out] at [a community hall|the public library] on \
{street} Street to [ask questions|hear from officials].
- [Critics|Opponents] [argued|said] that {thing} [had been rushed|was poorly explained|came too \
late], and that residents were [left out|given little say].
- "We [will|are going to] keep [people|residents] informed every step of the way," said {p4}, a \
spokesperson for {org}.
- The last time {city} [faced|went through] anything similar was in {yr}, [longtime residents \
recalled|according to local records].
- [A similar case|A like case] in a nearby county [took|lasted] {k3} months to [resolve|settle].
- {p2s} [said|added] that the [decision|outcome] would [affect|touch] roughly {b2} households.
- [Asked about|Pressed on] the cost, {p1s} [declined to give|would not give] a figure beyond the \
{d2} already [announced|set aside].
- [Business owners|Shopkeepers] near {street} Street said sales had [dropped|fallen] by about \
{pc2} percent [since the news broke|over the past month].
- The [issue|question] is expected to [come up|return] at the next public meeting on {day2}.
- "[I have never seen|In all my years I have not seen] anything like it," said {p3}, [a retired \
teacher|a nurse|a bus driver|a shop owner] from {city}.
- [Some residents|Several neighbors] [posted|shared] [photos|videos] online, and [local \
groups|volunteers] [organized|set up] a [phone line|meeting point] on {street} Street.
- [The state|State regulators] [will|are expected to] [review|examine] {thing} by {month2}.
- [In a statement|In a written statement], {org} said it [remained committed|was committed] to \
[transparency|working with the community].
- {p4s} said [a full report|a detailed report] would be [made public|released] within {k1} weeks.
- [Records show|Public records show] that {org} has [faced|dealt with] {k3} [complaints|formal \
complaints] since {yr}.
- [For many families|For many residents] in {city}, the [news|change] [arrived|came] at a [hard \
time|difficult moment].
- The [matter|dispute] has [drawn|attracted] [attention|interest] from [lawmakers|officials] well \
beyond {county} County.
- [A petition|An online petition] [calling for|demanding] [answers|a review] had \
[gathered|collected] {b1} signatures by {day2} evening.
- [Nobody|No one] at {org} [would say|could say] when [a final decision|the next step] would come.
- [Analysts|Observers] [noted|pointed out] that the {pc1} percent figure was [the highest|the \
largest] in at least {k2} years.
= budget
org: the {city} City Council
thing: the budget; the spending plan
title: {city} council [passes|approves] {d1} budget [after long debate|with cuts to parks]
title: {city} budget [vote|fight] [leaves|puts] {k1} programs [on the chopping block|in doubt]
lede: {city}, {day} — The {city} City Council voted {k1} to 1 on {day} to [approve|adopt] a {d1} \
budget that [raises property taxes by {pc1} percent|cuts {m1} city jobs].
lede: {city}, {day} — [Council members|City leaders] in {city} [approved|passed] a {d1} spending \
plan [late on|on] {day}, [ending|closing] {k2} weeks of [debate|argument].
- Mayor {p1} [called the plan|described the budget as] [a hard but honest|a careful] \
[compromise|choice] [for a city that has lost {b1} residents since {yr}|in a lean year].
- Council member {p2}, who voted against it, said the cuts to [parks|libraries|street repair] \
[fell hardest on|would hurt] the east side.
- The plan [sets aside|includes] {d2} for [road repair|a new fire station|youth programs], \
[about|roughly] {pc2} percent more than last year.
- City finance director {p3} said revenue from [sales taxes|parking fees] had fallen {pc1} \
percent [short of|below] [forecasts|projections].
- The budget [takes effect|starts] on July 1 and [closes|covers] a gap of {d2}.
- [Library hours|Pool openings] will be [cut|reduced] by {k2} hours a week under the plan.
- [Union leaders|Representatives of city workers] said {m1} positions would [go unfilled|be left \
vacant] [rather than|instead of] [cut outright|eliminated].
- The council [held|heard] {k3} hours of public comment before the vote.
= wildfire
org: the {county} County Fire District
thing: the fire; the evacuation order
title: {ridge} fire [grows to|spreads across] {b1} acres [near|outside] {city}
title: [Crews|Firefighters] [battle|fight] {ridge} fire as {m1} homes are evacuated
lede: {city}, {day} — A wildfire [burning|that started] [on|along] {ridge} had [grown to|spread \
across] {b1} acres by {day}, forcing [the evacuation of|residents to leave] {m1} homes.
lede: {city}, {day} — Firefighters [struggled|worked through the night] on {day} to \
[hold|contain] a fire on {ridge} that [has burned|has blackened] {b1} acres.
- Fire chief {p1} said the blaze was {pc1} percent contained [and that|but] [winds|gusts] of up \
to {k2} miles per hour [could push it|were pushing it] toward {city}.
- [About|More than] {m2} firefighters and {k3} aircraft [were|are] [assigned|working] on the fire.
- [The cause|What started the fire] [remains under investigation|is not yet known], \
[officials|investigators] said.
- An evacuation center [opened|was set up] at {city} High School, where {p3} [arrived|came] with \
[two dogs|her children] and [a single bag|little else].
- {k1} [structures|buildings] [have been destroyed|were lost], [including|among them] [a barn|a \
church] on {street} Road.
- [Forecasters|Meteorologists] said [rain|cooler air] [will not arrive|is unlikely] before {day2}.
- [Power|Electricity] [was cut|was shut off] to {b2} customers as a precaution.
- [Smoke|Haze] from the fire [closed|shut] {k3} schools in {county} County.
= court
org: the {county} County Superior Court
thing: the ruling; the verdict
harm: tainted wells; unpaid overtime; a chemical spill
title: [Judge|Court] rules against {company} in {city} {harm} case
title: Court [orders|tells] {company} to pay {d1} over {harm}
lede: {city}, {day} — A {county} County judge [ruled|found] on {day} that {company} [must \
pay|owes] {d1} to {m1} [plaintiffs|families] over {harm}.
lede: {city}, {day} — {company} [lost|was dealt a defeat in] a [lawsuit|long case] brought by \
{m1} [families|plaintiffs] over {harm} when Judge {p1} [ruled|decided] against it on {day}.
- In a {k2}-page [opinion|ruling], Judge {p1} [wrote|said] that the company had "[ignored|brushed \
aside] [clear warnings|its own engineers]."
- [Lawyers for|Attorneys representing] {company} said they [would appeal|planned to appeal] [the \
decision|the ruling].
- The [case|lawsuit] was [filed|brought] in {yr} by {p2}, a [farmer|former shift supervisor] who \
[lives|worked] near the [plant|site].
- [Testimony|The trial] [lasted|ran for] {k3} weeks and [included|heard from] {k1} expert witnesses.
- {p3}, [a law professor|who teaches law] at {city} University, said the ruling [could|may] \
[guide|shape] [similar cases|dozens of cases] [in the region|statewide].
- The judge [also ordered|ordered as well] the company to [fund|pay for] {k2} years of [water \
testing|medical checks].
- {company} [reported|posted] {d2} in [profit|revenue] last year, [court filings|records] show.
- [Residents|Plaintiffs] [cheered|embraced] outside the courthouse on {street} Street.
= factory
org: {company}
thing: the closure; the shutdown
title: {company} to close {city} plant, [cutting|ending] {m1} jobs
title: {city} [reels|braces] as {company} [shuts|closes] [its|a] {yr}-era factory
lede: {city}, {day} — {company} [said|announced] on {day} that it would close its {city} \
[plant|factory] by {month2}, [eliminating|cutting] {m1} jobs.
lede: {city}, {day} — [Workers|Employees] at the {company} [plant|factory] in {city} \
[learned|were told] on {day} that it will [close|shut down] [this year|by {month2}].
- The company [blamed|pointed to] [falling orders|rising energy costs] and said [production|work] \
would [move|shift] to a [plant|site] in {city2}.
- Plant manager {p1} [told|informed] workers [at a meeting|in a short meeting] [on the shop \
floor|in the cafeteria] [that morning|before the first shift].
- {p2}, who has worked at the plant for {k2} years, said [she|he] [would|planned to] [look for \
work|retrain] [in {city2}|closer to home].
- The factory [opened|first opened] in {yr} and [once employed|at its peak employed] {b1} people.
- The [union|local union] said it would [press|push] for severance of {k3} weeks' pay [per \
year|for each year] of service.
- [State|County] officials [offered|said they would offer] {d2} in [tax breaks|retraining grants] \
[to keep|for] the [site|workers].
- [Suppliers|Local suppliers] [estimated|said] that another {m2} jobs [depend|rely] on the plant.
- {company} [reported|posted] a loss of {d1} in its most recent quarter.
= election
org: the {county} County Board of Elections
thing: the recount; the result
title: {p1s} [wins|takes] {city} mayor's race by {m1} votes
title: [Narrow|Close] result in {city} [sends|puts] mayoral race [to a recount|in doubt]
lede: {city}, {day} — {p1} [won the race for mayor|was elected mayor] of {city} on {day}, \
[defeating|beating] {p2} by {m1} votes out of {b1} cast.
lede: {city}, {day} — [Voters|Residents] in {city} [chose|elected] {p1} as mayor on {day}, \
[ending|closing] a [bitter|long] [campaign|race] against {p2}.
- [Turnout|Voter turnout] [was|reached] {pc1} percent, [down from|lower than] {pc2} percent [in \
the last race|four years ago].
- {p1s}, a former [schoolteacher|fire captain], [campaigned on|promised] [cheaper housing|safer \
streets] and [a new bus line|fixing potholes].
- {p2s} [did not concede|has not conceded] and [asked|called] for a recount in {k1} precincts.
- [Under state law|By law], a recount [is required|is automatic] when the margin is below half a \
percentage point.
- [Election officials|Poll workers] [counted|processed] {b2} mail ballots [by|before] midnight.
- [A ballot measure|A measure] to [raise|extend] the sales tax [failed|fell short] with {pc2} \
percent of the vote.
- {p3}, [who chairs|the chair of] the {county} County [party|election board], said [the \
count|counting] [went smoothly|had no problems].
- The new mayor [takes office|will be sworn in] on {month} {k3}.
= strike
org: the {city} Transit Authority
thing: the strike; the walkout
title: {city} [bus|transit] workers [walk off the job|strike] [over pay|over schedules]
title: [Transit strike|Walkout] [strands|leaves] {b1} {city} riders [without buses|stranded]
lede: {city}, {day} — [Bus drivers and mechanics|Transit workers] in {city} [went on \
strike|walked off the job] on {day}, [halting|stopping] service on {k2} routes.
lede: {city}, {day} — [About|Nearly] {m1} [workers|drivers] of the {city} Transit Authority \
[began|started] a strike on {day} [after|when] talks [broke down|collapsed].
- Union president {p1} said [drivers|members] had [gone|worked] {k1} months without a contract.
- The [authority|agency] [offered|proposed] a raise of {pc1} percent over three years; the union \
[wants|asked for] {pc2} percent.
- [Riders|Commuters] [crowded|lined up at] [taxi stands|bike racks] near {street} Station [during \
the morning rush|before dawn].
- Transit director {p2} [called the strike|said the walkout was] [illegal|unnecessary] and \
[urged|asked] workers to return.
- The [system|network] [carries|moves] about {b1} riders on a typical weekday.
- [Schools|Hospitals] [arranged|set up] [shuttles|car pools] for [students|staff].
- The last [transit strike|walkout] in {city}, in {yr}, lasted {k3} days.
- [Talks|Negotiations] [are set|are scheduled] to [resume|restart] on {day2}.
= hospital
org: {hospital}
thing: the plan; the closure
unit: maternity ward; night emergency room; weekend surgery unit
title: {hospital} to [close|shut] its {unit} [in {month2}|this year]
title: [Patients|Families] [protest|push back on] cuts at {hospital}
lede: {city}, {day} — {hospital} [said|announced] on {day} that it [will close|plans to close] \
its {unit}, [citing|blaming] a shortage of [nurses|doctors].
lede: {city}, {day} — [The board of|Leaders of] {hospital} [voted|decided] on {day} to \
[close|shut] its {unit} [starting in|from] {month2}.
- [Chief executive|Hospital president] {p1} said the hospital had [lost|run a deficit of] {d1} \
[last year|over two years].
- Patients will [have to travel|be sent] {k2} miles to [the nearest|another] hospital in {city2}.
- {p2}, a [nurse|midwife] at the hospital for {k3} years, said [staff|colleagues] [learned|heard] \
of the plan [from the news|by email].
- The {unit} [treated|handled] {m1} patients last year.
- [State health officials|The state health department] [must|will need to] [approve|sign off on] \
the [change|closure].
- [About|Nearly] {pc1} percent of the hospital's [beds|nursing posts] sit empty for lack of staff.
- Dr. {p3} [warned|said] that [longer trips|delays] [could|would] [cost lives|put patients at risk].
- {hospital} [employs|has] {b2} [people|staff] and [is|ranks as] the [largest|second-largest] \
employer in {city}.
= sports
org: the {city} {team}
thing: the win; the result
title: {city} {team} [beat|edge] {city2} [in|after] [overtime|a late rally]
title: {p1s} [leads|carries] {team} [past|over] {city2} {s1}-{s2}
lede: {city}, {day} — {p1} scored {k2} points as the {city} {team} [beat|defeated] {city2} {s1} \
to {s2} on {day} night.
lede: {city}, {day} — The {city} {team} [came back from|overcame] a {k1}-point deficit to \
[beat|edge] {city2} on {day}, [with|behind] {k2} points from {p1}.
- Coach {p2} said the [team|players] [had|showed] [more patience|better defense] [in the second \
half|after the break].
- [The crowd|A crowd] of {b1} [filled|packed] [the arena|the stadium] on {street} Avenue.
- {p3}, a [rookie|second-year guard], [added|chipped in] {k3} points [off the bench|late].
- The win [moves|lifts] {city} to {k2} wins and {k1} losses, [second|third] in the league.
- "[We stayed together|Nobody quit]," {p1s} said. "[That is|That was] the whole story."
- [The teams|The two teams] [meet again|play again] on {day2} in {city2}.
- [The club|The team] [last won|won its last] title in {yr}.
- {city2} [shot|made] {pc1} percent from the field and [missed|botched] {k3} free throws late.
= science
org: {city} University
thing: the study; the finding
species: wild bees; tree frogs; marsh birds
title: {city} [researchers|scientists] [find|report] {species} [return|recover] to \
[restored|replanted] wetlands
title: Study [links|ties] restored wetlands near {city} to the return of {species}
lede: {city}, {day} — [Researchers|Scientists] at {city} University [reported|said] on {day} that \
{species} [had returned|came back] to {k2} restored wetlands within {k1} years.
lede: {city}, {day} — A study [published|released] on {day} by [a team|researchers] at {city} \
University [links|ties] restored wetlands near Lake {lake} to the return of {species}, after a \
loss of {pc1} percent since {yr}.
- [Lead author|The study's lead author] {p1}, [an ecologist|a biologist], said the \
[team|researchers] [counted|tagged] {b1} [animals|specimens] over {k3} seasons.
- The [work|research] was [funded|paid for] by a {d2} grant from [a state agency|the {county} \
County water board].
- {p2}, [who was not involved|an outside expert], [called|described] the [results|findings] \
[promising|striking] [but|and] [early|limited to one region].
- [Water temperatures|Average summer temperatures] [rose|climbed] {k1} degrees [since|from] {yr}, \
the [data|measurements] show.
- The team [plans|hopes] to [repeat|extend] the [survey|study] at {k2} more sites.
- [Samples|Readings] were [taken|collected] [weekly|twice a month] by {m1} [volunteers|students].
- The [findings|results] [appear|were published] in [a journal|a peer-reviewed journal] of \
[freshwater|field] ecology.
- {p3}, [who manages|a manager at] the {city} [nature reserve|water district], said the \
[study|work] [would guide|could shape] [future planting|how the lake is managed].
"""
"""The story grammar. ``= name`` opens a topic (``generic`` holds sentences every topic uses);
``slot: a; b`` gives a topic slot its choices, ``title:`` and ``lede:`` lines its headlines and
first sentences, ``-`` lines its body sentences. In a template ``[one|other]`` is a phrasing
choice and ``{slot}`` a fact (see :func:`_facts`); a backslash continues a line."""


@cache
def _grammar() -> tuple[tuple[str, ...], tuple[Topic, ...]]:
    """The generic body sentences and the topics, parsed from :data:`GRAMMAR`."""
    blocks = {}
    for block in re.split(r"^= ", GRAMMAR, flags=re.M)[1:]:
        name, *rows = block.strip().split("\n")
        blocks[name] = [r.split(": ", 1) if r[0] != "-" else ("-", r[2:]) for r in rows]
    topics = []
    for name, rows in blocks.items():
        pick = {key: tuple(v for k, v in rows if k == key) for key in ("title", "lede", "-")}
        facts = {k: tuple(v.split("; ")) for k, v in rows if k not in pick}
        topics.append(Topic(name, facts, pick["title"], pick["lede"], pick["-"]))
    return topics[0].body, tuple(topics[1:])


BOILERPLATE = (
    "Harbor Wire staff contributed to this report.|Sign up for our morning newsletter.|"
    "Copyright 2026 Harbor Wire. All rights reserved.|Follow Harbor Wire for updates all day.|"
    "This story has been corrected to fix a spelling error.|"
    "This material may not be published, broadcast, rewritten or redistributed."
).split("|")
SYNONYMS = dict(
    pair.replace("_", " ").split("=")
    for pair in (
        "said=stated officials=authorities increase=rise roughly=around nearly=almost "
        "more_than=over people=individuals residents=locals announced=revealed approved=backed "
        "expected=set told=informed began=started started=began cut=slashed cuts=reductions "
        "plan=proposal workers=employees families=households would=will will=would "
        "asked_for=requested called=described fell=dropped fallen=dropped because=since "
        "help=assist show=indicate because_of=due_to decision=move hard=difficult night=evening "
        "percent=per_cent last_year=a_year_earlier reported=said warned=cautioned urged=pressed "
        "closed=shut chief=head new=fresh near=close_to"
    ).split()
)
"""The spinner's word table: each word (``_`` for a space) and what it becomes."""
_SYNONYM = re.compile(
    r"\b(?:"
    + "|".join(w for k in sorted(SYNONYMS, key=len, reverse=True) for w in (k, k.capitalize()))
    + r")\b"
)
_QUOTE_SAID = re.compile(r'^"(.+?),"\s+(.+?) (said|told reporters)\.$')
_WHEN_FIRST = re.compile(r"^(On \w+|In \w+|According to [^,]+), (.+)\.$")
_SAID_THAT = re.compile(r"^(.+?) said (?:that )?(.+)\.$")
_ALTERNATIVES = re.compile(r"\[([^\[\]]*)\]")


@cache
def _parse(template: str) -> tuple[str | tuple[str, ...], ...]:
    """``"a [b|c] d"`` -> ``("a ", ("b", "c"), " d")``; slots stay ``{name}`` for format_map."""
    pieces = _ALTERNATIVES.split(template)
    return tuple(p if k % 2 == 0 else tuple(p.split("|")) for k, p in enumerate(pieces))


def _expand(template: str, rng: Random, facts: Facts, cap: bool = True) -> str:
    pick = rng.random  # a uniform pick like rng.choice, at a fraction of its cost
    text = "".join([p if isinstance(p, str) else p[int(pick() * len(p))] for p in _parse(template)])
    text = text.format_map(facts)
    return _upper(text) if cap else text


def _upper(text: str) -> str:
    return text[0].upper() + text[1:]


def _name(rng: Random, given: bool = True) -> str:
    surname = rng.choice(SURNAME_HEADS) + rng.choice(SURNAME_TAILS)
    return f"{rng.choice(GIVEN)} {surname}" if given else surname


def _facts(rng: Random, topic: Topic, keep: Facts | None = None) -> Facts:
    """Made-up facts for one article; ``keep`` carries a story's places and agency over."""
    facts = {k: str(rng.randint(lo, hi)) for k, (lo, hi) in NUMBERS.items()}
    facts |= {
        "b1": f"{rng.randint(1_200, 48_000):,}",
        "b2": f"{rng.randint(48_001, 98_000):,}",
        "d1": f"${rng.randint(11, 99) / 10:.1f} million",
        "d2": f"${rng.randint(101, 990):,},000",
        "day": rng.choice(WEEKDAYS),
        "day2": rng.choice(WEEKDAYS),
        "month": rng.choice(MONTHS),
        "month2": rng.choice(MONTHS),
        "street": rng.choice(STREETS),
        "city": rng.choice(CITY_HEADS) + rng.choice(CITY_TAILS),
        "city2": rng.choice(CITY_HEADS) + rng.choice(CITY_TAILS),
        "county": rng.choice(SURNAME_HEADS) + rng.choice(("ton", "field", "more")),
        "ridge": rng.choice(("Cedar", "Elk", "Granite", "Bald", "Pine")) + " Ridge",
        "lake": rng.choice(SURNAME_HEADS) + "mere",
        "team": rng.choice(("Otters", "Foxes", "Herons", "Miners", "Comets", "Pilots")),
        "company": f"{_name(rng, False)} {rng.choice(('Industries', 'Steel', 'Foods'))}",
    }
    facts["hospital"] = f"{facts['city']} General Hospital"
    for k in range(1, 5):
        facts[f"p{k}"] = _name(rng)
        facts[f"p{k}s"] = facts[f"p{k}"].split()[1]
    return _slots(rng, topic, facts | (keep or {}))


def _slots(rng: Random, topic: Topic, facts: Facts) -> Facts:
    """``facts`` with the topic's own slots (``org``, ``thing`` ...) filled in from them."""
    for slot, choices in topic.facts.items():
        facts[slot] = _expand(rng.choice(choices), rng, facts, cap=False)
    return facts


def _write(rng: Random, topic: Topic, facts: Facts, chars: int) -> tuple[Paragraphs, Paragraphs]:
    """A body of about ``chars`` characters (lede, then 2-4 sentences a paragraph) and its plan:
    the same paragraphs as templates, so a paraphrase can tell the same facts in other words."""
    plan: Paragraphs = [[rng.choice(topic.ledes)]]
    body = _render(plan, rng, facts)
    pool: list[str] = []
    size = len(body[0][0])
    while size < chars:
        plan.append([])
        body.append([])
        for _ in range(rng.randint(2, 4)):
            if not pool:  # each template once before any repeats
                pool = list(topic.body + _grammar()[0])
                rng.shuffle(pool)
            plan[-1].append(pool.pop())
            body[-1].append(_expand(plan[-1][-1], rng, facts))
            size += len(body[-1][-1]) + 1
    return body, plan


def _render(plan: Paragraphs, rng: Random, facts: Facts) -> Paragraphs:
    return [[_expand(t, rng, facts) for t in p] for p in plan]


def _join(paragraphs: Paragraphs, sep: str = "\n\n") -> str:
    return sep.join(" ".join(p) for p in paragraphs if p)


def _swap_words(text: str) -> str:
    def swap(m: re.Match[str]) -> str:
        word = m.group()
        if word[0].isupper() and m.start() > 0:  # a name ("Will", "Chief"), not a word to swap
            return word
        new = SYNONYMS[word.lower()]
        return _upper(new) if word[0].isupper() else new

    return _SYNONYM.sub(swap, text)


def _rephrase(sentence: str) -> str:
    """One clause moved: quote attribution first, time phrase last, "X said Y" -> "Y, X said"."""
    if m := _QUOTE_SAID.match(sentence):
        return f'{m.group(2)} {m.group(3)}: "{m.group(1)}."'
    if m := _WHEN_FIRST.match(sentence):
        return f"{_upper(m.group(2))}, {m.group(1)[0].lower()}{m.group(1)[1:]}."
    if (m := _SAID_THAT.match(sentence)) and '"' not in sentence and len(m.group(1)) < 40:
        who, first = m.group(1), m.group(1).split()[0]
        if first not in GIVEN and not first.endswith(SURNAME_TAILS):
            who = who[0].lower() + who[1:]  # "Officials said X" -> "X, officials said"
        return f"{_upper(m.group(2))}, {who} said."
    return sentence


def trimmed(paragraphs: Paragraphs, rng: Random, keep: Share) -> Paragraphs:
    """A run of whole paragraphs (share ``keep`` of them), cut from the top, the bottom or both."""
    n = max(1, round(len(paragraphs) * rng.uniform(*keep)))
    start = rng.randint(0, len(paragraphs) - n)
    return paragraphs[start : start + n]


def padded(paragraphs: Paragraphs, extra: Paragraphs, rng: Random) -> Paragraphs:
    """``paragraphs`` with ``extra`` ones (background, an unrelated item) put in and after them."""
    out = list(paragraphs)
    for k, paragraph in enumerate(extra):
        out.insert(len(out) if k % 2 == 0 else rng.randint(1, len(out)), paragraph)
    return out


def revised(paragraphs: Paragraphs, rng: Random, new_sentence: str) -> Paragraphs:
    """Three sentences reworded, one sentence added and one (never in the lede) removed."""
    out = [list(p) for p in paragraphs]
    spots = [(i, j) for i, p in enumerate(out) for j in range(len(p)) if i > 0]
    for i, j in rng.sample(spots, min(3, len(spots))):
        out[i][j] = _swap_words(_rephrase(out[i][j]))
    i, j = rng.choice(spots)
    del out[i][j]
    target = out[rng.randint(1, len(out) - 1)]
    target.insert(rng.randint(0, len(target)), new_sentence)
    return [p for p in out if p]


def spun(paragraphs: Paragraphs, rng: Random) -> Paragraphs:
    """Synonyms throughout, half the clauses rephrased, sentences and paragraphs partly moved."""
    out = []
    for paragraph in paragraphs:
        p = [_swap_words(_rephrase(s) if rng.random() < 0.5 else s) for s in paragraph]
        if len(p) > 1 and rng.random() < 0.4:
            k = rng.randrange(len(p) - 1)
            p[k], p[k + 1] = p[k + 1], p[k]
        out.append(p)
    if len(out) > 3:
        k = rng.randrange(1, len(out) - 1)
        out[k], out[k + 1] = out[k + 1], out[k]
    return out


def scraped(
    paragraphs: Paragraphs, title: str, related: Sequence[str], rng: Random, site: str
) -> str:
    """The page as a content farm copies it: chrome around the body, one line per paragraph."""
    section = rng.choice(("Local", "Region", "Business", "Politics", "Sports"))
    top = [f"Home > News > {section} > {title[:40]}", f"{title} | {site}"]
    top += [f"By {_name(rng)} | {site} Staff", f"Share {rng.randint(12, 900)} | Tweet | Email"]
    when = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, 2026 at 7:{rng.randint(10, 59)} a.m."
    top.insert(3, f"Published {when}")
    bottom = ["Related:", *(f"- {r}" for r in related), f"- In: {section} News, {site}"]
    bottom += [f"Comments ({rng.randint(0, 80)})", f"© 2026 {site}. All rights reserved."]
    body = [" ".join(p) for p in paragraphs]
    body.insert(rng.randint(1, len(body)), "ADVERTISEMENT")
    return "\n".join(top + body + bottom)


def _versions(
    story: str, rng: Random, topic: Topic, kinds: Sequence[str], chars: int, keep: Share
) -> tuple[list[CorpusArticle], Facts]:
    """One story in ``kinds`` versions (the original first); the body about ``chars`` long."""
    topics = _grammar()[1]
    facts = _facts(rng, topic)
    body, plan = _write(rng, topic, facts, chars)
    title, source = _expand(rng.choice(topic.titles), rng, facts), rng.choice(OUTLETS)
    out = [CorpusArticle(story, "original", title, _join(body), source, topic.name)]
    for kind in kinds:
        outlet = rng.choice(OUTLETS)
        if kind == "trimmed":
            text = _join(trimmed(body, rng, keep))
        elif kind == "padded":
            other = rng.choice(topics)
            extra = _write(rng, topic, facts, 250 + chars // 10)[0][1:]  # background of the story
            extra += _write(rng, other, _facts(rng, other), 1)[0]  # an unrelated item
            text = _join(padded(body, extra, rng))
        elif kind == "revision":
            line = _expand(rng.choice(topic.body + _grammar()[0]), rng, facts)
            text, outlet = _join(revised(body, rng, line)), source
        elif kind == "spun":
            reworded = _render(plan, Random(rng.getrandbits(32)), facts)
            text, title = _join(spun(reworded, rng)), _swap_words(title)
        else:  # scraped
            outlet = rng.choice(FARMS)
            others = [t for t in topics if t is not topic]  # other news from the same city
            related = [
                _expand(rng.choice(t.titles), rng, _slots(rng, t, dict(facts)))
                for t in rng.sample(others, 3)
            ]
            text = scraped(body, title, related, rng, outlet)
        out.append(CorpusArticle(story, kind, title, text, outlet, topic.name))
    return out, facts


SHARED_FACTS = ("city", "county", "company", "hospital", "team", "ridge", "lake")
"""What a hard negative keeps of its story: places and institutions, not people or numbers."""


def _unrelated(story: str, rng: Random, topic: Topic, like: Facts) -> CorpusArticle:
    """A hard negative: the topic, city and agency of a story (``like``), other facts."""
    facts = _facts(rng, topic, keep={k: like[k] for k in SHARED_FACTS})
    body = _write(rng, topic, facts, rng.randint(1_800, 4_500))[0]
    title = _expand(rng.choice(topic.titles), rng, facts)
    return CorpusArticle(story, "unrelated", title, _join(body), rng.choice(OUTLETS), topic.name)


def _brief(story: str, rng: Random, day: str) -> CorpusArticle:
    """A short same-day wire item: a lede, a few facts, and the wire's boilerplate lines."""
    topic = rng.choice(_grammar()[1])
    facts = _facts(rng, topic, keep={"day": day})
    lines = [_expand(rng.choice(topic.ledes), rng, facts)]
    picks = rng.sample(topic.body, 3) + rng.sample(_grammar()[0], rng.randint(2, 3))
    lines += [_expand(t, rng, facts) for t in picks]
    lines.append(" ".join(rng.sample(BOILERPLATE, rng.randint(2, 3))))
    title = _expand(rng.choice(topic.titles), rng, facts)
    return CorpusArticle(story, "brief", title, "\n\n".join(lines), "Harbor Wire", topic.name)


VARIANT_KINDS = ("revision", "trimmed", "padded", "spun", "scraped")


def grouping_corpus(seed: int = 2026) -> list[CorpusArticle]:
    """48 stories of 2-6 versions, 24 same-topic unrelated articles, 24 wire briefs; shuffled.

    Stories run 300-900 words; story ``k`` has ``2 + k % 5`` versions: the original and that
    many minus one of the variant kinds, drawn at random.
    """
    rng = Random(seed)
    articles: list[CorpusArticle] = []
    stories = []
    for k in range(48):
        kinds = rng.sample(VARIANT_KINDS, 1 + k % 5)
        chars = rng.randint(1_900, 5_200)
        topic = _grammar()[1][k % len(_grammar()[1])]  # every topic about as often
        versions, facts = _versions(f"s{k + 1:03d}", rng, topic, kinds, chars, (0.3, 0.6))
        articles += versions
        stories.append((topic, facts))
    articles += [_unrelated(f"u{k + 1:03d}", rng, *stories[2 * k]) for k in range(24)]
    day = rng.choice(WEEKDAYS)
    articles += [_brief(f"b{k + 1:03d}", rng, day) for k in range(24)]
    rng.shuffle(articles)
    return articles


def import_archive(n: int = 10_000, *, size: int = 4_000, seed: int = 7) -> Iterator[CorpusArticle]:
    """``n`` articles of about ``size`` characters, streamed story by story (1-5 versions each).

    Variants stay near ``size``: a trimmed copy keeps 85-95 % of its paragraphs, padding adds
    about a tenth; each story is drawn from its own seed, so nothing accumulates.
    """
    stories = (_archive_story(k, size, seed) for k in itertools.count())
    yield from itertools.islice(itertools.chain.from_iterable(stories), n)


def _archive_story(k: int, size: int, seed: int) -> list[CorpusArticle]:
    rng = Random(seed * 1_000_003 + k)
    kinds = rng.sample(VARIANT_KINDS[1:], rng.randint(0, 4))  # no revisions in an archive
    topic = rng.choice(_grammar()[1])
    return _versions(f"a{k:06d}", rng, topic, kinds, size * 19 // 20, (0.85, 0.95))[0]
